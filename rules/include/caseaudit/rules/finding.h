// A finding: what a rule found wrong in a case file, with the rule's legal or
// policy basis and the evidence a reviewer checks in seconds (document, page,
// box, the text read there). Findings are data for the audit and the reports,
// never log lines.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::rules {

enum class Severity { Info, Warning, Error };
std::string to_string(Severity s);  // info | warning | error

struct FindingEvidence {
  int document = -1;    // index into the extraction's documents; -1 for the case file as a whole
  std::string doc_type;
  int page = -1;        // case-file page index
  ocr::Box box;
  std::string text;     // what was read there (or "" when the finding is that nothing was)
};

struct Finding {
  std::string rule;      // stable rule id: decision.fine-capitals-agree
  Severity severity = Severity::Error;
  std::string message;   // Chinese, with English beside it
  std::string basis;     // the legal or policy source
  std::string note;      // e.g. "possible OCR misread: …"
  std::vector<FindingEvidence> evidence;
};

nlohmann::json to_json(const Finding& f);

}  // namespace caseaudit::rules
