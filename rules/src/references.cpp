// References between documents (see references.h).
#include "references.h"

#include "caseaudit/forms/code_points.h"
#include "caseaudit/forms/lookalikes.h"

namespace caseaudit::rules {

namespace {

std::string text_of(const forms::ExtractedField& f) { return f.value.is_string() ? f.value.get<std::string>() : f.raw; }

// The text names the type: it holds it, or a stretch of it reads as it with
// an OCR slip or two (行政处罚决走书).
bool names_type(const std::string& text, const std::string& type) {
  if (text.find(type) != std::string::npos) return true;
  const std::u32string t = forms::to_u32(text), want = forms::to_u32(type);
  if (want.size() < 4 || t.size() < want.size()) return false;
  for (std::size_t at = 0; at + want.size() <= t.size(); ++at)
    if (forms::similarity(std::u32string_view(t).substr(at, want.size()), want, true) >= 0.8) return true;
  return false;
}

}  // namespace

bool refers_to(const forms::CaseExtraction& c, const forms::Document& d, const std::string& key, const std::string& type) {
  // The 文号 it gives decides when another document of the file has it.
  if (const auto* number = d.field(key + "文号"); number && number->parsed && number->value.is_string()) {
    const std::string n = number->value.get<std::string>();
    for (const auto& other : c.documents) {
      if (&other == &d) continue;
      const auto* own = other.field("文号");
      if (own && own->parsed && own->value == n) return other.type == type;
    }
  }
  const auto* f = d.field(key);
  return f && names_type(text_of(*f) + f->raw, type);
}

std::optional<DatedField> dated(const forms::CaseExtraction& c, const std::string& ref) {
  const auto dot = ref.rfind('.');
  std::string type = ref.substr(0, dot);
  const std::string name = ref.substr(dot + 1);
  std::string key, want;
  if (const auto open = type.find('['); open != std::string::npos && type.back() == ']') {
    const std::string cond = type.substr(open + 1, type.size() - open - 2);
    const auto eq = cond.find('=');
    key = cond.substr(0, eq), want = eq == std::string::npos ? "" : cond.substr(eq + 1);
    type = type.substr(0, open);
  }
  for (std::size_t i = 0; i < c.documents.size(); ++i) {
    const forms::Document& d = c.documents[i];
    if (d.type != type) continue;
    if (!key.empty() && !refers_to(c, d, key, want)) continue;
    const forms::ExtractedField* f = d.field(name);
    if (!f || !f->parsed || !f->value.is_string()) continue;
    if (const auto date = forms::parse_date(f->value.get<std::string>())) return DatedField{static_cast<int>(i), &d, f, *date};
  }
  return std::nullopt;
}

}  // namespace caseaudit::rules
