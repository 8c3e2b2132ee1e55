// A party's earlier penalties (see history.h).
#include "history.h"

#include <set>
#include <unordered_map>

namespace caseaudit::audit::detail {

namespace {

std::optional<forms::Date> when(const CaseRecord& r) { return r.decided ? r.decided : r.filed; }

std::string offence_of(const CaseRecord& r, const AuditContext& ctx) {
  const rules::OffenceLink* link = ctx.offences.match(r.cause + " " + r.name);
  return link ? link->offence : std::string();
}

}  // namespace

std::vector<PartyHistory> party_histories(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                                          const AuditContext& ctx) {
  std::vector<PartyHistory> out(files.size());
  std::vector<const rules::Measure*> measures;
  for (const rules::Measure& m : ctx.thresholds.measures())
    if (m.history_years > 0) measures.push_back(&m);
  if (measures.empty()) return out;

  // Every penalty record by party.
  std::unordered_map<std::string, std::vector<const CaseRecord*>> by_party;
  for (const auto* side : {&files, &entries})
    for (const CaseRecord& r : *side)
      if (!r.party_key.empty() && r.category != Category::Transfer && when(r)) by_party[r.party_key].push_back(&r);

  for (std::size_t i = 0; i < files.size(); ++i) {
    const CaseRecord& f = files[i];
    const auto at = f.filed ? f.filed : f.decided;
    const auto it = by_party.find(f.party_key);
    if (f.party_key.empty() || !at || it == by_party.end()) continue;
    const std::string offence = offence_of(f, ctx);
    if (offence.empty()) continue;
    for (const rules::Measure* m : measures) {
      const forms::Date from = rules::add_months(*at, -12 * m->history_years);
      std::set<std::string> counted;  // canonical 文号 (or where it was read), so one case counts once
      std::string list;
      for (const CaseRecord* r : it->second) {
        if (r == &f || (!f.number_key.empty() && r->number_key == f.number_key)) continue;
        const forms::Date d = *when(*r);
        if (d < from || !(d < *at) || offence_of(*r, ctx) != offence) continue;
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
