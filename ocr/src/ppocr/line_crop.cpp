// Line strips for the recogniser (see line_crop.h).
#include "ppocr/line_crop.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace caseaudit::ocr::ppocr {
namespace {

// Vertical text: PaddleOCR turns crops at least this much taller than wide.
constexpr double kVerticalAspect = 1.5;

// Corners as top-left, top-right, bottom-right, bottom-left of the text: the
// top-left is the corner with the smallest x + y among the two leftmost.
std::array<cv::Point2f, 4> reading_corners(const cv::RotatedRect& box) {
  cv::Point2f p[4];
  box.points(p);
  std::array<cv::Point2f, 4> c{p[0], p[1], p[2], p[3]};
  std::sort(c.begin(), c.end(), [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
  // c[0], c[1]: left pair; c[2], c[3]: right pair.
  const cv::Point2f tl = c[0].y <= c[1].y ? c[0] : c[1];
  const cv::Point2f bl = c[0].y <= c[1].y ? c[1] : c[0];
  const cv::Point2f tr = c[2].y <= c[3].y ? c[2] : c[3];
  const cv::Point2f br = c[2].y <= c[3].y ? c[3] : c[2];
  return {tl, tr, br, bl};
}

double distance(const cv::Point2f& a, const cv::Point2f& b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

LineCrop crop_line(const cv::Mat& grey, const cv::RotatedRect& box, int height, int max_width) {
  std::array<cv::Point2f, 4> c = reading_corners(box);
  double w = distance(c[0], c[1]);
  double h = distance(c[0], c[3]);
  if (h >= kVerticalAspect * w) {
    // Read top to bottom: the strip's left edge is the box's top edge.
    c = {c[3], c[0], c[1], c[2]};
    std::swap(w, h);
  }
  w = std::max(w, 1.0);
  h = std::max(h, 1.0);
  const int strip_w = std::clamp(static_cast<int>(std::lround(height * w / h)), 1, max_width);

  // Like PaddleOCR's own pipeline: warp at the page's resolution, then resize
  // the strip to the recogniser's height (INTER_LINEAR, as in its training).
  const int native_w = std::max(1, static_cast<int>(std::lround(w)));
  const int native_h = std::max(1, static_cast<int>(std::lround(h)));
  const cv::Point2f src[4] = {c[0], c[1], c[2], c[3]};
  const auto nw = static_cast<float>(native_w), nh = static_cast<float>(native_h);
  const cv::Point2f dst[4] = {{0, 0}, {nw, 0}, {nw, nh}, {0, nh}};
  const cv::Mat forward = cv::getPerspectiveTransform(src, dst);
  cv::Mat native;
  cv::warpPerspective(grey, native, forward, cv::Size(native_w, native_h), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  LineCrop out;
  cv::resize(native, out.strip, cv::Size(strip_w, height), 0, 0, cv::INTER_LINEAR);
  const cv::Matx33d strip_to_native(static_cast<double>(native_w) / strip_w, 0, 0,  //
                                    0, static_cast<double>(native_h) / height, 0,   //
                                    0, 0, 1);
  out.to_page = cv::Matx33d(cv::Mat(forward.inv())) * strip_to_native;
  return out;
}

cv::Rect2d strip_span_on_page(const LineCrop& crop, double x0, double x1) {
  const double h = crop.strip.rows;
  double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
  for (const cv::Point2d p : {cv::Point2d(x0, 0), cv::Point2d(x1, 0), cv::Point2d(x1, h), cv::Point2d(x0, h)}) {
    const cv::Vec3d q = crop.to_page * cv::Vec3d(p.x, p.y, 1.0);
    const double x = q[0] / q[2], y = q[1] / q[2];
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
  return {min_x, min_y, max_x - min_x, max_y - min_y};
}

}  // namespace caseaudit::ocr::ppocr
