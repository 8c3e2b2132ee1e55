// Internal: a dnn layer for the 5x5 depthwise convolutions of the PP-OCRv4
// models. OpenCV 4.6 runs them on its slow generic convolution path; the set-up
// rewrite (scripts/rewrite_onnx.py) turns those Conv nodes into the custom op
// caseaudit.DepthwiseConv5x5, and this layer computes them directly: same
// weights, same arithmetic (padding 2, stride 1 or 2 per axis, optional bias).
// The rewrite may fold a scalar affine of the input into the op (attributes
// in_scale, in_shift): the layer applies it to the input before zero padding.
// Registered by register_ppocr_layers() (custom_layers.h).
#pragma once

#include <opencv2/dnn.hpp>

namespace caseaudit::ocr::ppocr {

class DepthwiseConv5x5Layer final : public cv::dnn::Layer {
 public:
  // Expects blobs[0] = weights [C, 1, 5, 5], optional blobs[1] = bias (C values),
  // the importer's "stride", "pad", "dilation" parameters and optional
  // "in_scale", "in_shift".
  explicit DepthwiseConv5x5Layer(const cv::dnn::LayerParams& params);
  static cv::Ptr<cv::dnn::Layer> create(cv::dnn::LayerParams& params);

  bool getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int required_outputs,
                       std::vector<cv::dnn::MatShape>& outputs,
                       std::vector<cv::dnn::MatShape>& internals) const override;
  void forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs,
               cv::OutputArrayOfArrays internals) override;

 private:
  int channels_ = 0;
  int stride_y_ = 1;
  int stride_x_ = 1;
  float in_scale_ = 1;
  float in_shift_ = 0;
  cv::Mat weights_;  // C x 25, CV_32F
  cv::Mat bias_;     // 1 x C, CV_32F (zeros without a bias)
};

}  // namespace caseaudit::ocr::ppocr
