// Blocking for the scored pass (see link_blocks.h).
#include "link_blocks.h"

#include <algorithm>

namespace caseaudit::audit::link_detail {

namespace {

enum KeyKind : std::uint64_t { kNumberKey = 1, kLoose, kUnitSerial, kUnitDate, kDateAmount, kUnitYearAmount, kParty, kPartyDel };

struct Keyed {
  std::uint64_t key;
  bool entry;  // files sort before entries within a key
  std::uint32_t index;
  friend auto operator<=>(const Keyed&, const Keyed&) = default;
};

std::int64_t date_code(const forms::Date& d) { return d.year * 10000 + d.month * 100 + d.day; }

void add_keys(const CaseRecord& r, const LinkView& v, std::uint32_t index, bool entry, std::vector<Keyed>& out) {
  // The low bit of a key says whether its kind is broad.
  auto push = [&](std::uint64_t k) { out.push_back({k & ~std::uint64_t{1}, entry, index}); };
  auto push_broad = [&](std::uint64_t k) { out.push_back({k | 1, entry, index}); };
  if (!v.number_key.empty()) push(hash_text(kNumberKey, v.number_key));
  if (v.loose.ok) {
    push(hash_text(hash_int(hash_u32(kLoose, v.loose.prefix), v.loose.year), v.loose.serial));
    push(hash_text(hash_int(hash_text(kUnitSerial, v.unit_key), v.loose.year), v.loose.serial));
  }
  const std::optional<std::int64_t> amount = r.case_amount ? r.case_amount : r.fine;
  if (v.best_date) {
    push_broad(hash_int(hash_text(kUnitDate, v.unit_key), date_code(*v.best_date)));
    if (amount) push_broad(hash_int(hash_int(kDateAmount, date_code(*v.best_date)), *amount));
    if (amount) push_broad(hash_int(hash_int(hash_text(kUnitYearAmount, v.unit_key), v.best_date->year), *amount));
  }
  if (!v.party.empty()) {
    push(hash_text(kParty, v.party_key));
    if (v.party.size() >= 4) {
      std::u32string shorter;
      for (std::size_t i = 0; i < v.party.size(); ++i) {
        if (i > 0 && v.party[i] == v.party[i - 1]) continue;  // deleting either of a doubled character gives one variant
        shorter.assign(v.party, 0, i);
        shorter.append(v.party, i + 1);
        push(hash_u32(kPartyDel, shorter));
      }
      push(hash_u32(kPartyDel, v.party));  // meets a name with one character inserted
    }
  }
}

}  // namespace

std::vector<CandidatePair> candidate_pairs(const std::vector<CaseRecord>& files, const std::vector<LinkView>& file_views,
                                           const std::vector<bool>& file_active, const std::vector<CaseRecord>& entries,
                                           const std::vector<LinkView>& entry_views,
                                           const std::vector<bool>& entry_active, std::size_t cap,
                                           std::size_t broad_cap) {
  std::vector<Keyed> keyed;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (file_active[i]) add_keys(files[i], file_views[i], static_cast<std::uint32_t>(i), false, keyed);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entry_active[i]) add_keys(entries[i], entry_views[i], static_cast<std::uint32_t>(i), true, keyed);
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());

  std::vector<CandidatePair> pairs;
  for (std::size_t begin = 0; begin < keyed.size();) {
    std::size_t end = begin;
    while (end < keyed.size() && keyed[end].key == keyed[begin].key) ++end;
    // Within a key, files (entry == false) sort before entries.
    std::size_t split = begin;
    while (split < end && !keyed[split].entry) ++split;
    const std::size_t nf = split - begin, ne = end - split;
    const std::size_t limit = (keyed[begin].key & 1) ? broad_cap : cap;
    if (nf > 0 && ne > 0 && nf <= limit && ne <= limit)
      for (std::size_t f = begin; f < split; ++f)
        for (std::size_t e = split; e < end; ++e) pairs.push_back({keyed[f].index, keyed[e].index});
    begin = end;
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace caseaudit::audit::link_detail
