// Round seals by shape, for pages where colour finds none: grey and 1-bit
// scans, photocopies with a black seal. A seal is a ring of seal size (38-45
// mm across, or an oval of about that size) with ink along most of its
// circumference, little ink just outside it, and inside it a five-pointed star
// and/or an arc of text along the ring; it may be cut by the page edge.
//
// All on the reduced analysis copy (~75 dpi for an A4 300-dpi page):
//  1. candidate centres: every edge pixel votes along its gradient, both ways,
//     for centres at seal radii (a ring's two edges meet at its centre; text
//     votes spread out); the accumulator reaches beyond the page for seals cut
//     by its edge;
//  2. per candidate, the ring: the radius where ink covers most directions,
//     then the ring's points along rays, fitted as a circle; where that is
//     patchy, the ring traced around as the smoothest path through the ink
//     and fitted as an ellipse (oval seals, centres the votes put off);
//  3. checks: ink along the ring in long pieces (a circle through text
//     crosses strokes, a few degrees each), much less just outside it, paper
//     around it (not a photograph), ink inside but not a filled disk, and a
//     star (a solid core with five arms) or an arc of text inside, unless
//     the ring is clean enough on its own (a broken seal's inside breaks up
//     first).
// Then, at full resolution, seal ink lighter than the print is lightened
// (lighten_seal_ink), so the date under a seal on a grey scan can be read.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

namespace {

constexpr double kPi = std::numbers::pi;

// Seal radii: round 公章 are 38-45 mm across and oval ones about 40-45 x 30 mm;
// with room for a scan's scaling: 17-25 mm from the centre to the ring's
// middle (an oval's major half-axis), 13 mm at least for an oval's minor one.
constexpr double kMinRadiusMm = 17.0;
constexpr double kMaxRadiusMm = 25.0;
constexpr double kMinMinorMm = 13.0;

// Darkness (255 minus the background-normalised grey) that counts as ink.
// Seal ink converted to grey is 110-180 on white paper (darkness 70-140) and
// a broken 1-bit ring averages to about that at the analysis scale.
constexpr int kInk = 55;

// Gradient (Sobel, L2) an edge pixel needs to vote: a step of about 30 grey levels.
constexpr int kEdge = 90;

// How far a candidate centre may lie off the page, in radii: a seal cut by
// the edge still shows a third of its ring.
constexpr double kOffPage = 0.5;

// Directions sampled around a ring.
constexpr int kDirections = 360;

// Vote peaks checked per page, strongest first: the seals of the fixtures
// are among the first six even in their broken 1-bit scans.
constexpr std::size_t kCandidates = 12;

// An ellipse (a circle when a == b) with half-axis `a` along `angle` (radians).
struct Ring {
  cv::Point2d c;
  double a = 0;
  double b = 0;
  double angle = 0;
  double thickness = 0;  // of the ring's ink, pixels

  // Distance from the centre to the ring's middle line in direction phi.
  double radius_at(double phi) const {
    if (a == b) return a;
    const double t = phi - angle;
    const double ct = b * std::cos(t);
    const double st = a * std::sin(t);
    return a * b / std::sqrt(ct * ct + st * st);
  }
  double mean_radius() const { return 0.5 * (a + b); }
};

// Ink mask with sampling helpers; everything off the image is no ink.
class InkMap {
 public:
  explicit InkMap(const cv::Mat& ink) : ink_(ink) {}
  bool on_page(cv::Point2d p) const { return p.x >= 0 && p.y >= 0 && p.x <= ink_.cols - 1 && p.y <= ink_.rows - 1; }
  bool at(cv::Point2d p) const {
    if (p.x < -0.5 || p.y < -0.5) return false;
    const int x = static_cast<int>(p.x + 0.5);  // rounds: not negative here
    const int y = static_cast<int>(p.y + 0.5);
    return x < ink_.cols && y < ink_.rows && ink_.ptr<unsigned char>(y)[x] != 0;
  }
  // Any ink on the ray from `c` in direction `u` between radii lo and hi.
  bool any(cv::Point2d c, cv::Point2d u, double lo, double hi) const {
    for (double r = lo; r <= hi; r += 0.5) {
      if (at(c + r * u)) return true;
    }
    return false;
  }
  const cv::Mat& mat() const { return ink_; }

