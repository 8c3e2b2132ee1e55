// The check job (see check_job.h).
#include "caseaudit/rules/check_job.h"

#include <algorithm>

#include "caseaudit/forms/id_mask.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/profile.h"
#include "caseaudit/rules/rule_pack.h"
#include "caseaudit/rules/screening.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;

namespace {

// The case value that starts each kind of clock, and its name; kinds the case
// file cannot date (facts found, objections, consultations) have none.
std::pair<std::string, std::string> clock_value(Clock c) {
  switch (c) {
    case Clock::CaseFiled: return {"filed", "立案日期"};
    case Clock::CaseDecided: return {"decided", "决定日期"};
    case Clock::CaseTransferred: return {"transferred", "移送日期"};
    case Clock::CaseWithdrawn: return {"withdrawn", "撤案日期"};
    default: return {"", ""};
  }
}

std::vector<EntryDue> entry_deadlines(const CaseFacts& facts, const Profile& p, const WorkCalendar& cal,
                                      std::vector<std::string>& notes) {
  std::vector<EntryDue> out;
  for (const EntryDeadline& e : p.entry_deadlines) {
    const auto [key, name] = clock_value(e.clock);
    if (key.empty()) continue;
    const FactValue* v = facts.get(key);
    const auto start = facts.date(key);
    if (!v || !start) continue;
    const std::string type = v->source.type;
    const int n = e.deadline.count - (p.counting.first_day_counts ? 1 : 0);
    try {
      Date due;
      switch (e.deadline.unit) {
        case Duration::Unit::WorkingDays: due = cal.add_working_days(*start, n); break;
        case Duration::Unit::Days: due = add_calendar_days(*start, n); break;
        case Duration::Unit::Months: due = add_months(*start, e.deadline.count); break;
        case Duration::Unit::Years: due = add_months(*start, 12 * e.deadline.count); break;
      }
      const std::string source = e.source.text() + (e.clock_source ? "；" + e.clock_source->text() : "");
      out.push_back({e.kind, e.information, start->iso(), due.iso(), e.deadline.text(), source,
                     e.information + "须于 " + due.iso() + " 前录入（" + type + name + " " + start->iso() + " 起 " +
                         e.deadline.text() + "） / enter by " + due.iso()});
    } catch (const MissingCalendarYear& ex) {
      notes.push_back(e.information + "的录入期限无法计算 (entry deadline not computed): " + ex.what());
    }
  }
  return out;
}

// The values the platform asks for, from the case values (the same mapping
// the audit compares with the platform).
nlohmann::ordered_json platform_values(const CaseFacts& f) {
  nlohmann::ordered_json v;
  const std::string party = f.text("party"), cause = f.text("cause");
  v["案件编号/文号"] = f.text("number");
  v["案件名称"] = !party.empty() && !cause.empty() ? party + (cause.rfind("涉嫌", 0) == 0 ? "" : "涉嫌") + cause + "案" : "";
  v["当事人"] = party;
  v["案件类别"] = f.kind == CaseKind::Transfer ? "涉嫌犯罪移送" : "行政处罚";
  v["立案日期"] = f.text("filed");
  v["处罚决定日期"] = f.text("decided");
  v["罚款金额"] = f.text("fine");
  v["涉案金额"] = f.text("case_amount");
  v["移送日期"] = f.text("transferred");
  v["公安立案日期"] = f.text("police_filed");
  return v;
}

// The screening's call as a finding: a case file that meets a filing threshold
// without a transfer in it is the 以罚代刑 / 有案不移 pattern; one at the
// profile's share calls for early intervention.
void screening_findings(const forms::CaseExtraction& c, const CaseFacts& facts, const TransferScreening& s,
                        const Profile& p, std::vector<Finding>& out) {
  if (s.call != TransferCall::Due && s.call != TransferCall::Early) return;
  const bool transferred = facts.kind == CaseKind::Transfer;
  if (transferred && s.call == TransferCall::Due) return;  // transferred as it should be
  Finding f;
  const Threshold& t = *s.threshold;
  if (s.call == TransferCall::Due) {
    f.rule = "criminal.transfer-due";
    f.severity = Severity::Error;
    f.message = s.message + "；案卷中无涉嫌犯罪案件移送书（疑似以罚代刑、有案不移） (no transfer letter in the file)";
    f.basis = "《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号）第三条；" + t.source.text();
  } else {
    f.rule = "criminal.early-intervention";
    f.severity = Severity::Warning;
    f.message = s.message;
    f.basis = p.early_intervention.source.text() + "；" + t.source.text();
  }
  for (const auto& n : s.notes) f.note += (f.note.empty() ? "" : "；") + n;
  FindingEvidence e;
  for (std::size_t i = 0; i < c.documents.size(); ++i)
    if (const auto* field = c.documents[i].field("违法事实"); field && !field->where.empty()) {
      e.document = static_cast<int>(i);
      e.doc_type = c.documents[i].type;
      e.page = field->where.front().page;
      e.box = field->where.front().box;
      e.text = t.measure + " " + s.measured.text();
      break;
    }
  f.evidence.push_back(e);
  out.push_back(std::move(f));
}

nlohmann::json screening_json(const TransferScreening& s) {
  nlohmann::json j{{"call", transfer_call_name(s.call)}, {"message", s.message}, {"notes", s.notes}};
  if (!s.offence.empty()) j["offence"] = s.offence;
  if (s.threshold) {
    const Threshold& t = *s.threshold;
    j["threshold"] = {{"id", t.id}, {"measure", t.measure}, {"value", t.value.text()}, {"source", t.source.text()},
                      {"measured", s.measured.text()}, {"ratio", s.ratio}, {"conduct_date", s.conduct.iso()}};
  }
  return j;
}

}  // namespace

