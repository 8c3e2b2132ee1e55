// Internal: where the PP-OCRv4 models live and whether they are intact.
//
// The models are put in place at set-up by scripts/models.sh (never at run
// time): a folder holding the rewritten detector and recogniser, the character
// dictionary, SOURCE (provenance) and MANIFEST (`sha256sum` lines for every
// other file). The folder is, in order of precedence:
//   1. OcrOptions::models_dir when it is set;
//   2. the environment variable CASEAUDIT_MODELS;
//   3. <folder of the running executable>/../models/ppocr-v4 (build/caseaudit
//      finds the repository's models/ppocr-v4; an install finds <prefix>/models);
//   4. <folder of the running executable>/models/ppocr-v4.
// An explicit choice (1 or 2) is used as given; 3 and 4 are tried in turn.
// A missing or corrupt model is an EnvironmentError that names the set-up command.
#pragma once

#include <filesystem>
#include <string>

#include "caseaudit/ocr/pipeline.h"

namespace caseaudit::ocr::ppocr {

inline constexpr const char* kDetectorFile = "ch_PP-OCRv4_det_opencv.onnx";
inline constexpr const char* kRecognizerFile = "ch_PP-OCRv4_rec_opencv.onnx";
inline constexpr const char* kDictionaryFile = "ppocr_keys_v1.txt";
inline constexpr const char* kManifestFile = "MANIFEST";

struct ModelFiles {
  std::filesystem::path dir;
  std::filesystem::path detector;
  std::filesystem::path recognizer;
  std::filesystem::path dictionary;
  std::string detector_sha256;  // as the manifest records them
  std::string recognizer_sha256;
  std::string dictionary_sha256;
};

// The models folder per the order above. Throws EnvironmentError when none of
// the candidates holds a MANIFEST.
std::filesystem::path find_models_dir(const OcrOptions& options);

// Reads the manifest of `dir` (cheap: hashes nothing). Throws EnvironmentError
// when it is missing or does not list the three model files.
ModelFiles read_manifest(const std::filesystem::path& dir);

// Hashes every file the manifest lists and compares. A file version (path,
// size, modification time) verified once is not hashed again in this process.
// Throws EnvironmentError naming the first file that is missing or differs.
void verify_models(const ModelFiles& files);

// The error for a missing or corrupt model: says what is wrong and which
// command installs the models.
[[noreturn]] void throw_models_error(const std::filesystem::path& dir, const std::string& what);

}  // namespace caseaudit::ocr::ppocr
