// The clean-up pipeline for one page: chains the steps of steps.h, doing the
// analysis (seals, borders, orientation, skew) on one reduced copy and the
// pixel work once at full resolution, and composes the geometric transforms
// into the prepared-to-original mapping.
#include "cleanup/prepare.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr {

namespace {

// 8-bit grey or BGR, whatever came in (BGRA, 16-bit scans).
cv::Mat as_8bit_grey_or_bgr(const cv::Mat& image) {
  cv::Mat out = image;
  if (out.depth() == CV_16U) {
    out.convertTo(out, CV_8U, 1.0 / 257.0);
  } else if (out.depth() != CV_8U) {
    out.convertTo(out, CV_8U);
  }
  if (out.channels() == 4) {
    cv::cvtColor(out, out, cv::COLOR_BGRA2BGR);
  } else if (out.channels() == 2) {
    cv::extractChannel(out, out, 0);
  }
  return out;
}

cv::Matx33d to3x3(const cv::Matx23d& m) { return {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2), 0, 0, 1}; }

// Paints a small-scale border mask with `paper` on an image of the same aspect.
void paint(cv::Mat& grey, const cv::Mat& small_mask, unsigned char paper) {
  cv::Mat mask = small_mask;
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  if (mask.size() != grey.size()) cv::resize(mask, mask, grey.size(), 0, 0, cv::INTER_NEAREST);
  grey.setTo(paper, mask);
}

int normalise_turn(int degrees) {
  return degrees == 90 || degrees == 180 || degrees == 270 ? degrees : 0;
}

}  // namespace

PreparedPage prepare_page(const cv::Mat& original, const CleanupOptions& options,
                          const OrientationDetector& detect_orientation, int dpi) {
  if (original.empty()) throw std::invalid_argument("prepare_page: empty image");
  const cv::Mat page = as_8bit_grey_or_bgr(original);
  const bool colour = page.channels() == 3;
  PreparedPage out;
  out.colour_mode = cleanup::colour_mode(page);

  // Analysis copy at ~85 dpi.
  double scale = 1;
  const cv::Mat small = cleanup::detail::downscale(page, cleanup::detail::kWorkLongSide, &scale);
  if (colour && options.seals) out.seals = cleanup::detail::detect_seals_scaled(small, scale, page);

  cv::Mat grey = colour ? cleanup::detail::grey_with_seals_suppressed(page, out.seals) : page.clone();
  cv::Mat small_grey;
  if (colour) {
    std::vector<Seal> small_seals = out.seals;
    for (Seal& s : small_seals) {
      s.box = {static_cast<int>(s.box.x * scale), static_cast<int>(s.box.y * scale),
               static_cast<int>(std::ceil(s.box.w * scale)), static_cast<int>(std::ceil(s.box.h * scale))};
    }
    small_grey = cleanup::detail::grey_with_seals_suppressed(small, small_seals);
  } else {
    small_grey = small.clone();
  }
  // No red seal (a grey or 1-bit scan, a photocopied black seal): by shape,
  // on the same analysis copy; where their ink is lighter than the print,
  // it is lightened so the date or name under the seal can be read (on the
  // fixture pages made grey, the lines under a seal went from 27.4 % to
  // 12.5 % CER with PP-OCRv4; see ARCHITECTURE.md).
  if (options.seals && out.seals.empty()) {
    out.seals = cleanup::detail::detect_seals_by_shape_scaled(small_grey, scale, page.size(), dpi);
    for (const Seal& seal : out.seals) cleanup::detail::lighten_seal_ink(grey, seal);
  }

  if (options.borders) {
    const cv::Mat mask = cleanup::detail::border_mask(small_grey);
    if (cv::countNonZero(mask) > 0) {
      // The paper's own grey, not white: binarisation divides by the local
      // background, and a white patch on grey paper would darken its rim.
      const auto paper = static_cast<unsigned char>(cleanup::detail::percentile(small_grey, 0.9));
      paint(grey, mask, paper);
      paint(small_grey, mask, paper);
    }
  }

  cv::Mat small_ink;
  if (options.orientation || options.deskew) small_ink = cleanup::detail::ink_mask(small_grey);
  if (options.orientation) {
    int turn = detect_orientation ? detect_orientation(grey) : -1;
    if (turn < 0) turn = cleanup::detail::orientation_from_ink(small_ink);
    out.orientation = normalise_turn(turn);
  }
  const cv::Matx23d turn_forward = cleanup::detail::quarter_turn_matrix(out.orientation, grey.size());
  grey = cleanup::detail::quarter_turn(grey, out.orientation);

  cv::Matx23d skew_forward(1, 0, 0, 0, 1, 0);
  if (options.deskew) {
    small_ink = cleanup::detail::quarter_turn(small_ink, out.orientation);
    const double skew = cleanup::detail::skew_from_ink(small_ink, options.max_skew);
    // Below ~0.05 degrees the rotation moves no pixel by more than ~1.5 px.
    if (std::abs(skew) >= 0.05) {
      const auto paper = static_cast<unsigned char>(cleanup::detail::percentile(small_grey, 0.9));
      grey = cleanup::detail::rotate_keep_all(grey, -skew, &skew_forward, paper);
      out.skew = skew;
    }
  }

  // Table rules are looked for on the grey page before the median too: on a
  // low-resolution page a rule is one pixel thin and the median wipes it out.
  const cv::Mat rules_grey = grey;
  if (options.denoise) {
    grey = grey.clone();
    cleanup::denoise(grey);
  }
  out.grey = grey;
  if (options.binarize) {
    // Deskewing resamples the page, which softens stroke edges; Tesseract
    // reads thin Song/Fangsong strokes better that way (fixture pages: clean
    // 7.3% -> 5.5% CER when unrotated pages get the same light smoothing, while
    // smoothing an already resampled page again made it worse).
    if (out.skew == 0) {
      cv::Mat smooth;
      cv::GaussianBlur(grey, smooth, cv::Size(3, 3), 0.8);
      out.image = cleanup::binarize(smooth);
    } else {
      out.image = cleanup::binarize(grey);
    }
  } else {
    out.image = grey;
  }
  // Rules are found on a binary page; without binarisation make one just for that.
  out.tables = cleanup::find_tables(options.binarize ? out.image : cleanup::binarize(grey), rules_grey);

  const cv::Matx33d forward = to3x3(skew_forward) * to3x3(turn_forward);
  cv::Mat inverse;
  cv::invertAffineTransform(cv::Mat(cv::Matx23d(forward.val)), inverse);
  out.to_original = cv::Matx23d(inverse.ptr<double>());
  return out;
}

