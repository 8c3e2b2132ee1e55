// A party's earlier penalties (see history.h).
#include "history.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace caseaudit::audit::detail {

namespace {

std::optional<forms::Date> when(const CaseRecord& r) { return r.decided ? r.decided : r.filed; }

}  // namespace

const rules::OffenceLink* Offences::of(const CaseRecord& r) {
  std::string text = r.cause + " " + r.name;
  const auto it = known_.find(text);
  if (it != known_.end()) return it->second;
  const rules::OffenceLink* link = ctx_.offences.match(text);
  known_.emplace(std::move(text), link);
  return link;
}

std::vector<PartyHistory> party_histories(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                                          const AuditContext& ctx, Offences& offences,
                                          const std::vector<bool>& wanted) {
  std::vector<PartyHistory> out(files.size());
  std::vector<const rules::Measure*> measures;
  for (const rules::Measure& m : ctx.thresholds.measures())
    if (m.history_years > 0) measures.push_back(&m);
  if (measures.empty() || (!wanted.empty() && std::find(wanted.begin(), wanted.end(), true) == wanted.end())) return out;

  // Every penalty record, chained by party in order (files first): one map
  // node per party, no container each (there are hundreds of thousands).
  std::vector<const CaseRecord*> penalties;
  std::vector<std::size_t> next;  // the party's next penalty after penalties[k], or kEnd
  constexpr std::size_t kEnd = static_cast<std::size_t>(-1);
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> chain;  // party -> first, last
  chain.reserve(files.size() + entries.size());
  for (const auto* side : {&files, &entries})
    for (const CaseRecord& r : *side) {
      if (r.party_key.empty() || r.category == Category::Transfer || !when(r)) continue;
      const std::size_t k = penalties.size();
      penalties.push_back(&r);
      next.push_back(kEnd);
      const auto [it, added] = chain.try_emplace(r.party_key, k, k);
      if (!added) next[it->second.second] = k, it->second.second = k;
    }

  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!wanted.empty() && !wanted[i]) continue;
    const CaseRecord& f = files[i];
    const auto at = f.filed ? f.filed : f.decided;
    const auto it = chain.find(f.party_key);
    if (f.party_key.empty() || !at || it == chain.end()) continue;
    const rules::OffenceLink* offence = offences.of(f);
    if (!offence) continue;
    for (const rules::Measure* m : measures) {
      const forms::Date from = rules::add_months(*at, -12 * m->history_years);
      std::set<std::string> counted;  // canonical 文号 (or where it was read), so one case counts once
      std::string list;
      for (std::size_t k = it->second.first; k != kEnd; k = next[k]) {
        const CaseRecord* r = penalties[k];
        if (r == &f || (!f.number_key.empty() && r->number_key == f.number_key)) continue;
        const forms::Date d = *when(*r);
        const rules::OffenceLink* other = offences.of(*r);
        if (d < from || !(d < *at) || !other || other->offence != offence->offence) continue;
        const std::string key = r->number_key.empty() ? r->origin.text() : r->number_key;
        if (!counted.insert(key).second) continue;
        list += (list.empty() ? "" : "、") + (r->number.empty() ? r->origin.text() : r->number) + "（" + d.iso() + "）";
      }
      out[i].measured.emplace(m->name, rules::Quantity::whole(static_cast<std::int64_t>(counted.size()), rules::Unit::Times));
      if (!counted.empty())
        out[i].notes.push_back(m->name + " " + std::to_string(counted.size()) + " 次：" + list + " (earlier penalties of the party)");
    }
  }
  return out;
}

void add_history_notes(rules::TransferScreening& s, const PartyHistory& h, const AuditContext& ctx) {
  if (!s.threshold) return;
  for (const rules::Condition& c : s.threshold->also)
    if (const rules::Measure* m = ctx.thresholds.measure(c.measure); m && m->history_years > 0)
      s.notes.insert(s.notes.end(), h.notes.begin(), h.notes.end());
}

}  // namespace caseaudit::audit::detail
