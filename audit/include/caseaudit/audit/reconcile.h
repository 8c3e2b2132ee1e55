// Reconciliation: what the case files show against what the bureau entered on
// the platform. Given both sides as case records and their linking, it
// reports every discrepancy as a finding with its evidence (漏录, 迟录, entry
// incomplete, fields disagree, category wrong, entry without a file), the
// criminal-law findings (以罚代刑 / 有案不移, 提前介入, police follow-up), the
// statistical finding of selective entry per unit, and per-unit statistics.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseaudit/ocr/stage_times.h"
#include "caseaudit/audit/link.h"
#include "caseaudit/audit/record.h"
#include "caseaudit/audit/sample.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/finding.h"
#include "caseaudit/rules/profile.h"
#include "caseaudit/rules/rule_pack.h"
#include "caseaudit/rules/screening.h"

namespace caseaudit::audit {

// Stable finding kinds (the ids reports, ledgers and the fixture truth use).
namespace kind {
inline constexpr const char* kMissing = "platform.missing";          // 漏录: a case file with no entry
inline constexpr const char* kLate = "platform.late";                // 迟录
inline constexpr const char* kIncomplete = "platform.incomplete";    // 录入信息不全
inline constexpr const char* kMismatch = "platform.mismatch";        // 字段不一致
inline constexpr const char* kPartyTypo = "platform.party_typo";     // 录入当事人名称有误
inline constexpr const char* kCategory = "platform.category";        // 案件类别错误
inline constexpr const char* kOrphan = "platform.orphan";            // 有录入无案卷
inline constexpr const char* kAmbiguous = "platform.ambiguous";      // 关联不确定，需人工核对
inline constexpr const char* kSelective = "platform.selective";      // 选择性录入 (per unit)
inline constexpr const char* kFineInstead = "criminal.fine_instead"; // 以罚代刑 / 有案不移
inline constexpr const char* kEarly = "criminal.early";              // 提前介入
inline constexpr const char* kPoliceDecision = "police.decision_overdue";
inline constexpr const char* kInvestigationOpen = "police.investigation_open";
// Every kind above: each must have its entry in the profile's `findings:`.
inline constexpr const char* kAll[] = {kMissing, kLate, kIncomplete, kMismatch, kPartyTypo, kCategory, kOrphan,
                                       kAmbiguous, kSelective, kFineInstead, kEarly, kPoliceDecision,
                                       kInvestigationOpen};
}  // namespace kind

// The data the reconciliation judges by, loaded once.
struct AuditContext {
  rules::Profile profile;
  rules::WorkCalendar calendar;
  rules::ThresholdTable thresholds;
  rules::OffenceMap offences;
  std::vector<rules::RulePack> packs;  // the profile's rule packs, for scanned case files' documents
  rules::FactMap facts;                // how a scanned case file's documents give its case values
  // rules_dir: empty for the shipped data (rules::default_rules_dir()).
  // Throws rules::DataError when the profile does not say how to report one
  // of the audit's finding kinds (kind::kAll) or names a kind the audit does
  // not know (a misspelt override would otherwise be ignored).
  static AuditContext load(const std::filesystem::path& rules_dir, const std::string& profile);
  // The profile's entry for a kind (load() made sure there is one).
  const rules::FindingSpec& finding(const std::string& kind) const;
};

struct ReconcileOptions {
  forms::Date as_of;             // the audit date: police follow-up and open investigations are measured to it
  LinkOptions link;
  double selective_alpha = 0.01;  // one-sided significance level of the selective-entry test
  int selective_min_missing = 3;  // fewer missing cases in a unit: no test
};

struct AuditFinding {
  std::string kind;  // kind::...
  std::string title; // the kind's name in the profile (漏录); "" for a rule pack's finding
  rules::Severity severity = rules::Severity::Error;
  std::string unit;
  std::string number;   // the case's canonical 文号 (as written when unreadable); "" for unit findings
  std::string party;
  std::string message;  // Chinese, English beside it
  std::string basis;
  std::string note;
  std::vector<std::string> evidence;  // "案卷 case-003: 行政处罚决定书 第2页", "export.csv 第14行 录入日期 2023-05-30"
  std::optional<std::size_t> file, entry;  // record indexes
};

// One amount compared between a unit's missing and entered cases, on the
// cases that state it: one-sided Mann-Whitney U (are the missing ones larger?).
struct AmountTest {
  std::string measure;                            // 涉案金额 | 罚款金额
  int entered = 0, missing = 0;                   // cases stating the amount
  double median_entered = 0, median_missing = 0;  // yuan
  double ratio = 0;                               // median_missing / median_entered
  double u = 0, p = 1;                            // Mann-Whitney U of the missing sample, one-sided p
  bool tested = false;                            // enough cases on both sides to test
  bool significant = false;                       // larger among the missing, p below the level it was held to
};

// The selective-entry test of one unit. 涉案金额 and 罚款金额 are tested
// separately, each on the cases that state it (a penalty case often states
// no 涉案金额, and a fine is on another scale than the amount involved), each
// held to alpha divided by the number of amount tests run (Bonferroni), so
// testing two measures does not double the false alarms.
struct SelectiveTest {
  int entered = 0, missing = 0;                   // the unit's cases
  AmountTest case_amount, fine;
  double amount_alpha = 0;                        // the level each amount test was held to
  int near_entered = 0, near_missing = 0;         // cases at or above the early-intervention share of a threshold
  double near_p = 1;                              // Fisher exact, one-sided (missing more often near)
  int transfer_entered = 0, transfer_missing = 0; // 涉嫌犯罪移送 cases among the entered and the missing
  double transfer_p = 1;                          // Fisher exact, one-sided (transfers more often missing)
  bool selective = false;
  std::vector<std::string> measures;              // what was significant: 涉案金额, 罚款金额, 接近追诉标准, 涉嫌犯罪移送
  std::vector<std::string> tested;                // what was tested (the amounts with enough cases, and the two shares)
  std::string words;                              // the result in words a prosecutor reads
};

struct UnitStats {
  std::string unit;
  int cases = 0;          // case files found
  int entered = 0;        // of them linked to an entry
  int timed = 0;          // entered with both dates known (on-time can be judged)
  int on_time = 0;
  int orphans = 0;        // entries without a case file
  rules::Severity worst = rules::Severity::Info;
  std::optional<double> median_delay;  // working days from the clock date to entry
  Interval entry_ci, on_time_ci;       // 95% Wilson intervals (finite-population corrected when sampled)
  SelectiveTest selective;
  // Scanned case files checked against the rule packs (appraisal: defects per file).
  int checked = 0;                     // scanned case files of the unit
  int with_defects = 0;                // of them, with a document finding at error severity
  int defects = 0;                     // document findings at error severity
  Interval defective_ci;               // 95% interval of the share of files with a defect
};

struct ReconcileResult {
  Linking linking;
  std::vector<AuditFinding> findings;  // by unit, then case, then kind
  std::vector<UnitStats> units;        // by unit name
  std::vector<std::string> notes;      // what could not be judged (a missing calendar year ...)
  // A case file left unlinked that looks like one unlinked entry of its unit
  // (文号 year and serial, or party, alike; each the other's only such match):
  // not a 漏录 and an 有录入无案卷 but one pair for a person to confirm (待核实).
  std::vector<AuditFinding> to_verify;
};

// files: the case side (scanned case files and/or register rows); entries:
// the platform export rows. screenings: by file index, where the caller has a
// better screening (read from a scanned file's documents); a file past its end
// or without one is screened from its 案由 and 涉案金额. population: per unit, the number of
// cases the files were sampled from (appraisal), for the intervals.
ReconcileResult reconcile(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                          const AuditContext& ctx, const ReconcileOptions& options,
                          const std::vector<std::optional<rules::TransferScreening>>& screenings = {},
                          const std::map<std::string, int>& population = {}, ocr::StageTimes* times = nullptr);

nlohmann::ordered_json to_json(const AuditFinding& f);
nlohmann::ordered_json to_json(const UnitStats& s);

}  // namespace caseaudit::audit
