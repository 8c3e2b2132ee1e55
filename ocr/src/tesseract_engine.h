// Internal: the Tesseract engine (LSTM, chi_sim by default) and its OSD-based
// orientation detector. One instance per worker thread.
#pragma once

#include <memory>

#include "engine.h"

namespace caseaudit::ocr {

std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrOptions& options);
std::string tesseract_engine_id(const OcrOptions& options);

}  // namespace caseaudit::ocr
