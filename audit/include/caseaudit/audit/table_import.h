// Reading a platform export or a bureau's case register (台账) into case
// records: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK; the encoding detected),
// .xlsx and .xls. The header row is found among the first rows (title rows,
// merged or not, may sit above it); columns are mapped to record fields by a
// column profile (audit/exports/*.yaml), so provinces' and versions' column
// names are configuration, not code.
//
// A file that cannot be used at all (empty, no header, a required column
// missing, not decodable) throws ImportError naming the file and what is
// wrong. A cell that cannot be read is a CellProblem: the row is kept with
// that field unknown, and the rest of the file goes on.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseaudit/audit/record.h"
#include "caseaudit/ocr/error.h"

namespace caseaudit::audit {

// One column of a profile: which record field it fills and the header names
// it may carry in a file. A field may be given by several columns (当事人姓名
// and 单位名称; 处罚时涉案金额 and 立案时涉案金额): the first filled one, in
// profile order, is used, and the field is blank only when all are.
struct ColumnSpec {
  std::string field;                 // unit number name party cause status category filed decided
                                     // transferred withdrawn police_filed police_refused entered case_amount fine
  std::vector<std::string> headers;  // accepted header texts, first is the preferred one (录入单位, 执法单位 ...)
  bool required = false;             // the file must have this column (ImportError otherwise)
  MustFill must_fill = MustFill::Never;  // when a blank cell makes the entry incomplete (CaseRecord::blank)
  // Cell texts read as another text before the field parses them: a yes/no
  // transfer column gives {是: 涉嫌犯罪移送, 否: 行政处罚}.
  std::vector<std::pair<std::string, std::string>> values;
  int line = 0;                      // where it is set in the profile file
};

struct ColumnProfile {
  std::string name;   // file stem: platform
  std::string title;  // 两法衔接平台导出（通用列名）
  std::string side = "any";  // platform | register | any: which side `auto` may choose it for
  std::optional<Category> category;  // defaults.category: every row's category when no column gives one
  std::vector<ColumnSpec> columns;
  std::filesystem::path file;
};

// Loads <folder>/<name>.yaml; throws rules::DataError (file, line, reason) for
// a malformed profile (unknown field, no headers, duplicate field).
ColumnProfile load_column_profile(const std::filesystem::path& folder, std::string_view name);
// Every profile in a folder (*.yaml but README), sorted by name; the first
// malformed one throws as above.
std::vector<ColumnProfile> load_column_profiles(const std::filesystem::path& folder);
// The candidates `auto` chooses from for one side ("platform" or "register"):
// the profiles whose side is that or any, the one named like the side first.
std::vector<ColumnProfile> auto_candidates(const std::vector<ColumnProfile>& all, std::string_view side);
// The folder of the shipped column profiles: $CASEAUDIT_EXPORTS, else
// <executable's folder>/../audit/exports, else the source tree's audit/exports.
std::filesystem::path default_exports_dir();

// An export or register that cannot be read, named with the reason; file()
// from ocr::Error.
class ImportError : public ocr::Error {
 public:
  ImportError(const std::filesystem::path& file, const std::string& reason)
      : ocr::Error(ocr::ErrorKind::Input, ocr::located(file, 0, reason), file) {}
};

struct ImportReport {
  std::filesystem::path file;
  std::string format;                // csv | xlsx | xls
  std::string encoding;              // UTF-8 | UTF-8 (BOM) | GB18030; "" for Excel files
  std::string sheet;                 // the worksheet read (Excel)
  int header_row = 0;                // 1-based
  std::string profile;                 // the column profile used (chosen by import_table_auto, or the one given)
  std::vector<std::string> columns_found;
  std::vector<std::string> fields_mapped;  // the record fields some column of the file fills (filed, entered ...)
  std::vector<CaseRecord> records;   // one per data row, origin set
  std::vector<CellProblem> problems; // every cell that could not be read, in row order
  int skipped_rows = 0;              // blank rows, repeated header rows and footer rows (合计, 制表人) skipped
};

// Reads one export or register. Progress is not reported: a million-row CSV
// takes seconds.
ImportReport import_table(const std::filesystem::path& file, const ColumnProfile& profile);
// Chooses the profile per file: among the candidates whose required columns
// are all in the header row, the one that maps the most columns (ties: the
// earlier candidate). None fits: ImportError naming the closest profile's
// missing columns.
ImportReport import_table_auto(const std::filesystem::path& file, const std::vector<ColumnProfile>& candidates);

}  // namespace caseaudit::audit
