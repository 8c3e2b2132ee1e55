// Internal: the on-disk OCR cache. One JSON file per page result, named
//   <file sha256>-p<page>-<settings hash>.json
// where the settings hash covers the engine id and the clean-up options. A
// second run over the same pages with the same settings does no OCR. The same
// layout serves as a recording that tests replay without any engine: replay
// finds a page's result whatever settings recorded it.
//
// Writes are atomic (temporary file, then rename), so concurrent workers and
// an interrupted run never leave a half-written entry. A corrupt entry is
// treated as a miss and overwritten.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/page.h"
#include "caseaudit/ocr/pipeline.h"

namespace caseaudit::ocr {

// Hash of everything besides the page bytes that changes what OCR returns.
std::string settings_hash(const std::string& engine_id, const CleanupOptions& cleanup);

class OcrCache {
 public:
  OcrCache(std::filesystem::path dir, std::string settings);

  std::string key(const PageSource& source) const;
  std::optional<PageResult> load(const PageSource& source) const;
  // Best effort: a cache that cannot be written never fails the OCR.
  void store(const PageSource& source, const PageResult& result) const;

 private:
  std::filesystem::path path_for(const PageSource& source) const;
  std::filesystem::path dir_;
  std::string settings_;
};

// A recorded result for this page under `dir`, whatever settings made it.
std::optional<PageResult> find_recorded(const std::filesystem::path& dir, const PageSource& source);

}  // namespace caseaudit::ocr
