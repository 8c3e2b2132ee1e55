// Looking up the threshold in force on the conduct date and measuring a case
// against it (see thresholds.h). All comparisons are exact: quantities are
// integers in hundredths of their unit, the near share in basis points.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "caseaudit/rules/thresholds.h"

namespace caseaudit::rules {

namespace {

__extension__ using Wide = __int128;

// 非法经营 and 非法经营罪 name the same offence.
std::string_view offence_key(std::string_view name) {
  constexpr std::string_view zui = "罪";
  if (name.size() > zui.size() && name.substr(name.size() - zui.size()) == zui) name.remove_suffix(zui.size());
  return name;
}

// By id, by conduct, or by offence for the thresholds without a conduct.
bool names(const Threshold& t, std::string_view key) {
  if (t.id == key) return true;
  if (!t.conduct.empty()) return t.conduct == key;
  return offence_key(t.offence) == offence_key(key);
}

bool meets(const Quantity& measured, const Quantity& value, Comparison c) {
  return c == Comparison::AtLeast ? measured.hundredths >= value.hundredths : measured.hundredths > value.hundredths;
}

}  // namespace

const Threshold* ThresholdTable::in_force(std::string_view id, const forms::Date& conduct) const {
  for (const auto& t : thresholds_)
    if (t.id == id && t.in_force_on(conduct)) return &t;
  return nullptr;
}

std::vector<const Threshold*> ThresholdTable::for_offence(std::string_view offence_or_id, const forms::Date& conduct,
                                                          Who party) const {
  std::vector<const Threshold*> out;
  for (const auto& t : thresholds_)
    if (names(t, offence_or_id) && t.in_force_on(conduct) && t.applies_to(party))
      out.push_back(&t);
  return out;
}

std::optional<Quantity> ThresholdTable::value_of(std::string_view name, const Measurements& values) const {
  const Measure* m = measure(name);
  if (!m) throw std::invalid_argument("unknown measure " + std::string(name));
  auto checked = [&](const std::string& measure_name, const Quantity& q, Unit unit) {
    if (q.unit != unit)
      throw std::invalid_argument("measure " + measure_name + " is in " + std::string(unit_name(unit)) + ", given " + q.text());
    return q;
  };
  if (auto it = values.find(name); it != values.end()) return checked(m->name, it->second, m->unit);
  if (m->formula.empty()) return std::nullopt;
  bool any = false;
  Quantity total{0, m->unit};
  for (const auto& [factor, term] : m->formula)
    if (auto it = values.find(term); it != values.end()) {
      total.hundredths += factor * checked(term, it->second, m->unit).hundredths;
      any = true;
    }
  if (!any) return std::nullopt;
  return total;
}

std::optional<Evaluation> ThresholdTable::evaluate(const Threshold& t, const Measurements& values, double near_share) const {
  if (!(near_share > 0 && near_share <= 1)) throw std::invalid_argument("the near share must be in (0, 1]");
  const auto measured = value_of(t.measure, values);
  if (!measured) return std::nullopt;
  Evaluation e;
  e.threshold = &t;
  e.measured = *measured;
  e.ratio = static_cast<double>(measured->hundredths) / static_cast<double>(t.value.hundredths);
  for (const auto& c : t.also) {
    const auto v = value_of(c.measure, values);
    if (!v && c.required) return std::nullopt;
    if (!v) e.unknown.push_back(c.measure);
    else if (!meets(*v, c.value, c.comparison)) e.unmet.push_back(c.measure);
  }
  const Wide share_bp = static_cast<Wide>(std::llround(near_share * 10000));
  const bool near = static_cast<Wide>(measured->hundredths) * 10000 >= share_bp * t.value.hundredths;
  if (!e.unmet.empty()) e.level = Level::Below;
  else if (meets(*measured, t.value, t.comparison)) e.level = Level::Reached;
  else e.level = near ? Level::Near : Level::Below;
  return e;
}

std::vector<Evaluation> ThresholdTable::evaluate(std::string_view offence_or_id, const forms::Date& conduct,
                                                 const Measurements& values, Who party, double near_share) const {
  std::vector<Evaluation> out;
  for (const Threshold* t : for_offence(offence_or_id, conduct, party))
    if (auto e = evaluate(*t, values, near_share)) out.push_back(std::move(*e));
  return out;
}

const Evaluation* strongest(const std::vector<Evaluation>& evaluations) {
  const Evaluation* best = nullptr;
  for (const auto& e : evaluations)
    if (!best || e.level > best->level || (e.level == best->level && e.ratio > best->ratio)) best = &e;
  return best;
}

}  // namespace caseaudit::rules
