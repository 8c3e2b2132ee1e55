// caseaudit-check-speed: time to check 1,000 extracted case files with the
// shipped rule packs, against a named baseline run in the same process:
// writing the same 1,000 extractions as JSON (caseaudit.extract/1), which
// any pipeline storing extractions pays anyway.
//   caseaudit-check-speed [--cases N] OCR_CASE_DIR...
// The OCR'd case folders (from `caseaudit ocr`) are extracted once, then
// repeated to N case files.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "caseaudit/forms/extract_job.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/rule_pack.h"

namespace fs = std::filesystem;
using namespace caseaudit;

int main(int argc, char** argv) {
  std::size_t want = 1000;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--cases" && i + 1 < argc) want = std::stoul(argv[++i]);
    else dirs.emplace_back(a);
  }
  if (dirs.empty()) {
    std::cerr << "usage: caseaudit-check-speed [--cases N] OCR_CASE_DIR...\n";
    return 2;
  }
  const forms::TemplateSet templates = forms::load_templates(forms::default_templates_dir());
  const auto packs = rules::load_rule_packs(rules::default_rules_dir() / "packs");
  const auto calendar = rules::WorkCalendar::load(rules::WorkCalendar::default_folder());  // working-day deadlines
  std::vector<forms::CaseExtraction> base;
  for (const fs::path& d : dirs) {
    std::vector<ocr::InputError> errors;
    base.push_back(forms::extract_case(d.filename().string(), forms::read_ocr_output(d, errors), templates));
  }
  std::vector<forms::CaseExtraction> cases;
  for (std::size_t i = 0; i < want; ++i) cases.push_back(base[i % base.size()]);

  const auto t0 = std::chrono::steady_clock::now();
  std::size_t findings = 0;
  for (const auto& c : cases) findings += rules::check_case(c, packs, &calendar).findings.size();
  const double check = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const auto t1 = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (const auto& c : cases) bytes += forms::to_json(c).dump().size();
  const double baseline = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();

  std::size_t rules_count = 0;
  for (const auto& p : packs) rules_count += p.rules.size();
  std::printf("checking %zu extracted case files (%zu distinct) with %zu rules, %zu findings:\n", cases.size(), base.size(),
              rules_count, findings);
  std::printf("  caseaudit check_case                 %8.3f s   (bar < 5 s)\n", check);
  std::printf("  baseline: write the extractions JSON %8.3f s   (%.1f MB)\n", baseline, static_cast<double>(bytes) / 1e6);
  std::printf("  ratio check / baseline               %8.2f x\n", check / baseline);
  return check < 5.0 ? 0 : 1;
}
