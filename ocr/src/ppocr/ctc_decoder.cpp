// CTC greedy decoding over the recogniser's logits (see ctc_decoder.h).
#include "ppocr/ctc_decoder.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace caseaudit::ocr::ppocr {

CharacterSet CharacterSet::load(const std::filesystem::path& keys) {
  std::ifstream in(keys, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + keys.string());
  CharacterSet set;
  set.symbols_.emplace_back();  // the CTC blank
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    set.symbols_.push_back(line);
  }
  if (set.symbols_.size() < 2) throw std::runtime_error(keys.string() + " is empty");
  set.symbols_.emplace_back(" ");
  return set;
}

std::vector<DecodedChar> ctc_greedy_decode(const cv::Mat& logits, const CharacterSet& charset) {
  CV_Assert(logits.type() == CV_32F && logits.dims == 2 && logits.cols == charset.classes());
  std::vector<DecodedChar> out;
  cv::Mat shifted(1, logits.cols, CV_32F), expd;
  int previous = 0;
  for (int t = 0; t < logits.rows; ++t) {
    const cv::Mat row = logits.row(t);
    double max_value = 0;
    cv::Point where;
    cv::minMaxLoc(row, nullptr, &max_value, nullptr, &where);
    const int best = where.x;
    if (best != 0) {
      // Probability of the winner: 1 / sum(exp(l - l_max)).
      cv::subtract(row, cv::Scalar(max_value), shifted);
      cv::exp(shifted, expd);
      const auto p = static_cast<float>(1.0 / cv::sum(expd)[0]);
      if (best != previous || out.empty()) {
        DecodedChar c;
        c.text = charset.symbol(best);
        c.first_step = c.last_step = t;
        c.confidence = p;
        out.push_back(std::move(c));
      } else {
        out.back().last_step = t;  // the same character held over several steps
        out.back().confidence = std::max(out.back().confidence, p);
      }
    }
    previous = best;
  }
  return out;
}

}  // namespace caseaudit::ocr::ppocr
