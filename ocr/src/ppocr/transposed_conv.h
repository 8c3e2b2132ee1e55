// Internal: a dnn layer for the 2x2, stride-2 transposed convolutions that
// upsample the PP-OCRv4 detector's head. OpenCV 4.6's Deconvolution layer keeps
// state from the first input size it saw: after the page size changes, the same
// net returns a wrong probability map (no text found at all). The set-up
// rewrite turns those ConvTranspose nodes into caseaudit.ConvTranspose2x2;
// this layer has no state but its weights.
//
// With no overlap between the 2x2 output blocks, the operation is four matrix
// products: for each block offset (i, j), out[:, 2y+i, 2x+j] = W_ij * in[:, y, x]
// + bias, where W_ij is the out x in matrix of the weights at (i, j).
// Registered by register_ppocr_layers() (custom_layers.h).
#pragma once

#include <opencv2/dnn.hpp>

namespace caseaudit::ocr::ppocr {

class ConvTranspose2x2Layer final : public cv::dnn::Layer {
 public:
  // Expects blobs[0] = weights [in, out, 2, 2], optional blobs[1] = bias (out
  // values), stride 2, no padding, one group.
  explicit ConvTranspose2x2Layer(const cv::dnn::LayerParams& params);
  static cv::Ptr<cv::dnn::Layer> create(cv::dnn::LayerParams& params);

  bool getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int required_outputs,
                       std::vector<cv::dnn::MatShape>& outputs,
                       std::vector<cv::dnn::MatShape>& internals) const override;
  void forward(cv::InputArrayOfArrays inputs, cv::OutputArrayOfArrays outputs,
               cv::OutputArrayOfArrays internals) override;

 private:
  int in_channels_ = 0;
  int out_channels_ = 0;
  cv::Mat blocks_[4];  // W_ij, out x in, CV_32F, for (i, j) = (0,0) (0,1) (1,0) (1,1)
  cv::Mat bias_;       // out values, CV_32F
  cv::Mat product_;    // scratch, kept between calls (a net runs on one thread)
};

}  // namespace caseaudit::ocr::ppocr
