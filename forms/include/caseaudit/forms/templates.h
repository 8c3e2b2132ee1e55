// Document templates as data: forms/templates/*.yaml, one file per standard
// document type (立案审批表, 行政处罚决定书, 涉嫌犯罪案件移送书, ...). A template
// says how to recognise the document (title variants, identifying labels and
// sections), what a standard one must contain, and where each field is.
// Users add a type or a field by adding or editing a file; nothing is compiled
// in. The file format is documented in forms/templates/README.md.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"

namespace caseaudit::forms {

// How a field's text is turned into a value (normalize.h).
enum class FieldType {
  Text,           // whitespace removed, width folded
  DocNumber,      // 文号 -> canonical 〔〕 form
  Date,           // -> ISO date
  Amount,         // -> yuan (Arabic, 万/亿, capitals or plain numerals)
  CapitalAmount,  // 大写 amount -> yuan; must be written in capitals
  CreditCode,     // 统一社会信用代码 with its check character
  IdNumber,       // 身份证号 with its check digit
  Citations,      // 处罚依据: list of law + article + paragraph + item
  Officers,       // 执法人员: list of {name, 证号}
  Party,          // 当事人: a unit or a person
  Seal,           // seal present on the document's pages (from OCR page data)
  Rows,           // a table's body rows, each cell named by its column label (物品清单)
  Terms,          // which of a fixed list of terms the text names (处罚种类: 警告, 罚款, 没收违法所得 ...)
};

std::string to_string(FieldType t);

// Where a field is found.
struct FieldLocator {
  enum class Kind {
    After,    // text after one of `labels` (with or without a colon) up to `until` or line end
    Cell,     // table: the cell right of (or below, `below`) the cell holding a label
    Section,  // text from one of `labels` up to the first of `until` (may span lines and pages)
    Pattern,  // ICU regular expression over the document's text; group `group` is the value
    Seal,     // nothing to read: the page data says whether a seal is present
    Columns,  // table rows under a header row holding `columns` labels
  };
  Kind kind = Kind::After;
  std::vector<std::string> labels;
  std::vector<std::string> until;  // stop strings (After, Section)
  std::vector<std::string> exclude;  // Cell, After: a label cell or label run holding one of these is not the label
                                     // (承办人意见 is not 承办人)
  std::string until_pattern;       // Section: also stop at this ICU regular expression
  bool lines = false;              // Pattern, Section: search the text line by line ('\n' between lines)
                                   // instead of as one flow (a value that must not run across lines)
  std::string pattern;             // Pattern
  int group = 0;                   // Pattern: capture group holding the value (0 = whole match)
  bool below = false;              // Cell: value under the label instead of to its right
  bool whole_row = false;          // Cell: every cell right of the label in its row, joined (two officers in two cells)
  std::vector<std::string> and_rows;  // Cell, whole_row: a row right below whose label is one of these is read
                                      // with it, its label kept (names in one row, 执法证件号 in the next)
  std::vector<std::string> heads;     // Cell, whole_row: when the cells right of the label hold only these
                                      // column headings (姓名 | 执法证号), the values are the rows below them
  bool last = false;               // use the last match instead of the first (signature dates)
  std::string region;              // "first_page" | "last_page" | "tail" (the last 8 lines of the last
                                   // page: the signature block) | "" (everywhere)
  // Columns: output key -> header label, in the order given.
  std::vector<std::pair<std::string, std::string>> columns;
};

struct FieldSpec {
  std::string name;   // 文号, 当事人, 罚款金额 ... (the key in the output)
  FieldType type = FieldType::Text;
  std::vector<FieldLocator> find;  // tried in order; the first that yields text wins
  bool required = false;           // a standard document always shows it
  std::string note;                // what it is, for people reading the file
  std::vector<std::string> terms;  // Terms: the list, in the order the value gives them
};

// A section or label that identifies the document and that a standard one has.
struct Marker {
  std::string name;                  // 救济途径
  std::vector<std::string> any_of;   // texts, any of which shows the section
  bool required = false;             // missing on a document of this type -> non-standard
};

struct Template {
  std::string type;                       // 行政处罚决定书 (document type name)
  std::string slug;                       // decision (file name)
  std::string layout = "prose";           // prose | table
  bool multi_page = false;                // may run over several pages
  std::vector<std::string> titles;        // standard titles
  // Titles (ICU regular expressions) of self-designed documents that stand in
  // for this one: a match is this type, reported as non-standard.
  std::vector<std::string> nonstandard_titles;
  std::vector<Marker> markers;
  std::vector<FieldSpec> fields;
  std::vector<std::string> sources;       // the 格式范本 and legal provisions behind it
  std::filesystem::path file;             // where it was loaded from
  // Another template (type or slug) whose markers and fields this one takes
  // over; its own markers and fields replace those of the same name.
  std::string extends;
  bool furniture = false;                 // case-file furniture (封面, 目录): no fields checked
};

// A template file that cannot be used: names the file, the line and why.
class TemplateError : public ocr::Error {
 public:
  TemplateError(const std::filesystem::path& file, int line, const std::string& reason)
      : ocr::Error(ocr::ErrorKind::Data, ocr::located(file, line, reason), file, line) {}
};

struct TemplateSet {
  std::vector<Template> templates;
  const Template* find(const std::string& type) const;
};

// A template pattern with its named pieces written out: {DATE} (2023年5月12日,
// 二〇二三年五月十二日, 2023.5.12 and OCR's look-alikes of 〇 and 日), {DOCNO} (a
// 文号 in any bracket style), {AMOUNT} (figures with separators, 万/亿, 元),
// {AGENCY} (an agency's name ending in 局, 委员会 ...). Every other text is kept.
std::string expand_pattern(const std::string& pattern);

// Every *.yaml under `dir` (sorted by name). Throws TemplateError for a file
// that is not valid, and std::runtime_error when the folder has no templates.
TemplateSet load_templates(const std::filesystem::path& dir);
Template parse_template(const std::string& yaml_text, const std::filesystem::path& file);

// The templates shipped with caseaudit: $CASEAUDIT_TEMPLATES, else
// <executable's folder>/../forms/templates or the source tree's forms/templates.
std::filesystem::path default_templates_dir();

}  // namespace caseaudit::forms
