// The `ocr` job as the front ends run it: inputs in, per-page JSON and text
// (and optionally one searchable PDF per case file) out. The CLI and the GUI
// fill an OcrJob, and the library validates and runs it; neither front end
// holds any of this logic.
//
// Output layout under `output`:
//   <case>/page-0001.json   page data, schema caseaudit.page/1 (see json.h)
//   <case>/page-0001.txt    the page's text, one line per recognised line
//   <case>/text.txt         all pages, separated by form feeds (\f)
//   <case>.pdf              searchable PDF (when searchable_pdf is set)
//   run.json                summary: pages, cache hits, every error
// <case> is the folder or file name of the input, made unique if two inputs
// share a name.
#pragma once

#include <filesystem>
#include <vector>

#include "caseaudit/ocr/pipeline.h"
#include "caseaudit/ocr/searchable_pdf.h"

namespace caseaudit::ocr {

struct OcrJob {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path output;
  bool searchable_pdf = false;
  OcrOptions options;
  SearchablePdfOptions pdf;
};

struct OcrJobReport {
  OcrRun run;                      // errors include input, page and output failures
  std::vector<std::filesystem::path> written;  // files written, in order
  std::size_t pages_total = 0;
};

// Throws std::invalid_argument for a job that cannot start (no inputs, no
// output folder) and EnvironmentError when the output folder cannot be created
// or no engine can run.
OcrJobReport run_ocr_job(const OcrJob& job, const ProgressFn& progress = {});

}  // namespace caseaudit::ocr
