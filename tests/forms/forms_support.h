// Shared by the forms tests: the templates shipped with the source, and a
// document's officers as "name=number;" text.
#pragma once

#include <string>

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/extract.h"
#include "support/fixtures.h"

namespace caseaudit::test {

inline const forms::TemplateSet& shipped_templates() {
  static const forms::TemplateSet set = forms::load_templates(source_dir() / "forms" / "templates");
  return set;
}

// An officers field as "name=number;" per officer; "" when absent or unparsed.
inline std::string officers_text(const forms::ExtractedField* f) {
  std::string out;
  if (f && f->value.is_array())
    for (const auto& o : f->value) out += o["name"].get<std::string>() + "=" + o["证号"].get<std::string>() + ";";
  return out;
}

}  // namespace caseaudit::test
