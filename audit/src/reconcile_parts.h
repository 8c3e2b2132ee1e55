// The parts of the reconciliation shared between its source files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit::detail {

// The date an entry deadline runs from: kind "filing" or "transfer" (profile
// entry-deadline kinds), the field's name and the date.
struct Clock {
  std::string kind;
  std::string what;
  forms::Date date;
};

// What the per-case checks learnt about one case file, for the unit statistics.
struct PairStats {
  bool entered = false;
  std::optional<bool> on_time;   // unknown when a date is missing
  std::optional<int> delay;      // working days from the clock date to entry
  std::optional<double> amount;  // 涉案金额, yuan (for the selective-entry test)
  bool near_threshold = false;   // at or above the early-intervention share of a threshold
  bool transfer = false;         // a 涉嫌犯罪移送 case
};

std::string yuan(std::int64_t fen);
// Where a record was read, said with its side: "台账 registers/x.csv 第12行",
// "平台 exports/x.csv 第9行", "案卷 case-003".
std::string where_file(const CaseRecord& r);
std::string where_entry(const CaseRecord& r);
std::string case_number(const CaseRecord& r);
AuditFinding base_finding(const char* kind, const CaseRecord& r);
std::optional<Clock> entry_clock(const CaseRecord& file, const CaseRecord& entry);

// 以罚代刑 / 提前介入 (screening each case file, or an entry without one), and
// the police follow-up of transferred cases; fills amount / near_threshold.
void criminal_findings(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                       const std::vector<std::optional<std::size_t>>& entry_of, const AuditContext& ctx,
                       const ReconcileOptions& options,
                       const std::vector<std::optional<rules::TransferScreening>>& screenings,
                       std::vector<PairStats>& stats, ReconcileResult& r);

// Per-unit statistics and the selective-entry test (adds platform.selective findings).
void unit_statistics(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const std::vector<PairStats>& stats, const ReconcileOptions& options,
                     const std::map<std::string, int>& population, ReconcileResult& r);

}  // namespace caseaudit::audit::detail
