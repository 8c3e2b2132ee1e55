// Skew: estimated from the projection profile of the ink at reduced
// resolution (text lines and ruled lines both sharpen the profile at the true
// angle; seal rings and noise spread evenly), then undone by a rotation that
// keeps every pixel.
#include <algorithm>
#include <cmath>
#include <numbers>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;

// Sum of squared bins of the profile of y*cos(a) + x*sin(a), with each point
// split linearly between two one-pixel bins (keeps the score smooth in a).
double profile_energy(const std::vector<cv::Point2f>& points, double degrees, float extent,
                      std::vector<float>& bins) {
  const float c = static_cast<float>(std::cos(degrees * kDegree));
  const float s = static_cast<float>(std::sin(degrees * kDegree));
  std::fill(bins.begin(), bins.end(), 0.0f);
  const int last = static_cast<int>(bins.size()) - 2;
  for (const cv::Point2f& p : points) {
    const float v = p.y * c + p.x * s + extent;
    const int i = std::clamp(static_cast<int>(v), 0, last);
    const float f = v - static_cast<float>(i);
    bins[i] += 1.0f - f;
    bins[i + 1] += f;
  }
  double energy = 0;
  for (const float b : bins) energy += static_cast<double>(b) * b;
  return energy;
}

}  // namespace

AngleScore best_profile_angle(const std::vector<cv::Point2f>& points, double lo, double hi) {
  AngleScore best;
  if (points.empty() || hi <= lo) return best;
  float max_x = 0;
  float max_y = 0;
  for (const cv::Point2f& p : points) {
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  // v ranges over [-max_x, max_x + max_y]; shift by `extent` to index bins.
  const float extent = max_x + 2;
  std::vector<float> bins(static_cast<std::size_t>(2 * max_x + max_y + 8), 0.0f);

  // Coarse pass every 0.5 degrees, then 0.05 degrees around the best, then a
  // parabola through the best fine step and its neighbours.
  constexpr double kCoarse = 0.5;
  constexpr double kFine = 0.05;
  double best_angle = 0;
  double best_energy = -1;
  double worst_energy = -1;
  const int coarse_steps = static_cast<int>(std::floor((hi - lo) / kCoarse + 1e-9));
  for (int i = 0; i <= coarse_steps; ++i) {
    const double a = lo + i * kCoarse;
    const double e = profile_energy(points, a, extent, bins);
    if (e > best_energy) {
      best_energy = e;
      best_angle = a;
    }
    if (worst_energy < 0 || e < worst_energy) worst_energy = e;
  }
  const int fine_half = static_cast<int>(std::lround(kCoarse / kFine));
  std::vector<double> fine(static_cast<std::size_t>(2 * fine_half + 1));
  int fine_best = fine_half;
  for (int i = -fine_half; i <= fine_half; ++i) {
    const double a = best_angle + i * kFine;
    const double e = profile_energy(points, a, extent, bins);
    fine[static_cast<std::size_t>(i + fine_half)] = e;
    if (e > fine[static_cast<std::size_t>(fine_best)]) fine_best = i + fine_half;
  }
  double angle = best_angle + (fine_best - fine_half) * kFine;
  if (fine_best > 0 && fine_best < static_cast<int>(fine.size()) - 1) {
    const double l = fine[static_cast<std::size_t>(fine_best - 1)];
    const double m = fine[static_cast<std::size_t>(fine_best)];
    const double r = fine[static_cast<std::size_t>(fine_best + 1)];
    const double denom = l - 2 * m + r;
    if (denom < 0) angle += 0.5 * (l - r) / denom * kFine;
  }
  best.angle = std::clamp(angle, lo, hi);
  best.score = worst_energy > 0 ? fine[static_cast<std::size_t>(fine_best)] / worst_energy : 1.0;
  return best;
}

std::vector<cv::Point2f> ink_points(const cv::Mat& mask, std::size_t max_points) {
  const auto total = static_cast<std::size_t>(cv::countNonZero(mask));
  const std::size_t stride = total > max_points ? (total + max_points - 1) / max_points : 1;
  std::vector<cv::Point2f> points;
  points.reserve(total / stride + 1);
  std::size_t seen = 0;
  for (int y = 0; y < mask.rows; ++y) {
    const auto* row = mask.ptr<unsigned char>(y);
    for (int x = 0; x < mask.cols; ++x) {
      if (row[x] == 0) continue;
      if (seen++ % stride == 0) points.emplace_back(static_cast<float>(x), static_cast<float>(y));
    }
  }
  return points;
}

double skew_from_ink(const cv::Mat& ink, double max_degrees) {
  const std::vector<cv::Point2f> points = ink_points(ink, 80000);
  if (points.size() < 500) return 0;
  const double range = std::clamp(max_degrees, 0.0, 45.0);
  if (range <= 0) return 0;
  const AngleScore found = best_profile_angle(points, -range, range);
  // A flat score means no line structure (a photo, a blank page): leave it.
  if (found.score < 1.02) return 0;
  return found.angle;
}

}  // namespace detail

double estimate_skew(const cv::Mat& grey, double max_degrees) {
  double scale = 1;
  return detail::skew_from_ink(detail::ink_mask(detail::downscale(grey, detail::kWorkLongSide, &scale)), max_degrees);
}

cv::Mat rotate_keep_all(const cv::Mat& grey, double degrees, cv::Matx23d* forward) {
  return detail::rotate_keep_all(grey, degrees, forward, 255);
}

cv::Mat detail::rotate_keep_all(const cv::Mat& grey, double degrees, cv::Matx23d* forward, unsigned char fill) {
  if (std::abs(degrees) < 1e-6) {
    if (forward != nullptr) *forward = cv::Matx23d(1, 0, 0, 0, 1, 0);
    return grey.clone();
  }
  const double c = std::abs(std::cos(degrees * detail::kDegree));
  const double s = std::abs(std::sin(degrees * detail::kDegree));
  const int w = static_cast<int>(std::ceil(grey.cols * c + grey.rows * s - 1e-6));
  const int h = static_cast<int>(std::ceil(grey.cols * s + grey.rows * c - 1e-6));
  const cv::Point2f centre(static_cast<float>(grey.cols - 1) / 2.0f, static_cast<float>(grey.rows - 1) / 2.0f);
  cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
  m.at<double>(0, 2) += (w - 1) / 2.0 - centre.x;
  m.at<double>(1, 2) += (h - 1) / 2.0 - centre.y;
  cv::Mat out;
  cv::warpAffine(grey, out, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(fill));
  if (forward != nullptr) *forward = cv::Matx23d(m.ptr<double>());
  return out;
}

}  // namespace caseaudit::ocr::cleanup
