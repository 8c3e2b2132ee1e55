// Tesseract through its C++ API. Recognition runs on the prepared (upright,
// deskewed, cleaned) page; boxes come back in prepared-image coordinates.
// Orientation comes from Tesseract's OSD model on a reduced copy of the page.
#include "tesseract_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "text_join.h"

namespace caseaudit::ocr {
namespace {

std::string datapath_or_default(const OcrOptions& options) { return options.tessdata.string(); }

[[noreturn]] void missing_data(const OcrOptions& options, const std::string& language) {
  std::string where = options.tessdata.empty() ? std::string("the system tessdata folder") : options.tessdata.string();
  throw EnvironmentError("Tesseract 无法加载语言数据 " + language + " (cannot load language data '" + language +
                         "' from " + where + "); 请运行 scripts/setup.sh 安装 (run scripts/setup.sh to install it)");
}

void init_api(tesseract::TessBaseAPI& api, const OcrOptions& options, const std::string& language) {
  const std::string path = datapath_or_default(options);
  // debug_file is set during Init, so nothing Init says reaches stderr. The
  // OSD model is a legacy (non-LSTM) model: asking it for LSTM prints a
  // complaint, so it loads in the default mode.
  std::vector<std::string> names{"debug_file"}, values{"/dev/null"};
  const auto mode = language == "osd" ? tesseract::OEM_DEFAULT : tesseract::OEM_LSTM_ONLY;
  if (api.Init(path.empty() ? nullptr : path.c_str(), language.c_str(), mode, nullptr, 0, &names, &values,
               false) != 0)
    missing_data(options, language);
}

class TesseractEngine final : public OcrEngine {
 public:
  explicit TesseractEngine(const OcrOptions& options) : options_(options), id_(tesseract_engine_id(options)) {
    init_api(api_, options_, options_.language);
    api_.SetPageSegMode(tesseract::PSM_AUTO);
  }
  ~TesseractEngine() override {
    api_.End();
    if (osd_ready_) osd_.End();
  }

  std::string id() const override { return id_; }

  std::vector<Line> recognize(const PreparedPage& page) override {
    const cv::Mat& img = page.image;
    api_.SetImage(img.data, img.cols, img.rows, 1, static_cast<int>(img.step));
    api_.SetSourceResolution(300);
    std::vector<Line> lines;
    if (api_.Recognize(nullptr) != 0) return lines;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return lines;
    do {
      if (it->Empty(tesseract::RIL_TEXTLINE)) continue;
      Line line;
      int l, t, r, b;
      if (it->BoundingBox(tesseract::RIL_TEXTLINE, &l, &t, &r, &b)) line.box = {l, t, r - l, b - t};
      line.confidence = it->Confidence(tesseract::RIL_TEXTLINE) / 100.0f;
      do {
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text || text[0] == 0) continue;
        Word w;
        w.text = text.get();
        if (it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) w.box = {l, t, r - l, b - t};
        w.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0f;
        line.words.push_back(std::move(w));
      } while (!it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD) &&
               it->Next(tesseract::RIL_WORD));
      line.text = join_words(line.words);
      if (!line.text.empty()) lines.push_back(std::move(line));
    } while (it->Next(tesseract::RIL_TEXTLINE));
    return lines;
  }

  OrientationDetector orientation_detector() override {
    return [this](const cv::Mat& grey) { return detect_orientation(grey); };
  }

 private:
  // Clockwise rotation that makes the page upright, or -1 when OSD is unsure.
  int detect_orientation(const cv::Mat& grey) {
    if (!osd_ready_) {
      init_api(osd_, options_, "osd");
      osd_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
      osd_ready_ = true;
    }
    // OSD reads characters; 300 dpi pages are larger than it needs. Halving
    // keeps CJK glyphs around 30 px, plenty for the OSD model, at a quarter
    // of the pixels.
    cv::Mat small;
    if (grey.cols > 1800 || grey.rows > 1800)
      cv::resize(grey, small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    else
      small = grey;
    osd_.SetImage(small.data, small.cols, small.rows, 1, static_cast<int>(small.step));
    osd_.SetSourceResolution(small.cols > 1800 ? 300 : 150);
    int orient_deg = 0;
    float orient_conf = 0, script_conf = 0;
    const char* script = nullptr;
    if (!osd_.DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf)) return -1;
    if (orient_conf < kMinConfidence) return -1;
    // OSD reports how far the input is turned clockwise; undo it.
    return (360 - orient_deg) % 360;
  }

  static constexpr float kMinConfidence = 2.0f;
  OcrOptions options_;
  std::string id_;
  tesseract::TessBaseAPI api_;
  tesseract::TessBaseAPI osd_;
  bool osd_ready_ = false;
};

}  // namespace

std::string tesseract_engine_id(const OcrOptions& options) {
  return std::string("tesseract ") + tesseract::TessBaseAPI::Version() + " " + options.language + " psm3 lstm";
}

std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrOptions& options) {
  // Tesseract's OpenMP threads fight our own page workers (measured: 9-12 s a
  // page with them, 2.4-3.9 s without). The runtime reads this once, at its
  // first parallel region, so it must be set before any engine runs.
  ::setenv("OMP_THREAD_LIMIT", "1", 0);
  return std::make_unique<TesseractEngine>(options);
}

}  // namespace caseaudit::ocr
