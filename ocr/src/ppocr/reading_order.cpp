// Reading order: unskew, group into rows, sort (see reading_order.h).
#include "ppocr/reading_order.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace caseaudit::ocr::ppocr {
namespace {

struct Extent {
  double x0, y0, x1, y1;
  double height() const { return y1 - y0; }
  double cy() const { return 0.5 * (y0 + y1); }
};

// Boxes are grown around the text by the detector's unclip; rows are formed
// from the middle part of each box's height so that neighbouring lines, whose
// grown boxes touch, stay apart.
constexpr double kCoreHeight = 0.6;

// Angle of the box's long side against the x axis, in (-90, 90].
double long_side_angle(const cv::RotatedRect& r) {
  cv::Point2f p[4];
  r.points(p);
  const cv::Point2f a = p[1] - p[0], b = p[2] - p[1];
  const cv::Point2f v = std::hypot(a.x, a.y) >= std::hypot(b.x, b.y) ? a : b;
  double deg = std::atan2(v.y, v.x) * 180.0 / CV_PI;
  if (deg > 90) deg -= 180;
  if (deg <= -90) deg += 180;
  return deg;
}

// The box's extent after rotating the page by -angle, with its height reduced
// to the middle band.
Extent unskewed_core(const cv::RotatedRect& r, double cos_a, double sin_a) {
  cv::Point2f p[4];
  r.points(p);
  Extent e{1e300, 1e300, -1e300, -1e300};
  for (const cv::Point2f& q : p) {
    const double x = cos_a * q.x + sin_a * q.y;
    const double y = -sin_a * q.x + cos_a * q.y;
    e.x0 = std::min(e.x0, x);
    e.x1 = std::max(e.x1, x);
    e.y0 = std::min(e.y0, y);
    e.y1 = std::max(e.y1, y);
  }
  const double cy = e.cy(), half = 0.5 * kCoreHeight * e.height();
  e.y0 = cy - half;
  e.y1 = cy + half;
  return e;
}

}  // namespace

double residual_skew(const std::vector<cv::RotatedRect>& lines) {
  std::vector<double> angles;
  for (const cv::RotatedRect& r : lines) {
    const double long_side = std::max(r.size.width, r.size.height);
    const double short_side = std::min(r.size.width, r.size.height);
    if (short_side > 0 && long_side >= 3 * short_side) {
      const double a = long_side_angle(r);
      if (std::abs(a) <= 30) angles.push_back(a);
    }
  }
  if (angles.empty()) return 0;
  std::nth_element(angles.begin(), angles.begin() + static_cast<std::ptrdiff_t>(angles.size() / 2), angles.end());
  return angles[angles.size() / 2];
}

std::vector<std::size_t> reading_order(const std::vector<cv::RotatedRect>& lines) {
  const double angle = residual_skew(lines) * CV_PI / 180.0;
  const double cos_a = std::cos(angle), sin_a = std::sin(angle);
  std::vector<Extent> e;
  for (const cv::RotatedRect& r : lines) e.push_back(unskewed_core(r, cos_a, sin_a));

  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return e[a].cy() < e[b].cy(); });

  // A box joins the current row when its centre lies within the row's band
  // (the middle bands of the row's boxes so far, averaged).
  std::vector<std::size_t> out;
  out.reserve(order.size());
  std::vector<std::size_t> row;
  double band_sum0 = 0, band_sum1 = 0;
  auto flush = [&] {
    std::sort(row.begin(), row.end(), [&](std::size_t a, std::size_t b) { return e[a].x0 < e[b].x0; });
    out.insert(out.end(), row.begin(), row.end());
    row.clear();
    band_sum0 = band_sum1 = 0;
  };
  for (std::size_t i : order) {
    if (!row.empty()) {
      const double n = static_cast<double>(row.size());
      const double top = band_sum0 / n, bottom = band_sum1 / n;
      if (e[i].cy() > bottom || e[i].cy() < top) flush();
    }
    row.push_back(i);
    band_sum0 += e[i].y0;
    band_sum1 += e[i].y1;
  }
  flush();
  return out;
}

}  // namespace caseaudit::ocr::ppocr
