// Case records from scanned case files (see case_records.h).
#include "caseaudit/audit/case_records.h"

namespace caseaudit::audit {

namespace {

// A reading that can stand against the platform: certain, not contradicted by
// another document of the file, and either agreed by two documents or read
// with high confidence on the only one that states it.
bool sure(const rules::FactValue& v) {
  const auto agreed = static_cast<int>(v.agreeing.size());
  return v.certain && v.readings <= agreed && (agreed >= 2 || v.confidence >= 0.95f);
}

}  // namespace

CaseRecord record_from_case(const forms::CaseExtraction& c, const rules::CaseFacts& f, const std::filesystem::path& source) {
  CaseRecord r;
  r.unit = f.text("unit");
  r.number = f.text("number");
  r.number_key = doc_number_key(r.number);
  r.party = f.text("party");
  r.party_key = party_key(r.party);
  // How far the party's reading can be trusted (platform.party_typo): the OCR
  // confidence of the reading taken, and how many documents read the same.
  if (const rules::FactValue* party = f.get("party")) {
    r.party_confidence = party->confidence;
    r.party_sources = static_cast<int>(party->agreeing.size());
  }
  r.cause = f.text("cause");
  r.name = r.party + (r.cause.rfind("涉嫌", 0) == 0 ? "" : "涉嫌") + r.cause + "案";
  r.category = f.kind == rules::CaseKind::Transfer  ? Category::Transfer
               : f.kind == rules::CaseKind::Penalty ? Category::Penalty
                                                    : Category::Unknown;
  r.filed = f.date("filed");
  r.decided = f.date("decided");
  r.transferred = f.date("transferred");
  r.withdrawn = f.date("withdrawn");
  r.police_filed = f.date("police_filed");
  r.police_refused = f.date("police_refused");
  r.case_amount = f.fen("case_amount");
  r.fine = f.fen("fine");
  for (const char* key : {"party", "filed", "decided", "transferred", "withdrawn", "case_amount", "fine"})
    if (const rules::FactValue* v = f.get(key); v && !sure(*v)) r.unsure.insert(key);
  r.origin.file = source.empty() ? std::filesystem::path(c.name) : source;
  return r;
}

void add_stated_amounts(CaseRecord& r, const rules::TransferScreening& s) {
  for (const auto& [measure, q] : s.stated)
    if (q.unit == rules::Unit::Yuan) r.stated_amounts.push_back(q.hundredths);
  if (r.case_amount || s.case_measure.empty()) return;
  const auto it = s.stated.find(s.case_measure);
  if (it == s.stated.end() || it->second.unit != rules::Unit::Yuan) return;
  r.case_amount = it->second.hundredths;
  if (!s.case_measure_sure) r.unsure.insert("case_amount");
}

}  // namespace caseaudit::audit
