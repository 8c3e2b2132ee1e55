// Red seals (印章): found by colour at reduced resolution, kept only when the
// red ink forms a seal-sized, ring-bounded round shape (red specks, a red
// header line or red title characters are not seals), refined at full
// resolution; then their ink is lightened in the grey image so the black
// text printed under them can be read.
#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

namespace {

// Red hue wraps around 0 in OpenCV's 0-180 hue scale.
constexpr int kHueLow = 12;
constexpr int kHueHigh = 165;

cv::Mat red_mask(const cv::Mat& bgr, int min_saturation) {
  cv::Mat hsv;
  cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
  cv::Mat low;
  cv::Mat high;
  cv::inRange(hsv, cv::Scalar(0, min_saturation, 60), cv::Scalar(kHueLow, 255, 255), low);
  cv::inRange(hsv, cv::Scalar(kHueHigh, min_saturation, 60), cv::Scalar(180, 255, 255), high);
  return low | high;
}

cv::Rect box_of(const cv::Mat& stats, int i) {
  return {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
          stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)};
}

// Boxes that overlap are one group (a ring and the text and star inside it).
std::vector<cv::Rect> merge_overlapping(std::vector<cv::Rect> boxes) {
  bool merged = true;
  while (merged) {
    merged = false;
    for (std::size_t i = 0; i < boxes.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        if ((boxes[i] & boxes[j]).area() > 0) {
          boxes[i] |= boxes[j];
          boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(j));
          merged = true;
          break;
        }
      }
    }
  }
  return boxes;
}

struct Shape {
  double circularity = 0;  // 4*pi*area / perimeter^2 of the convex hull
  double ring = 0;         // share of directions with ink in the outer band of the box's ellipse
  double outside = 0;      // share of ink outside that ellipse
};

Shape measure_shape(const cv::Mat& ink) {
  Shape shape;
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  if (points.size() < 20) return shape;
  std::vector<cv::Point> hull;
  cv::convexHull(points, hull);
  const double area = cv::contourArea(hull);
  const double perimeter = cv::arcLength(hull, true);
  if (perimeter > 0) shape.circularity = std::min(1.0, 4 * std::numbers::pi * area / (perimeter * perimeter));

  const double a = ink.cols / 2.0;
  const double b = ink.rows / 2.0;
  std::size_t outside = 0;
  for (const cv::Point& p : points) {
    const double dx = (p.x + 0.5 - a) / a;
    const double dy = (p.y + 0.5 - b) / b;
    if (dx * dx + dy * dy > 1.15 * 1.15) ++outside;
  }
  shape.outside = static_cast<double>(outside) / static_cast<double>(points.size());

  constexpr int kDirections = 72;
  int hits = 0;
  for (int d = 0; d < kDirections; ++d) {
    const double t = 2 * std::numbers::pi * d / kDirections;
    for (double r = 0.86; r <= 1.05; r += 0.03) {
      const int x = static_cast<int>(a + r * a * std::cos(t));
      const int y = static_cast<int>(b + r * b * std::sin(t));
      if (x >= 0 && y >= 0 && x < ink.cols && y < ink.rows && ink.at<unsigned char>(y, x) != 0) {
        ++hits;
        break;
      }
    }
  }
  shape.ring = static_cast<double>(hits) / kDirections;
  return shape;
}

// A seal cut by the page edge (a 骑缝章 across two sheets): the circle
// fitted to the ink's outer contour away from the edge, and how well the ink
// forms that circle's ring where the circle lies on the page.
struct PartialShape {
  cv::Point2d centre;
  double radius = 0;
  double fit = 0;      // share of the ink's hull vertices within 8% of the radius
  double ring = 0;     // share of on-page directions with ink near the circle
  double outside = 0;  // share of ink farther than 1.15 radii from the centre
  int on_page = 0;     // directions (of 72) whose circle point is on the page
};

// Least-squares (Kasa) circle: x^2 + y^2 + D x + E y + F = 0. Leaves the
// circle as it was when the points do not determine one.
void fit_circle(const std::vector<cv::Point2d>& points, cv::Point2d* centre, double* radius) {
  cv::Matx33d a = cv::Matx33d::zeros();
  cv::Vec3d b = cv::Vec3d::all(0);
  for (const cv::Point2d& p : points) {
    const cv::Vec3d row(p.x, p.y, 1);
    a += row * row.t();
    b += row * -(p.x * p.x + p.y * p.y);
  }
  cv::Vec3d def;
  if (points.size() < 3 || !cv::solve(a, b, def, cv::DECOMP_CHOLESKY)) return;
  const cv::Point2d c(-def[0] / 2, -def[1] / 2);
  const double r2 = c.dot(c) - def[2];
  if (r2 <= 0) return;
  *centre = c;
  *radius = std::sqrt(r2);
}

