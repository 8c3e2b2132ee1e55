// The reconciliation's findings and statistics as JSON (see reconcile.h).
#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit {

nlohmann::ordered_json to_json(const AuditFinding& f) {
  nlohmann::ordered_json j;
  j["kind"] = f.kind;
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
  j["selective_entry"] = {{"selective", t.selective}, {"missing", t.missing}, {"entered", t.entered},
                          {"median_amount_missing", t.median_missing}, {"median_amount_entered", t.median_entered},
                          {"ratio", t.ratio}, {"mann_whitney_u", t.u}, {"p", t.p}, {"near_missing", t.near_missing},
                          {"near_entered", t.near_entered}, {"near_p", t.near_p}, {"transfer_missing", t.transfer_missing},
                          {"transfer_entered", t.transfer_entered}, {"transfer_p", t.transfer_p}, {"words", t.words}};
  return j;
}

}  // namespace caseaudit::audit
