// The PP-OCRv4 engine: detection -> reading order -> line strips ->
// recognition -> lines and words with boxes (see ppocr_engine.h).
#include "ppocr/ppocr_engine.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <opencv2/imgproc.hpp>
#include <optional>

#include "caseaudit/ocr/error.h"
#include "ppocr/ctc_recognizer.h"
#include "ppocr/db_detector.h"
#include "ppocr/line_crop.h"
#include "ppocr/model_files.h"
#include "ppocr/orientation.h"
#include "ppocr/reading_order.h"
#include "ppocr/text_fixes.h"
#include "ppocr/words.h"

namespace caseaudit::ocr {
namespace {

using namespace ppocr;

const DetectorSettings kDetector{};
const RecognizerSettings kRecognizer{};
// Lines read with a lower mean confidence are dropped (PaddleOCR's own default):
// on these pages they are signatures and specks read as letters.
constexpr float kDropScore = 0.5f;

std::string settings_id() {
  // Bump the trailing version when the code changes what a page reads as.
  return cv::format("det%d db%.2f/%.2f/%.1f rec%dx%d drop%.2f v1", kDetector.long_side, kDetector.db.threshold,
                    kDetector.db.box_threshold, kDetector.db.unclip_ratio, kRecognizer.height, kRecognizer.width_step,
                    kDropScore);
}

std::string id_from(const ModelFiles& f) {
  return "ppocr PP-OCRv4 ch det:" + f.detector_sha256.substr(0, 12) + " rec:" + f.recognizer_sha256.substr(0, 12) +
         " keys:" + f.dictionary_sha256.substr(0, 8) + " " + settings_id();
}

Box to_box(const cv::Rect2d& r, cv::Size bounds) {
  const int x0 = std::clamp(static_cast<int>(std::floor(r.x)), 0, bounds.width);
  const int y0 = std::clamp(static_cast<int>(std::floor(r.y)), 0, bounds.height);
  const int x1 = std::clamp(static_cast<int>(std::ceil(r.x + r.width)), 0, bounds.width);
  const int y1 = std::clamp(static_cast<int>(std::ceil(r.y + r.height)), 0, bounds.height);
  return {x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

class PpocrEngine final : public OcrEngine {
 public:
  PpocrEngine(const ModelFiles& files, CharacterSet charset)
      : id_(id_from(files)),
        detector_(files.detector, kDetector),
        recognizer_(files.recognizer, std::move(charset), kRecognizer) {}

  std::string id() const override { return id_; }

  std::vector<Line> recognize(const PreparedPage& page) override {
    const cv::Mat& grey = page.grey.empty() ? page.image : page.grey;
    CV_Assert(grey.type() == CV_8UC1);
    if (grey.empty()) return {};
    const std::vector<TextRegion> regions = detector_.detect(grey);
    std::vector<cv::RotatedRect> boxes;
    for (const TextRegion& r : regions) boxes.push_back(r.box);

    std::vector<LineCrop> crops;
    crops.reserve(boxes.size());
    for (const cv::RotatedRect& b : boxes)
      crops.push_back(crop_line(grey, b, kRecognizer.height, kRecognizer.max_width));

    // Read the strips by input width: the net re-allocates its buffers
    // whenever the input shape changes.
    std::vector<int> widths;
    for (const LineCrop& c : crops) widths.push_back(c.strip.cols);
    const std::vector<int> input_widths = recognizer_.plan_input_widths(widths);
    std::vector<std::size_t> by_width(crops.size());
    std::iota(by_width.begin(), by_width.end(), std::size_t{0});
    std::stable_sort(by_width.begin(), by_width.end(),
                     [&](std::size_t a, std::size_t b) { return input_widths[a] < input_widths[b]; });
    std::vector<std::vector<ReadChar>> read(crops.size());
    for (std::size_t i : by_width) {
      read[i] = recognizer_.read(crops[i].strip, input_widths[i]);
      fix_known_confusions(read[i]);
    }
    std::vector<Line> lines;
    for (std::size_t i : reading_order(boxes)) {
      Line line = make_line(
          read[i], [&](double x0, double x1) { return to_box(strip_span_on_page(crops[i], x0, x1), grey.size()); });
      if (line.text.empty() || line.confidence < kDropScore) continue;
      line.box = to_box(boxes[i].boundingRect2f(), grey.size());
      lines.push_back(std::move(line));
    }
    return lines;
  }

  OrientationDetector orientation_detector() override {
    return [this](const cv::Mat& grey) { return detect_orientation(grey, detector_, recognizer_); };
  }

 private:
  std::string id_;
  DbDetector detector_;
  CtcRecognizer recognizer_;
};

}  // namespace

std::string ppocr_engine_id(const OcrOptions& options) { return id_from(read_manifest(find_models_dir(options))); }

std::unique_ptr<OcrEngine> make_ppocr_engine(const OcrOptions& options) {
  const ModelFiles files = read_manifest(find_models_dir(options));
  verify_models(files);
  std::optional<CharacterSet> charset;
  try {
    charset = CharacterSet::load(files.dictionary);
  } catch (const std::exception& e) {
    throw_models_error(files.dir, std::string("字典无法读取 (cannot read the dictionary: ") + e.what() + ")");
  }
  // See ppocr_engine.h: a worker per core, one thread each.
  if (options.jobs != 1) cv::setNumThreads(1);
  try {
    return std::make_unique<PpocrEngine>(files, std::move(*charset));
  } catch (const cv::Exception& e) {
    throw_models_error(files.dir, std::string("OpenCV 无法加载模型 (OpenCV cannot load the models: ") + e.err + ")");
  }
}

}  // namespace caseaudit::ocr
