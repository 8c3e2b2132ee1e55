// Internal: the custom dnn layers the rewritten PP-OCRv4 graphs use
// (scripts/rewrite_onnx.py puts them in; OpenCV's importer asks the layer
// factory for "<ONNX domain>.<op type>").
//   caseaudit.DepthwiseConv5x5  5x5 depthwise convolution (depthwise_conv.h):
//                               OpenCV 4.6's own is slow.
//   caseaudit.ConvTranspose2x2  2x2 stride-2 transposed convolution
//                               (transposed_conv.h): OpenCV 4.6's own gives wrong
//                               results once a net's input size changes.
#pragma once

#include <filesystem>

#include <opencv2/dnn.hpp>

namespace caseaudit::ocr::ppocr {

inline constexpr const char* kDepthwiseLayerType = "caseaudit.DepthwiseConv5x5";
inline constexpr const char* kTransposedLayerType = "caseaudit.ConvTranspose2x2";

// Registers both with cv::dnn::LayerFactory. Idempotent and thread-safe; must
// run before the models are read.
void register_ppocr_layers();

// Reads a rewritten model: registers the layers, silences OpenCV's logging
// (its ONNX importer logs about the custom ops' domain; the library never
// prints) and reads the net. Throws cv::Exception when OpenCV cannot read it.
cv::dnn::Net read_ppocr_net(const std::filesystem::path& model);

}  // namespace caseaudit::ocr::ppocr
