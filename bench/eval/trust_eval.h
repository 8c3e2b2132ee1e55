// Scoring the readers and the audit against the trust set's truth
// (fixtures/README.md, `trust/`): document types and field exact-match of
// `caseaudit extract` (per document type and per field, fields cut by the page
// edge apart), and the precision and recall of `caseaudit audit`'s findings
// per kind, with the false ones put down to the traps of their case files.
// The documents and fields are compared with forms_eval.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseaudit/forms/templates.h"
#include "eval/forms_eval.h"

namespace caseaudit::eval {

struct KindScore {
  int truth = 0;    // planted
  int found = 0;    // reported
  int matched = 0;  // reported and planted
  double precision() const { return found ? static_cast<double>(matched) / found : 1.0; }
  double recall() const { return truth ? static_cast<double>(matched) / truth : 1.0; }
};

// One finding as the scorer keys it.
struct TrustFinding {
  std::string kind, unit, folder, number;  // folder "" for unit findings and orphans; number canonical
  std::string text;                        // for people
};

struct TrustScore {
  std::string family;           // tune | held-out | all
  int cases = 0, pages = 0;
  std::vector<std::string> missing_extractions;  // case files without <case>.extract.json
  Score fields;                 // documents, fields per type and field, cut fields apart
  std::map<std::string, KindScore> kinds;         // every kind planted or reported
  std::set<std::string> planted_kinds;            // the kinds the truth plants (in this family)
  std::map<std::string, int> false_by_cause;      // false findings by the trap of their case file
  std::vector<TrustFinding> false_findings, missed_findings;
  KindScore all() const;                          // over the planted kinds and every false finding
};

struct TrustOptions {
  std::string family = "all";         // tune | held-out | all
  bool all_severities = false;        // also count findings at info severity (提示, needs a look)
};

// Scores EXTRACT_DIR/<case>.extract.json and AUDIT_JSON (caseaudit.audit/1)
// against TRUST_DIR (truth.json, cases/<case>.truth/).
TrustScore score_trust(const std::filesystem::path& trust_dir, const std::filesystem::path& extract_dir,
                       const std::filesystem::path& audit_json, const forms::TemplateSet& templates,
                       const TrustOptions& options);

// The case folder an audit finding is about: its `case` key, or the case
// file named in its evidence ("案卷 case-003 (case file) …"); "" if none.
std::string finding_case(const nlohmann::json& finding);

// The trap causes that can explain a false finding of `kind` (most likely first).
std::vector<std::string> causes_for(const std::string& kind);
// The truth field a document finding is about (执法人员 for *.officers ...), or "".
std::string field_of(const std::string& kind);

}  // namespace caseaudit::eval
