// Internal: PP-OCRv4 line recognition (SVTR-LCNet + CTC) on OpenCV dnn.
// Reads a line strip (line_crop.h) and returns its characters with the strip
// columns each was read at. One instance per thread.
#pragma once

#include <filesystem>

#include <opencv2/dnn.hpp>
#include <vector>

#include "ppocr/ctc_decoder.h"

namespace caseaudit::ocr::ppocr {

struct RecognizerSettings {
  int height = 48;       // strip height the model was trained on
  int width_step = 64;   // strips are padded to a multiple of this
  int max_width = 3200;  // longer strips are squeezed to this width
};

struct ReadChar {
  std::string text;  // UTF-8
  double x0 = 0;     // strip columns [x0, x1) the character covers
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

  // Input widths to read a page's strips at. Each new input shape makes the net
  // re-allocate all its buffers (measured: about 14% of a forward pass at the
  // same width), so strips of near widths share the widest one's shape when the
  // extra padding costs less than another re-allocation.
  std::vector<int> plan_input_widths(const std::vector<int>& strip_widths) const;

  // `strip` is CV_8UC1, settings().height rows; it is read padded to
  // `input_width` columns (0: padded_width(strip.cols)).
  std::vector<ReadChar> read(const cv::Mat& strip, int input_width = 0);

 private:
  cv::dnn::Net net_;
  CharacterSet charset_;
  RecognizerSettings settings_;
  cv::Mat blob_;  // reused while consecutive strips share a padded width
};

}  // namespace caseaudit::ocr::ppocr
