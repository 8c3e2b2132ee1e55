// Cells of an imported table and how one cell is read as its field's type.
//
// Every reader (CSV, .xlsx, .xls) hands rows of Cells to the row processor:
// text as the file shows it, plus the number Excel stored when the cell was
// numeric, so a date serial or an amount is not read back through a
// formatted string. Parsing a cell never throws: it gives a value, nothing
// (blank), or a reason the text could not be read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::audit::import {

struct Cell {
  std::string text;         // as shown; for a numeric Excel cell, the number written out
  bool numeric = false;     // Excel stored a number (or a date serial)
  double number = 0;        // the stored number when numeric
  bool date_styled = false; // the cell's number format is a date format
};
using Row = std::vector<Cell>;

// Trims ASCII white space, U+3000 (ideographic space), U+00A0 and a stray BOM.
std::string_view trim(std::string_view text);

// Blank, or a placeholder operators type for "nothing": - -- — / 无 空 N/A null.
bool is_blank_value(std::string_view trimmed);

// Writes an Excel number as text: integers without ".0", others with up to
// 15 significant digits (12345.6 not 12345.600000000001).
std::string format_number(double value);

// Excel date serial -> date, 1900 system with its fake 29 Feb 1900 (serial 60
// is refused) or the 1904 system. The time of day (fraction) is dropped.
std::optional<forms::Date> excel_serial_date(double serial, bool date1904);

struct DateCell {
  std::optional<forms::Date> date;  // empty with a blank cell or a problem
  std::string problem;              // "" when read or blank
};
// Dates in every form forms::parse_date reads, plus a time after the date
// ("2023/5/12 0:00:00", "2023-05-12 10:20", "2023-05-12T10:20:00"),
// "20230512", and Excel serials (numeric cells, or 5-digit numbers).
DateCell read_date_cell(const Cell& cell, bool date1904);

struct AmountCell {
  std::optional<std::int64_t> fen;
  std::string problem;
};
// Amounts in 分: "12,345.60", "1.2万", "¥5000", "5000元", full-width digits,
// 大写. `multiplier` is 10000 for a column headed (万元): it applies to a cell
// that carries no unit of its own.
AmountCell read_amount_cell(const Cell& cell, int multiplier);

}  // namespace caseaudit::audit::import