 private:
  const cv::Mat& ink_;
};

cv::Point2d direction(double phi) { return {std::cos(phi), std::sin(phi)}; }

// Centre votes: every edge pixel (gradient magnitude at a local maximum
// across the edge) votes along its gradient, both ways, at every other
// radius in [r_min, r_max]; one accumulator cell per pixel, `margin` cells
// beyond each page edge. Returns the smoothed accumulator (CV_32F).
cv::Mat vote_centres(const cv::Mat& norm, int r_min, int r_max, int margin) {
  cv::Mat gx;
  cv::Mat gy;
  cv::Sobel(norm, gx, CV_16S, 1, 0, 3);
  cv::Sobel(norm, gy, CV_16S, 0, 1, 3);
  cv::Mat mag(norm.size(), CV_32SC1);
  for (int y = 0; y < norm.rows; ++y) {
    const auto* rx = gx.ptr<short>(y);
    const auto* ry = gy.ptr<short>(y);
    auto* m = mag.ptr<int>(y);
    for (int x = 0; x < norm.cols; ++x) m[x] = rx[x] * rx[x] + ry[x] * ry[x];
  }
  cv::Mat acc = cv::Mat::zeros(norm.rows + 2 * margin, norm.cols + 2 * margin, CV_32SC1);
  const int w = acc.cols;
  const int h = acc.rows;
  auto* cells = acc.ptr<int>(0);
  constexpr int kEdge2 = kEdge * kEdge;
  // tan(22.5 degrees) and tan(67.5 degrees) in 1/1024.
  constexpr int kTan22 = 424;
  constexpr int kTan67 = 2472;
  for (int y = 1; y + 1 < norm.rows; ++y) {
    const auto* rx = gx.ptr<short>(y);
    const auto* ry = gy.ptr<short>(y);
    const auto* m = mag.ptr<int>(y);
    const auto* up = mag.ptr<int>(y - 1);
    const auto* down = mag.ptr<int>(y + 1);
    for (int x = 1; x + 1 < norm.cols; ++x) {
      const int m2 = m[x];
      if (m2 < kEdge2) continue;
      const int dx = rx[x];
      const int dy = ry[x];
      // The two neighbours across the edge.
      const int adx = std::abs(dx);
      const int ady = std::abs(dy) * 1024;
      int n1 = 0;
      int n2 = 0;
      if (ady <= kTan22 * adx) {
        n1 = m[x - 1];
        n2 = m[x + 1];
      } else if (ady >= kTan67 * adx) {
        n1 = up[x];
        n2 = down[x];
      } else if ((dx > 0) == (dy > 0)) {
        n1 = up[x - 1];
        n2 = down[x + 1];
      } else {
        n1 = up[x + 1];
        n2 = down[x - 1];
      }
      if (m2 < n1 || m2 < n2) continue;
      const double len = std::sqrt(static_cast<double>(m2));
      const double ux = dx / len;
      const double uy = dy / len;
      const double px = x + margin + 0.5;
      const double py = y + margin + 0.5;
      for (int sign = -1; sign <= 1; sign += 2) {
        for (int r = r_min; r <= r_max; r += 2) {
          const double fx = px + sign * r * ux;
          const double fy = py + sign * r * uy;
          if (fx < 0 || fy < 0) continue;
          const int cx = static_cast<int>(fx);
          const int cy = static_cast<int>(fy);
          if (cx < w && cy < h) ++cells[static_cast<std::ptrdiff_t>(cy) * w + cx];
        }
      }
    }
  }
  cv::Mat smooth;
  acc.convertTo(smooth, CV_32F);
  cv::GaussianBlur(smooth, smooth, cv::Size(5, 5), 1.2);
  return smooth;
}

struct Peak {
  cv::Point2d centre;  // page coordinates of the analysis copy
  float votes = 0;
};

// Local maxima of the accumulator, strongest first, at least `spacing` apart.
std::vector<Peak> find_peaks(const cv::Mat& acc, int margin, int spacing, float min_votes, std::size_t limit) {
  cv::Mat dilated;
  cv::dilate(acc, dilated, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  std::vector<Peak> peaks;
  for (int y = 0; y < acc.rows; ++y) {
    const auto* a = acc.ptr<float>(y);
    const auto* d = dilated.ptr<float>(y);
    for (int x = 0; x < acc.cols; ++x) {
      if (a[x] >= min_votes && a[x] >= d[x]) peaks.push_back({{x - margin + 0.0, y - margin + 0.0}, a[x]});
    }
  }
  std::sort(peaks.begin(), peaks.end(), [](const Peak& p, const Peak& q) { return p.votes > q.votes; });
  // Keep the strongest of maxima closer than the spacing (and one of a plateau).
  std::vector<Peak> kept;
  for (const Peak& p : peaks) {
    bool near = false;
    for (const Peak& k : kept) near = near || cv::norm(p.centre - k.centre) < spacing;
    if (!near) kept.push_back(p);
    if (kept.size() >= limit) break;
  }
  return kept;
}

// The radius around `c` at which ink covers most directions.
double best_radius(const InkMap& ink, cv::Point2d c, double lo, double hi) {
  constexpr int kRays = 180;
  std::vector<cv::Point2d> dirs;
  for (int k = 0; k < kRays; ++k) dirs.push_back(direction(2 * kPi * k / kRays));
  double best = 0;
  double best_r = 0;
  double prev = 0;
  double prev2 = 0;
  for (double r = lo; r <= hi; r += 0.5) {
    int on = 0;
    int hits = 0;
    for (const cv::Point2d& u : dirs) {
      const cv::Point2d p = c + r * u;
      if (!ink.on_page(p)) continue;
      ++on;
      hits += ink.at(p) ? 1 : 0;
    }
    const double cov = on > kRays / 4 ? static_cast<double>(hits) / on : 0.0;
    // Smoothed over three steps; the middle one is the radius.
    const double s = prev2 + prev + cov;
    if (s > best) {
      best = s;
      best_r = r - 0.5;
    }
    prev2 = prev;
    prev = cov;
  }
  return best_r;
}

// Least-squares (Kasa) circle through points; false when they fix none.
bool fit_circle(const std::vector<cv::Point2d>& points, cv::Point2d* centre, double* radius) {
  if (points.size() < 3) return false;
  cv::Matx33d a = cv::Matx33d::zeros();
  cv::Vec3d b = cv::Vec3d::all(0);
  for (const cv::Point2d& p : points) {
    const cv::Vec3d row(p.x, p.y, 1);
    a += row * row.t();
    b += row * -(p.x * p.x + p.y * p.y);
  }
  cv::Vec3d def;
  if (!cv::solve(a, b, def, cv::DECOMP_CHOLESKY)) return false;
  const cv::Point2d c(-def[0] / 2, -def[1] / 2);
  const double r2 = c.dot(c) - def[2];
  if (r2 <= 0) return false;
  *centre = c;
  *radius = std::sqrt(r2);
  return true;
}

struct RayPoint {
  cv::Point2d p;
  double phi = 0;
  double run = 0;  // length of the ink run along the ray
};

// On each ray from the ring's centre, the ink run nearest the ring's expected
// radius within +-window of it; runs much thicker than a ring line (a ring
// merged with text) are left out.
std::vector<RayPoint> ring_points(const InkMap& ink, const Ring& ring, double window, double max_run) {
  std::vector<RayPoint> points;
  constexpr int kRays = 180;
  for (int k = 0; k < kRays; ++k) {
    const double phi = 2 * kPi * k / kRays;
    const cv::Point2d u = direction(phi);
    const double expected = ring.radius_at(phi);
    const double lo = expected * (1 - window);
    const double hi = expected * (1 + window);
    if (!ink.on_page(ring.c + expected * u)) continue;
    double best_mid = -1;
    double best_run = 0;
    double start = -1;
    for (double r = lo; r <= hi + 0.5; r += 0.5) {
      const bool here = r <= hi && ink.at(ring.c + r * u);
      if (here && start < 0) start = r;
      if (!here && start >= 0) {
        const double mid = 0.5 * (start + r - 0.5);
        const double run = r - start;
        if (run <= max_run && (best_mid < 0 || std::abs(mid - expected) < std::abs(best_mid - expected))) {
          best_mid = mid;
          best_run = run;
        }
        start = -1;
      }
    }
    if (best_mid > 0) points.push_back({ring.c + best_mid * u, phi, best_run});
  }
  return points;
}

// The ring around `c` when it is not a circle about it (an oval seal, or a
// centre the votes put off): on each ray the thin ink runs between lo and hi
// are the choices, and the ring is the smoothest path around through them
// (dynamic programming over two turns, so the path closes on itself), which
// prefers runs with no ink just outside them (the ring is the seal's
// outline); rays without a fitting run may be skipped at a cost.
std::vector<RayPoint> trace_ring(const InkMap& ink, cv::Point2d c, double lo, double hi, double max_run) {
  constexpr int kRays = 90;
  constexpr int kChoices = 4;
  constexpr int kSkip = 6;           // rays that may be jumped over at once
  constexpr double kMissCost = 1.0;  // per ray jumped over
  struct Choice {
    double r = 0;
    double run = 0;
    double cost = 0;  // ink just outside
  };
  std::vector<std::vector<Choice>> rays(kRays);
  for (int k = 0; k < kRays; ++k) {
    const cv::Point2d u = direction(2 * kPi * k / kRays);
    std::vector<Choice>& here = rays[static_cast<std::size_t>(k)];
    double start = -1;
    for (double r = lo; r <= hi + 1.0; r += 1.0) {
      const bool inked = r <= hi && ink.at(c + r * u);
      if (inked && start < 0) start = r;
      if (!inked && start >= 0) {
        const double run = r - start;
        const double mid = 0.5 * (start + r - 1.0);
        if (run <= max_run && ink.on_page(c + mid * u)) {
          int out = 0;
          int n = 0;
          for (double q = r + 1.0; q <= r + 1.0 + 0.12 * mid; q += 1.0, ++n) out += ink.at(c + q * u) ? 1 : 0;
          here.push_back({mid, run, n > 0 ? 2.0 * out / n : 0.0});
        }
        start = -1;
      }
    }
    // The outermost choices: the ring is the seal's outline.
    if (here.size() > kChoices) here.erase(here.begin(), here.end() - kChoices);
  }
  // cost[s][j]: best path ending at choice j of ray s % kRays, over 2 turns.
  const int steps = 2 * kRays;
  std::vector<std::array<double, kChoices>> cost(static_cast<std::size_t>(steps));
  std::vector<std::array<std::pair<int, int>, kChoices>> from(static_cast<std::size_t>(steps));
  for (int st = 0; st < steps; ++st) {
    const auto& here = rays[static_cast<std::size_t>(st % kRays)];
    for (std::size_t j = 0; j < here.size(); ++j) {
      // A fresh start costs as if every ray before had been jumped over.
      double best = here[j].cost + kMissCost * st;
      std::pair<int, int> prev{-1, -1};
      for (int g = 1; g <= kSkip && st - g >= 0; ++g) {
        const auto& there = rays[static_cast<std::size_t>((st - g) % kRays)];
        for (std::size_t i = 0; i < there.size(); ++i) {
          const double step = std::abs(here[j].r - there[i].r) / g;
          const double c2 = cost[static_cast<std::size_t>(st - g)][i] + here[j].cost + kMissCost * (g - 1) +
                            2.0 * std::max(0.0, step - 0.8);
          if (c2 < best) {
            best = c2;
            prev = {st - g, static_cast<int>(i)};
          }
        }
      }
      cost[static_cast<std::size_t>(st)][j] = best;
      from[static_cast<std::size_t>(st)][j] = prev;
    }
  }
  // The cheapest end in the last rays of the second turn.
  double best = 1e300;
  std::pair<int, int> at{-1, -1};
  for (int st = steps - kSkip; st < steps; ++st) {
    const auto& here = rays[static_cast<std::size_t>(st % kRays)];
    for (std::size_t j = 0; j < here.size(); ++j) {
      const double c2 = cost[static_cast<std::size_t>(st)][j] + kMissCost * (steps - 1 - st);
      if (c2 < best) {
        best = c2;
        at = {st, static_cast<int>(j)};
      }
    }
  }
  std::vector<RayPoint> points;
  while (at.first >= kRays) {
    const int k = at.first % kRays;
    const Choice& ch = rays[static_cast<std::size_t>(k)][static_cast<std::size_t>(at.second)];
    const double phi = 2 * kPi * k / kRays;
    points.push_back({c + ch.r * direction(phi), phi, ch.run});
    at = from[static_cast<std::size_t>(at.first)][static_cast<std::size_t>(at.second)];
  }
  return points;
}

// Fits the ring to its ray points: a circle, or an ellipse when the points
// say so. Points farther than `tolerance` from the fit are dropped and the
// fit redone. False when too few points are left.
bool fit_ring(std::vector<RayPoint> points, bool allow_ellipse, Ring* ring) {
  for (int pass = 0; pass < 2; ++pass) {
    if (points.size() < 12) return false;
    std::vector<cv::Point2d> xy;
    for (const RayPoint& p : points) xy.push_back(p.p);
    Ring next = *ring;
    double r = 0;
    if (!fit_circle(xy, &next.c, &r)) return false;
    next.a = next.b = r;
    next.angle = 0;
    if (allow_ellipse && xy.size() >= 24) {
      std::vector<cv::Point2f> xyf(xy.begin(), xy.end());
      const cv::RotatedRect e = cv::fitEllipse(xyf);
      const double big = 0.5 * std::max(e.size.width, e.size.height);
      const double little = 0.5 * std::min(e.size.width, e.size.height);
      if (little > 0 && big / little >= 1.1 && std::isfinite(big)) {
        next.c = e.center;
        next.a = big;
        next.b = little;
        // RotatedRect angle: of the width axis, degrees clockwise in image coordinates.
        next.angle = (e.size.width >= e.size.height ? e.angle : e.angle + 90.0) * kPi / 180.0;
      }
    }
    *ring = next;
    const double tolerance = std::max(1.5, 0.05 * ring->mean_radius());
    std::vector<RayPoint> kept;
    for (const RayPoint& p : points) {
      const cv::Point2d d = p.p - ring->c;
      const double along = std::atan2(d.y, d.x);
      if (std::abs(cv::norm(d) - ring->radius_at(along)) <= tolerance) kept.push_back(p);
    }
    if (kept.size() == points.size()) break;
    points = std::move(kept);
  }
  std::vector<double> runs;
  for (const RayPoint& p : points) runs.push_back(p.run);
  std::nth_element(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(runs.size() / 2), runs.end());
  ring->thickness = runs.empty() ? 1.0 : runs[runs.size() / 2];
  return points.size() >= 12;
}

struct RingScore {
  int on_page = 0;       // directions (of kDirections) whose ring point is on the page
  double ring_ink = 0;   // share of those in runs of 12 degrees or more with ink on the ring's line
  double outside = 0;    // share with ink near a ring 1.2 times as large (on the page)
  double fill = 0;       // share of ink inside the ring
};

RingScore score_ring(const InkMap& ink, const Ring& ring) {
  RingScore s;
  // Near the outside ring: as wide as the ring's ink plus a pixel each side.
  const double wide = std::max(1.5, 0.5 * ring.thickness + 1.0);
  // On the ring's line: within its own thickness of its middle line.
  const double thin = std::max(1.0, 0.5 * ring.thickness);
  std::array<int, kDirections> line{};  // -1 off the page, 0 no ink, 1 ink on the ring's line
  int out_on = 0;
  int out_hits = 0;
  for (int k = 0; k < kDirections; ++k) {
    const double phi = 2 * kPi * k / kDirections;
    const cv::Point2d u = direction(phi);
    const double r = ring.radius_at(phi);
    if (!ink.on_page(ring.c + r * u)) {
      line[static_cast<std::size_t>(k)] = -1;
      continue;
    }
    ++s.on_page;
    line[static_cast<std::size_t>(k)] = ink.any(ring.c, u, r - thin, r + thin) ? 1 : 0;
    if (ink.on_page(ring.c + 1.2 * r * u)) {
      ++out_on;
      out_hits += ink.any(ring.c, u, 1.2 * r - wide, 1.2 * r + wide) ? 1 : 0;
    }
  }
  // Runs of inked directions along the ring (around 0 when it is all on the
  // page): a circle through text crosses strokes, a few degrees each.
  int start = 0;
  while (start < kDirections && line[static_cast<std::size_t>(start)] == 1) ++start;
  if (start == kDirections) {
    s.ring_ink = 1;
  } else {
    int run = 0;
    int in_long = 0;
    for (int i = 1; i <= kDirections; ++i) {
      if (line[static_cast<std::size_t>((start + i) % kDirections)] == 1) {
        ++run;
      } else {
        if (run >= kDirections / 30) in_long += run;
        run = 0;
      }
    }
    s.ring_ink = s.on_page > 0 ? static_cast<double>(in_long) / s.on_page : 0.0;
  }
  s.outside = out_on > 0 ? static_cast<double>(out_hits) / out_on : 1.0;

  int inside = 0;
  int inked = 0;
  for (int k = 0; k < 72; ++k) {
    const double phi = 2 * kPi * k / 72;
    const cv::Point2d u = direction(phi);
    const double r = ring.radius_at(phi);
    for (double f = 0.1; f <= 0.85; f += 0.05) {
      const cv::Point2d p = ring.c + f * r * u;
      if (!ink.on_page(p)) continue;
      ++inside;
      inked += ink.at(p) ? 1 : 0;
    }
  }
  s.fill = inside > 0 ? static_cast<double>(inked) / inside : 1.0;
  return s;
}

// A five-pointed star at the seal's centre: a solid core (much thicker than
// any stroke of text) and around it five arms 72 degrees apart with no ink
// between them. [0, 1].
double star_score(const InkMap& ink, const Ring& ring) {
  const double r = ring.mean_radius();
  const int reach = static_cast<int>(std::ceil(0.45 * r));
  const cv::Rect around(static_cast<int>(ring.c.x) - reach, static_cast<int>(ring.c.y) - reach, 2 * reach + 1,
                        2 * reach + 1);
  const cv::Rect roi = around & cv::Rect(0, 0, ink.mat().cols, ink.mat().rows);
  if (roi.area() < around.area() / 2) return 0;
  cv::Mat dist;
  cv::distanceTransform(ink.mat()(roi), dist, cv::DIST_L2, 3);
  double core = 0;
  cv::Point2d at;
  for (int y = 0; y < dist.rows; ++y) {
    const auto* d = dist.ptr<float>(y);
    for (int x = 0; x < dist.cols; ++x) {
      const cv::Point2d p(x + roi.x, y + roi.y);
      if (d[x] > core && cv::norm(p - ring.c) <= 0.3 * r) {
        core = d[x];
        at = p;
      }
    }
  }
  // A star with points at 0.3 radii holds a disk of 0.09 radii; text strokes
  // are a fraction of that, a filled blob more.
  if (core < 0.045 * r || core > 0.17 * r) return 0;
  // Arms: ink along five directions 72 degrees apart, none halfway between,
  // at radii where the arms of stars of 0.25-0.4 radii are.
  constexpr int kSteps = 36;  // turns of the star tried, 2 degrees apart
  double best = 0;
  for (int t = 0; t < kSteps; ++t) {
    const double turn = 2 * kPi / 5 * t / kSteps;
    int arm = 0;
    int between = 0;
    int samples = 0;
    for (int k = 0; k < 5; ++k) {
      for (const double f : {0.13, 0.16, 0.19}) {
        for (const double d : {-0.05, 0.0, 0.05}) {
          const double phi = turn + 2 * kPi * k / 5 + d;
          arm += ink.at(at + f * r * direction(phi)) ? 1 : 0;
          between += ink.at(at + f * r * direction(phi + kPi / 5)) ? 1 : 0;
          ++samples;
        }
      }
    }
    best = std::max(best, static_cast<double>(arm - between) / samples);
  }
  return std::clamp((best - 0.35) / 0.35, 0.0, 1.0);
}

// Text along the inside of the ring: ink in most 10-degree sectors of the
// band 0.55-0.88 radii over a long stretch. [0, 1].
double arc_score(const InkMap& ink, const Ring& ring) {
  constexpr int kSectors = 36;
  std::array<int, kSectors> state{};  // -1 off the page, 0 empty, 1 text
  int on = 0;
  for (int s = 0; s < kSectors; ++s) {
    int samples = 0;
    int inked = 0;
    bool off = false;
    for (int k = 0; k < 6 && !off; ++k) {
      const double phi = 2 * kPi * (s + (k + 0.5) / 6.0) / kSectors;
      const cv::Point2d u = direction(phi);
      const double r = ring.radius_at(phi);
      for (double f = 0.55; f <= 0.88; f += 0.04) {
        const cv::Point2d p = ring.c + f * r * u;
        if (!ink.on_page(p)) {
          off = true;
          break;
        }
        ++samples;
        inked += ink.at(p) ? 1 : 0;
      }
    }
    state[static_cast<std::size_t>(s)] = off ? -1 : (inked >= std::max(2, samples / 12) ? 1 : 0);
    on += off ? 0 : 1;
  }
  if (on < 6) return 0;
  // Longest stretch of text sectors around the circle, across single empty
  // sectors (gaps between characters, or thin strokes at this scale).
  int longest = 0;
  int run = 0;
  int empty = 0;
  for (int i = 0; i < 2 * kSectors; ++i) {
    if (state[static_cast<std::size_t>(i % kSectors)] == 1) {
      run = std::min(run + empty + 1, kSectors);
      empty = 0;
      longest = std::max(longest, run);
    } else if (run > 0 && empty == 0 && state[static_cast<std::size_t>(i % kSectors)] == 0) {
      empty = 1;
    } else {
      run = 0;
      empty = 0;
    }
  }
  if (on == kSectors) return std::clamp((longest * 10.0 - 100.0) / 80.0, 0.0, 1.0);
  // Cut by the page edge: the share of the visible band that carries text.
  int text = 0;
  for (const int v : state) text += v == 1 ? 1 : 0;
  return std::clamp((static_cast<double>(text) / on - 0.5) / 0.35, 0.0, 1.0) * std::min(1.0, on / 9.0);
}

// How light the page is just outside the ring, against the paper around
// it: the grey (not background-normalised) median of a band 1.1-1.3 radii
// out, over the 90th percentile of the grey within 2.5 radii. About 1 for a
// seal on paper, even with text crossing the band; well below for a ring in
// a photograph, whose grey the background estimate takes for paper.
double paper_outside(const cv::Mat& grey, const Ring& ring) {
  std::vector<unsigned char> band;
  for (int k = 0; k < 72; ++k) {
    const double phi = 2 * kPi * k / 72;
    const cv::Point2d u = direction(phi);
    const double r = ring.radius_at(phi);
    for (double f = 1.1; f <= 1.31; f += 0.05) {
      const cv::Point p(ring.c + f * r * u);
      if (p.x >= 0 && p.y >= 0 && p.x < grey.cols && p.y < grey.rows) band.push_back(grey.at<unsigned char>(p));
    }
  }
  const int reach = static_cast<int>(2.5 * ring.mean_radius());
  const cv::Rect around = cv::Rect(static_cast<int>(ring.c.x) - reach, static_cast<int>(ring.c.y) - reach, 2 * reach, 2 * reach) &
                          cv::Rect(0, 0, grey.cols, grey.rows);
  if (band.size() < 20 || around.empty()) return 1.0;
  std::nth_element(band.begin(), band.begin() + static_cast<std::ptrdiff_t>(band.size() / 2), band.end());
  const int paper = percentile(grey(around), 0.9);
  return paper > 0 ? band[band.size() / 2] / static_cast<double>(paper) : 1.0;
}

struct Candidate {
  Ring ring;
  RingScore score;
  double star = 0;
  double arc = 0;
  double confidence = 0;
};

}  // namespace

double pixels_per_mm(cv::Size page, int dpi) {
  const int shorter = std::min(page.width, page.height);
  if (dpi >= 72 && dpi <= 2400) {
    const double mm = shorter * 25.4 / dpi;
    if (mm >= 90 && mm <= 330) return dpi / 25.4;  // A6 to A3
  }
  return shorter / 210.0;  // taken for A4
}

std::vector<Seal> detect_seals_by_shape_scaled(const cv::Mat& small_grey, double scale, cv::Size original, int dpi) {
  std::vector<Seal> seals;
  if (small_grey.empty() || small_grey.type() != CV_8UC1 || small_grey.cols < 32 || small_grey.rows < 32) return seals;
  const double per_mm = pixels_per_mm(original, dpi) * scale;
  const int r_min = static_cast<int>(std::floor(kMinRadiusMm * per_mm));
  const int r_max = static_cast<int>(std::ceil(kMaxRadiusMm * per_mm));
  if (r_min < 8 || 2 * r_min > std::max(small_grey.cols, small_grey.rows)) return seals;

  cv::Mat norm;
  cv::divide(small_grey, background(small_grey), norm, 255.0);
  cv::Mat ink = norm < 255 - kInk;
  const InkMap map(ink);

  const int margin = static_cast<int>(std::ceil(kOffPage * r_max));
  const cv::Mat acc = vote_centres(norm, r_min, r_max, margin);
  // A floor well below what a broken third of a ring gets; a page of text
  // gets it at many places, hence the limit on candidates.
  const auto min_votes = static_cast<float>(0.06 * kPi * r_min);
  const std::vector<Peak> peaks = find_peaks(acc, margin, r_min / 2, min_votes, kCandidates);

  // A fitted ring, checked: a candidate with its confidence, or nothing.
  // A traced ring is the smoothest path through whatever ink is there, so
  // it must show more of a ring than a circle fitted to the votes.
  const auto assess = [&](const Ring& ring, bool traced) -> std::optional<Candidate> {
    const double major = std::max(ring.a, ring.b);
    const double minor = std::min(ring.a, ring.b);
    if (major < r_min || major > r_max || minor < kMinMinorMm * per_mm || major > 1.6 * minor) return std::nullopt;
    Candidate c;
    c.ring = ring;
    c.score = score_ring(map, ring);
    const RingScore& s = c.score;
    c.star = star_score(map, ring);
    c.arc = arc_score(map, ring);
    // The ring: a third of it on the page at least, ink along most of what
    // is there in long pieces (text that a circle crosses gives short ones),
    // and clearly less just outside it; a thin line, ink inside but no
    // filled disk (a photograph).
    const double ring_ink = s.ring_ink;
    const double clean = ring_ink - s.outside;
    if (s.on_page < kDirections / 3 || ring_ink < (traced ? 0.6 : 0.45) || clean < (traced ? 0.3 : 0.2)) return std::nullopt;
    if (ring.thickness > 0.12 * ring.mean_radius() || s.fill < 0.02 || s.fill > 0.5) return std::nullopt;
    // Inside: a star or an arc of text; a broken seal whose inside broke up
    // too needs a cleaner ring.
    const double inner = std::max(c.star, c.arc);
    if (inner < 0.5 && clean < 0.4) return std::nullopt;
    // On paper, not in a photograph.
    if (paper_outside(small_grey, ring) < 0.85) return std::nullopt;
    c.confidence = std::clamp(0.25 + 0.35 * std::clamp((ring_ink - 0.45) / 0.45, 0.0, 1.0) +
                                  0.2 * std::clamp((clean - 0.2) / 0.5, 0.0, 1.0) + 0.2 * inner,
                              0.0, 1.0);
    return c;
  };

  std::vector<Candidate> found;
  for (const Peak& peak : peaks) {
    // A circle first: the radius where ink covers most directions, then the
    // ring's points near it.
    std::optional<Candidate> got;
    Ring ring;
    ring.c = peak.centre;
    const double r0 = best_radius(map, ring.c, 0.9 * r_min, 1.1 * r_max);
    const double max_run = std::max(4.0, 0.14 * std::max(r0, 1.0 * r_min));
    if (r0 > 0) {
      ring.a = ring.b = r0;
      bool ok = true;
      for (int pass = 0; pass < 3 && ok; ++pass) {
        ok = fit_ring(ring_points(map, ring, pass == 0 ? 0.15 : 0.1, max_run), false, &ring);
      }
      if (ok) got = assess(ring, false);
    }
    // Else, or when that circle is patchy, an oval (or a circle about a
    // centre the votes put off): the ring traced around; the better one.
    if (!got || got->score.ring_ink < 0.8) {
      Ring oval;
      oval.c = peak.centre;
      // Traced again about each fit's centre: an oval's votes miss its centre.
      bool ok = true;
      for (int pass = 0; pass < 2 && ok; ++pass) {
        ok = fit_ring(trace_ring(map, oval.c, kMinMinorMm * per_mm * 0.5, 1.15 * r_max, max_run), true, &oval) &&
             std::max(oval.a, oval.b) <= 1.2 * r_max && cv::norm(oval.c - peak.centre) <= 0.6 * r_max;
      }
      for (int pass = 0; pass < 2 && ok; ++pass) ok = fit_ring(ring_points(map, oval, 0.1, max_run), true, &oval);
      std::optional<Candidate> traced;
      if (ok) traced = assess(oval, true);
      if (traced && (!got || traced->confidence > got->confidence)) got = traced;
    }
    if (!got) continue;
    const Candidate& c = *got;
    const double mean_r = c.ring.mean_radius();
    // Duplicates: the same ring from two peaks (or as a circle and as an oval).
    bool seen = false;
    for (Candidate& other : found) {
      if (cv::norm(other.ring.c - c.ring.c) < 0.5 * std::max(mean_r, other.ring.mean_radius())) {
        seen = true;
        if (c.confidence > other.confidence) other = c;
      }
    }
    if (!seen) found.push_back(c);
  }

  for (const Candidate& c : found) {
    const Ring& r = c.ring;
    // Half-extents of the ellipse's outer edge.
    const double outer_a = r.a + 0.5 * r.thickness;
    const double outer_b = r.b + 0.5 * r.thickness;
    const double ca = std::cos(r.angle);
    const double sa = std::sin(r.angle);
    const double ex = std::sqrt(outer_a * outer_a * ca * ca + outer_b * outer_b * sa * sa);
    const double ey = std::sqrt(outer_a * outer_a * sa * sa + outer_b * outer_b * ca * ca);
    // Small pixel i covers original pixels [i/scale, (i+1)/scale).
    const double x0 = std::max(0.0, (r.c.x + 0.5 - ex) / scale);
    const double y0 = std::max(0.0, (r.c.y + 0.5 - ey) / scale);
    const double x1 = std::min<double>(original.width, (r.c.x + 0.5 + ex) / scale);
    const double y1 = std::min<double>(original.height, (r.c.y + 0.5 + ey) / scale);
    if (x1 <= x0 || y1 <= y0) continue;
    Seal seal;
    seal.box = {static_cast<int>(std::floor(x0)), static_cast<int>(std::floor(y0)),
                static_cast<int>(std::ceil(x1 - std::floor(x0))), static_cast<int>(std::ceil(y1 - std::floor(y0)))};
    seal.found_by = "shape";
    seal.colour_confidence = 0;
    seal.roundness = std::min(r.a, r.b) / std::max(r.a, r.b);
    seal.confidence = c.confidence;
    seals.push_back(seal);
  }
  std::sort(seals.begin(), seals.end(), [](const Seal& p, const Seal& q) {
    return p.box.y != q.box.y ? p.box.y < q.box.y : p.box.x < q.box.x;
  });
  return seals;
}

void lighten_seal_ink(cv::Mat& grey, const Seal& seal) {
  const cv::Rect box = cv::Rect(seal.box.x, seal.box.y, seal.box.w, seal.box.h) & cv::Rect(0, 0, grey.cols, grey.rows);
  if (box.empty()) return;
  // Cut by the page edge, the ring is not the box's ellipse: left alone.
  const double aspect = static_cast<double>(std::min(box.width, box.height)) / std::max(box.width, box.height);
  if (aspect < 0.9 * seal.roundness) return;
  cv::Mat roi = grey(box);
  const int paper = percentile(roi, 0.9);
  const int text = percentile(roi, 0.03);  // black print under or near the seal, or the seal's darkest ink
  // The seal's own ink: the ring (the band inside the box's ellipse's rim),
  // where nothing else is printed.
  std::vector<unsigned char> ring;
  const double a = box.width / 2.0;
  const double b = box.height / 2.0;
  for (int y = 0; y < roi.rows; ++y) {
    const auto* row = roi.ptr<unsigned char>(y);
    const double dy = (y + 0.5 - b) / b;
    for (int x = 0; x < roi.cols; ++x) {
      const double dx = (x + 0.5 - a) / a;
      const double d = dx * dx + dy * dy;
      if (d >= 0.86 && d <= 1.0 && row[x] < 0.85 * paper) ring.push_back(row[x]);
    }
  }
  if (ring.size() < 100) return;
  std::nth_element(ring.begin(), ring.begin() + static_cast<std::ptrdiff_t>(ring.size() / 2), ring.end());
  const int ink = ring[ring.size() / 2];
  // Seal ink as dark as the print (a 1-bit scan, a dark photocopy): nothing to tell apart.
  if (ink - text < 0.12 * paper) return;
  // Darker than a little over halfway from the print to the seal's ink stays
  // (print, and print under seal ink, which is darker still); lighter goes
  // to paper over a short ramp.
  const double cut = text + 0.55 * (ink - text);
  const double ramp = std::max(8.0, 0.35 * (ink - text));
  for (int y = 0; y < roi.rows; ++y) {
    auto* row = roi.ptr<unsigned char>(y);
    for (int x = 0; x < roi.cols; ++x) {
      const double v = row[x];
      if (v <= cut || v >= paper) continue;
      const double t = std::min(1.0, (v - cut) / ramp);
      row[x] = cv::saturate_cast<unsigned char>(v + (paper - v) * t);
    }
  }
}

}  // namespace detail

std::vector<Seal> detect_seals_by_shape(const cv::Mat& image, int dpi) {
  if (image.empty() || image.depth() != CV_8U) return {};
  cv::Mat grey = image;
  if (image.channels() == 3) cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  if (grey.channels() != 1) return {};
  double scale = 1;
  const cv::Mat small = detail::downscale(grey, detail::kWorkLongSide, &scale);
  return detail::detect_seals_by_shape_scaled(small, scale, image.size(), dpi);
}

std::vector<Seal> find_seals(const cv::Mat& image, int dpi) {
  std::vector<Seal> seals;
  if (image.channels() == 3) seals = detect_seals(image);
  if (seals.empty()) seals = detect_seals_by_shape(image, dpi);
  return seals;
}

}  // namespace caseaudit::ocr::cleanup