PartialShape measure_partial(const cv::Mat& ink, cv::Rect tight) {
  PartialShape shape;
  // The ink's convex hull runs along the outside of the ring; the cut adds
  // one straight edge, i.e. just two vertices, and the text inside none.
  std::vector<cv::Point> points;
  cv::findNonZero(ink(tight), points);
  if (points.size() < 20) return shape;
  std::vector<cv::Point> hull;
  cv::convexHull(points, hull);
  std::vector<cv::Point2d> outline;
  for (const cv::Point& p : hull) outline.emplace_back(p + tight.tl());
  if (outline.size() < 8) return shape;
  shape.centre = (outline.front() + outline[outline.size() / 2]) * 0.5;
  shape.radius = 0;
  fit_circle(outline, &shape.centre, &shape.radius);
  if (shape.radius <= 0) return shape;
  std::size_t close = 0;
  for (const cv::Point2d& p : outline) close += std::abs(cv::norm(p - shape.centre) - shape.radius) < 0.08 * shape.radius ? 1 : 0;
  shape.fit = static_cast<double>(close) / static_cast<double>(outline.size());

  std::size_t far = 0;
  for (const cv::Point& p : points) {
    if (cv::norm(cv::Point2d(p + tight.tl()) - shape.centre) > 1.15 * shape.radius) ++far;
  }
  shape.outside = points.empty() ? 1.0 : static_cast<double>(far) / static_cast<double>(points.size());

  constexpr int kDirections = 72;
  int hits = 0;
  for (int d = 0; d < kDirections; ++d) {
    const double t = 2 * std::numbers::pi * d / kDirections;
    const cv::Point2d u(std::cos(t), std::sin(t));
    const cv::Point2d edge = shape.centre + shape.radius * u;
    if (edge.x < 0 || edge.y < 0 || edge.x >= ink.cols || edge.y >= ink.rows) continue;
    ++shape.on_page;
    for (double r = 0.8; r <= 1.05; r += 0.05) {
      const cv::Point q(shape.centre + r * shape.radius * u);
      if (q.x >= 0 && q.y >= 0 && q.x < ink.cols && q.y < ink.rows && ink.at<unsigned char>(q) != 0) {
        ++hits;
        break;
      }
    }
  }
  shape.ring = shape.on_page > 0 ? static_cast<double>(hits) / shape.on_page : 0.0;
  return shape;
}

// How sure the red ink in `roi` (full resolution) is seal ink, and the tight
// box of that ink inside the roi.
double colour_confidence(const cv::Mat& roi_bgr, cv::Rect* ink_box) {
  cv::Mat hsv;
  cv::cvtColor(roi_bgr, hsv, cv::COLOR_BGR2HSV);
  cv::Mat loose = red_mask(roi_bgr, 50);
  cv::morphologyEx(loose, loose, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
  const int ink = cv::countNonZero(loose);
  if (ink == 0) {
    *ink_box = {};
    return 0;
  }
  *ink_box = cv::boundingRect(loose);
  double saturation = 0;
  int central = 0;
  for (int y = 0; y < hsv.rows; ++y) {
    const auto* m = loose.ptr<unsigned char>(y);
    const auto* p = hsv.ptr<cv::Vec3b>(y);
    for (int x = 0; x < hsv.cols; ++x) {
      if (m[x] == 0) continue;
      saturation += p[x][1];
      if (p[x][0] <= 10 || p[x][0] >= 170) ++central;
    }
  }
  saturation /= ink;
  const double box_area = std::max(1, ink_box->area());
  // Seal ink scans at saturation ~100 (pinkish, uneven) to ~200 (fresh);
  // greyish-red JPEG fringes of black print stay below ~50.
  const double sat_score = std::clamp((saturation - 35.0) / 60.0, 0.0, 1.0);
  const double hue_score = static_cast<double>(central) / ink;
  const double amount_score = std::clamp(ink / box_area / 0.05, 0.0, 1.0);
  return sat_score * hue_score * amount_score;
}

// Lightens red ink in `grey` (the luminance of `bgr`) by how much redder than
// green and blue each pixel is, beyond the paper's own tint: grey +=
// alpha * (redness - paper redness), alpha chosen so the seal's typical ink
// lands on the paper's grey. Black (or blue) ink has no redness and stays
// dark, also where it crosses the seal; the mix at a black stroke's edge
// stays in between. (The red channel alone does the same for pure red ink
// on white paper, but leaves dark red ink grey and tinted paper uneven.)
void lift_red_ink(const cv::Mat& bgr, cv::Mat grey) {
  cv::Mat channels[3];
  cv::split(bgr, channels);
  cv::Mat others;
  cv::max(channels[0], channels[1], others);
  cv::Mat redness;
  cv::subtract(channels[2], others, redness);  // saturates at 0
  constexpr int kInk = 60;  // redness of clearly red pixels
  cv::Mat red = redness > kInk;
  const int red_count = cv::countNonZero(red);
  if (red_count == 0) return;
  const double ink_grey = cv::mean(grey, red)[0];
  const double ink_redness = cv::mean(redness, red)[0];
  const int paper_grey = percentile(grey, 0.9);
  cv::Mat paper = grey >= paper_grey - 10;
  const double paper_redness = cv::countNonZero(paper) > 0 ? cv::mean(redness, paper)[0] : 0.0;
  if (ink_redness <= paper_redness + 1) return;
  // A little over the paper, so the ink's lighter half does not stay as a
  // faint ghost.
  const double alpha = std::clamp(1.15 * (paper_grey - ink_grey) / (ink_redness - paper_redness), 0.3, 4.0);
  cv::Mat lift;
  cv::subtract(redness, cv::Scalar::all(paper_redness), lift);  // saturates at 0
  cv::Mat lifted;
  cv::scaleAdd(lift, alpha, grey, lifted);  // saturates at 255
  lifted.copyTo(grey);
}

}  // namespace

