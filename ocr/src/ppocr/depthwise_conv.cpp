// The 5x5 depthwise convolution layer (see depthwise_conv.h). Each channel is
// copied once into a zero-padded plane, then every output row is the sum of 25
// shifted input rows times their weights, accumulated in vector registers (an
// AVX2/FMA build of the row kernel is chosen at run time where the CPU has it).
#include "ppocr/depthwise_conv.h"

#include <cstring>
#include <vector>

namespace caseaudit::ocr::ppocr {
namespace {

constexpr int kKernel = 5;
constexpr int kPad = 2;

int param_at(const cv::dnn::LayerParams& params, const char* name, int index, int fallback) {
  if (!params.has(name)) return fallback;
  const cv::dnn::DictValue& v = params.get(name);
  return v.size() > index ? v.get<int>(index) : v.get<int>(0);
}

constexpr int kTaps = kKernel * kKernel;

// One output row: out[x] = bias + sum over the 25 taps t of k[t] * taps[t][x].
// Each tap is a contiguous run of input (see forward()). V is a GCC vector of
// floats; four independent accumulators hide the latency of the multiply-adds.
template <typename V>
[[gnu::always_inline]] inline void convolve_row(float* __restrict out, const float* const* taps,
                                                const float* __restrict k, float bias, int n) {
  constexpr int L = static_cast<int>(sizeof(V) / sizeof(float));
  int x = 0;
  for (; x + 4 * L <= n; x += 4 * L) {
    V a0 = V{} + bias, a1 = a0, a2 = a0, a3 = a0;
    for (int t = 0; t < kTaps; ++t) {
      const float* r = taps[t] + x;
      V v0, v1, v2, v3;
      std::memcpy(&v0, r, sizeof v0);
      std::memcpy(&v1, r + L, sizeof v1);
      std::memcpy(&v2, r + 2 * L, sizeof v2);
      std::memcpy(&v3, r + 3 * L, sizeof v3);
      a0 += k[t] * v0;
      a1 += k[t] * v1;
      a2 += k[t] * v2;
      a3 += k[t] * v3;
    }
    std::memcpy(out + x, &a0, sizeof a0);
    std::memcpy(out + x + L, &a1, sizeof a1);
    std::memcpy(out + x + 2 * L, &a2, sizeof a2);
    std::memcpy(out + x + 3 * L, &a3, sizeof a3);
  }
  for (; x + L <= n; x += L) {
    V acc = V{} + bias;
    for (int t = 0; t < kTaps; ++t) {
      V v;
      std::memcpy(&v, taps[t] + x, sizeof v);
      acc += k[t] * v;
    }
    std::memcpy(out + x, &acc, sizeof acc);
  }
  for (; x < n; ++x) {
    float acc = bias;
    for (int t = 0; t < kTaps; ++t) acc += k[t] * taps[t][x];
    out[x] = acc;
  }
}

typedef float Floats4 __attribute__((vector_size(16)));
typedef float Floats8 __attribute__((vector_size(32)));
using RowKernel = void (*)(float*, const float* const*, const float*, float, int);

void convolve_row_sse(float* out, const float* const* taps, const float* k, float bias, int n) {
  convolve_row<Floats4>(out, taps, k, bias, n);
}

#if defined(__GNUC__) && defined(__x86_64__)
#define CASEAUDIT_HAVE_AVX2_KERNEL 1
__attribute__((target("avx2,fma"))) void convolve_row_avx2(float* out, const float* const* taps, const float* k,
                                                           float bias, int n) {
  convolve_row<Floats8>(out, taps, k, bias, n);
}
#endif

// The widest kernel this CPU runs, chosen once.
RowKernel row_kernel() {
#ifdef CASEAUDIT_HAVE_AVX2_KERNEL
  static const RowKernel chosen =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? convolve_row_avx2 : convolve_row_sse;
  return chosen;
#else
  return convolve_row_sse;
#endif
}

}  // namespace

DepthwiseConv5x5Layer::DepthwiseConv5x5Layer(const cv::dnn::LayerParams& params) {
  setParamsFrom(params);
  CV_Assert(!params.blobs.empty());
  const cv::Mat& w = params.blobs[0];
  CV_Assert(w.type() == CV_32F && w.dims == 4 && w.size[1] == 1 && w.size[2] == kKernel && w.size[3] == kKernel);
  channels_ = w.size[0];
  weights_ = w.reshape(1, channels_).clone();
  bias_ = cv::Mat::zeros(1, channels_, CV_32F);
  if (params.blobs.size() > 1) {
    CV_Assert(static_cast<int>(params.blobs[1].total()) == channels_ && params.blobs[1].type() == CV_32F);
    params.blobs[1].reshape(1, 1).copyTo(bias_);
  }
  in_scale_ = params.get<float>("in_scale", 1.0f);
  in_shift_ = params.get<float>("in_shift", 0.0f);
  stride_y_ = param_at(params, "stride", 0, 1);
  stride_x_ = param_at(params, "stride", 1, 1);
  for (int i = 0; i < 4; ++i) CV_Assert(param_at(params, "pad", i, kPad) == kPad);
  CV_Assert(param_at(params, "dilation", 0, 1) == 1 && param_at(params, "dilation", 1, 1) == 1);
  CV_Assert(param_at(params, "group", 0, channels_) == channels_);
  CV_Assert((stride_y_ == 1 || stride_y_ == 2) && (stride_x_ == 1 || stride_x_ == 2));
}

cv::Ptr<cv::dnn::Layer> DepthwiseConv5x5Layer::create(cv::dnn::LayerParams& params) {
  return cv::makePtr<DepthwiseConv5x5Layer>(params);
}

bool DepthwiseConv5x5Layer::getMemoryShapes(const std::vector<cv::dnn::MatShape>& inputs, int /*required_outputs*/,
                                            std::vector<cv::dnn::MatShape>& outputs,
                                            std::vector<cv::dnn::MatShape>& /*internals*/) const {
  CV_Assert(inputs.size() == 1 && inputs[0].size() == 4 && inputs[0][1] == channels_);
  const cv::dnn::MatShape& in = inputs[0];
  // The importer probes shapes with 0 for dimensions not known yet.
  const int out_h = in[2] > 0 ? (in[2] + 2 * kPad - kKernel) / stride_y_ + 1 : 0;
  const int out_w = in[3] > 0 ? (in[3] + 2 * kPad - kKernel) / stride_x_ + 1 : 0;
  outputs.assign(1, cv::dnn::MatShape{in[0], in[1], out_h, out_w});
  return false;
}

void DepthwiseConv5x5Layer::forward(cv::InputArrayOfArrays inputs_arr, cv::OutputArrayOfArrays outputs_arr,
                                    cv::OutputArrayOfArrays /*internals*/) {
  std::vector<cv::Mat> inputs, outputs;
  inputs_arr.getMatVector(inputs);
  outputs_arr.getMatVector(outputs);
  const cv::Mat& src = inputs[0];
  cv::Mat& dst = outputs[0];
  CV_Assert(src.type() == CV_32F && src.isContinuous() && dst.isContinuous());
  const int n = src.size[0], h = src.size[2], w = src.size[3];
  const int out_h = dst.size[2], out_w = dst.size[3];
  const int pw = w + 2 * kPad, ph = h + 2 * kPad;
  const int planes = n * channels_;
  const RowKernel kernel = row_kernel();

  // Each plane is copied into a zero-padded buffer. For a horizontal stride of 2
  // the buffer holds each row's even columns, then its odd columns, so that
  // every tap of an output row reads a contiguous run.
  const int half = (pw + 1) / 2;
  cv::parallel_for_(cv::Range(0, planes), [&](const cv::Range& range) {
    // One buffer per thread, kept between calls: a fresh large allocation each
    // time costs page faults. Borders are zeroed here, the inside is written below.
    thread_local std::vector<float> padded;
    padded.assign(static_cast<std::size_t>(pw) * static_cast<std::size_t>(ph), 0.0f);
    for (int p = range.start; p < range.end; ++p) {
      const int c = p % channels_;
      const float* in = src.ptr<float>() + static_cast<std::size_t>(p) * static_cast<std::size_t>(h * w);
      float* out = dst.ptr<float>() + static_cast<std::size_t>(p) * static_cast<std::size_t>(out_h * out_w);
      for (int y = 0; y < h; ++y) {
        float* row = padded.data() + (y + kPad) * pw;
        const float* from = in + y * w;
        if (stride_x_ == 1) {
          for (int x = 0; x < w; ++x) row[x + kPad] = from[x] * in_scale_ + in_shift_;
        } else {
          for (int x = 0; x < w; ++x) {
            const int px = x + kPad;
            row[(px % 2) * half + px / 2] = from[x] * in_scale_ + in_shift_;
          }
        }
      }
      const float* k = weights_.ptr<float>(c);
      const float b = bias_.at<float>(0, c);
      const float* taps[kTaps];
      for (int oy = 0; oy < out_h; ++oy) {
        for (int ky = 0; ky < kKernel; ++ky) {
          const float* row = padded.data() + (oy * stride_y_ + ky) * pw;
          for (int kx = 0; kx < kKernel; ++kx)
            taps[ky * kKernel + kx] = stride_x_ == 1 ? row + kx : row + (kx % 2) * half + kx / 2;
        }
        kernel(out + oy * out_w, taps, k, b, out_w);
      }
    }
  });
}

}  // namespace caseaudit::ocr::ppocr
