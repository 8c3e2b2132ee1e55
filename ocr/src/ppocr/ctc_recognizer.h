// Internal: PP-OCRv4 line recognition (SVTR-LCNet + CTC) on OpenCV dnn.
// Reads a line strip (line_crop.h) and returns its characters with the strip
// columns each was read at. One instance per thread.
#pragma once

#include <filesystem>
#include <vector>

#include <opencv2/dnn.hpp>

#include "ppocr/ctc_decoder.h"

namespace caseaudit::ocr::ppocr {

struct RecognizerSettings {
  int height = 48;        // strip height the model was trained on
  int width_step = 64;    // strips are padded to a multiple of this
  int max_width = 3200;   // longer strips are squeezed to this width
};

struct ReadChar {
  std::string text;     // UTF-8
  double x0 = 0;        // strip columns [x0, x1) the character covers
  double x1 = 0;
  float confidence = 0;
};

class CtcRecognizer {
 public:
  // Reads the rewritten recogniser; throws cv::Exception when OpenCV cannot.
  CtcRecognizer(const std::filesystem::path& model, CharacterSet charset, const RecognizerSettings& settings);

  const RecognizerSettings& settings() const { return settings_; }
  // The padded input width for a strip `width` pixels wide.
  int padded_width(int width) const;

  // `strip` is CV_8UC1, settings().height rows.
  std::vector<ReadChar> read(const cv::Mat& strip);

 private:
  cv::dnn::Net net_;
  CharacterSet charset_;
  RecognizerSettings settings_;
  cv::Mat blob_;  // reused while consecutive strips share a padded width
};

}  // namespace caseaudit::ocr::ppocr
