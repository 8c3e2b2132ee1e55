// Turns the rows of one table, in order, into case records: buffers the first
// rows until the header can be chosen among them, then reads every later row
// as it arrives, so a million-row file is never held twice.
//
// Rows above the header (titles) are ignored; after it, blank rows and
// repeated header rows are skipped, footer rows (合计, 制表人 ...) are skipped
// and reported as a problem, and every other row becomes a record, whatever
// its cells hold.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "caseaudit/audit/table_import.h"
#include "import/cells.h"
#include "import/fields.h"
#include "import/header_match.h"

namespace caseaudit::audit::import {

// How many rows from the top the header may be found in.
inline constexpr std::size_t kHeaderSearchRows = 20;

class RowProcessor {
 public:
  // `report.file`, `report.sheet` are used for origins and problems. The
  // header row chooses among `candidates` (choose_profile); one candidate is
  // a profile given by name. The candidates must outlive the processor.
  RowProcessor(const std::vector<ColumnProfile>& candidates, ImportReport& report, bool date1904 = false);

  // One spreadsheet row (1-based number as a spreadsheet shows it).
  void add(int row_number, const Row& row);
  // End of the table: chooses the header if fewer rows than the search window
  // arrived. Throws ImportError for an empty table or missing columns.
  void finish();

 private:
  struct Column {
    MappedColumn map;
    Field field;
    const ColumnSpec* spec;
  };
  void decide_header();
  void process(int row_number, const Row& row);
  std::optional<Category> category_of(std::string_view text);
  void problem(CaseRecord& record, const Column& column, const Cell& cell, const std::string& reason);

  const std::vector<ColumnProfile>& candidates_;
  const ColumnProfile* profile_ = nullptr;  // the one chosen
  bool category_column_ = false;            // some column fills the category
  ImportReport& report_;
  SourceFile source_;  // report_.file, shared by every record
  bool date1904_;
  bool decided_ = false;
  std::vector<std::pair<int, Row>> pending_;
  std::vector<Column> columns_;              // in file column order
  struct BlankRule {
    std::string headers;  // the field's headers in the file, in profile order, joined by /
    std::string field;
    MustFill rule = MustFill::Never;
  };
  BlankRule blank_rules_[kFieldCount];      // per field (Field), set with the header
  std::vector<std::string> header_cells_;  // header row texts by file column
  // 案件类别 takes a handful of values: each is folded and read once.
  std::vector<std::pair<std::string, std::optional<Category>>> categories_;
};

}  // namespace caseaudit::audit::import
