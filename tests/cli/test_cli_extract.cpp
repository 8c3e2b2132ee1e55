// End-to-end: `caseaudit extract` as a user runs it on a scanned PDF case
// file and on recorded OCR output: the JSON and summary it writes, exit codes,
// bad templates and bad inputs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string caseaudit() { return (binary_dir() / "caseaudit").string(); }
std::string cache() { return "--cache " + (binary_dir() / "test-ocr-cache").string(); }

int run(const std::string& args, std::string* err, std::string* out = nullptr) {
  if (out) return run_command(caseaudit() + " " + args + " 2>" + (binary_dir() / "extract-stderr.txt").string(), out);
  return run_command(caseaudit() + " " + args + " 2>&1 >/dev/null", err);
}

}  // namespace

TEST_CASE("extract writes the documents, types and fields of a scanned PDF case file", "[cli][slow]") {
  ScratchDir dir("cli-extract");
  std::string out;
  const int code = run("extract " + (fixtures_dir() / "cases" / "case-002.pdf").string() + " -o " +
                           (dir / "out").string() + " " + cache(),
                       nullptr, &out);
  REQUIRE(code == 0);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "case-002.extract.json"));
  CHECK(j["schema"] == "caseaudit.extract/1");
  std::vector<std::string> types;
  for (const auto& d : j["documents"]) types.push_back(d["type"]);
  CHECK(types == std::vector<std::string>{"立案审批表", "行政处罚决定书", "结案审批表"});
  const auto& decision = j["documents"][1];
  CHECK(decision["pages"] == nlohmann::json::array({1, 2, 3}));
  CHECK(decision["standard"] == true);
  bool fine = false;
  for (const auto& f : decision["fields"])
    if (f["name"] == "罚款金额") {
      fine = true;
      CHECK(f["parsed"] == true);
      CHECK(f["where"][0]["page"].get<int>() >= 1);
      CHECK(f["where"][0]["box"].size() == 4);
    }
  CHECK(fine);
  // The summary is on stdout and on disk, with the party's ID number masked.
  const std::string summary = read_file(dir / "out" / "case-002.summary.txt");
  CHECK(out.find("行政处罚决定书") != std::string::npos);
  CHECK(summary.find("411302********7296") != std::string::npos);
  CHECK(summary.find("411302198111167296") == std::string::npos);
  CHECK(fs::exists(dir / "out" / "extract-run.json"));
}

TEST_CASE("extract reads the folders `caseaudit ocr` wrote without OCR'ing again", "[cli][slow]") {
  ScratchDir dir("cli-extract-recorded");
  std::string err;
  REQUIRE(run("ocr " + (fixtures_dir() / "pages" / "transfer-01-clean.jpg").string() + " -o " + (dir / "ocr").string() +
                  " " + cache(),
              &err) == 0);
  REQUIRE(run("extract " + (dir / "ocr" / "transfer-01-clean").string() + " -o " + (dir / "out").string() + " -q", &err) == 0);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "transfer-01-clean.extract.json"));
  REQUIRE(j["documents"].size() == 1);
  CHECK(j["documents"][0]["type"] == "涉嫌犯罪案件移送书");
}

TEST_CASE("a bad template stops extract with the file, line and reason, exit 4", "[cli]") {
  ScratchDir dir("cli-extract-template");
  fs::create_directories(dir / "templates");
  write_file(dir / "templates" / "broken.yaml", "type: 测试书\ntitles: [测试书]\nsources: [x]\nfields:\n  - name: a\n    type: nope\n    find: {after: [a]}\n");
  std::string err;
  CHECK(run("extract " + (fixtures_dir() / "pages" / "decision-01-clean.jpg").string() + " -o " + (dir / "out").string() +
                " --templates " + (dir / "templates").string(),
            &err) == 4);
  CHECK(err.find("broken.yaml:6") != std::string::npos);
  CHECK(err.find("unknown field type") != std::string::npos);
}

TEST_CASE("a corrupt case file is named, the others are extracted, exit 3", "[cli][slow]") {
  ScratchDir dir("cli-extract-bad");
  write_file(dir / "broken.pdf", "%PDF-1.4\n1 0 obj <<");
  std::string err;
  const int code = run("extract " + (dir / "broken.pdf").string() + " " +
                           (fixtures_dir() / "pages" / "filing-01-clean.jpg").string() + " -o " + (dir / "out").string() +
                           " " + cache() + " -q",
                       &err);
  CHECK(code == 3);
  CHECK(err.find("broken.pdf") != std::string::npos);
  CHECK(fs::exists(dir / "out" / "filing-01-clean.extract.json"));
  const auto run_json = nlohmann::json::parse(read_file(dir / "out" / "extract-run.json"));
  CHECK(run_json["errors"].size() == 1);
}

TEST_CASE("extract usage errors exit 2", "[cli]") {
  std::string err;
  CHECK(run("extract", &err) == 2);
  CHECK(err.find("no inputs") != std::string::npos);
  CHECK(run("extract x.pdf", &err) == 2);
  CHECK(err.find("-o") != std::string::npos);
  CHECK(run("extract --help", &err) == 0);
}
