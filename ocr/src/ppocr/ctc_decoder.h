// Internal: the recogniser's character set and CTC greedy decoding.
//
// The PP-OCRv4 Chinese recogniser has 6,625 classes: 0 is the CTC blank, 1 to
// 6,623 are the lines of ppocr_keys_v1.txt in order, and the last is a space.
// Decoding takes the best class at each time step, merges repeats and drops
// blanks; each character keeps the time steps it was read at (for its box) and
// its probability (for its confidence).
#pragma once

#include <filesystem>

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace caseaudit::ocr::ppocr {

class CharacterSet {
 public:
  // Reads the dictionary (one UTF-8 character per line). Throws
  // std::runtime_error when the file cannot be read or is empty.
  static CharacterSet load(const std::filesystem::path& keys);

  // Number of classes: blank + dictionary + space.
  int classes() const { return static_cast<int>(symbols_.size()); }
  // The text of class `index` (the blank is the empty string).
  const std::string& symbol(int index) const { return symbols_[static_cast<std::size_t>(index)]; }

 private:
  std::vector<std::string> symbols_;
};

struct DecodedChar {
  std::string text;    // UTF-8: one character (or a space)
  int first_step = 0;  // time steps of the run that produced it, inclusive
  int last_step = 0;
  float confidence = 0;  // probability of the class at its best step
};

// `logits` is T x classes (CV_32F, one row per time step, before softmax).
std::vector<DecodedChar> ctc_greedy_decode(const cv::Mat& logits, const CharacterSet& charset);

}  // namespace caseaudit::ocr::ppocr
