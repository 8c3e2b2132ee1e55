// The clean-up earns its keep: on the committed fixture pages, caseaudit's OCR
// (clean-up + Tesseract chi_sim) has no higher character error rate than the
// plain `tesseract IMG - -l chi_sim` on clean pages, and at least 30% lower on
// skewed, rotated and sealed pages. Real engine, real scans: the slow group.
// The full table over every fixture page is printed by bench/ocr_bench.sh.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "caseaudit/ocr/pipeline.h"
#include "eval/cer.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit;
using namespace caseaudit::test;

namespace {

const std::vector<std::string> kVariants{"clean", "skew", "rotated", "seal"};

// Documents that have the same page in every variant, e.g. decision-01-*.jpg.
std::vector<std::string> documents_with_all_variants(std::size_t want) {
  std::set<std::string> docs;
  for (const auto& e : fs::directory_iterator(fixtures_dir() / "pages")) {
    const std::string name = e.path().filename().string();
    const std::string suffix = "-clean.jpg";
    if (name.size() > suffix.size() && name.ends_with(suffix)) docs.insert(name.substr(0, name.size() - suffix.size()));
  }
  std::vector<std::string> out;
  for (const std::string& d : docs) {
    bool all = true;
    for (const std::string& v : kVariants) all = all && fs::exists(fixtures_dir() / "pages" / (d + "-" + v + ".jpg"));
    if (all && out.size() < want) out.push_back(d);
  }
  return out;
}

struct Tally {
  std::size_t errors = 0, chars = 0;
  void add(const std::string& text, const std::string& truth) {
    std::size_t n = 0;
    errors += eval::char_errors(text, truth, {}, &n);
    chars += n;
  }
  double cer() const { return chars ? double(errors) / double(chars) : 0.0; }
};

}  // namespace

TEST_CASE("clean-up lowers the error rate on skewed, rotated and sealed pages", "[ocr][accuracy][slow]") {
  // Every committed document that has the same page in all four variants.
  const std::vector<std::string> docs = documents_with_all_variants(10);
  REQUIRE(docs.size() >= 3);
  ScratchDir dir("accuracy");

  std::vector<fs::path> pages;
  for (const std::string& d : docs)
    for (const std::string& v : kVariants) pages.push_back(fixtures_dir() / "pages" / (d + "-" + v + ".jpg"));

  // Baseline: the plain tesseract CLI, two pages at a time.
  std::string list;
  for (const fs::path& p : pages) list += p.string() + "\n";
  write_file(dir / "list", list);
  REQUIRE(run_command("cd " + dir.path().string() +
                      " && OMP_THREAD_LIMIT=1 xargs -P 2 -I{} sh -c 'tesseract \"$1\" \"$(basename \"${1%.jpg}\")\" "
                      "-l chi_sim >/dev/null 2>&1' _ {} < list") == 0);

  // caseaudit: every page its own case file, no cache.
  ocr::OcrOptions options;
  options.engine = "tesseract";  // this bar is about the clean-up in front of Tesseract
  options.jobs = 2;
  const ocr::OcrRun run = ocr::run_ocr(ocr::enumerate_inputs(pages), options);
  REQUIRE(run.errors.empty());
  REQUIRE(run.cases.size() == pages.size());

  std::map<std::string, Tally> plain, ours;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string stem = pages[i].stem().string();
    const std::string variant = stem.substr(stem.rfind('-') + 1);
    const std::string truth = read_file(pages[i].parent_path() / (stem + ".truth.txt"));
    REQUIRE(run.cases[i].pages.size() == 1);
    ours[variant].add(run.cases[i].pages[0].text(), truth);
    plain[variant].add(read_file(dir / (stem + ".txt")), truth);
  }
  for (const std::string& v : kVariants) {
    INFO(v << ": plain tesseract CER " << plain[v].cer() << ", caseaudit " << ours[v].cer());
    if (v == "clean")
      CHECK(ours[v].cer() <= plain[v].cer());
    else
      CHECK(ours[v].cer() <= 0.7 * plain[v].cer());
  }
}
