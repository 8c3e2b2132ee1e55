// Findings as JSON (see finding.h).
#include "caseaudit/rules/finding.h"

namespace caseaudit::rules {

std::string to_string(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j{{"rule", f.rule}, {"severity", to_string(f.severity)}, {"message", f.message}, {"basis", f.basis}};
  if (!f.note.empty()) j["note"] = f.note;
  j["evidence"] = nlohmann::json::array();
  for (const auto& e : f.evidence)
    j["evidence"].push_back({{"document", e.document}, {"doc_type", e.doc_type}, {"page", e.page},
                             {"box", {e.box.x, e.box.y, e.box.w, e.box.h}}, {"text", e.text}});
  return j;
}

}  // namespace caseaudit::rules
