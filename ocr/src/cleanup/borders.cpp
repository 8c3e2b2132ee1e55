// Scanner borders and shadows: dark regions that touch the page edge, found
// at reduced resolution and painted white at full resolution. Thin lines
// (table rules, text strokes) are not borders unless they hug the edge.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

namespace {

bool touches_edge(const cv::Rect& r, cv::Size size) {
  return r.x == 0 || r.y == 0 || r.x + r.width == size.width || r.y + r.height == size.height;
}

// Lies within `margin` pixels of an edge and either touches it or runs along
// a quarter of it (a page number near the edge does neither).
bool hugs_edge(const cv::Rect& r, cv::Size size, int margin) {
  const bool along_x = r.width >= size.width / 4 || r.x == 0 || r.x + r.width == size.width;
  const bool along_y = r.height >= size.height / 4 || r.y == 0 || r.y + r.height == size.height;
  return (r.x + r.width <= margin && along_y) || (r.y + r.height <= margin && along_x) ||
         (r.x >= size.width - margin && along_y) || (r.y >= size.height - margin && along_x);
}

}  // namespace

cv::Mat border_mask(const cv::Mat& small_grey) {
  // Borders are much darker than the paper: a shadow of uneven lighting is
  // not a border (the text in it would go too).
  cv::Mat dark;
  const double otsu = cv::threshold(small_grey, dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat result = cv::Mat::zeros(small_grey.size(), CV_8UC1);
  if (otsu > 235) return result;  // blank page
  const double paper = percentile(small_grey, 0.9);
  cv::threshold(small_grey, dark, std::min(otsu, 0.45 * paper), 255, cv::THRESH_BINARY_INV);

  // Thick dark regions (bands at least ~2.5 mm wide on an A4 page).
  const int longest = std::max(small_grey.cols, small_grey.rows);
  const int k = std::max(3, longest / 140);
  cv::Mat thick;
  cv::morphologyEx(dark, thick, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));

  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(thick, labels, stats, centroids, 8, CV_32S);
  cv::Mat keep = cv::Mat::zeros(small_grey.size(), CV_8UC1);
  bool any = false;
  for (int i = 1; i < n; ++i) {
    const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (!touches_edge(r, small_grey.size())) continue;
    keep.setTo(255, labels == i);
    any = true;
  }
  if (any) {
    // Take in the band's soft edge, but only where it is dark.
    cv::dilate(keep, keep, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    cv::bitwise_and(keep, dark, result);
  }

  // Thin dark lines along the edge (the paper's edge, a scanner lid line),
  // once the bands they may touch are gone.
  const int margin = std::max(2, longest / 60);
  dark.setTo(0, result);
  const int m = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < m; ++i) {
    const cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (hugs_edge(r, small_grey.size(), margin)) result.setTo(255, labels == i);
  }
  return result;
}

}  // namespace detail

void remove_borders(cv::Mat& grey) {
  double scale = 1;
  const cv::Mat small = detail::downscale(grey, detail::kWorkLongSide, &scale);
  cv::Mat mask = detail::border_mask(small);
  if (cv::countNonZero(mask) == 0) return;
  // One more small pixel so resampling leaves no dark rim.
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  if (mask.size() != grey.size()) cv::resize(mask, mask, grey.size(), 0, 0, cv::INTER_NEAREST);
  grey.setTo(255, mask);
}

}  // namespace caseaudit::ocr::cleanup
