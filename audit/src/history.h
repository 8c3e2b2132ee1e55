// A party's history, for the filing standards that count earlier penalties
// (法释〔2010〕7号 第三条第（三）项: 三年内因非法经营烟草专卖品受过二次以上行政处罚,
// 又非法经营…). Only the audit sees a party's other cases: its scanned case
// files, register rows and platform entries are matched by the party's
// folded name, and the penalties for conduct pointing at the same offence in
// the years before the case (a threshold measure with `history`) are counted.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit::detail {

struct PartyHistory {
  rules::Measurements measured;    // the history measures of the threshold table, counted
  std::vector<std::string> notes;  // the earlier penalties counted, for the reviewer
};

// The offence a record's 案由 (and 案件名称) points at, matched once a text:
// a bureau's cases share a handful of causes.
class Offences {
 public:
  explicit Offences(const AuditContext& ctx) : ctx_(ctx) {}
  const rules::OffenceLink* of(const CaseRecord& r);

 private:
  const AuditContext& ctx_;
  std::unordered_map<std::string, const rules::OffenceLink*> known_;
};

// One per file, counted for the files `wanted` says (all when it is empty;
// the others stay empty). Records of one case seen twice (a scanned file and
// its platform entry) count once, by their canonical 文号.
std::vector<PartyHistory> party_histories(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                                          const AuditContext& ctx, Offences& offences,
                                          const std::vector<bool>& wanted = {});

// Adds the earlier penalties counted to the screening's notes when its call
// rests on a threshold that counts them.
void add_history_notes(rules::TransferScreening& s, const PartyHistory& h, const AuditContext& ctx);

}  // namespace caseaudit::audit::detail
