// End-to-end: `caseaudit ocr` as a user runs it — exit codes, error lines,
// outputs on disk, the cache, the searchable PDF.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "eval/cer.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string caseaudit() { return (binary_dir() / "caseaudit").string(); }

// Runs caseaudit with stderr captured (stdout discarded); returns exit status.
int run(const std::string& args, std::string* err) {
  return run_command(caseaudit() + " " + args + " 2>&1 >/dev/null", err);
}

fs::path sample_page() { return fixtures_dir() / "pages" / "decision-01-clean.jpg"; }

}  // namespace

TEST_CASE("usage errors exit 2 and say what is wrong", "[cli]") {
  std::string err;
  CHECK(run("", &err) == 2);
  CHECK(err.find("usage") != std::string::npos);
  CHECK(run("ocr", &err) == 2);
  CHECK(err.find("no inputs") != std::string::npos);
  CHECK(run("ocr x.jpg", &err) == 2);
  CHECK(err.find("-o") != std::string::npos);
  CHECK(run("ocr x.jpg -o out --jobs 0", &err) == 2);
  CHECK(err.find("--jobs") != std::string::npos);
  CHECK(run("ocr x.jpg -o out --frobnicate", &err) == 2);
  CHECK(err.find("--frobnicate") != std::string::npos);
  CHECK(run("frobnicate", &err) == 2);
}

TEST_CASE("a batch with bad files reads the good ones, names each bad one, exits 3", "[cli][slow]") {
  ScratchDir dir("cli-batch");
  fs::create_directories(dir / "case");
  fs::copy_file(sample_page(), dir / "case" / "2.jpg");
  write_file(dir / "case" / "1.jpg", "");                          // zero bytes
  write_file(dir / "case" / "10.jpg", read_file(sample_page()).substr(0, 20000));  // truncated
  write_file(dir / "case" / "notes.txt", "not an image\n");
  std::string err;
  const int code = run("ocr " + (dir / "case").string() + " -o " + (dir / "out").string() + " --no-cache", &err);
  CHECK(code == 3);
  CHECK(err.find("1.jpg") != std::string::npos);
  CHECK(err.find("10.jpg") != std::string::npos);
  CHECK(err.find("notes.txt") != std::string::npos);
  // The good page was read and written.
  const fs::path page = dir / "out" / "case" / "page-0001.txt";
  REQUIRE(fs::exists(page));
  CHECK(caseaudit::eval::cer(read_file(page), read_file(fixtures_dir() / "pages" / "decision-01-clean.truth.txt")) < 0.10);
  // run.json keeps every error, so nothing is lost when stderr scrolls away.
  const auto summary = nlohmann::json::parse(read_file(dir / "out" / "run.json"));
  CHECK(summary["errors"].size() == 3);
  CHECK(summary["pages_read"] == 1);
}

TEST_CASE("a second run over the same pages comes from the cache", "[cli][slow]") {
  ScratchDir dir("cli-cache");
  fs::copy_file(sample_page(), dir / "p.jpg");
  const std::string common = (dir / "p.jpg").string() + " --cache " + (dir / "cache").string();
  std::string err;
  REQUIRE(run("ocr " + common + " -o " + (dir / "a").string(), &err) == 0);
  CHECK(err.find("缓存命中 0") != std::string::npos);
  REQUIRE(run("ocr " + common + " -o " + (dir / "b").string(), &err) == 0);
  CHECK(err.find("缓存命中 1") != std::string::npos);
  CHECK(read_file(dir / "a" / "p" / "page-0001.txt") == read_file(dir / "b" / "p" / "page-0001.txt"));
}

TEST_CASE("missing language data is an environment error (exit 4) naming the fix", "[cli]") {
  ScratchDir dir("cli-env");
  fs::copy_file(sample_page(), dir / "p.jpg");
  std::string err;
  CHECK(run("ocr " + (dir / "p.jpg").string() + " -o " + (dir / "out").string() + " --no-cache --engine tesseract --tessdata " +
                (dir / "nothing-here").string(),
            &err) == 4);
  CHECK(err.find("chi_sim") != std::string::npos);
  CHECK(err.find("scripts/setup.sh") != std::string::npos);
}

TEST_CASE("missing PP-OCR models: ppocr is an environment error, auto falls back to Tesseract", "[cli][slow]") {
  ScratchDir dir("cli-models");
  fs::copy_file(sample_page(), dir / "p.jpg");
  const std::string common = (dir / "p.jpg").string() + " --no-cache --models " + (dir / "no-models").string();
  std::string err;
  CHECK(run("ocr " + common + " -o " + (dir / "a").string() + " --engine ppocr", &err) == 4);
  CHECK(err.find("scripts/models.sh") != std::string::npos);
  CHECK(run("ocr " + common + " -o " + (dir / "b").string() + " --engine auto", &err) == 0);
  CHECK(err.find("engine: tesseract") != std::string::npos);
  // Tesseract (OCR and orientation detection) printed nothing of its own.
  std::size_t start = 0;
  while (start < err.size()) {
    const std::size_t end = err.find('\n', start);
    const std::string line = err.substr(start, end - start);
    INFO(line);
    CHECK(line.rfind("caseaudit", 0) == 0);
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

TEST_CASE("an output folder that cannot be created is an environment error", "[cli]") {
  ScratchDir dir("cli-out");
  write_file(dir / "file", "x");
  std::string err;
  CHECK(run("ocr " + sample_page().string() + " -o " + (dir / "file" / "sub").string(), &err) == 4);
  CHECK(err.find((dir / "file" / "sub").string()) != std::string::npos);
}

TEST_CASE("the searchable PDF gives back the page text through pdftotext", "[cli][slow][pdf]") {
  ScratchDir dir("cli-pdf");
  fs::copy_file(sample_page(), dir / "p.jpg");
  std::string err;
  REQUIRE(run("ocr " + (dir / "p.jpg").string() + " -o " + (dir / "out").string() + " --no-cache --pdf", &err) == 0);
  std::string pdf_text;
  REQUIRE(run_command("pdftotext " + (dir / "out" / "p.pdf").string() + " -", &pdf_text) == 0);
  const std::string json_text = read_file(dir / "out" / "p" / "page-0001.txt");
  const std::string truth = read_file(fixtures_dir() / "pages" / "decision-01-clean.truth.txt");
  const double cer_json = caseaudit::eval::cer(json_text, truth);
  const double cer_pdf = caseaudit::eval::cer(pdf_text, truth);
  INFO("CER json " << cer_json << " pdf " << cer_pdf);
  CHECK(cer_pdf <= cer_json + 0.01);
  // No spaces between Chinese characters: "当事人的上述行为", never "当 事 人".
  CHECK(pdf_text.find("本局认为，当事人的上述行为") != std::string::npos);
  CHECK(pdf_text.find("当 事") == std::string::npos);
}

TEST_CASE("progress is quiet in a pipe", "[cli][slow]") {
  ScratchDir dir("cli-quiet");
  fs::copy_file(sample_page(), dir / "p.jpg");
  std::string err;
  REQUIRE(run("ocr " + (dir / "p.jpg").string() + " -o " + (dir / "out").string() + " --cache " +
                  (dir / "cache").string(),
              &err) == 0);
  CHECK(err.find('\r') == std::string::npos);
}
