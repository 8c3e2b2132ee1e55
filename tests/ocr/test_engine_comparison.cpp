// PP-OCRv4 against Tesseract on the committed fixture pages, through the whole
// pipeline (ingest, clean-up, engine): PP-OCR's NFKC character error rate is at
// most a third of Tesseract's, and it reads amounts in Chinese capitals, credit
// codes and ID numbers exactly on at least 98% of the pages that show them.
// The full table with timings is printed by bench/ocr_bench.sh.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caseaudit/ocr/pipeline.h"
#include "eval/cer.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit;
using namespace caseaudit::test;

namespace {

std::vector<fs::path> fixture_pages() {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(fixtures_dir() / "pages"))
    if (e.path().extension() == ".jpg") pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::string truth_of(const fs::path& page) {
  return read_file(page.parent_path() / (page.stem().string() + ".truth.txt"));
}

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

ocr::OcrRun run_engine(const std::vector<fs::path>& pages, const std::string& engine) {
  ocr::OcrOptions options;
  options.engine = engine;
  options.models_dir = source_dir() / "models" / "ppocr-v4";  // installed by scripts/models.sh
  options.jobs = 2;
  return ocr::run_ocr(ocr::enumerate_inputs(pages), options);
}

}  // namespace

TEST_CASE("PP-OCR makes at most a third of Tesseract's character errors", "[ocr][accuracy][slow]") {
  const std::vector<fs::path> pages{fixtures_dir() / "pages" / "decision-01-clean.jpg",
                                    fixtures_dir() / "pages" / "filing-01-seal.jpg",
                                    fixtures_dir() / "pages" / "transfer-01-skew.jpg"};
  const ocr::OcrRun pp = run_engine(pages, "ppocr");
  const ocr::OcrRun ts = run_engine(pages, "tesseract");
  REQUIRE(pp.errors.empty());
  REQUIRE(ts.errors.empty());
  std::size_t pp_errors = 0, ts_errors = 0, chars = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::size_t n = 0;
    const std::string truth = truth_of(pages[i]);
    pp_errors += eval::char_errors(pp.cases[i].pages.at(0).text(), truth, {.nfkc = true}, &n);
    ts_errors += eval::char_errors(ts.cases[i].pages.at(0).text(), truth, {.nfkc = true}, &n);
    chars += n;
  }
  INFO("NFKC CER: ppocr " << double(pp_errors) / double(chars) << ", tesseract " << double(ts_errors) / double(chars));
  CHECK(pp_errors * 3 <= ts_errors);
}

TEST_CASE("PP-OCR reads capital amounts, credit codes and ID numbers exactly", "[ocr][accuracy][slow]") {
  const std::vector<fs::path> pages = fixture_pages();
  REQUIRE(pages.size() >= 20);
  const ocr::OcrRun run = run_engine(pages, "ppocr");
  REQUIRE(run.errors.empty());
  std::map<std::string, std::pair<int, int>> read;  // field -> (exact, shown)
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto fields = nlohmann::json::parse(
        read_file(pages[i].parent_path() / (pages[i].stem().string() + ".truth.json")))["fields"];
    const std::string truth = without_space(truth_of(pages[i]));
    const std::string text = without_space(run.cases[i].pages.at(0).text());
    for (const char* field : {"罚款金额大写", "统一社会信用代码", "身份证号"}) {
      if (!fields.contains(field)) continue;
      const std::string value = fields[field].get<std::string>();
      if (truth.find(value) == std::string::npos) continue;  // not on this page
      auto& [exact, shown] = read[field];
      ++shown;
      if (text.find(value) != std::string::npos) ++exact;
      else UNSCOPED_INFO(pages[i].filename().string() << ": " << field << " " << value << " not read");
    }
  }
  for (const auto& [field, counts] : read) {
    INFO(field << ": " << counts.first << "/" << counts.second);
    CHECK(counts.second > 0);
    CHECK(counts.first >= 0.98 * counts.second);
  }
  CHECK(read.size() == 3);
}
