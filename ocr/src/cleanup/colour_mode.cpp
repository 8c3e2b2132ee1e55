// How a page was scanned, from its pixels: colour, grey or bilevel. A red
// seal can only be told by its colour on a colour page; on the others the
// seal detector goes by shape, and later modules can say that a scan could not
// show a seal's colour.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "cleanup/steps.h"

namespace caseaudit::ocr::cleanup {

namespace {

// Samples a regular grid of about this many pixels: the decision needs no more.
constexpr double kSamples = 400000;

// Chroma (max - min of B, G, R) that JPEG noise and scanner fringes on black
// print stay below; red or blue ink, a coloured form or tinted paper reach it.
constexpr int kStrongChroma = 30;

}  // namespace

std::string colour_mode(const cv::Mat& image) {
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3)) return "";
  const int step = std::max(1, static_cast<int>(std::sqrt(static_cast<double>(image.total()) / kSamples)));
  std::array<std::int64_t, 256> grey{};
  std::array<std::int64_t, 256> chroma{};
  std::int64_t n = 0;
  std::int64_t strong = 0;
  for (int y = 0; y < image.rows; y += step) {
    if (image.channels() == 3) {
      const auto* row = image.ptr<cv::Vec3b>(y);
      for (int x = 0; x < image.cols; x += step) {
        const cv::Vec3b p = row[x];
        const int hi = std::max({p[0], p[1], p[2]});
        const int lo = std::min({p[0], p[1], p[2]});
        ++chroma[static_cast<std::size_t>(hi - lo)];
        strong += hi - lo >= kStrongChroma ? 1 : 0;
        ++grey[static_cast<std::size_t>((114 * p[0] + 587 * p[1] + 299 * p[2] + 500) / 1000)];
        ++n;
      }
    } else {
      const auto* row = image.ptr<unsigned char>(y);
      for (int x = 0; x < image.cols; x += step) {
        ++grey[row[x]];
        ++n;
      }
    }
  }
  if (n == 0) return "";

  if (image.channels() == 3) {
    // Coloured ink anywhere (a seal covers ~0.5 % of a page, a pen signature
    // less: 0.03 % is a few hundred pixels of an A4 page), or tinted paper.
    std::int64_t seen = 0;
    int median_chroma = 0;
    for (int v = 0; v < 256; ++v) {
      seen += chroma[static_cast<std::size_t>(v)];
      if (2 * seen >= n) {
        median_chroma = v;
        break;
      }
    }
    if (static_cast<double>(strong) >= 0.0003 * static_cast<double>(n) || median_chroma >= 8) return "colour";
  }

  // Bilevel: a 1-bit page decodes to two values; one that went through a
  // resampling or light JPEG keeps nearly all pixels near its two levels.
  // A grey scan has the grey rims of every stroke (5-15 % of the pixels on
  // the fixture pages are farther than 6 levels from paper and ink).
  int distinct = 0;
  for (const std::int64_t c : grey) distinct += c > 0 ? 1 : 0;
  if (distinct <= 2) return "bilevel";
  int dark = 0;
  int light = 128;
  for (int v = 0; v < 128; ++v) dark = grey[static_cast<std::size_t>(v)] > grey[static_cast<std::size_t>(dark)] ? v : dark;
  for (int v = 128; v < 256; ++v) light = grey[static_cast<std::size_t>(v)] > grey[static_cast<std::size_t>(light)] ? v : light;
  std::int64_t near = 0;
  std::int64_t dark_near = 0;
  for (int v = 0; v < 256; ++v) {
    const bool by_dark = std::abs(v - dark) <= 6;
    if (by_dark || std::abs(v - light) <= 6) near += grey[static_cast<std::size_t>(v)];
    if (by_dark) dark_near += grey[static_cast<std::size_t>(v)];
  }
  const double share = static_cast<double>(near) / static_cast<double>(n);
  // A blank grey page is all paper: grey, not bilevel, unless it has ink at one level.
  const bool has_ink = static_cast<double>(dark_near) >= 0.001 * static_cast<double>(n);
  return share >= 0.985 && has_ink && light - dark >= 100 ? "bilevel" : "grey";
}

}  // namespace caseaudit::ocr::cleanup
