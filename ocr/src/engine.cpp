#include "engine.h"

#include "caseaudit/ocr/error.h"
#include "tesseract_engine.h"

namespace caseaudit::ocr {

std::unique_ptr<OcrEngine> make_engine(const OcrOptions& options) {
  if (options.engine == "tesseract") return make_tesseract_engine(options);
  throw EnvironmentError("未知的识别引擎 \"" + options.engine + "\" (unknown OCR engine; available: tesseract)");
}

std::string engine_id(const OcrOptions& options) {
  if (options.engine == "tesseract") return tesseract_engine_id(options);
  if (options.engine == "replay") return "replay";
  throw EnvironmentError("未知的识别引擎 \"" + options.engine + "\" (unknown OCR engine; available: tesseract)");
}

}  // namespace caseaudit::ocr
