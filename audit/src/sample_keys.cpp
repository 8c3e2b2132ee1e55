// Sampling keys and ranks (see sample.h: case_keys, case_rank). A key names a
// case by what it is (unit, category, 文号), never by its row, so a sample
// survives re-sorting and re-exporting the table.
#include <algorithm>
#include <map>
#include <numeric>

#include "caseaudit/audit/sample.h"
#include "sample_hash.h"
#include "sample_keys.h"

namespace caseaudit::audit {
namespace detail {
namespace {

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string date_text(const std::optional<forms::Date>& d) { return d ? d->iso() : std::string(); }
std::string amount_text(const std::optional<std::int64_t>& a) { return a ? std::to_string(*a) : std::string(); }

// unit \t category \t identity, before duplicates are numbered.
std::string base_key(const CaseRecord& r) {
  std::string id;
  if (!r.number_key.empty())
    id = r.number_key;
  else if (std::string n = trimmed(r.number); !n.empty())
    id = n;
  else
    id = party_key(r.party) + "@" + date_text(r.filed);
  return sample_unit(r) + "\t" + std::string(category_name(r.category)) + "\t" + id;
}

}  // namespace

std::string sample_unit(const CaseRecord& r) { return trimmed(r.unit); }

std::string all_fields(const CaseRecord& r) {
  const std::string sep = "\x1f";
  std::string s;
  for (const std::string& f :
       {r.unit, std::string(category_name(r.category)), r.number_key, r.number, r.name, r.party, r.party_key, r.cause,
        r.status, date_text(r.filed), date_text(r.decided), date_text(r.transferred), date_text(r.withdrawn),
        date_text(r.police_filed), date_text(r.entered), amount_text(r.case_amount), amount_text(r.fine)})
    s += f + sep;
  return s;
}

}  // namespace detail

std::vector<std::string> case_keys(const std::vector<CaseRecord>& population) {
  std::vector<std::string> keys(population.size());
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < population.size(); ++i) groups[detail::base_key(population[i])].push_back(i);
  for (auto& [base, members] : groups) {
    if (members.size() > 1) {
      // Identical cases are interchangeable; their rows only break the tie so
      // the result is stable within one file.
      std::vector<std::pair<std::string, std::size_t>> order;
      for (std::size_t i : members) order.emplace_back(detail::all_fields(population[i]), i);
      std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return population[a.second].origin.row < population[b.second].origin.row;
      });
      for (std::size_t n = 0; n < order.size(); ++n) members[n] = order[n].second;
    }
    for (std::size_t n = 0; n < members.size(); ++n)
      keys[members[n]] = n == 0 ? base : base + "#" + std::to_string(n + 1);
  }
  return keys;
}

std::uint64_t case_rank(std::uint64_t seed, const std::string& key) {
  return detail::leading_u64(detail::sha256(std::to_string(seed) + "\n" + key));
}

}  // namespace caseaudit::audit
