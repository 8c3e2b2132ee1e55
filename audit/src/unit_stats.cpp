// Per-unit statistics and the selective-entry test (see reconcile.h).
//
// 选择性录入 is a claim about a unit's choices, so it is tested, not eyeballed:
// the 涉案金额 of the unit's missing cases against its entered ones with a
// one-sided Mann-Whitney U test (normal approximation with tie and continuity
// corrections; are the missing cases larger?), and the share of cases near a
// criminal threshold and the share of transferred cases with one-sided Fisher
// exact tests. 涉案金额 and 罚款金额 are tested separately, each on the cases
// that state it and each at the level divided by the number of amount tests
// run (a penalty case often states no 涉案金额; pooling the two would compare
// a fine with an amount involved). Any test below its level (the amounts only
// when the missing cases are larger in the median), with at least
// `selective_min_missing` missing cases, makes the finding, which names the
// measures that were significant.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reconcile_parts.h"

namespace caseaudit::audit::detail {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// One-sided p that the `missing` values are stochastically larger than `entered`.
std::pair<double, double> mann_whitney_greater(const std::vector<double>& missing, const std::vector<double>& entered) {
  const double n1 = static_cast<double>(missing.size()), n2 = static_cast<double>(entered.size());
  if (n1 == 0 || n2 == 0) return {0, 1};
  std::vector<std::pair<double, int>> all;
  for (double v : missing) all.emplace_back(v, 1);
  for (double v : entered) all.emplace_back(v, 0);
  std::sort(all.begin(), all.end());
  double rank_sum = 0, ties = 0;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    const double t = static_cast<double>(j - i), avg = (static_cast<double>(i + j) + 1) / 2;  // ranks i+1..j
    for (std::size_t k = i; k < j; ++k)
      if (all[k].second) rank_sum += avg;
    ties += t * t * t - t;
    i = j;
  }
  const double u = rank_sum - n1 * (n1 + 1) / 2;
  const double n = n1 + n2;
  const double var = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
  if (var <= 0) return {u, 1};
  const double z = (u - n1 * n2 / 2 - 0.5) / std::sqrt(var);
  return {u, 0.5 * std::erfc(z / std::sqrt(2.0))};
}

double log_choose(int n, int k) { return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0); }

// One-sided Fisher exact p: P(at least `a` near cases among the missing), given the margins.
double fisher_greater(int near_missing, int missing, int near_entered, int entered) {
  const int near = near_missing + near_entered, total = missing + entered;
  if (near == 0 || missing == 0) return 1;
  double p = 0;
  for (int x = near_missing; x <= std::min(near, missing); ++x)
    p += std::exp(log_choose(near, x) + log_choose(total - near, missing - x) - log_choose(total, missing));
  return std::min(1.0, p);
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string p_text(double p) { return p < 0.001 ? "p<0.001" : "p=" + fixed(p, 3); }

// Counts of one kind of case among the missing and the entered ones.
struct Split {
  int missing = 0, entered = 0, kind_missing = 0, kind_entered = 0;
};

// One amount's values among a unit's missing and entered cases.
struct Amounts {
  std::vector<double> missing, entered;
};

// At least `min_missing` missing and as many entered cases stating it.
AmountTest amount_test(const char* measure, const Amounts& v, int min_missing) {
  AmountTest t;
  t.measure = measure;
  t.missing = static_cast<int>(v.missing.size());
  t.entered = static_cast<int>(v.entered.size());
  t.median_missing = median(v.missing), t.median_entered = median(v.entered);
  t.ratio = t.median_entered > 0 ? t.median_missing / t.median_entered : 0;
  t.tested = t.missing >= min_missing && t.entered >= min_missing;
  if (t.tested) std::tie(t.u, t.p) = mann_whitney_greater(v.missing, v.entered);
  return t;
}

std::string amount_words(const AmountTest& t, double level) {
  if (!t.tested)
    return t.measure + "：载明该金额的未录入案件 " + std::to_string(t.missing) + " 件、已录入 " + std::to_string(t.entered) +
           " 件，不足以检验 (too few cases state it)";
  return t.measure + "（载明该金额的未录入 " + std::to_string(t.missing) + " 件、已录入 " + std::to_string(t.entered) +
         " 件）：未录入案件中位数为已录入案件的 " + fixed(t.ratio, 1) + " 倍, " + p_text(t.p) + "（Mann-Whitney U 检验，单侧，" +
         "检验水平 " + fixed(level, 3) + "）";
}

SelectiveTest selective_test(const Amounts& amounts, const Amounts& fines, int near_missing, int near_entered,
                             const Split& transfers, const ReconcileOptions& o) {
  SelectiveTest t;
  t.missing = transfers.missing, t.entered = transfers.entered;
  t.transfer_missing = transfers.kind_missing, t.transfer_entered = transfers.kind_entered;
  t.transfer_p = fisher_greater(transfers.kind_missing, transfers.missing, transfers.kind_entered, transfers.entered);
  t.near_missing = near_missing, t.near_entered = near_entered;
  t.near_p = fisher_greater(near_missing, t.missing, near_entered, t.entered);
  t.case_amount = amount_test("涉案金额", amounts, o.selective_min_missing);
  t.fine = amount_test("罚款金额", fines, o.selective_min_missing);
  const int amount_tests = (t.case_amount.tested ? 1 : 0) + (t.fine.tested ? 1 : 0);
  t.amount_alpha = o.selective_alpha / std::max(1, amount_tests);
  if (t.missing < o.selective_min_missing || t.entered == 0) {
    t.case_amount.tested = t.fine.tested = false;
    t.words = "未录入案件 " + std::to_string(t.missing) + " 件，少于 " + std::to_string(o.selective_min_missing) +
              " 件，不作检验 (too few missing cases to test)";
    return t;
  }
  for (AmountTest* a : {&t.case_amount, &t.fine}) {
    if (!a->tested) continue;
    t.tested.push_back(a->measure);
    a->significant = a->ratio > 1 && a->p < t.amount_alpha;
    if (a->significant) t.measures.push_back(a->measure);
  }
  t.tested.push_back("接近追诉标准");
  t.tested.push_back("涉嫌犯罪移送");
  if (t.near_p < o.selective_alpha) t.measures.push_back("接近追诉标准");
  if (t.transfer_p < o.selective_alpha) t.measures.push_back("涉嫌犯罪移送");
  t.selective = !t.measures.empty();
  t.words = "未录入案件 " + std::to_string(t.missing) + " 件、已录入 " + std::to_string(t.entered) + " 件；" +
            amount_words(t.case_amount, t.amount_alpha) + "；" + amount_words(t.fine, t.amount_alpha) +
            "；接近或达到追诉标准的案件：未录入 " + std::to_string(near_missing) + " 件、已录入 " + std::to_string(near_entered) +
            " 件, " + p_text(t.near_p) + "（Fisher 精确检验，单侧）；涉嫌犯罪移送案件：未录入 " +
            std::to_string(t.transfer_missing) + " 件（共 " + std::to_string(transfers.missing) + " 件未录入）、已录入 " +
            std::to_string(t.transfer_entered) + " 件（共 " + std::to_string(transfers.entered) + " 件）, " +
            p_text(t.transfer_p) + "（Fisher 精确检验，单侧）；显著性水平 " + fixed(o.selective_alpha, 2) +
            (amount_tests > 1 ? "（两项金额检验各按 " + fixed(t.amount_alpha, 3) + "）" : "");
  return t;
}

}  // namespace

