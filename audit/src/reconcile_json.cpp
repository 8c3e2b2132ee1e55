// The reconciliation's findings and statistics as JSON (see reconcile.h).
#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit {

nlohmann::ordered_json to_json(const AuditFinding& f) {
  nlohmann::ordered_json j;
  j["kind"] = f.kind;
  if (!f.title.empty()) j["title"] = f.title;
  j["severity"] = rules::to_string(f.severity);
  j["unit"] = f.unit;
  j["number"] = f.number.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(f.number);
  j["party"] = f.party;
  j["message"] = f.message;
  j["basis"] = f.basis;
  if (!f.note.empty()) j["note"] = f.note;
  j["evidence"] = f.evidence;
  return j;
}

nlohmann::ordered_json to_json(const UnitStats& s) {
  auto rate = [](int a, int n) { return n ? nlohmann::ordered_json(static_cast<double>(a) / n) : nlohmann::ordered_json(); };
  nlohmann::ordered_json j;
  j["unit"] = s.unit;
  j["cases"] = s.cases;
  j["entered"] = s.entered;
  j["entry_rate"] = rate(s.entered, s.cases);
  j["entry_rate_ci95"] = {s.entry_ci.low, s.entry_ci.high};
  j["timed"] = s.timed;
  j["on_time"] = s.on_time;
  j["on_time_rate"] = rate(s.on_time, s.timed);
  j["on_time_rate_ci95"] = {s.on_time_ci.low, s.on_time_ci.high};
  j["median_delay_working_days"] = s.median_delay ? nlohmann::ordered_json(*s.median_delay) : nlohmann::ordered_json();
  j["entries_without_case_file"] = s.orphans;
  if (s.checked)
    j["documents"] = {{"checked_files", s.checked}, {"files_with_defects", s.with_defects}, {"defects", s.defects},
                      {"share_with_defects", static_cast<double>(s.with_defects) / s.checked},
                      {"share_with_defects_ci95", {s.defective_ci.low, s.defective_ci.high}}};
  const SelectiveTest& t = s.selective;
  auto amount = [](const AmountTest& a) {
    nlohmann::ordered_json m;
    m["measure"] = a.measure;
    m["tested"] = a.tested;
    m["missing"] = a.missing;
    m["entered"] = a.entered;
    m["median_missing"] = a.median_missing;
    m["median_entered"] = a.median_entered;
    m["ratio"] = a.ratio;
    m["mann_whitney_u"] = a.u;
    m["p"] = a.p;
    m["significant"] = a.significant;
    return m;
  };
  nlohmann::ordered_json sel;
  sel["selective"] = t.selective;
  sel["measures"] = t.measures;  // what was significant
  sel["tested"] = t.tested;      // what was tested
  sel["missing"] = t.missing;
  sel["entered"] = t.entered;
  sel["amounts"] = {amount(t.case_amount), amount(t.fine)};
  sel["amount_alpha"] = t.amount_alpha;
  sel["near_missing"] = t.near_missing;
  sel["near_entered"] = t.near_entered;
  sel["near_p"] = t.near_p;
  sel["transfer_missing"] = t.transfer_missing;
  sel["transfer_entered"] = t.transfer_entered;
  sel["transfer_p"] = t.transfer_p;
  sel["words"] = t.words;
  j["selective_entry"] = sel;
  return j;
}

}  // namespace caseaudit::audit
