// Internal: page orientation (0, 90, 180 or 270 degrees clockwise to make the
// page upright) from the PP-OCR models themselves, so the engine needs no
// other model. A quick detection on a reduced page says whether the text
// lines run across or down the page; a few of the longest lines are then read
// both ways up, and the recogniser's confidence decides (upside-down Chinese
// reads with a far lower confidence). Unsure -> -1, and the clean-up falls back
// to its own ink-based guess.
#pragma once

#include <opencv2/core.hpp>

#include "ppocr/ctc_recognizer.h"
#include "ppocr/db_detector.h"

namespace caseaudit::ocr::ppocr {

// `grey` is the page as scanned (CV_8UC1).
int detect_orientation(const cv::Mat& grey, DbDetector& detector, CtcRecognizer& recognizer);

}  // namespace caseaudit::ocr::ppocr
