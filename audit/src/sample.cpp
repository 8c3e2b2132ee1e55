// Drawing the appraisal sample (see sample.h). Every step is spelled out here
// (SHA-256 ranks, byte-order sorting, integer arithmetic for the stratum
// sizes) so the same seed and population give the same sample on every
// machine and whatever the row order of the file.
#include "caseaudit/audit/sample.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "sample_hash.h"
#include "sample_keys.h"

namespace caseaudit::audit {
namespace {

struct Item {
  std::size_t index = 0;  // into the filtered population
  std::string key;
  std::uint64_t rank = 0;
  bool drawn = false;
};

bool by_rank(const Item* a, const Item* b) {
  if (a->rank != b->rank) return a->rank < b->rank;
  return a->key < b->key;  // a tie of 64-bit ranks is next to impossible, but must still be defined
}

void validate(const SampleSpec& s) {
  if (s.rate.has_value() == s.count.has_value())
    throw std::invalid_argument("请给出抽样比例或每层数量之一 (give either a rate or a count, not both or neither)");
  if (s.rate && !(*s.rate > 0.0 && *s.rate <= 1.0))
    throw std::invalid_argument("抽样比例须在 0 到 1 之间 (rate must be in (0, 1])");
  if (s.count && *s.count < 1) throw std::invalid_argument("每层数量至少为 1 (count must be at least 1)");
  if (s.min_per_unit < 0) throw std::invalid_argument("每单位最少数量不能为负 (min per unit must not be negative)");
}

// How many of a stratum of `size` cases to take. A rate is applied with a
// small tolerance so 0.1 × 30 is 3, not 4 (0.1 × 30 = 3.0000000000000004 in
// binary floating point); IEEE doubles make this the same on every machine.
int stratum_quota(const SampleSpec& s, int size) {
  if (s.count) return std::min(*s.count, size);
  const double want = std::ceil(*s.rate * size - 1e-9);
  return std::clamp(static_cast<int>(want), 0, size);
}

std::optional<forms::Date> year_date(const CaseRecord& r) {
  if (r.filed) return r.filed;
  if (r.decided) return r.decided;
  return r.transferred;
}

std::string format_rate(double r) {
  std::string s = std::to_string(r);  // fixed, 6 decimals
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string describe(const SampleSpec& s) {
  std::string m =
      "key = 单位 TAB 案件类别 TAB (规范文号, else 文号 as written, else party_key@立案日期), with #2, #3 ... for "
      "later duplicates in the byte order of all their fields; rank = first 8 bytes, big-endian, of SHA-256(\"<seed>\\n\" "
      "+ key); strata = ";
  m += s.by_category ? "单位 × 案件类别" : "单位";
  m += "; each stratum takes the cases with the smallest ranks: ";
  m += s.count ? "count " + std::to_string(*s.count) + " (or the whole stratum if smaller)"
               : "ceil(" + format_rate(*s.rate) + " × stratum size)";
  m += "; then each unit is topped up by rank to at least " + std::to_string(s.min_per_unit) +
       " cases (or the whole unit if smaller)";
  if (s.year)
    m += "; population = cases of " + std::to_string(*s.year) +
         " by 立案日期, else 处罚决定日期, else 移送日期 (undated cases excluded and listed)";
  m += "; population hash = SHA-256 of the sorted keys joined by \\n";
  return m;
}

}  // namespace

SampleManifest draw_sample(const std::vector<CaseRecord>& population, const SampleSpec& spec) {
  validate(spec);
  SampleManifest m;
  m.seed = spec.seed;
  m.spec = spec;
  m.method = describe(spec);

  std::vector<CaseRecord> filtered;
  for (const CaseRecord& r : population) {
    if (spec.year) {
      const auto d = year_date(r);
      if (!d) {
        m.undated.push_back(r);
        continue;
      }
      if (d->year != *spec.year) {
        ++m.outside_year;
        continue;
      }
    }
    filtered.push_back(r);
  }
  m.population = static_cast<int>(filtered.size());

  const std::vector<std::string> keys = case_keys(filtered);
  std::vector<Item> items(filtered.size());
  for (std::size_t i = 0; i < filtered.size(); ++i) items[i] = {i, keys[i], case_rank(spec.seed, keys[i]), false};

  std::vector<std::string> sorted_keys = keys;
  std::sort(sorted_keys.begin(), sorted_keys.end());
  std::string joined;
  for (std::size_t i = 0; i < sorted_keys.size(); ++i) joined += (i ? "\n" : "") + sorted_keys[i];
  m.population_hash = detail::sha256_hex(joined);

  // Strata in byte order of (unit, category); std::map keeps that order.
  std::map<std::pair<std::string, std::string>, std::vector<Item*>> strata;
  std::map<std::string, std::vector<Item*>> units;
  for (Item& it : items) {
    const CaseRecord& r = filtered[it.index];
    const std::string unit = detail::sample_unit(r);
    strata[{unit, spec.by_category ? std::string(category_name(r.category)) : std::string()}].push_back(&it);
    units[unit].push_back(&it);
  }
  for (auto& [name, members] : strata) {
    std::sort(members.begin(), members.end(), by_rank);
    const int k = stratum_quota(spec, static_cast<int>(members.size()));
    for (int i = 0; i < k; ++i) members[static_cast<std::size_t>(i)]->drawn = true;
  }
  for (auto& [unit, members] : units) {
    std::sort(members.begin(), members.end(), by_rank);
    const int want = std::min(spec.min_per_unit, static_cast<int>(members.size()));
    int have = static_cast<int>(std::count_if(members.begin(), members.end(), [](const Item* it) { return it->drawn; }));
    for (Item* it : members) {
      if (have >= want) break;
      if (!it->drawn) {
        it->drawn = true;
        ++have;
      }
    }
  }

  for (const auto& [name, members] : strata) {
    Stratum s;
    s.unit = name.first;
    s.category = name.second;
    s.population = static_cast<int>(members.size());
    s.drawn = static_cast<int>(std::count_if(members.begin(), members.end(), [](const Item* it) { return it->drawn; }));
    m.strata.push_back(s);
  }

  std::vector<const Item*> drawn;
  for (const Item& it : items)
    if (it.drawn) drawn.push_back(&it);
  // Keys start with unit TAB category, and TAB sorts before any printable
  // byte, so key order is (unit, category, 文号) order.
  std::sort(drawn.begin(), drawn.end(), [](const Item* a, const Item* b) { return a->key < b->key; });
  for (const Item* it : drawn) {
    m.drawn.push_back(filtered[it->index]);
    m.drawn_keys.push_back(it->key);
    m.drawn_ranks.push_back(detail::hex_u64(it->rank));
  }
  return m;
}

}  // namespace caseaudit::audit
