// caseaudit-forms-speed: time to extract an already-OCR'd 30-page case file,
// against a named baseline run in the same process: reading and parsing the
// same 30 pages' JSON (what any use of recorded OCR output costs anyway).
//   caseaudit-forms-speed [--templates DIR] [--pages N] OCR_CASE_DIR...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "caseaudit/forms/extract_job.h"

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
  const double baseline = median_seconds(runs, [&] {
    std::vector<ocr::InputError> e;
    std::size_t n = 0;
    for (const fs::path& d : dirs) n += forms::read_ocr_output(d, e).size();
    if (n == 0) std::abort();
  });
  std::printf("extraction of one %zu-page case file (%zu documents), median of %d runs:\n", pages.size(), documents, runs);
  std::printf("  caseaudit extract_case            %8.1f ms   (bar < 1000 ms)\n", 1000 * extract);
  std::printf("  baseline: read + parse page JSON  %8.1f ms   (%zu folders)\n", 1000 * baseline, dirs.size());
  std::printf("  ratio extract / baseline          %8.2f x\n", extract / baseline);
  return extract < 1.0 ? 0 : 1;
}
