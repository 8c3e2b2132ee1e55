// Line recognition: normalise the strip to [-1, 1] like PaddleOCR's training,
// pad it on the right with 0 (mid-grey after normalisation, also as in
// training) to a multiple of 64 columns so the net sees few distinct shapes,
// run the net, decode, and give each character a column range of the strip.
#include "ppocr/ctc_recognizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <opencv2/imgproc.hpp>

#include "ppocr/custom_layers.h"

namespace caseaudit::ocr::ppocr {

CtcRecognizer::CtcRecognizer(const std::filesystem::path& model, CharacterSet charset,
                             const RecognizerSettings& settings)
    : net_(read_ppocr_net(model)), charset_(std::move(charset)), settings_(settings) {}

int CtcRecognizer::padded_width(int width) const {
  const int step = settings_.width_step;
  return std::max(step, (std::min(width, settings_.max_width) + step - 1) / step * step);
}

std::vector<int> CtcRecognizer::plan_input_widths(const std::vector<int>& strip_widths) const {
  // Cost of a re-allocation, in columns of input read at that width.
  constexpr double kReshapeCost = 0.14;
  std::map<int, int> count;  // padded width -> strips
  for (int w : strip_widths) ++count[padded_width(w)];
  const std::vector<std::pair<int, int>> widths(count.begin(), count.end());
  // best[j]: cheapest way to read the strips of the j narrowest widths.
  const std::size_t m = widths.size();
  std::vector<double> best(m + 1, 0);
  std::vector<std::size_t> start(m + 1, 0);
  for (std::size_t j = 1; j <= m; ++j) {
    best[j] = std::numeric_limits<double>::infinity();
    const double w = widths[j - 1].first;
    int strips = 0;
    for (std::size_t i = j; i >= 1; --i) {  // widths i..j share width w
      strips += widths[i - 1].second;
      const double cost = best[i - 1] + strips * w + kReshapeCost * w;
      if (cost < best[j]) {
        best[j] = cost;
        start[j] = i;
      }
    }
  }
  std::map<int, int> shared;  // padded width -> input width
  for (std::size_t j = m; j >= 1; j = start[j] - 1)
    for (std::size_t i = start[j]; i <= j; ++i) shared[widths[i - 1].first] = widths[j - 1].first;
  std::vector<int> out;
  out.reserve(strip_widths.size());
  for (int w : strip_widths) out.push_back(shared[padded_width(w)]);
  return out;
}

std::vector<ReadChar> CtcRecognizer::read(const cv::Mat& strip, int input_width) {
  CV_Assert(strip.type() == CV_8UC1 && strip.rows == settings_.height && strip.cols > 0);
  const int w = std::min(strip.cols, settings_.max_width);
  const int padded = std::max(input_width, padded_width(w));
  const int h = settings_.height;
  if (blob_.dims != 4 || blob_.size[3] != padded) blob_.create(std::vector<int>{1, 3, h, padded}, CV_32F);

  cv::Mat image = strip;
  if (strip.cols != w) cv::resize(strip, image, cv::Size(w, h), 0, 0, cv::INTER_AREA);
  const std::size_t plane = static_cast<std::size_t>(h) * static_cast<std::size_t>(padded);
  cv::Mat first(h, padded, CV_32F, blob_.ptr<float>());
  first.setTo(0);
  image.convertTo(first(cv::Rect(0, 0, w, h)), CV_32F, 2.0 / 255.0, -1.0);
  for (int c = 1; c < 3; ++c) first.copyTo(cv::Mat(h, padded, CV_32F, blob_.ptr<float>() + c * plane));

  net_.setInput(blob_);
  const cv::Mat out = net_.forward();  // [1, T, classes] logits
  CV_Assert(out.dims == 3 && out.size[2] == charset_.classes());
  const int steps = out.size[1];
  const cv::Mat logits(steps, out.size[2], CV_32F, const_cast<float*>(out.ptr<float>()));
  const std::vector<DecodedChar> decoded = ctc_greedy_decode(logits, charset_);

  // Each time step covers padded / steps columns (8 for this net). A character
  // spans from midway to its left neighbour to midway to its right one; the
  // first and last extend by half a character height at most.
  const double step_w = static_cast<double>(padded) / steps;
  const double reach = 0.5 * h;
  std::vector<ReadChar> chars;
  chars.reserve(decoded.size());
  std::vector<double> centre(decoded.size());
  for (std::size_t i = 0; i < decoded.size(); ++i)
    centre[i] = (decoded[i].first_step + decoded[i].last_step + 1) * 0.5 * step_w;
  const double scale = static_cast<double>(strip.cols) / w;  // back to the strip's own columns
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const double left = i == 0 ? centre[i] - reach : std::max(0.5 * (centre[i - 1] + centre[i]), centre[i] - reach);
    const double right =
        i + 1 == decoded.size() ? centre[i] + reach : std::min(0.5 * (centre[i] + centre[i + 1]), centre[i] + reach);
    ReadChar c;
    c.text = decoded[i].text;
    c.x0 = std::clamp(left, 0.0, static_cast<double>(w)) * scale;
    c.x1 = std::clamp(right, 0.0, static_cast<double>(w)) * scale;
    c.confidence = decoded[i].confidence;
    chars.push_back(std::move(c));
  }
  return chars;
}

}  // namespace caseaudit::ocr::ppocr
