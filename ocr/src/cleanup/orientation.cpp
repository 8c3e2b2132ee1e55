// Page orientation: exact quarter turns (with the matrix that maps points
// through them) and the cheap fallback check that tells horizontal text lines
// (0) from vertical ones (90) by where characters' nearest neighbours lie.
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

cv::Matx23d quarter_turn_matrix(int clockwise, cv::Size size) {
  // Pixel centres at integer coordinates, as cv::rotate moves them.
  const double w1 = size.width - 1;
  const double h1 = size.height - 1;
  switch (clockwise) {
    case 90:
      return {0, -1, h1, 1, 0, 0};
    case 180:
      return {-1, 0, w1, 0, -1, h1};
    case 270:
      return {0, 1, 0, -1, 0, w1};
    default:
      return {1, 0, 0, 0, 1, 0};
  }
}

cv::Mat quarter_turn(const cv::Mat& image, int clockwise) {
  cv::Mat out;
  switch (clockwise) {
    case 90:
      cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
      return out;
    case 180:
      cv::rotate(image, out, cv::ROTATE_180);
      return out;
    case 270:
      cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      return out;
    default:
      return image;
  }
}

}  // namespace detail

int detail::orientation_from_ink(const cv::Mat& ink) {
  // Character-sized blobs and their nearest neighbours: in a line of text the
  // next character is much nearer than the next line, so horizontal text has
  // mostly side-by-side neighbours and a quarter-turned page mostly
  // stacked ones. Lines, borders and specks are left out by size. Within
  // +-15 degrees of skew a neighbour stays on its side of the diagonal.
  constexpr double kMargin = 1.3;
  constexpr std::size_t kFewest = 40;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int largest = std::max(4, std::max(ink.cols, ink.rows) / 25);
  std::vector<cv::Point2d> blobs;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (stats.at<int>(i, cv::CC_STAT_AREA) < 4 || w > largest || h > largest) continue;
    blobs.emplace_back(centroids.at<double>(i, 0), centroids.at<double>(i, 1));
  }
  if (blobs.size() < kFewest) return -1;
  std::sort(blobs.begin(), blobs.end(), [](const cv::Point2d& a, const cv::Point2d& b) { return a.x < b.x; });
  std::size_t side_by_side = 0;
  std::size_t stacked = 0;
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    double best = 1e300;
    cv::Point2d offset;
    // Blobs are sorted by x: stop scanning once x alone is farther than the best.
    for (std::size_t j = i + 1; j < blobs.size() && blobs[j].x - blobs[i].x < std::sqrt(best); ++j) {
      const cv::Point2d d = blobs[j] - blobs[i];
      if (d.dot(d) < best) { best = d.dot(d); offset = d; }
    }
    for (std::size_t j = i; j-- > 0 && blobs[i].x - blobs[j].x < std::sqrt(best);) {
      const cv::Point2d d = blobs[j] - blobs[i];
      if (d.dot(d) < best) { best = d.dot(d); offset = d; }
    }
    if (best >= 1e300) continue;
    if (std::abs(offset.x) > std::abs(offset.y)) {
      ++side_by_side;
    } else {
      ++stacked;
    }
  }
  if (static_cast<double>(stacked) > kMargin * static_cast<double>(side_by_side)) return 90;
  if (static_cast<double>(side_by_side) > kMargin * static_cast<double>(stacked)) return 0;
  return -1;
}

int guess_orientation(const cv::Mat& grey) {
  double scale = 1;
  return detail::orientation_from_ink(detail::ink_mask(detail::downscale(grey, detail::kWorkLongSide, &scale)));
}

}  // namespace caseaudit::ocr::cleanup
