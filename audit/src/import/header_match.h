// Finding the header row of a table and mapping its columns to the fields of
// a column profile.
//
// Header texts are compared folded: NFKC (full-width letters, digits and
// brackets become half-width), white space removed, a leading or trailing *
// (required-field marker) and a trailing colon dropped, Latin letters lower
// case. A unit in brackets after the name is allowed: "涉案金额(元)" and
// "涉案金额（万元）" both match 涉案金额, and (万元) makes the column's bare
// numbers ten-thousands of yuan.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/audit/table_import.h"
#include "import/cells.h"

namespace caseaudit::audit::import {

// The folded form of a header text (see above), without the unit bracket.
struct FoldedHeader {
  std::string name;    // 涉案金额
  std::string full;    // 涉案金额(万元): compared first, so an alias may carry brackets itself
  int multiplier = 1;  // 10000 for a (万元) unit
};
FoldedHeader fold_header(std::string_view text);

// One file column mapped to one profile column.
struct MappedColumn {
  std::size_t column = 0;   // 0-based index in the file's rows
  std::size_t spec = 0;     // index into ColumnProfile::columns
  std::string header;       // the header text as found in the file (trimmed)
  int multiplier = 1;
};

struct HeaderMatch {
  std::size_t row_index = 0;             // index into the rows searched
  std::vector<MappedColumn> columns;     // in file column order
  std::vector<std::string> found;        // every non-empty header cell, as found
  std::vector<std::size_t> missing;      // required specs not found (indices into the profile)
  bool any_cell = false;                 // the rows searched hold anything at all
  bool ok() const { return any_cell && missing.empty() && !columns.empty(); }
};

// Matches one row against the profile: which columns it maps.
std::vector<MappedColumn> match_row(const Row& row, const ColumnProfile& profile);

// Searches the given rows (the first 20 of a table) for the one that maps the
// most profile columns; ties go to the earlier row. With no row mapping
// anything, `found` lists the first non-empty row's cells.
HeaderMatch find_header(const std::vector<Row>& rows, const ColumnProfile& profile);

// "缺少必需的列 ... 文件中的列 ..." for a match with missing columns.
std::string missing_columns_message(const HeaderMatch& match, const ColumnProfile& profile);

}  // namespace caseaudit::audit::import

namespace caseaudit::audit::import {

// Which worksheet of a workbook to read, from each sheet's first rows: the
// first whose header row holds every required column of some candidate, else the first that
// holds anything (its import then names the missing columns); -1 when every
// sheet is empty.
int choose_sheet(const std::vector<std::vector<Row>>& first_rows, const std::vector<ColumnProfile>& candidates);

// The candidate profile a table's first rows fit: every required column in
// its header row, and the most columns mapped (ties: the earlier candidate).
// index -1 when none fits; `match` is then the closest candidate's (the one
// mapping the most columns), at `closest`, for the message.
struct ProfileChoice {
  int index = -1;
  int closest = 0;
  HeaderMatch match;
};
ProfileChoice choose_profile(const std::vector<Row>& rows, const std::vector<ColumnProfile>& candidates);

}  // namespace caseaudit::audit::import
