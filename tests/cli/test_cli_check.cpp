// End-to-end: `caseaudit check`, the bureau's self-check: findings grouped by
// document, the platform-entry deadlines from the case dates and the profile,
// the values to enter, and the exit code.
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

int run(const std::string& args, std::string* out, bool stderr_too = false) {
  return run_command(caseaudit() + " " + args + (stderr_too ? " 2>&1" : " 2>/dev/null"), out);
}

}  // namespace

TEST_CASE("check: a clean penalty case file, its entry deadline and platform values, exit 0", "[cli][slow]") {
  ScratchDir dir("cli-check");
  std::string out;
  const int code = run("check " + (fixtures_dir() / "cases" / "case-002.pdf").string() + " -o " + (dir / "out").string() + " " + cache(), &out);
  INFO(out);
  CHECK(code == 0);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "case-002.check.json"));
  CHECK(j["schema"] == "caseaudit.check/1");
  CHECK(j["findings"].empty());
  // 立案 2023-10-10 (Tuesday) + 7 working days = 2023-10-19.
  REQUIRE(j["entry_deadlines"].size() >= 1);
  CHECK(j["entry_deadlines"][0]["from"] == "2023-10-10");
  CHECK(j["entry_deadlines"][0]["due"] == "2023-10-19");
  CHECK(j["platform_values"]["案件类别"] == "行政处罚");
  CHECK(j["platform_values"]["罚款金额"] == "84300");
  CHECK(out.find("须于 2023-10-19 前录入") != std::string::npos);
  // The report and its JSON only: the extraction (ID numbers in full) is `extract`'s to write.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "out")) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 2);
  CHECK_FALSE(fs::exists(dir / "out" / "case-002.extract.json"));
}

TEST_CASE("check: an incomplete transfer package is an error finding, exit 5, the deadline crosses National Day", "[cli][slow]") {
  ScratchDir dir("cli-check-transfer");
  std::string out;
  const int code = run("check " + (fixtures_dir() / "cases" / "case-001").string() + " -o " + (dir / "out").string() + " " + cache(), &out);
  CHECK(code == 5);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "case-001.check.json"));
  bool package = false;
  for (const auto& f : j["findings"]) package = package || f["rule"] == "case.transfer-package";
  CHECK(package);
  CHECK(out.find("移送材料不全") != std::string::npos);
  // 立案 2023-10-03, inside the National Day holiday: 7 working days run to 2023-10-13 (10/7 and 10/8 are 调休 working days).
  CHECK(j["entry_deadlines"][0]["due"] == "2023-10-13");
  CHECK(j["platform_values"]["案件类别"] == "涉嫌犯罪移送");
}

TEST_CASE("check: an unknown profile or bad rules data stops with the file and reason, exit 4", "[cli]") {
  ScratchDir dir("cli-check-bad");
  std::string out;
  CHECK(run("check " + (fixtures_dir() / "pages" / "decision-01-clean.jpg").string() + " -o " + (dir / "out").string() +
                " --profile nowhere",
            &out, true) == 4);
  CHECK(out.find("nowhere") != std::string::npos);
  CHECK(run("check", &out, true) == 2);
  CHECK(out.find("no inputs") != std::string::npos);
}
