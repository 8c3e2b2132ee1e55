// Internal to the clean-up steps: helpers they share (working-scale copies,
// ink masks, projection profiles, seal-aware grey). Not part of the contract in
// steps.h / prepare.h; only ocr/src/cleanup/*.cpp include this.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr::cleanup::detail {

// Long side of the reduced-resolution copy used for skew, orientation, seals
// and borders. About 85 dpi for an A4 page: characters are still ~20 px tall.
constexpr int kWorkLongSide = 1000;

// A copy whose long side is at most `long_side` (INTER_AREA); the input itself
// (not a copy) when it is already that small. *scale = small / original.
cv::Mat downscale(const cv::Mat& image, int long_side, double* scale);

// Slowly varying page background of a grey image (ink removed by a max
// filter at low resolution), same size as the input.
cv::Mat background(const cv::Mat& grey);
// The same at its working resolution (long side ~128 px).
cv::Mat small_background(const cv::Mat& grey);

// Grain of a full-resolution grey page: typical mean |pixel - 3x3 median|
// over tiles spread across it (about 0.5 on a clean scan, 3+ on a noisy one).
double noise_level(const cv::Mat& grey);

// Grey level below which `fraction` of the pixels of a CV_8UC1 image lie.
int percentile(const cv::Mat& grey, double fraction);

// Ink mask (255 = ink) of a small grey image: background-normalised, then
// Otsu. Pages with almost no ink give an all-zero mask.
cv::Mat ink_mask(const cv::Mat& small_grey);

// Best projection-profile angle of ink points (x, y) in degrees: the angle a in
// [lo, hi] at which y*cos(a) + x*sin(a) is most concentrated (text lines that
// rise to the right give a > 0). Returns the angle and its score (sum of
// squared profile bins divided by that of the worst angle searched: 1 = no
// preference).
struct AngleScore {
  double angle = 0;
  double score = 1;
};
AngleScore best_profile_angle(const std::vector<cv::Point2f>& points, double lo, double hi);

// The ink pixels of a mask as points (every pixel, or a regular subsample
// when there are more than max_points).
std::vector<cv::Point2f> ink_points(const cv::Mat& mask, std::size_t max_points);

// guess_orientation and estimate_skew on an ink mask made by ink_mask.
int orientation_from_ink(const cv::Mat& ink);
double skew_from_ink(const cv::Mat& ink, double max_degrees);

// Seals found on a reduced copy of a colour page; boxes in the coordinates of
// `original` (refined there), which is the full-resolution page.
std::vector<Seal> detect_seals_scaled(const cv::Mat& small_bgr, double scale, const cv::Mat& original);

// Seals by shape on a reduced grey copy (`scale` = small / original) of a
// page of `original` size; boxes in original coordinates.
std::vector<Seal> detect_seals_by_shape_scaled(const cv::Mat& small_grey, double scale, cv::Size original, int dpi);

// Lightens the ink of a seal found by shape in a grey page (full
// resolution, in place), keeping what is darker than it: the seal's ring
// gives the seal ink's grey, the darkest pixels around it the print's; in
// between and lighter goes to paper. A seal as dark as the print (1-bit
// scans, dark photocopies) and one cut by the page edge are left as they are.
void lighten_seal_ink(cv::Mat& grey, const Seal& seal);

// Pixels per millimetre of a page: from its dpi when that gives a sheet
// between A6 and A3, else taking the page for A4 by its shorter side.
double pixels_per_mm(cv::Size page, int dpi);

// Grey image for recognition: luminance, with seal ink lightened inside the
// given seal boxes (original-image coordinates).
cv::Mat grey_with_seals_suppressed(const cv::Mat& bgr, const std::vector<Seal>& seals);

// Border mask (255 = border) of a small grey image.
cv::Mat border_mask(const cv::Mat& small_grey);

// Exact quarter turn: forward matrix for turning an image of `size` clockwise
// by `clockwise` degrees (0/90/180/270) with cv::rotate.
cv::Matx23d quarter_turn_matrix(int clockwise, cv::Size size);
cv::Mat quarter_turn(const cv::Mat& image, int clockwise);

// rotate_keep_all with the uncovered corners filled with `fill` (the paper's
// grey, so background estimation sees no step at the page's old edge).
cv::Mat rotate_keep_all(const cv::Mat& grey, double degrees, cv::Matx23d* forward, unsigned char fill);

}  // namespace caseaudit::ocr::cleanup::detail
