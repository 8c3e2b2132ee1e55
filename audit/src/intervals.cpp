// Confidence intervals for the rates reported on a sample (see sample.h).
//
// The finite-population correction: the brief's rule is to multiply the
// standard-error term by sqrt((N - n) / (N - 1)). Multiplying only the
// square root of the Wilson formula leaves the interval centred on the
// uncorrected Wilson centre, which for a sample close to the whole population
// can exclude the observed rate itself (8/10 of 11: [0.645, 0.788] around
// 0.8). So the correction is applied as an effective sample size,
// n_eff = n (N - 1) / (N - n): the standard error sqrt(p(1-p)/n_eff) is exactly
// the corrected one, the centre moves towards p as the sample covers more of
// the population, and a census (n == N) gives [p, p].
#include <algorithm>
#include <cmath>

#include "caseaudit/audit/sample.h"

namespace caseaudit::audit {

Interval wilson_interval(int successes, int n, int population, double z) {
  if (n <= 0) return {0.0, 1.0};
  successes = std::clamp(successes, 0, n);
  const double p = static_cast<double>(successes) / n;
  if (population > 0 && population <= n) return {p, p};  // every case was looked at
  double m = n;
  if (population > n) m = static_cast<double>(n) * (population - 1) / (population - n);
  const double z2 = z * z;
  const double denom = 1.0 + z2 / m;
  const double centre = (p + z2 / (2.0 * m)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / m + z2 / (4.0 * m * m));
  return {std::clamp(centre - half, 0.0, 1.0), std::clamp(centre + half, 0.0, 1.0)};
}

}  // namespace caseaudit::audit
