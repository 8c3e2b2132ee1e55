// caseaudit-forms-speed: time to extract an already-OCR'd 30-page case file,
// against a named baseline run in the same process: parsing the same 30
// pages' recorded OCR JSON (caseaudit.page/1) from memory, which any use of
// recorded OCR output costs anyway.
//   caseaudit-forms-speed [--templates DIR] [--pages N] OCR_CASE_DIR...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "caseaudit/forms/extract_job.h"
#include "caseaudit/ocr/json.h"

namespace fs = std::filesystem;
using namespace caseaudit;

namespace {

template <typename F>
double median_seconds(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  fs::path templates = forms::default_templates_dir();
  std::size_t want = 30;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--templates" && i + 1 < argc) templates = argv[++i];
    else if (a == "--pages" && i + 1 < argc) want = std::stoul(argv[++i]);
    else dirs.emplace_back(a);
  }
  if (dirs.empty()) {
    std::cerr << "usage: caseaudit-forms-speed [--templates DIR] [--pages N] OCR_CASE_DIR...\n";
    return 2;
  }
  const forms::TemplateSet set = forms::load_templates(templates);
  // The first `want` pages of the folders given, in order: one long case file.
  std::vector<ocr::PageResult> pages;
  std::vector<ocr::InputError> errors;
  for (const fs::path& d : dirs) {
    for (auto& p : forms::read_ocr_output(d, errors))
      if (pages.size() < want) pages.push_back(std::move(p));
  }
  if (pages.size() < want) {
    std::cerr << "only " << pages.size() << " pages found, " << want << " wanted\n";
    return 2;
  }
  const int runs = 7;
  std::size_t documents = 0;
  const double extract = median_seconds(runs, [&] { documents = forms::extract_case("bench", pages, set).documents.size(); });
  std::vector<std::string> recorded;
  for (const auto& p : pages) recorded.push_back(ocr::to_json(p).dump());
  const double baseline = median_seconds(runs, [&] {
    std::size_t lines = 0;
    for (const std::string& r : recorded) lines += ocr::page_from_json(nlohmann::json::parse(r)).lines.size();
    if (lines == 0) std::abort();
  });
  std::printf("extraction of one %zu-page case file (%zu documents), median of %d runs:\n", pages.size(), documents, runs);
  std::printf("  caseaudit extract_case            %8.1f ms   (bar < 1000 ms)\n", 1000 * extract);
  std::printf("  baseline: parse the pages' JSON   %8.1f ms\n", 1000 * baseline);
  std::printf("  ratio extract / baseline          %8.2f x\n", extract / baseline);
  return extract < 1.0 ? 0 : 1;
}
