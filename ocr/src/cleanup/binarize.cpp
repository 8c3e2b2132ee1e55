// Grey-level clean-up: background estimation and normalisation (flattens grey
// or yellowish paper and uneven light), speck removal, and binarisation of the
// normalised page.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"
#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace detail {

cv::Mat downscale(const cv::Mat& image, int long_side, double* scale) {
  // An integer factor lets INTER_AREA take its fast path (4x faster than a
  // fractional one); the last few rows/columns that do not fill a block are
  // dropped, so small pixel i covers original pixels [f*i, f*i + f).
  const int longest = std::max(image.cols, image.rows);
  const int f = (longest + long_side - 1) / std::max(1, long_side);
  if (f <= 1 || image.empty()) {
    if (scale != nullptr) *scale = 1.0;
    return image;
  }
  const cv::Size size(std::max(1, image.cols / f), std::max(1, image.rows / f));
  const cv::Mat whole_blocks = image(cv::Rect(0, 0, std::min(image.cols, size.width * f), std::min(image.rows, size.height * f)));
  cv::Mat out;
  cv::resize(whole_blocks, out, size, 0, 0, cv::INTER_AREA);
  if (scale != nullptr) *scale = 1.0 / f;
  return out;
}

cv::Mat background(const cv::Mat& grey) {
  cv::Mat bg = small_background(grey);
  if (bg.size() != grey.size()) cv::resize(bg, bg, grey.size(), 0, 0, cv::INTER_LINEAR);
  return bg;
}

cv::Mat small_background(const cv::Mat& grey) {
  // At ~1/28 of an A4 300-dpi page a character is 2-3 px and already light
  // from averaging; a 3x3 max filter then removes it and a blur smooths it.
  // (5x5 did not follow a scanner shadow's gradient: it turned to specks.)
  constexpr int kBackgroundLongSide = 128;
  double scale = 1;
  const cv::Mat small = downscale(grey, kBackgroundLongSide, &scale);
  cv::Mat bg;
  cv::dilate(small, bg, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::blur(bg, bg, cv::Size(3, 3));
  return bg;
}

int percentile(const cv::Mat& grey, double fraction) {
  int hist[256] = {};
  for (int y = 0; y < grey.rows; ++y) {
    const auto* row = grey.ptr<unsigned char>(y);
    for (int x = 0; x < grey.cols; ++x) ++hist[row[x]];
  }
  const double target = fraction * static_cast<double>(grey.total());
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen >= target) return v;
  }
  return 255;
}

cv::Mat ink_mask(const cv::Mat& small_grey) {
  cv::Mat norm;
  cv::divide(small_grey, background(small_grey), norm, 255.0);
  cv::Mat mask;
  const double t = cv::threshold(norm, mask, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Otsu on a blank page splits paper noise; real ink is clearly darker.
  if (t > 235) mask.setTo(0);
  return mask;
}

}  // namespace detail

double detail::noise_level(const cv::Mat& grey) {
  // Mean |pixel - 3x3 median| in 5x5 tiles of 48 px spread over the page;
  // the median tile ignores the tiles that happen to hold stroke edges.
  constexpr int kTiles = 5;
  constexpr int kSide = 48;
  if (grey.cols < 4 * kSide || grey.rows < 4 * kSide) return 0;
  std::vector<double> levels;
  for (int ty = 0; ty < kTiles; ++ty) {
    for (int tx = 0; tx < kTiles; ++tx) {
      const cv::Rect r((grey.cols - kSide) * (2 * tx + 1) / (2 * kTiles), (grey.rows - kSide) * (2 * ty + 1) / (2 * kTiles),
                       kSide, kSide);
      cv::Mat tile = grey(r);
      cv::Mat med;
      cv::medianBlur(tile, med, 3);
      cv::Mat diff;
      cv::absdiff(tile, med, diff);
      levels.push_back(cv::mean(diff)[0]);
    }
  }
  std::nth_element(levels.begin(), levels.begin() + levels.size() / 2, levels.end());
  return levels[levels.size() / 2];
}

void denoise(cv::Mat& grey) {
  // A 3x3 median removes single-pixel specks and grain; strokes at scanning
  // resolution are several pixels wide and survive (a 5x5 median erodes
  // them). Still, it rounds thin strokes, and on a clean page that costs
  // more than it gains, so only grainy pages get it.
  // Measured on the fixture scans: clean 0-0.4, grey/yellowed 0.8-0.9,
  // noisy 1-2 (synthetic salt-and-pepper 6+).
  constexpr double kGrainy = 0.6;
  if (detail::noise_level(grey) < kGrainy) return;
  cv::medianBlur(grey, grey, 3);
}

cv::Mat binarize(const cv::Mat& grey) {
  // Paper is the background estimate: a pixel is ink when darker than a
  // fraction t/255 of it (grey * 255 / background < t), whatever the paper's
  // shade or lighting. t is Otsu's threshold of the normalised page, raised
  // to at least 210: Otsu alone (~130 on a clean page) drops the
  // anti-aliased rim of strokes, and thin Song/Fangsong strokes then read
  // worse (measured on the fixture pages: 210-225 did best). The normalised
  // image is never built: Otsu runs on a sparse sample, and the comparison
  // uses a threshold map scaled up from the small background.
  constexpr double kLowest = 210;
  constexpr double kHighest = 225;
  constexpr int kStep = 3;
  if (grey.empty()) return grey.clone();
  const cv::Mat bg = detail::small_background(grey);
  const double fx = static_cast<double>(bg.cols) / grey.cols;
  const double fy = static_cast<double>(bg.rows) / grey.rows;
  cv::Mat sample(1, ((grey.rows + kStep - 1) / kStep) * ((grey.cols + kStep - 1) / kStep), CV_8UC1);
  auto* out_px = sample.ptr<unsigned char>(0);
  int n = 0;
  for (int y = 0; y < grey.rows; y += kStep) {
    const auto* row = grey.ptr<unsigned char>(y);
    const auto* bg_row = bg.ptr<unsigned char>(std::min(bg.rows - 1, static_cast<int>(y * fy)));
    for (int x = 0; x < grey.cols; x += kStep) {
      const int b = std::max<int>(1, bg_row[std::min(bg.cols - 1, static_cast<int>(x * fx))]);
      out_px[n++] = static_cast<unsigned char>(std::min(255, row[x] * 255 / b));
    }
  }
  cv::Mat unused;
  const double otsu = cv::threshold(sample.colRange(0, n), unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const double t = std::clamp(otsu, kLowest, kHighest);
  cv::Mat limit;
  cv::resize(bg, limit, grey.size(), 0, 0, cv::INTER_LINEAR);
  limit.convertTo(limit, CV_8U, t / 255.0);
  cv::Mat out;
  cv::compare(grey, limit, out, cv::CMP_GT);  // paper 255, ink 0
  return out;
}

}  // namespace caseaudit::ocr::cleanup
