// The `extract` job as the front ends run it: case files in (scans and PDFs,
// which are OCR'd through the cache, or folders written by `caseaudit ocr`,
// which are read as they are), one extraction per case file out.
//
// Output layout under `output`:
//   <case>.extract.json   schema caseaudit.extract/1 (docs/extract-schema.md)
//   <case>.summary.txt    the readable summary (身份证号 masked unless mask_ids is false)
//   extract-run.json      the run: cases, documents found, every error
#pragma once

#include <filesystem>
#include <vector>

#include "caseaudit/forms/extract.h"
#include "caseaudit/ocr/pipeline.h"

namespace caseaudit::forms {

struct ExtractJob {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path output;
  std::filesystem::path templates;  // empty: default_templates_dir()
  ocr::OcrOptions ocr;
  bool mask_ids = true;
};

struct ExtractJobReport {
  std::vector<CaseExtraction> cases;
  std::vector<ocr::InputError> errors;
  std::vector<std::filesystem::path> written;
  std::size_t pages_ocr = 0;       // pages that went through OCR (or its cache)
  std::size_t pages_recorded = 0;  // pages read from `caseaudit ocr` output
  std::string engine;
};

// True for a folder written by `caseaudit ocr` (holds page-NNNN.json).
bool is_ocr_output(const std::filesystem::path& dir);
// Its pages, in page order. A page file that cannot be read becomes an error.
std::vector<ocr::PageResult> read_ocr_output(const std::filesystem::path& dir, std::vector<ocr::InputError>& errors);

// The extractions and errors, nothing written (`output` is not used): the
// audit takes the extractions without leaving <case>.extract.json, which
// holds ID numbers in full, in its own output folder. Throws ocr::UsageError
// for a job that cannot start, TemplateError for a bad template and
// ocr::EnvironmentError when no OCR engine can run.
ExtractJobReport extract_cases(const ExtractJob& job, const ocr::ProgressFn& progress = {});
// Writes each case file's extract.json and summary, and extract-run.json,
// each atomically (ocr/output_file.h); adds them to report.written.
void write_extract_outputs(const ExtractJob& job, ExtractJobReport& report);
// Checks the output folder can be written, then extract_cases and
// write_extract_outputs: the `extract` job.
ExtractJobReport run_extract_job(const ExtractJob& job, const ocr::ProgressFn& progress = {});

}  // namespace caseaudit::forms
