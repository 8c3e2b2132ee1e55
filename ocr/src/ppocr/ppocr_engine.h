// Internal: the PP-OCRv4 engine (PaddleOCR's Chinese detection and recognition
// models on OpenCV's dnn module) behind the OcrEngine interface.
//
// It reads PreparedPage::grey (upright, deskewed, red seal ink suppressed; the
// models want grey levels, not the binarised image) and returns lines in
// reading order with a word per CJK character and per Latin/digit run, each
// with a box in prepared-image coordinates and a confidence in [0, 1]. It has
// no orientation detector of its own.
//
// The models come from scripts/models.sh (see model_files.h for where they are
// looked for); they are checked against their manifest when an engine is made.
// A missing or corrupt model is an EnvironmentError naming that script.
//
// One instance per worker thread. OpenCV's own threads: with OcrOptions::jobs
// other than 1 the pipeline runs a worker per core, so each engine's nets run
// on their worker's thread alone (cv::setNumThreads(1), process-wide);
// with jobs == 1 OpenCV keeps its default pool.
#pragma once

#include <memory>
#include <string>

#include "engine.h"

namespace caseaudit::ocr {

std::unique_ptr<OcrEngine> make_ppocr_engine(const OcrOptions& options);

// The id an engine made from `options` would have: model checksums (from the
// manifest, without hashing the files) and settings. Throws EnvironmentError
// when the models are not installed.
std::string ppocr_engine_id(const OcrOptions& options);

}  // namespace caseaudit::ocr
