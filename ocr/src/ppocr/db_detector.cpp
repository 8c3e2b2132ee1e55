// DB text detection: scale the page to the detector's input, normalise like
// PaddleOCR's training (ImageNet mean and std per channel; a grey page is the
// same value in all three), run the net, post-process the probability map.
#include "ppocr/db_detector.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ppocr/custom_layers.h"

namespace caseaudit::ocr::ppocr {
namespace {

constexpr float kMean[3] = {0.485f, 0.456f, 0.406f};
constexpr float kStd[3] = {0.229f, 0.224f, 0.225f};
constexpr int kStep = 32;  // the net downsamples by 32

int round_to_step(double v) { return std::max(kStep, static_cast<int>(std::lround(v / kStep)) * kStep); }

}  // namespace

DbDetector::DbDetector(const std::filesystem::path& model, const DetectorSettings& settings)
    : net_(read_ppocr_net(model)), settings_(settings) {}

cv::Size DbDetector::input_size(cv::Size page, int long_side) {
  const double scale = std::min(1.0, long_side / static_cast<double>(std::max(page.width, page.height)));
  return {round_to_step(page.width * scale), round_to_step(page.height * scale)};
}

std::vector<TextRegion> DbDetector::detect(const cv::Mat& grey, int long_side) {
  CV_Assert(grey.type() == CV_8UC1 && !grey.empty());
  const cv::Size size = input_size(grey.size(), long_side);
  cv::Mat small;
  cv::resize(grey, small, size, 0, 0, cv::INTER_AREA);

  const int plane = size.area();
  cv::Mat blob(std::vector<int>{1, 3, size.height, size.width}, CV_32F);
  for (int c = 0; c < 3; ++c) {
    cv::Mat channel(size, CV_32F, blob.ptr<float>() + static_cast<std::size_t>(c) * static_cast<std::size_t>(plane));
    small.convertTo(channel, CV_32F, 1.0 / (255.0 * kStd[c]), -kMean[c] / kStd[c]);
  }
  net_.setInput(blob);
  const cv::Mat out = net_.forward();  // [1, 1, H, W]
  CV_Assert(out.dims == 4 && out.size[2] == size.height && out.size[3] == size.width);
  const cv::Mat probability(size, CV_32F, const_cast<float*>(out.ptr<float>()));
  return db_postprocess(probability, settings_.db, grey.cols / static_cast<double>(size.width),
                        grey.rows / static_cast<double>(size.height));
}

}  // namespace caseaudit::ocr::ppocr