bool CaseCheck::has_errors() const {
  for (const auto& f : findings)
    if (f.severity == Severity::Error) return true;
  return false;
}

nlohmann::json to_json(const CaseCheck& c) {
  nlohmann::json j;
  j["schema"] = "caseaudit.check/1";
  j["case"] = c.extraction.name;
  j["findings"] = nlohmann::json::array();
  for (const auto& f : c.findings) j["findings"].push_back(to_json(f));
  j["to_verify"] = nlohmann::json::array();
  for (const auto& f : c.unverified) j["to_verify"].push_back(to_json(f));
  j["entry_deadlines"] = nlohmann::json::array();
  for (const auto& e : c.entry_deadlines)
    j["entry_deadlines"].push_back({{"kind", e.kind}, {"information", e.information}, {"from", e.from_date}, {"due", e.due},
                                    {"rule", e.rule}, {"source", e.source}, {"message", e.message}});
  j["transfer_screening"] = screening_json(c.screening);
  j["platform_values"] = c.platform_values;
  j["notes"] = c.notes;
  return j;
}

CheckJobReport run_check_job(const CheckJob& job, const ocr::ProgressFn& progress) {
  const fs::path dir = job.rules_dir.empty() ? default_rules_dir() : job.rules_dir;
  const std::vector<RulePack> all = load_rule_packs(dir / "packs");
  const Profile profile = load_profile(dir / "profiles", job.profile);
  const WorkCalendar calendar = WorkCalendar::load(dir / "calendars");
  const ThresholdTable thresholds = ThresholdTable::load(dir / "thresholds");
  const OffenceMap offences = OffenceMap::load(dir / "screening", thresholds);
  const FactMap fact_map = FactMap::load(dir);
  std::vector<RulePack> packs;
  for (const auto& p : all)
    if (std::find(profile.rule_packs.begin(), profile.rule_packs.end(), p.name) != profile.rule_packs.end()) packs.push_back(p);
  if (packs.empty()) packs = all;  // a profile naming no shipped pack gets them all

  // The extractions are not written: <case>.extract.json holds ID numbers in
  // full, and `extract` is the command that writes them.
  ocr::check_output_folder(job.extract.output);  // before any OCR work
  forms::ExtractJobReport extracted = forms::extract_cases(job.extract, progress);
  CheckJobReport report;
  report.errors = extracted.errors;
  report.written = extracted.written;
  for (auto& c : extracted.cases) {
    CaseCheck cc;
    CaseChecks checks = check_case(c, packs, &calendar);
    cc.findings = std::move(checks.findings);
    cc.unverified = std::move(checks.unverified);
    const CaseFacts facts = case_facts(c, fact_map);
    cc.entry_deadlines = entry_deadlines(facts, profile, calendar, cc.notes);
    cc.platform_values = platform_values(facts);
    cc.screening = screen_case(c, facts, offences, thresholds, profile.early_intervention.share);
    screening_findings(c, facts, cc.screening, profile, cc.findings);
    cc.extraction = std::move(c);
    const fs::path json = job.extract.output / (cc.extraction.name + ".check.json");
    const fs::path text = job.extract.output / (cc.extraction.name + ".check.txt");
    nlohmann::json j = to_json(cc);
    if (job.extract.mask_ids) forms::mask_json_strings(j);
    ocr::write_file_atomically(json, ocr::json_text(j, 1) + "\n");
    ocr::write_file_atomically(text, check_report_text(cc, job.extract.mask_ids));
    report.written.push_back(json);
    report.written.push_back(text);
    report.cases.push_back(std::move(cc));
  }
  return report;
}

}  // namespace caseaudit::rules