namespace {

// Bounding box of points mapped by `m`, as pixel indices. The points are in
// continuous coordinates where pixel i covers [i - 0.5, i + 0.5].
Box mapped_bounds(const cv::Matx23d& m, const cv::Point2d* points, std::size_t n, cv::Size original_size) {
  double min_x = 1e300;
  double min_y = 1e300;
  double max_x = -1e300;
  double max_y = -1e300;
  for (std::size_t i = 0; i < n; ++i) {
    const cv::Point2d p = points[i];
    const double x = m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2);
    const double y = m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2);
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
  // Back from edges to pixel indices; the epsilon absorbs rounding of exact turns.
  constexpr double kEps = 1e-6;
  const int left = std::clamp(static_cast<int>(std::floor(min_x + 0.5 + kEps)), 0, original_size.width);
  const int top = std::clamp(static_cast<int>(std::floor(min_y + 0.5 + kEps)), 0, original_size.height);
  const int right = std::clamp(static_cast<int>(std::ceil(max_x + 0.5 - kEps)), 0, original_size.width);
  const int bottom = std::clamp(static_cast<int>(std::ceil(max_y + 0.5 - kEps)), 0, original_size.height);
  if (right <= left || bottom <= top) return {};
  return {left, top, right - left, bottom - top};
}

}  // namespace

Box to_original_box(const PreparedPage& page, const cv::Rect& r, cv::Size original_size) {
  if (r.width <= 0 || r.height <= 0) return {};
  // Pixel i covers [i - 0.5, i + 0.5] with pixel centres at integers, which
  // is how the transforms map points; so map the rectangle's outer edges.
  const double x0 = r.x - 0.5;
  const double y0 = r.y - 0.5;
  const double x1 = r.x + r.width - 0.5;
  const double y1 = r.y + r.height - 0.5;
  const cv::Point2d corners[] = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
  return mapped_bounds(page.to_original, corners, 4, original_size);
}

Box to_original_box(const PreparedPage& page, const cleanup::Quad& corners, cv::Size original_size) {
  // Corners are pixel centres on the rules' middle lines: the box takes in
  // the pixels those lines run through, so neighbouring cells share them.
  return mapped_bounds(page.to_original, corners.data(), corners.size(), original_size);
}

}  // namespace caseaudit::ocr
