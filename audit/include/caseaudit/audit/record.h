// A case record: one case as the audit compares it, whichever side it comes
// from: a scanned case file (read by forms), a row of the platform export, or a
// row of a bureau's own case register (台账). Both sides of the reconciliation
// are vectors of these, so linking and the findings never care where a value
// was read, only that its origin can be shown to a reviewer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::audit {

// 案件类别 as the platform files a case.
enum class Category { Unknown, Penalty, Transfer };
std::string_view category_name(Category c);  // 未知 | 行政处罚 | 涉嫌犯罪移送
// 行政处罚, 一般程序, 处罚案件 -> Penalty; 涉嫌犯罪移送, 移送, 刑事移送, 涉嫌犯罪案件 -> Transfer.
std::optional<Category> parse_category(std::string_view text);

// The file records were read from, shared by all of them (an export's rows
// hold one path between them, not one each), with its name as a person reads
// it, made once. Converts from and to a path.
class SourceFile {
 public:
  SourceFile() : SourceFile(std::filesystem::path()) {}
  SourceFile(const std::filesystem::path& path);  // NOLINT: a path is a source file
  SourceFile(const char* path) : SourceFile(std::filesystem::path(path)) {}
  SourceFile(const std::string& path) : SourceFile(std::filesystem::path(path)) {}
  const std::filesystem::path& path() const { return shared_->path; }
  operator const std::filesystem::path&() const { return shared_->path; }  // NOLINT
  std::filesystem::path filename() const { return shared_->path.filename(); }
  bool empty() const { return shared_->path.empty(); }
  // "folder/name" through ocr::readable_path (the folder too: a unit's
  // register and export often share a file name).
  const std::string& readable_name() const { return shared_->readable; }

 private:
  struct Shared {
    std::filesystem::path path;
    std::string readable;
  };
  std::shared_ptr<const Shared> shared_;
};

// Where a record was read: a row of a table file, or a scanned case file.
struct Origin {
  SourceFile file;             // the export / register, or the case file's folder or PDF
  std::string sheet;           // worksheet name for Excel files; empty for CSV and case files
  int row = 0;                 // 1-based row as a spreadsheet program shows it; 0 for a case file
  std::string text() const;    // "export.csv 第12行 (row 12)", "案卷 case-003"
};

// A cell that could not be read as its field's type: the record keeps the
// field unknown and the audit goes on.
struct CellProblem {
  std::filesystem::path file;
  int row = 0;             // 1-based spreadsheet row
  std::string column;      // the column header as found in the file
  std::string raw;         // the cell text, cut for messages (ocr::cut_for_message)
  std::string problem;     // Chinese first, English after: "日期无法识别 (date not readable)"
  std::string message() const;  // "export.csv 第12行 立案日期 “2023-13-01”: 日期无法识别 (date not readable)"
};

// When a blank cell makes a platform entry incomplete (a column profile's
// must_fill): always; when_known, when the case file (or register row) shows a
// value for it; transfer / penalty, always for that category of case and
// when known for the other.
enum class MustFill { Never, Always, WhenKnown, Transfer, Penalty };
std::string_view must_fill_name(MustFill m);  // never | always | when_known | transfer | penalty
// The names above, and true (always) / false (never).
std::optional<MustFill> parse_must_fill(std::string_view text);

// A column left blank where the profile says it may matter (see MustFill).
struct BlankColumn {
  std::string column;                  // the header(s) as found in the file: 涉案金额, 立案时涉案金额/处罚时涉案金额
  std::string field;                   // the record field: case_amount
  MustFill rule = MustFill::Always;
  friend bool operator==(const BlankColumn&, const BlankColumn&) = default;
};

struct CaseRecord {
  std::string unit;        // 录入单位 / 执法机关 (for a scanned case file, after resolve_units: the known unit)
  std::string unit_read;   // the unit as the case file was read, when resolve_units changed it; else ""
  std::string number;      // 文号 / 案件编号, as written
  std::string number_key;  // canonical 文号 (宛市监处罚〔2023〕87号), "" when not a readable 文号
  std::string name;        // 案件名称
  std::string party;       // 当事人, as written
  std::string party_key;   // normalised for comparison (see party_key())
  float party_confidence = 0;  // OCR confidence of the 当事人 read from a scanned case file; 0 when not from OCR
  int party_sources = 0;       // documents of the case file whose 当事人 agrees with `party`; 0 when not from OCR
  // Fields of a scanned case file whose reading is not sure enough to call the
  // platform wrong: read with doubt, or on one document only and not with high
  // confidence. Keys as CaseFacts names them (party, filed, decided, fine ...).
  std::set<std::string> unsure;
  std::string cause;       // 案由
  std::string status;      // 状态
  Category category = Category::Unknown;
  std::optional<forms::Date> filed;         // 立案日期
  std::optional<forms::Date> decided;       // 处罚决定日期
  std::optional<forms::Date> transferred;   // 移送日期
  std::optional<forms::Date> withdrawn;     // 撤案日期
  std::optional<forms::Date> police_filed;  // 公安立案日期
  std::optional<forms::Date> police_refused;  // 公安不予立案决定日期 (a decision too, though not to file)
  std::optional<forms::Date> entered;       // 录入日期 (platform entries only)
  std::optional<std::int64_t> case_amount;  // 涉案金额, fen
  std::optional<std::int64_t> fine;         // 罚款金额, fen
  // Every money amount a scanned case file's facts state (fen): the platform's
  // 涉案金额 may be any of them (销售金额 or 货值金额, the column does not say).
  std::vector<std::int64_t> stated_amounts;
  std::vector<BlankColumn> blank;           // columns left blank whose profile says they may have to be filled
  std::vector<CellProblem> problems;        // cells that could not be read (the field stays unknown)
  Origin origin;
};

// The canonical 文号 of a text (forms::parse_doc_number), or "".
std::string doc_number_key(std::string_view text);
// A party name folded for comparison: full-width to half-width, spaces and
// punctuation removed, brackets unified (（有限公司） and (有限公司) compare equal).
std::string party_key(std::string_view name);

}  // namespace caseaudit::audit