std::vector<Seal> detect_seals_scaled(const cv::Mat& small_bgr, double scale, const cv::Mat& original) {
  std::vector<Seal> seals;
  if (small_bgr.channels() != 3 || small_bgr.empty()) return seals;
  const cv::Mat red = red_mask(small_bgr, 60);
  if (cv::countNonZero(red) < 20) return seals;

  const int shorter = std::min(small_bgr.cols, small_bgr.rows);
  const int longest = std::max(small_bgr.cols, small_bgr.rows);
  const int k = std::max(3, longest / 120);
  cv::Mat grouped;
  cv::dilate(red, grouped, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(grouped, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (int i = 1; i < n; ++i) boxes.push_back(box_of(stats, i));
  boxes = merge_overlapping(std::move(boxes));

  // Seals are 25-45 mm across: on A4 (210 mm) 6-45 % of the short side.
  const double min_size = 0.06 * shorter;
  const double max_size = 0.45 * shorter;
  cv::Mat ring_ink;
  cv::dilate(red, ring_ink, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  for (const cv::Rect& group : boxes) {
    // The dilation grew the box; take the red ink's own box.
    const cv::Rect tight = cv::boundingRect(red(group)) + group.tl();
    const int big = std::max(tight.width, tight.height);
    const int little = std::min(tight.width, tight.height);
    if (big < min_size || big > max_size) continue;
    double roundness = 0;
    if (little < 0.5 * big) {
      // Only part of a seal: cut by the sheet's edge (a 骑缝章 across two
      // sheets). At least a quarter of its circle on the image, and ink along
      // most of what is there; a half ring inside the page is not a seal.
      const PartialShape partial = measure_partial(ring_ink, tight);
      if (partial.radius < min_size / 2 || partial.radius > max_size / 2 || partial.on_page < 18 ||
          partial.fit < 0.7 || partial.ring < 0.75 || partial.outside > 0.1) {
        continue;
      }
      roundness = partial.fit;
    } else {
      const Shape shape = measure_shape(ring_ink(tight));
      // A ring all round (black strokes crossing it leave small gaps); bold
      // red title characters have ink near their box's ellipse in places only.
      if (shape.circularity < 0.75 || shape.ring < 0.85 || shape.outside > 0.1) continue;
      roundness = shape.circularity;
    }

    // Refine at full resolution.
    const double pad = 0.1 * big;
    cv::Rect roi(static_cast<int>((tight.x - pad) / scale), static_cast<int>((tight.y - pad) / scale),
                 static_cast<int>((tight.width + 2 * pad) / scale), static_cast<int>((tight.height + 2 * pad) / scale));
    roi &= cv::Rect(0, 0, original.cols, original.rows);
    if (roi.empty()) continue;
    cv::Rect ink_box;
    Seal seal;
    seal.colour_confidence = colour_confidence(original(roi), &ink_box);
    if (ink_box.empty()) continue;
    ink_box += roi.tl();
    seal.box = {ink_box.x, ink_box.y, ink_box.width, ink_box.height};
    seal.roundness = roundness;
    seal.found_by = "colour";
    // The ring test has passed: how sure the detection is rests on the ink.
    seal.confidence = seal.colour_confidence;
    seals.push_back(seal);
  }
  return seals;
}

cv::Mat grey_with_seals_suppressed(const cv::Mat& bgr, const std::vector<Seal>& seals) {
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  for (const Seal& seal : seals) {
    const int pad = std::max(seal.box.w, seal.box.h) / 12 + 2;
    cv::Rect roi(seal.box.x - pad, seal.box.y - pad, seal.box.w + 2 * pad, seal.box.h + 2 * pad);
    roi &= cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (!roi.empty()) lift_red_ink(bgr(roi), grey(roi));
  }
  return grey;
}

}  // namespace detail

std::vector<Seal> detect_seals(const cv::Mat& bgr) {
  if (bgr.channels() != 3 || bgr.empty()) return {};
  double scale = 1;
  const cv::Mat small = detail::downscale(bgr, detail::kWorkLongSide, &scale);
  return detail::detect_seals_scaled(small, scale, bgr);
}

cv::Mat grey_for_text(const cv::Mat& bgr, bool suppress_red) {
  if (bgr.channels() == 1) return bgr.clone();
  return detail::grey_with_seals_suppressed(bgr, suppress_red ? detect_seals(bgr) : std::vector<Seal>{});
}

}  // namespace caseaudit::ocr::cleanup
