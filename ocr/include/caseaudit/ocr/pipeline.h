// The OCR job: every page of an InputSet cleaned up and recognised over a pool
// of workers (one engine per worker), with results cached on disk by page hash
// and engine settings so a second run does no OCR.
//
// The library never prints: progress goes to the callback, which is called on
// the thread that called run_ocr, in completion order.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

struct CleanupOptions {
  bool orientation = true;  // detect and undo 90/180/270 rotation
  bool deskew = true;       // correct skew up to max_skew degrees
  bool borders = true;      // remove dark scanner borders
  bool seals = true;        // detect red seals and suppress their ink
  bool denoise = true;      // remove salt-and-pepper noise
  bool binarize = true;     // adaptive threshold for grey backgrounds and faint print
  double max_skew = 15.0;
};

struct OcrOptions {
  // Worker threads; 0 means one per hardware core.
  int jobs = 0;
  // "ppocr" (PP-OCRv4 on OpenCV dnn; needs the models from scripts/models.sh),
  // "tesseract", "auto" (ppocr when its models are installed, else tesseract),
  // or "replay" (recorded results from replay_dir, no engine).
  std::string engine = "auto";
  std::string language = "chi_sim";
  // Tesseract's tessdata folder; empty uses the system default.
  std::filesystem::path tessdata;
  // Where recorded results are read from for engine "replay".
  std::filesystem::path replay_dir;
  // The PP-OCRv4 models (installed by scripts/models.sh). Empty: $CASEAUDIT_MODELS,
  // else <executable's folder>/../models/ppocr-v4, else <executable's folder>/models/ppocr-v4.
  std::filesystem::path models_dir;
  // Cache folder; empty disables the cache.
  std::filesystem::path cache_dir;
  CleanupOptions cleanup;
  InputLimits limits;
  // A PDF page with real text (exported from Word or WPS, not a scan) is read
  // from its text layer when that layer agrees with the engine's reading of a
  // few of its lines and holds all the page's print (ocr/src/text_layer.h);
  // the page's `engine` then begins "pdf-text-layer".
  bool text_layer = true;
};

// Default cache folder: $XDG_CACHE_HOME/caseaudit/ocr or ~/.cache/caseaudit/ocr.
std::filesystem::path default_cache_dir();

struct Progress {
  std::size_t done = 0;   // pages finished (read, from cache, or failed)
  std::size_t total = 0;
  std::string current;    // label of the page just finished
};
using ProgressFn = std::function<void(const Progress&)>;

struct CaseResult {
  CaseInput input;
  std::vector<PageResult> pages;  // the pages that succeeded, in reading order
};

struct OcrRun {
  std::string engine;  // the engine that ran ("auto" resolved)
  std::vector<CaseResult> cases;
  std::vector<InputError> errors;  // inputs and pages that failed
  std::size_t pages_done = 0;
  std::size_t cache_hits = 0;
};

// Throws EnvironmentError when no engine can be started (missing language data).
OcrRun run_ocr(const InputSet& inputs, const OcrOptions& options, const ProgressFn& progress = {});

}  // namespace caseaudit::ocr
