// Internal: a decoded page image. BGR (CV_8UC3) for colour sources, CV_8UC1 for
// grey and bilevel ones (bilevel expanded to 0/255).
#pragma once

#include <opencv2/core.hpp>

#include "caseaudit/ocr/inputs.h"

namespace caseaudit::ocr {

struct Raster {
  cv::Mat image;
  int dpi = 0;  // 0 when unknown
};

// Decodes one page. Throws InputFailure with a one-line reason (Chinese and
// English) for anything that cannot be decoded or is over the limits.
Raster load_raster(const PageSource& source, const InputLimits& limits);

}  // namespace caseaudit::ocr
