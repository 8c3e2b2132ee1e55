// The 2x2 stride-2 transposed convolution layer (see transposed_conv.h).
#include "ppocr/transposed_conv.h"

namespace caseaudit::ocr::ppocr {
namespace {

int param_at(const cv::dnn::LayerParams& params, const char* name, int index, int fallback) {
  if (!params.has(name)) return fallback;
  const cv::dnn::DictValue& v = params.get(name);
  return v.size() > index ? v.get<int>(index) : v.get<int>(0);
}

}  // namespace

ConvTranspose2x2Layer::ConvTranspose2x2Layer(const cv::dnn::LayerParams& params) {
  setParamsFrom(params);
  CV_Assert(!params.blobs.empty());
  const cv::Mat& w = params.blobs[0];
  CV_Assert(w.type() == CV_32F && w.dims == 4 && w.size[2] == 2 && w.size[3] == 2);
  in_channels_ = w.size[0];
  out_channels_ = w.size[1];
  for (int b = 0; b < 4; ++b) {
    blocks_[b].create(out_channels_, in_channels_, CV_32F);
    for (int o = 0; o < out_channels_; ++o)
      for (int c = 0; c < in_channels_; ++c) blocks_[b].at<float>(o, c) = w.ptr<float>(c, o)[b];
  }
  bias_ = cv::Mat::zeros(out_channels_, 1, CV_32F);
  if (params.blobs.size() > 1) {
    CV_Assert(static_cast<int>(params.blobs[1].total()) == out_channels_ && params.blobs[1].type() == CV_32F);
    params.blobs[1].reshape(1, out_channels_).copyTo(bias_);
  }
  for (int i = 0; i < 2; ++i) {
    CV_Assert(param_at(params, "stride", i, 2) == 2);
    CV_Assert(param_at(params, "dilation", i, 1) == 1);
    CV_Assert(param_at(params, "adj", i, 0) == 0);
  }
  for (int i = 0; i < 4; ++i) CV_Assert(param_at(params, "pad", i, 0) == 0);
  CV_Assert(param_at(params, "group", 0, 1) == 1);
}

cv::Ptr<cv::dnn::Layer> ConvTranspose2x2Layer::create(cv::dnn::LayerParams& params) {
  return cv::makePtr<ConvTranspose2x2Layer>(params);
}

bool ConvTranspose2x2Layer::getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int /*required_outputs*/,
                                            std::vector<cv::dnn::MatShape>& outputs,
                                            std::vector<cv::dnn::MatShape>& /*internals*/) const {
  CV_Assert(inputs.size() == 1 && inputs[0].size() == 4 && inputs[0][1] == in_channels_);
  const cv::dnn::MatShape& in = inputs[0];
  outputs.assign(1, cv::dnn::MatShape{in[0], out_channels_, 2 * in[2], 2 * in[3]});
  return false;
}

void ConvTranspose2x2Layer::forward(cv::InputArrayOfArrays inputs_arr, cv::OutputArrayOfArrays outputs_arr,
                                    cv::OutputArrayOfArrays /*internals*/) {
  std::vector<cv::Mat> inputs, outputs;
  inputs_arr.getMatVector(inputs);
  outputs_arr.getMatVector(outputs);
  const cv::Mat& src = inputs[0];
  cv::Mat& dst = outputs[0];
  CV_Assert(src.type() == CV_32F && src.isContinuous() && dst.isContinuous());
  const int n = src.size[0], h = src.size[2], w = src.size[3];
  const int plane = h * w, out_w = 2 * w;
  for (int b = 0; b < n; ++b) {
    const cv::Mat x(in_channels_, plane, CV_32F,
                    const_cast<float*>(src.ptr<float>()) + static_cast<std::size_t>(b) * in_channels_ * plane);
    float* out = dst.ptr<float>() + static_cast<std::size_t>(b) * out_channels_ * 4 * plane;
    for (int block = 0; block < 4; ++block) {
      const int i = block / 2, j = block % 2;
      cv::gemm(blocks_[block], x, 1.0, cv::noArray(), 0.0, product_);  // out x (h*w)
      for (int o = 0; o < out_channels_; ++o) {
        const float* p = product_.ptr<float>(o);
        const float bias = bias_.at<float>(o);
        float* plane_out = out + static_cast<std::size_t>(o) * 4 * plane;
        for (int y = 0; y < h; ++y) {
          float* row = plane_out + static_cast<std::size_t>(2 * y + i) * out_w + j;
          const float* from = p + static_cast<std::size_t>(y) * w;
          for (int xx = 0; xx < w; ++xx) row[2 * xx] = from[xx] + bias;
        }
      }
    }
  }
}

}  // namespace caseaudit::ocr::ppocr
