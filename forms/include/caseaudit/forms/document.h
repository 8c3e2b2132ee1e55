// What forms makes of a case file: its documents, each with a type, a
// confidence, whether it follows its template, and its fields. Every value is
// traceable to the page and box it was read from. Rules, the platform audit and
// the review screen read these types.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::forms {

inline constexpr const char* kUnknownType = "unknown";

struct Evidence {
  int page = -1;  // 0-based index into the case file's pages; -1 when not on a page
  ocr::Box box;
};

struct ExtractedField {
  std::string name;
  std::string type;               // to_string(FieldType)
  std::string raw;                // the text as read (spaces removed)
  nlohmann::json value;           // normalised value; null when `parsed` is false
  bool parsed = false;            // false: the text could not be read as its type (kept raw)
  std::string problem;            // why not parsed, or a note (check digit failed, possible misread ...)
  float confidence = 0;           // OCR confidence of the text it came from, [0, 1]
  std::vector<Evidence> where;    // pages and boxes the text came from
  // false when the value may be a misread: read with low OCR confidence, or
  // not parsed. A rule never calls a defect on an uncertain value; it lists
  // it for a person to verify (待核实) instead.
  bool certain = true;
  // Set when the case file's other documents showed the value better (one
  // case file, one truth): what was read here, before it was corrected.
  std::string corrected_from;
};

// A required field the document does not show as read: either it is not
// there (absent: the label is there and empty, or the whole document read
// well and the text is not in it) or it could not be read (unreadable: under
// a seal, faint, cut, low confidence). Only absence is a defect.
struct FieldGap {
  std::string name;
  bool absent = false;
  std::string reason;           // Chinese, with English beside it
  std::vector<Evidence> where;  // where the field should be (its label, or the page)
};

struct Deviation {
  std::string code;     // title | missing_section | missing_field
  std::string message;  // Chinese, with English beside it
};

struct Document {
  std::string type = kUnknownType;  // template type, or "unknown"
  std::string slug;
  double confidence = 0;            // [0, 1]: how sure the type is
  std::string title;                // the title line as read
  bool standard = true;             // follows the template
  std::vector<Deviation> deviations;
  std::vector<int> pages;           // 0-based indexes into the case file's pages
  std::vector<ExtractedField> fields;
  std::vector<std::string> missing_fields;  // required fields not found: absent or unreadable (see gaps)
  std::vector<FieldGap> gaps;               // why each required field was not found

  const ExtractedField* field(const std::string& name) const;
  // The gap of a required field that was not found, or null.
  const FieldGap* gap(const std::string& name) const;
};

struct PageInfo {
  std::string label;  // "case-001/3.jpg", "case-002.pdf p.2/9"
  std::string file;
  int index = 0;      // page inside the file
  int width = 0, height = 0;
  double confidence = 0;
  std::string colour_mode;  // how the page was scanned: colour | grey | bilevel; "" when not known
  int seals = 0;            // seals found on the page (by colour or by shape)
};

struct CaseExtraction {
  std::string name;                 // case file name
  std::vector<PageInfo> pages;
  std::vector<Document> documents;  // in page order
};

}  // namespace caseaudit::forms
