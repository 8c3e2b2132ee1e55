// Shared OCR options (see ocr_options.h).
#include "ocr_options.h"

namespace caseaudit::cli {

const char* const kOcrOptionsHelp =
    "  -j, --jobs N       并行页数，默认为 CPU 核数 (pages in parallel; default: one per core)\n"
    "      --engine NAME  识别引擎 ppocr | tesseract | auto (OCR engine; default auto: PP-OCRv4 when\n"
    "                     its models are installed, else Tesseract)\n"
    "      --models DIR   PP-OCRv4 模型文件夹 (model folder; default models/ppocr-v4 beside the program)\n"
    "      --lang LANG    Tesseract 语言 (language; default chi_sim)\n"
    "      --tessdata DIR Tesseract 语言数据文件夹 (language data folder)\n"
    "      --cache DIR    识别缓存文件夹 (OCR cache folder; default ~/.cache/caseaudit/ocr)\n"
    "      --no-cache     不使用缓存 (do not read or write the cache)\n"
    "      --replay DIR   使用录制的识别结果，不运行引擎 (use recorded results, run no engine)\n"
    "      --no-cleanup   不做页面清理 (no orientation, deskew, seal or noise clean-up)\n";

bool parse_ocr_option(Args& args, const std::string& t, ocr::OcrOptions& options) {
  if (args.is(t, {"-j", "--jobs"})) {
    options.jobs = args.int_value(t, 1, 256);
  } else if (args.is(t, {"--engine"})) {
    options.engine = args.value(t);
    if (options.engine != "tesseract" && options.engine != "ppocr" && options.engine != "auto")
      throw UsageError("未知的识别引擎 \"" + options.engine + "\" (unknown engine; available: ppocr, tesseract, auto)");
  } else if (args.is(t, {"--models"})) {
    options.models_dir = args.value(t);
  } else if (args.is(t, {"--lang"})) {
    options.language = args.value(t);
  } else if (args.is(t, {"--tessdata"})) {
    options.tessdata = args.value(t);
  } else if (args.is(t, {"--cache"})) {
    options.cache_dir = args.value(t);
  } else if (args.is(t, {"--no-cache"})) {
    options.cache_dir.clear();
  } else if (args.is(t, {"--replay"})) {
    options.engine = "replay";
    options.replay_dir = args.value(t);
  } else if (args.is(t, {"--no-cleanup"})) {
    options.cleanup = {false, false, false, false, false, false, 0.0};
  } else {
    return false;
  }
  return true;
}

}  // namespace caseaudit::cli
