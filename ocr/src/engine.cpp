#include "engine.h"

#include "caseaudit/ocr/error.h"
#include "ppocr/ppocr_engine.h"
#include "tesseract_engine.h"

namespace caseaudit::ocr {
namespace {

[[noreturn]] void unknown(const std::string& name) {
  throw EnvironmentError("未知的识别引擎 \"" + name + "\" (unknown OCR engine; available: ppocr, tesseract, auto)");
}

}  // namespace

std::string resolve_engine_name(const OcrOptions& options) {
  if (options.engine != "auto") return options.engine;
  // PP-OCR when its models are installed (far fewer errors, reads 大写 amounts);
  // Tesseract otherwise, so the tool still works without the models.
  try {
    ppocr_engine_id(options);
    return "ppocr";
  } catch (const EnvironmentError&) {
    return "tesseract";
  }
}

std::unique_ptr<OcrEngine> make_engine(const OcrOptions& options) {
  const std::string name = resolve_engine_name(options);
  if (name == "tesseract") return make_tesseract_engine(options);
  if (name == "ppocr") return make_ppocr_engine(options);
  unknown(name);
}

std::string engine_id(const OcrOptions& options) {
  const std::string name = resolve_engine_name(options);
  if (name == "tesseract") return tesseract_engine_id(options);
  if (name == "ppocr") return ppocr_engine_id(options);
  if (name == "replay") return "replay";
  unknown(name);
}

}  // namespace caseaudit::ocr
