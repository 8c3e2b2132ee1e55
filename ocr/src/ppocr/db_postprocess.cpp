// DB post-processing: probability map -> scored, unclipped rotated boxes.
#include "ppocr/db_postprocess.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace caseaudit::ocr::ppocr {
namespace {

// Mean probability inside the rotated rectangle (the map's own pixels).
float mean_inside(const cv::Mat& probability, const cv::RotatedRect& box) {
  cv::Point2f corners[4];
  box.points(corners);
  const cv::Rect bounds = cv::boundingRect(std::vector<cv::Point2f>(corners, corners + 4)) &
                          cv::Rect(0, 0, probability.cols, probability.rows);
  if (bounds.empty()) return 0;
  cv::Mat mask = cv::Mat::zeros(bounds.size(), CV_8U);
  std::vector<cv::Point> polygon;
  for (const cv::Point2f& c : corners)
    polygon.emplace_back(cvRound(c.x - static_cast<float>(bounds.x)), cvRound(c.y - static_cast<float>(bounds.y)));
  cv::fillConvexPoly(mask, polygon, cv::Scalar(1));
  return static_cast<float>(cv::mean(probability(bounds), mask)[0]);
}

}  // namespace

std::vector<TextRegion> db_postprocess(const cv::Mat& probability, const DbSettings& settings, double scale_x,
                                       double scale_y) {
  CV_Assert(probability.type() == CV_32F && probability.dims == 2);
  cv::Mat text;
  cv::compare(probability, settings.threshold, text, cv::CMP_GT);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(text, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
  if (static_cast<int>(contours.size()) > settings.max_candidates) {
    // Keep the largest: on a page this noisy the small ones are specks.
    std::partial_sort(contours.begin(), contours.begin() + settings.max_candidates, contours.end(),
                      [](const auto& a, const auto& b) { return a.size() > b.size(); });
    contours.resize(static_cast<std::size_t>(settings.max_candidates));
  }

  std::vector<TextRegion> regions;
  for (const std::vector<cv::Point>& contour : contours) {
    if (contour.size() < 3) continue;
    const cv::RotatedRect kernel = cv::minAreaRect(contour);
    if (std::min(kernel.size.width, kernel.size.height) < settings.min_side) continue;
    const float score = mean_inside(probability, kernel);
    if (score < settings.box_threshold) continue;

    // Unclip: offset every side by d = area * ratio / perimeter.
    const double w = kernel.size.width, h = kernel.size.height;
    const double perimeter = 2 * (w + h);
    if (!(perimeter > 0)) continue;
    const double d = w * h * settings.unclip_ratio / perimeter;
    cv::RotatedRect grown(kernel.center, cv::Size2f(static_cast<float>(w + 2 * d), static_cast<float>(h + 2 * d)),
                          kernel.angle);
    if (std::min(grown.size.width, grown.size.height) < settings.min_side + 2) continue;

    // To the caller's coordinates (pixel centres map to pixel centres). The
    // scales are nearly equal (the detector's input keeps the aspect within
    // rounding), so a rectangle stays one.
    cv::Point2f corners[4];
    grown.points(corners);
    std::vector<cv::Point2f> scaled;
    for (const cv::Point2f& c : corners)
      scaled.emplace_back(static_cast<float>((c.x + 0.5) * scale_x - 0.5),
                          static_cast<float>((c.y + 0.5) * scale_y - 0.5));
    regions.push_back({cv::minAreaRect(scaled), score});
  }
  return regions;
}

}  // namespace caseaudit::ocr::ppocr
