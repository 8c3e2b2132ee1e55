// End-to-end: `caseaudit calendar` as a user runs it: the answer line, the
// explanation, JSON, date spellings, user calendar folders and exit codes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string binary() { return (binary_dir() / "caseaudit").string(); }

// Runs `caseaudit calendar ARGS`; stdout into *out, stderr into *err.
int calendar(const std::string& args, std::string* out, std::string* err = nullptr) {
  const fs::path err_file = binary_dir() / ("calendar-stderr-" + std::to_string(::getpid()) + ".txt");
  const int code = run_command(binary() + " calendar " + args + " 2>" + err_file.string(), out);
  if (err) *err = read_file(err_file);
  fs::remove(err_file);
  return code;
}

}  // namespace

TEST_CASE("calendar --add prints the date N working days later", "[cli][calendar]") {
  std::string out;
  REQUIRE(calendar("--add 7 2023-09-27", &out) == 0);
  CHECK(out.find("2023-09-27 之后第 7 个工作日：2023-10-12（星期四）") == 0);
  CHECK(out.find("Thursday") != std::string::npos);
  CHECK(out.find("放假") == std::string::npos);  // no list without --explain
  // The same date written in Chinese.
  std::string cn;
  REQUIRE(calendar("--add 7 2023年9月27日", &cn) == 0);
  CHECK(cn == out);
  REQUIRE(calendar("--add 7 二〇二三年九月二十七日", &cn) == 0);
  CHECK(cn == out);
  // Across Spring Festival 2024 (the 调休 Sunday 18 February counts).
  REQUIRE(calendar("--add 1 2024-02-09", &out) == 0);
  CHECK(out.find("2024-02-18（星期日）") != std::string::npos);
}

TEST_CASE("calendar --explain lists the days off and the working weekend days", "[cli][calendar]") {
  std::string out;
  REQUIRE(calendar("--add 7 2023-09-27 --explain", &out) == 0);
  CHECK(out.find("2023-09-29（星期五）放假 holiday：中秋节") != std::string::npos);
  CHECK(out.find("2023-10-06（星期五）放假 holiday：国庆节") != std::string::npos);
  CHECK(out.find("2023-10-07（星期六）调休上班") != std::string::npos);
  CHECK(out.find("2023-10-08（星期日）调休上班") != std::string::npos);
  CHECK(out.find("2023-10-09") == std::string::npos);  // plain working days are not listed
  CHECK(out.find("国办发明电〔2022〕16号") != std::string::npos);
}

TEST_CASE("calendar --between counts the working days after the first date", "[cli][calendar]") {
  std::string out;
  REQUIRE(calendar("--between 2023-09-27 2023-10-12", &out) == 0);
  CHECK(out.find("2023-09-27 之后到 2023-10-12（含）共 7 个工作日") == 0);
  REQUIRE(calendar("--between 2023-10-12 2023-09-27", &out) == 0);
  CHECK(out.find("-7 个工作日") != std::string::npos);
  REQUIRE(calendar("--between 2020-01-23 2020-02-03 --json", &out) == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["working_days"] == 1);
  CHECK(j["skipped"].size() == 10);
  CHECK(j["sources"].dump().find("延长2020年春节假期") != std::string::npos);
}

TEST_CASE("calendar --json prints one object for scripts", "[cli][calendar]") {
  std::string out;
  REQUIRE(calendar("--add 7 2023-09-27 --json", &out) == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["schema"] == "caseaudit.calendar/1");
  CHECK(j["operation"] == "add");
  CHECK(j["from"] == "2023-09-27");
  CHECK(j["working_days"] == 7);
  CHECK(j["date"] == "2023-10-12");
  CHECK(j["weekday"] == "星期四");
  CHECK(j["skipped"].size() == 8);
  CHECK(j["skipped"][0]["date"] == "2023-09-29");
  CHECK(j["skipped"][0]["kind"] == "holiday");
  CHECK(j["weekend_workdays"].size() == 2);
  CHECK(j["weekend_workdays"][1]["date"] == "2023-10-08");
}