void unit_statistics(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const std::vector<PairStats>& stats, const AuditContext& ctx, const ReconcileOptions& o,
                     const std::map<std::string, int>& population, ReconcileResult& r) {
  std::map<std::string, std::vector<std::size_t>> by_unit;
  for (std::size_t i = 0; i < files.size(); ++i) by_unit[files[i].unit].push_back(i);
  std::map<std::string, int> orphans;
  for (std::size_t e : r.linking.entries_unlinked) ++orphans[entries[e].unit];
  for (const auto& [unit, n] : orphans) by_unit.try_emplace(unit);

  for (const auto& [unit, idx] : by_unit) {
    UnitStats u;
    u.unit = unit;
    u.cases = static_cast<int>(idx.size());
    u.orphans = orphans.count(unit) ? orphans.at(unit) : 0;
    std::vector<double> delays;
    Amounts amounts, fines;
    int near_missing = 0, near_entered = 0;
    Split transfers;
    for (std::size_t i : idx) {
      const PairStats& s = stats[i];
      if (s.entered) ++u.entered;
      if (s.on_time) ++u.timed, u.on_time += *s.on_time ? 1 : 0;
      if (s.delay) delays.push_back(*s.delay);
      if (s.amount) (s.entered ? amounts.entered : amounts.missing).push_back(*s.amount);
      if (s.fine) (s.entered ? fines.entered : fines.missing).push_back(*s.fine);
      if (s.near_threshold) ++(s.entered ? near_entered : near_missing);
      ++(s.entered ? transfers.entered : transfers.missing);
      if (s.transfer) ++(s.entered ? transfers.kind_entered : transfers.kind_missing);
    }
    if (!delays.empty()) u.median_delay = median(delays);
    const int pop = population.count(unit) ? population.at(unit) : 0;
    u.entry_ci = wilson_interval(u.entered, u.cases, pop);
    u.on_time_ci = wilson_interval(u.on_time, u.timed, pop);
    u.selective = selective_test(amounts, fines, near_missing, near_entered, transfers, o);
    if (u.selective.selective) {
      std::string measures;
      for (const auto& m : u.selective.measures) measures += (measures.empty() ? "" : "、") + m;
      CaseRecord unit_record;  // a finding on the unit, not on one case
      unit_record.unit = unit;
      AuditFinding f = make_finding(ctx, kind::kSelective, unit_record,
                                    "检验项 " + measures + " 显著 (significant: " + measures + ")；" + u.selective.words);
      f.evidence = {"单位 unit " + unit};
      r.findings.push_back(std::move(f));
    }
    for (const auto& f : r.findings)
      if (f.unit == unit && f.severity > u.worst) u.worst = f.severity;
    r.units.push_back(std::move(u));
  }
}

}  // namespace caseaudit::audit::detail
