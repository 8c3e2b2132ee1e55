// The parts of the reconciliation shared between its source files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit::detail {

// A date an entry deadline runs from: the profile's entry deadline (its kind
// and clock), the date field's name and the date.
struct Clock {
  const rules::EntryDeadline* deadline = nullptr;
  std::string what;  // 立案日期 | 决定日期 | 移送日期
  forms::Date date;
  bool from_file = true;  // the case file's (or register row's) date; else the entry's
};

// The clocks that apply to a linked case (see entry_clocks), and the date
// fields the case lacked for the others (for the notes).
struct Clocks {
  std::vector<Clock> clocks;
  std::vector<std::string> lacking;  // 立案日期, 决定日期 ...
};

// What the per-case checks learnt about one case file, for the unit statistics.
struct PairStats {
  bool entered = false;
  std::optional<bool> on_time;   // unknown when a date is missing
  std::optional<int> delay;      // working days from the clock date to entry
  std::optional<double> amount;  // 涉案金额, yuan (for the selective-entry test)
  std::optional<double> fine;    // 罚款金额, yuan (for the selective-entry test)
  bool near_threshold = false;   // at or above the early-intervention share of a threshold
  bool transfer = false;         // a 涉嫌犯罪移送 case
};

std::string yuan(std::int64_t fen);
// Where a record was read, said with its side: "台账 registers/x.csv 第12行",
// "平台 exports/x.csv 第9行", "案卷 case-003".
std::string where_file(const CaseRecord& r);
std::string where_entry(const CaseRecord& r);
std::string case_number(const CaseRecord& r);
// A finding of `kind` about record r, as the profile reports the kind: its
// title, severity, headline (then "：" and `detail` when given), its sources
// and then `more_basis` (the source of the value it rests on), its note.
AuditFinding make_finding(const AuditContext& ctx, const char* kind, const CaseRecord& r, const std::string& detail,
                          const std::vector<std::string>& more_basis = {});
// The entry-deadline clocks of a linked case: a transfer's clocks that start
// at the transfer (case_transferred), else, as for a penalty case, the ones
// that start at 立案 (case_filed) or at the decision (case_decided). The case
// file's date wins; the entry's own is used when the file has none.
Clocks entry_clocks(const CaseRecord& file, const CaseRecord& entry, const rules::Profile& profile);

// 以罚代刑 / 提前介入 (screening each case file, or an entry without one), and
// the police follow-up of transferred cases; fills amount / near_threshold.
void criminal_findings(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                       const std::vector<std::optional<std::size_t>>& entry_of, const AuditContext& ctx,
                       const ReconcileOptions& options,
                       const std::vector<std::optional<rules::TransferScreening>>& screenings,
                       std::vector<PairStats>& stats, ReconcileResult& r);

// Per-unit statistics and the selective-entry test (adds platform.selective findings).
void unit_statistics(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const std::vector<PairStats>& stats, const AuditContext& ctx, const ReconcileOptions& options,
                     const std::map<std::string, int>& population, ReconcileResult& r);

}  // namespace caseaudit::audit::detail
