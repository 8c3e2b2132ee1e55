// Internal: the recognition engine interface. An engine reads a prepared page
// and returns lines with boxes in PREPARED-image coordinates; the pipeline maps
// them to the original. One engine instance per worker thread: engines need not
// be thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"
#include "caseaudit/ocr/pipeline.h"
#include "cleanup/prepare.h"

namespace caseaudit::ocr {

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Identifies engine, version and settings; part of the cache key.
  virtual std::string id() const = 0;
  virtual std::vector<Line> recognize(const PreparedPage& page) = 0;
  // Orientation detection if the engine has one (Tesseract OSD); may be empty.
  virtual OrientationDetector orientation_detector() { return {}; }
};

// The engine options.engine names, with "auto" resolved: "ppocr" when its
// models are installed and valid, else "tesseract".
std::string resolve_engine_name(const OcrOptions& options);

// Creates an engine per options.engine. Throws EnvironmentError when it
// cannot (language data missing, unknown engine name).
std::unique_ptr<OcrEngine> make_engine(const OcrOptions& options);

// The id an engine made from `options` would have, without starting one.
std::string engine_id(const OcrOptions& options);

}  // namespace caseaudit::ocr
