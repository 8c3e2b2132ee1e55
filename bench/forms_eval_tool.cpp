// caseaudit-forms-eval: scores `caseaudit extract` against the fixture truth
// and prints classification accuracy, non-standard detection and field
// exact-match per field and per scan variant.
//   caseaudit-forms-eval [--templates DIR] [--misses] OCR_CASE_DIR TRUTH_DIR [OCR_CASE_DIR TRUTH_DIR ...]
// OCR_CASE_DIR is a folder written by `caseaudit ocr` (page-NNNN.json);
// TRUTH_DIR holds the generator's NAME.truth.json for the same pages.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "caseaudit/forms/extract_job.h"
#include "eval/forms_eval.h"

namespace fs = std::filesystem;
using namespace caseaudit;

int main(int argc, char** argv) {
  fs::path templates = forms::default_templates_dir();
  bool misses = false;
  std::vector<std::pair<fs::path, fs::path>> cases;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--templates" && i + 1 < argc) templates = argv[++i];
    else if (a == "--misses") misses = true;
    else rest.push_back(a);
  }
  if (rest.empty() || rest.size() % 2) {
    std::cerr << "usage: caseaudit-forms-eval [--templates DIR] [--misses] OCR_CASE_DIR TRUTH_DIR ...\n";
    return 2;
  }
  for (std::size_t i = 0; i < rest.size(); i += 2) cases.emplace_back(rest[i], rest[i + 1]);
  const forms::TemplateSet set = forms::load_templates(templates);
  eval::Score total;
  double seconds = 0;
  std::size_t pages = 0;
  for (const auto& [ocr_dir, truth_dir] : cases) {
    std::vector<ocr::InputError> errors;
    const auto page_data = forms::read_ocr_output(ocr_dir, errors);
    for (const auto& e : errors) std::cerr << e.message() << "\n";
    const auto t0 = std::chrono::steady_clock::now();
    const forms::CaseExtraction got = forms::extract_case(ocr_dir.filename().string(), page_data, set);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    pages += page_data.size();
    total.add(eval::score_case(ocr_dir.filename().string(), got, eval::read_truth(truth_dir), set));
  }
  std::printf("forms evaluation: %zu case files, %zu pages, extraction %.3f s (%.1f ms/page)\n", cases.size(), pages,
              seconds, pages ? 1000 * seconds / static_cast<double>(pages) : 0.0);
  std::printf("classification (pages): %d/%d = %.1f%%   (bar >= 98%%)\n", total.pages_right, total.pages,
              100 * total.classification());
  std::printf("non-standard found: %d/%d; standard documents flagged: %d/%d\n", total.nonstandard_found,
              total.nonstandard_truth, total.standard_flagged, total.standard_truth);
  std::printf("\n%-16s %7s %7s %7s\n", "group", "fields", "exact", "rate");
  for (const auto& [k, v] : total.by_group)
    std::printf("%-16s %7d %7d %6.1f%%   (bar %s)\n", k.c_str(), v.total, v.exact, 100 * v.rate(),
                k == "clean" ? ">= 95%" : ">= 90%");
  std::printf("\n%-16s %7s %7s %7s\n", "variant", "fields", "exact", "rate");
  for (const auto& [k, v] : total.by_variant) std::printf("%-16s %7d %7d %6.1f%%\n", k.c_str(), v.total, v.exact, 100 * v.rate());
  std::printf("\n%-24s %7s %7s %7s\n", "field", "count", "exact", "rate");
  for (const auto& [k, v] : total.by_field)
    std::printf("%s%*s %7d %7d %6.1f%%\n", k.c_str(), static_cast<int>(24 - k.size() / 3 * 2), "", v.total, v.exact,
                100 * v.rate());
  if (misses) {
    std::printf("\nmisses:\n");
    for (const auto& m : total.misses)
      std::printf("  %s\n    expected: %s\n    got:      %s\n", m.where.c_str(), m.expected.c_str(), m.got.c_str());
  }
  return 0;
}
