// Internal: PP-OCRv4 text detection (DB) on OpenCV dnn. Reads a grey page,
// returns rotated boxes of text lines in the page's pixel coordinates.
// One instance per thread (cv::dnn::Net is not thread-safe).
#pragma once

#include <filesystem>

#include <opencv2/dnn.hpp>
#include <vector>

#include "ppocr/db_postprocess.h"

namespace caseaudit::ocr::ppocr {

struct DetectorSettings {
  int long_side = 960;  // the page is scaled so its longer side is this (multiples of 32)
  DbSettings db;
};

class DbDetector {
 public:
  // Reads the rewritten detector; throws cv::Exception when OpenCV cannot.
  DbDetector(const std::filesystem::path& model, const DetectorSettings& settings);

  std::vector<TextRegion> detect(const cv::Mat& grey) { return detect(grey, settings_.long_side); }
  // With another longer side for the detector's input (a quick look at the page).
  std::vector<TextRegion> detect(const cv::Mat& grey, int long_side);

  // The detector's input for `page`: the size it is scaled to.
  cv::Size input_size(cv::Size page) const { return input_size(page, settings_.long_side); }
  static cv::Size input_size(cv::Size page, int long_side);

 private:
  cv::dnn::Net net_;
  DetectorSettings settings_;
};

}  // namespace caseaudit::ocr::ppocr
