// Registration of the custom dnn layers (see custom_layers.h).
#include "ppocr/custom_layers.h"

#include <mutex>

#include <opencv2/core/utils/logger.hpp>

#include "ppocr/depthwise_conv.h"
#include "ppocr/transposed_conv.h"

namespace caseaudit::ocr::ppocr {

void register_ppocr_layers() {
  static std::once_flag once;
  std::call_once(once, [] {
    cv::dnn::LayerFactory::registerLayer(kDepthwiseLayerType, DepthwiseConv5x5Layer::create);
    cv::dnn::LayerFactory::registerLayer(kTransposedLayerType, ConvTranspose2x2Layer::create);
  });
}

cv::dnn::Net read_ppocr_net(const std::filesystem::path& model) {
  static std::once_flag once;
  std::call_once(once, [] { cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT); });
  register_ppocr_layers();
  return cv::dnn::readNetFromONNX(model.string());
}

}  // namespace caseaudit::ocr::ppocr