TEST_CASE("calendar usage errors exit 2", "[cli][calendar]") {
  std::string out, err;
  CHECK(calendar("--add 7 2023-02-30", &out, &err) == 2);
  CHECK(err.find("无法识别的日期 \"2023-02-30\"") != std::string::npos);
  CHECK(out.empty());
  CHECK(calendar("--add 7", &out, &err) == 2);
  CHECK(err.find("--add N needs one DATE") != std::string::npos);
  CHECK(calendar("--between 2023-09-27", &out, &err) == 2);
  CHECK(calendar("2023-09-27", &out, &err) == 2);
  CHECK(calendar("--add -1 2023-09-27", &out, &err) == 2);
  CHECK(calendar("--add seven 2023-09-27", &out, &err) == 2);
  CHECK(calendar("--add 7 2023-09-27 --between 2023-09-27 2023-10-01", &out, &err) == 2);
  CHECK(calendar("--add 7 2023-09-27 --frobnicate", &out, &err) == 2);
  // A bad date is a usage error even when the calendar folder is missing too.
  CHECK(calendar("--add 7 notadate --calendars /nonexistent/calendars", &out, &err) == 2);
  CHECK(calendar("--help", &out, &err) == 0);
  CHECK(out.find("--between") != std::string::npos);
}

TEST_CASE("calendar: a missing year or a malformed file exits 4 and says which", "[cli][calendar]") {
  std::string out, err;
  CHECK(calendar("--add 5 2027-03-01", &out, &err) == 4);
  CHECK(err.find("没有 2027 年的工作日历") != std::string::npos);
  CHECK(err.find("2027.yaml") != std::string::npos);
  CHECK(calendar("--add 10 2026-12-24", &out, &err) == 4);  // runs past the last year
  CHECK(err.find("2027") != std::string::npos);
  CHECK(calendar("--add 1 2023-09-27 --calendars /nonexistent/calendars", &out, &err) == 4);
  CHECK(err.find("/nonexistent/calendars") != std::string::npos);

  ScratchDir dir("cli-calendar-bad");
  write_file(dir / "2023.yaml",
             "year: 2023\nsource: 《测试》\nholidays:\n  - {date: 2023-10-02, name: 国庆节}\nworkdays:\n"
             "  - {date: 2023-10-09, name: 国庆节}\n");
  CHECK(calendar("--add 1 2023-09-27 --calendars " + dir.path().string(), &out, &err) == 4);
  CHECK(err.find("2023.yaml:6") != std::string::npos);
  CHECK(err.find("Saturday or Sunday") != std::string::npos);
}

TEST_CASE("calendar --calendars uses another folder, including years a user added", "[cli][calendar]") {
  ScratchDir dir("cli-calendar-user");
  write_file(dir / "2027.yaml",
             "year: 2027\nsource: 《国务院办公厅关于2027年部分节假日安排的通知》\nholidays:\n"
             "  - {date: 2027-10-01, name: 国庆节}\n  - {date: 2027-10-04, name: 国庆节}\nworkdays:\n"
             "  - {date: 2027-10-09, name: 国庆节}\n");
  std::string out;
  REQUIRE(calendar("--add 2 2027-09-30 --calendars " + dir.path().string(), &out) == 0);
  CHECK(out.find("2027-09-30 之后第 2 个工作日：2027-10-06（星期三）") == 0);
  REQUIRE(calendar("--between 2027-09-30 2027-10-09 --calendars=" + dir.path().string(), &out) == 0);
  CHECK(out.find("共 5 个工作日") != std::string::npos);  // 5, 6, 7, 8 Oct and the working Saturday 9 Oct
}

TEST_CASE("caseaudit --help lists the calendar command", "[cli][calendar]") {
  std::string out;
  REQUIRE(run_command(binary() + " --help", &out) == 0);
  CHECK(out.find("calendar --add N DATE") != std::string::npos);
}
