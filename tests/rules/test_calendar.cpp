// Working-day calendars: day arithmetic, the shipped year files against the
// State Council notices (Spring Festival and National Day weeks, the weekend
// days that are working days), adding and counting working days across
// holidays, missing years and malformed files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/data_error.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::rules;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace Catch {
template <>
struct StringMaker<caseaudit::forms::Date> {
  static std::string convert(const caseaudit::forms::Date& d) { return d.iso(); }
};
}  // namespace Catch

namespace {

Date D(const char* iso) {
  const auto d = caseaudit::forms::parse_date(iso);
  REQUIRE(d);
  return *d;
}

const WorkCalendar& shipped() {
  static const WorkCalendar cal = WorkCalendar::load(caseaudit::test::source_dir() / "rules" / "calendars");
  return cal;
}

// Every day from `first` to `last` is a holiday.
void check_holidays(const char* first, const char* last) {
  for (Date d = D(first); d <= D(last); d = add_calendar_days(d, 1)) {
    INFO(d.iso());
    CHECK(shipped().day(d).kind == DayKind::Holiday);
    CHECK_FALSE(shipped().is_working_day(d));
  }
}

void check_weekend_workday(const char* iso) {
  INFO(iso);
  CHECK(is_weekend(D(iso)));
  CHECK(shipped().day(D(iso)).kind == DayKind::WeekendWorkday);
  CHECK(shipped().is_working_day(D(iso)));
}

void check_plain_workday(const char* iso) {
  INFO(iso);
  CHECK(shipped().day(D(iso)).kind == DayKind::Workday);
}

// A minimal valid year file around the given lists.
std::string year_file(int year, const std::string& holidays, const std::string& workdays) {
  return "year: " + std::to_string(year) + "\nsource: 《测试通知》\nholidays:\n" + holidays + "workdays:\n" + workdays;
}

// Loads `text` as <dir>/<name> and returns the DataError it raises.
DataError load_error(const std::string& name, const std::string& text) {
  ScratchDir dir("calendar-bad");
  write_file(dir / name, text);
  try {
    load_calendar_year(dir / name);
  } catch (const DataError& e) {
    return e;
  }
  FAIL("no DataError for " << name << ":\n" << text);
  return DataError(name, 0, "");
}

}  // namespace

TEST_CASE("day arithmetic: days from 1970-01-01, weekdays, leap years", "[calendar]") {
  CHECK(days_from_civil(D("1970-01-01")) == 0);
  CHECK(days_from_civil(D("2000-03-01")) == 11017);
  CHECK(days_from_civil(D("1969-12-31")) == -1);
  CHECK(civil_from_days(19627) == D("2023-09-27"));
  for (std::int64_t z = -800000; z <= 800000; z += 37) {
    const Date d = civil_from_days(z);
    REQUIRE(is_valid_date(d));
    REQUIRE(days_from_civil(d) == z);
    REQUIRE(days_from_civil(add_calendar_days(d, 1)) == z + 1);
  }
  CHECK(weekday_name(D("2023-09-27")) == "星期三");
  CHECK(iso_weekday(D("2024-02-18")) == 7);
  CHECK(iso_weekday(D("2000-02-29")) == 2);
  CHECK(weekday_english(D("1970-01-01")) == "Thursday");
  CHECK(is_valid_date(Date{2024, 2, 29}));
  CHECK(is_valid_date(Date{2000, 2, 29}));
  CHECK_FALSE(is_valid_date(Date{2023, 2, 29}));
  CHECK_FALSE(is_valid_date(Date{1900, 2, 29}));
  CHECK_FALSE(is_valid_date(Date{2023, 4, 31}));
  CHECK_FALSE(is_valid_date(Date{2023, 13, 1}));
  CHECK(add_calendar_days(D("2024-02-28"), 1) == D("2024-02-29"));
  CHECK(add_calendar_days(D("2023-01-01"), -1) == D("2022-12-31"));
}

TEST_CASE("the shipped calendars cover 2015-2026, each citing its notice", "[calendar]") {
  const std::vector<int> years = shipped().years();
  CHECK(years == std::vector<int>{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026});
  for (int y : years) {
    INFO(y);
    const CalendarYear& cal = shipped().year(y);
    CHECK(cal.source.find("《国务院办公厅关于" + std::to_string(y) + "年部分节假日安排的通知》") == 0);
    CHECK(cal.holidays.size() >= 20);
    CHECK(cal.workdays.size() >= 4);
  }
  CHECK(shipped().year(2023).source == "《国务院办公厅关于2023年部分节假日安排的通知》(国办发明电〔2022〕16号)");
  CHECK(shipped().year(2016).source == "《国务院办公厅关于2016年部分节假日安排的通知》(国办发明电〔2015〕18号)");
  // A day announced by another notice cites that notice.
  CHECK(shipped().day(D("2020-01-31")).source.find("延长2020年春节假期") != std::string::npos);
  CHECK(shipped().day(D("2019-05-05")).source.find("调整2019年劳动节假期安排") != std::string::npos);
  CHECK(shipped().day(D("2015-09-03")).source.find("国发明电〔2015〕1号") != std::string::npos);
  CHECK(shipped().day(D("2018-12-29")).source.find("2019年部分节假日安排") != std::string::npos);
  CHECK(shipped().day(D("2023-10-07")).source == shipped().year(2023).source);
}

TEST_CASE("Spring Festival weeks and their working weekend days", "[calendar]") {
  SECTION("2016") {
    check_holidays("2016-02-07", "2016-02-13");
    check_weekend_workday("2016-02-06");
    check_weekend_workday("2016-02-14");
    check_plain_workday("2016-02-15");
  }
  SECTION("2019") {
    check_holidays("2019-02-04", "2019-02-10");
    check_weekend_workday("2019-02-02");
    check_weekend_workday("2019-02-03");
  }
  SECTION("2020, extended to 2 February by 国办发明电〔2020〕1号") {
    check_holidays("2020-01-24", "2020-02-02");
    check_weekend_workday("2020-01-19");
    // 1 February was a working Saturday in the first notice; the extension made it a day off.
    CHECK_FALSE(shipped().is_working_day(D("2020-02-01")));
    check_plain_workday("2020-02-03");
  }
  SECTION("2023") {
    check_holidays("2023-01-21", "2023-01-27");
    check_weekend_workday("2023-01-28");
    check_weekend_workday("2023-01-29");
  }
  SECTION("2024: eight days; 除夕 (9 February) stays a working day") {
    check_holidays("2024-02-10", "2024-02-17");
    check_weekend_workday("2024-02-04");
    check_weekend_workday("2024-02-18");
    check_plain_workday("2024-02-09");
  }
  SECTION("2025: from 除夕") {
    check_holidays("2025-01-28", "2025-02-04");
    check_weekend_workday("2025-01-26");
    check_weekend_workday("2025-02-08");
  }
  SECTION("2026: nine days") {
    check_holidays("2026-02-15", "2026-02-23");
    check_weekend_workday("2026-02-14");
    check_weekend_workday("2026-02-28");
    check_plain_workday("2026-02-24");
  }
}

TEST_CASE("National Day weeks and their working weekend days", "[calendar]") {
  check_holidays("2016-10-01", "2016-10-07");
  check_weekend_workday("2016-10-08");
  check_weekend_workday("2016-10-09");
  check_holidays("2019-10-01", "2019-10-07");
  check_weekend_workday("2019-09-29");
  check_weekend_workday("2019-10-12");
  check_holidays("2020-10-01", "2020-10-08");
  check_weekend_workday("2020-09-27");
  check_weekend_workday("2020-10-10");
  check_holidays("2023-09-29", "2023-10-06");
  check_weekend_workday("2023-10-07");
  check_weekend_workday("2023-10-08");
  check_holidays("2024-10-01", "2024-10-07");
  check_weekend_workday("2024-09-29");
  check_weekend_workday("2024-10-12");
  check_holidays("2025-10-01", "2025-10-08");
  check_weekend_workday("2025-09-28");
  check_weekend_workday("2025-10-11");
  check_holidays("2026-10-01", "2026-10-07");
  check_weekend_workday("2026-09-20");
  check_weekend_workday("2026-10-10");
  // The 2019 Labour Day holiday as extended in March 2019 (国办发明电〔2019〕3号).
  check_holidays("2019-05-01", "2019-05-04");
  check_weekend_workday("2019-04-28");
  check_weekend_workday("2019-05-05");
  // Ordinary days: a Wednesday works, a Saturday does not, a holiday that falls on a weekend is still off.
  check_plain_workday("2023-11-15");
  CHECK(shipped().day(D("2023-11-18")).kind == DayKind::Weekend);
  CHECK(shipped().day(D("2023-12-30")).kind == DayKind::Holiday);
  CHECK(shipped().day(D("2023-12-30")).name == "元旦");
}

TEST_CASE("adding working days across holidays", "[calendar]") {
  const WorkCalendar& cal = shipped();
  // 9/28 is the 1st; 9/29-10/6 are off; 10/7 and 10/8 (weekend, 调休) are the 2nd and 3rd;
  // 10/9-10/12 the 4th to 7th. (2023-10-11 is the 6th.)
  CHECK(cal.add_working_days(D("2023-09-27"), 1) == D("2023-09-28"));
  CHECK(cal.add_working_days(D("2023-09-27"), 2) == D("2023-10-07"));
  CHECK(cal.add_working_days(D("2023-09-27"), 3) == D("2023-10-08"));
  CHECK(cal.add_working_days(D("2023-09-27"), 6) == D("2023-10-11"));
  CHECK(cal.add_working_days(D("2023-09-27"), 7) == D("2023-10-12"));
  CHECK(cal.add_working_days(D("2023-09-27"), 0) == D("2023-09-27"));
  // From the last working day before Spring Festival.
  CHECK(cal.add_working_days(D("2023-01-20"), 1) == D("2023-01-28"));
  CHECK(cal.add_working_days(D("2023-01-20"), 7) == D("2023-02-03"));
  CHECK(cal.add_working_days(D("2024-02-09"), 1) == D("2024-02-18"));
  CHECK(cal.add_working_days(D("2024-02-09"), 7) == D("2024-02-26"));
  CHECK(cal.add_working_days(D("2020-01-23"), 1) == D("2020-02-03"));
  CHECK(cal.add_working_days(D("2025-01-27"), 4) == D("2025-02-08"));
  CHECK(cal.add_working_days(D("2025-01-27"), 7) == D("2025-02-12"));
  CHECK(cal.add_working_days(D("2026-02-14"), 1) == D("2026-02-24"));
  CHECK(cal.add_working_days(D("2016-02-05"), 7) == D("2016-02-19"));
  CHECK(cal.add_working_days(D("2019-02-03"), 1) == D("2019-02-11"));
  // Across the year end.
  CHECK(cal.add_working_days(D("2018-12-28"), 1) == D("2018-12-29"));
  CHECK(cal.add_working_days(D("2018-12-29"), 1) == D("2019-01-02"));
  // A start on a day off counts from the next working day.
  CHECK(cal.add_working_days(D("2023-10-01"), 1) == D("2023-10-07"));
  CHECK_THROWS_AS(cal.add_working_days(D("2023-09-27"), -1), std::invalid_argument);
  CHECK_THROWS_AS(cal.add_working_days(Date{2023, 2, 30}, 1), std::invalid_argument);
}

TEST_CASE("counting working days between two dates", "[calendar]") {
  const WorkCalendar& cal = shipped();
  CHECK(cal.working_days_between(D("2023-09-27"), D("2023-10-12")) == 7);
  CHECK(cal.working_days_between(D("2023-09-27"), D("2023-10-11")) == 6);
  CHECK(cal.working_days_between(D("2023-09-28"), D("2023-10-06")) == 0);
  CHECK(cal.working_days_between(D("2023-09-27"), D("2023-09-27")) == 0);
  CHECK(cal.working_days_between(D("2023-10-12"), D("2023-09-27")) == -7);
  // 2023 as a whole: 260 Mondays-Fridays, 18 of them holidays, 7 working weekend days.
  int weekdays = 0, weekday_holidays = 0;
  for (const CalendarEntry& e : cal.year(2023).holidays) weekday_holidays += is_weekend(e.date) ? 0 : 1;
  for (Date d = D("2023-01-01"); d <= D("2023-12-31"); d = add_calendar_days(d, 1)) weekdays += is_weekend(d) ? 0 : 1;
  CHECK(weekdays == 260);
  CHECK(weekday_holidays == 18);
  const int expected = weekdays - weekday_holidays + static_cast<int>(cal.year(2023).workdays.size());
  CHECK(expected == 249);
  CHECK(cal.working_days_between(D("2022-12-31"), D("2023-12-31")) == expected);
}

TEST_CASE("working_days_between agrees with add_working_days on random dates (property)", "[calendar]") {
  const WorkCalendar& cal = shipped();
  std::mt19937 rng(20231001);
  const std::int64_t first = days_from_civil(D("2015-01-01")), last = days_from_civil(D("2026-10-31"));
  std::uniform_int_distribution<std::int64_t> day(first, last);
  std::uniform_int_distribution<int> count(0, 40);
  for (int i = 0; i < 400; ++i) {
    const Date a = civil_from_days(day(rng));
    const int n = count(rng);
    const Date b = cal.add_working_days(a, n);
    INFO(a.iso() << " + " << n << " = " << b.iso());
    REQUIRE(cal.working_days_between(a, b) == n);
    REQUIRE(cal.working_days_between(b, a) == -n);
    REQUIRE((n == 0 || cal.is_working_day(b)));
    if (n > 0) REQUIRE(cal.working_days_between(a, add_calendar_days(b, -1)) == n - 1);
  }
  for (int i = 0; i < 400; ++i) {
    Date a = civil_from_days(day(rng)), b = civil_from_days(day(rng));
    if (b < a) std::swap(a, b);
    const int k = cal.working_days_between(a, b);
    INFO(a.iso() << " .. " << b.iso() << ": " << k);
    const Date reached = cal.add_working_days(a, k);
    REQUIRE(reached <= b);
    REQUIRE((reached == b) == (a == b || cal.is_working_day(b)));
    REQUIRE(b < cal.add_working_days(a, k + 1));
  }
}

TEST_CASE("a year without its calendar is an error naming the year", "[calendar]") {
  const WorkCalendar& cal = shipped();
  try {
    (void)cal.is_working_day(D("2027-03-01"));
    FAIL("no error for 2027");
  } catch (const MissingCalendarYear& e) {
    CHECK(e.year() == 2027);
    const std::string msg = e.what();
    CHECK(msg.find("没有 2027 年的工作日历") != std::string::npos);
    CHECK(msg.find("no working-day calendar for 2027") != std::string::npos);
    CHECK(msg.find((fs::path("calendars") / "2027.yaml").string()) != std::string::npos);
  }
  CHECK_THROWS_AS(cal.is_working_day(D("2014-12-31")), MissingCalendarYear);
  // A computation that runs past the last loaded year.
  CHECK(cal.add_working_days(D("2026-12-24"), 3) == D("2026-12-29"));
  try {
    (void)cal.add_working_days(D("2026-12-24"), 10);
    FAIL("no error running into 2027");
  } catch (const MissingCalendarYear& e) {
    CHECK(e.year() == 2027);
  }
  CHECK_THROWS_AS(cal.working_days_between(D("2026-12-01"), D("2027-01-10")), MissingCalendarYear);
  // A gap: 2023 and 2025 loaded, not 2024.
  ScratchDir dir("calendar-gap");
  fs::copy_file(caseaudit::test::source_dir() / "rules" / "calendars" / "2023.yaml", dir / "2023.yaml");
  fs::copy_file(caseaudit::test::source_dir() / "rules" / "calendars" / "2025.yaml", dir / "2025.yaml");
  const WorkCalendar gap = WorkCalendar::load(dir.path());
  CHECK(gap.years() == std::vector<int>{2023, 2025});
  try {
    (void)gap.add_working_days(D("2023-12-20"), 30);
    FAIL("no error running into 2024");
  } catch (const MissingCalendarYear& e) {
    CHECK(e.year() == 2024);
  }
}

TEST_CASE("a year added as a file is used without recompiling", "[calendar]") {
  ScratchDir dir("calendar-user-year");
  for (const auto& e : fs::directory_iterator(caseaudit::test::source_dir() / "rules" / "calendars"))
    fs::copy_file(e.path(), dir / e.path().filename().string());
  write_file(dir / "2027.yaml",
             "year: 2027\nsource: 《国务院办公厅关于2027年部分节假日安排的通知》\nholidays:\n"
             "  - {date: 2027-01-01, name: 元旦}\n  - {date: 2027-01-04, name: 元旦}\nworkdays:\n"
             "  - {date: 2027-01-09, name: 元旦}\n");
  const WorkCalendar cal = WorkCalendar::load(dir.path());
  CHECK(cal.years().back() == 2027);
  CHECK(cal.add_working_days(D("2026-12-31"), 1) == D("2027-01-05"));
  CHECK(cal.is_working_day(D("2027-01-09")));
  CHECK(cal.day(D("2027-01-04")).source == "《国务院办公厅关于2027年部分节假日安排的通知》");
}

TEST_CASE("malformed calendar files are refused with file and line", "[calendar]") {
  SECTION("bad YAML") {
    const DataError e = load_error("2023.yaml", year_file(2023, "  - {date: 2023-10-02, name: 国庆节\n", "  []\n"));
    CHECK(e.line() >= 4);
    CHECK(std::string(e.what()).find("bad YAML") != std::string::npos);
  }
  SECTION("a date outside the file's year") {
    const DataError e = load_error(
        "2023.yaml", year_file(2023, "  - {date: 2023-10-02, name: 国庆节}\n  - {date: 2024-10-03, name: 国庆节}\n", "  []\n"));
    CHECK(e.line() == 5);
    CHECK(std::string(e.what()).find("outside the file's year 2023") != std::string::npos);
    CHECK(std::string(e.what()).find("2023.yaml:5") != std::string::npos);
  }
  SECTION("a date listed both as holiday and workday") {
    const DataError e = load_error(
        "2023.yaml", year_file(2023, "  - {date: 2023-10-07, name: 国庆节}\n", "  - {date: 2023-10-08, name: 国庆节}\n"
                                                                               "  - {date: 2023-10-07, name: 国庆节}\n"));
    CHECK(e.line() == 7);
    CHECK(std::string(e.what()).find("both as a holiday and as a workday; see line 4") != std::string::npos);
  }
  SECTION("a date listed twice") {
    const DataError e = load_error(
        "2023.yaml", year_file(2023, "  - {date: 2023-10-02, name: 国庆节}\n  - {date: 2023-10-02, name: 国庆节}\n", "  []\n"));
    CHECK(e.line() == 5);
    CHECK(std::string(e.what()).find("listed twice") != std::string::npos);
  }
  SECTION("a workday that is not a weekend day") {
    const DataError e =
        load_error("2023.yaml", year_file(2023, "  []\n", "  - {date: 2023-10-07, name: 国庆节}\n  - {date: 2023-10-09, name: 国庆节}\n"));
    CHECK(e.line() == 7);
    CHECK(std::string(e.what()).find("must be a Saturday or Sunday: 2023-10-09 is a Monday") != std::string::npos);
  }
  SECTION("unknown keys, at the top and in an entry") {
    DataError e = load_error("2023.yaml", "year: 2023\nsource: x\nholiday: []\nholidays: []\nworkdays: []\n");
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("unknown key") != std::string::npos);
    e = load_error("2023.yaml", year_file(2023, "  - {date: 2023-10-02, name: 国庆节, note: x}\n", "  []\n"));
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("\"note\"") != std::string::npos);
  }
  SECTION("missing source") {
    const DataError e = load_error("2023.yaml", "year: 2023\nholidays: []\nworkdays: []\n");
    CHECK(std::string(e.what()).find("source is missing") != std::string::npos);
    CHECK(e.line() == 1);
  }
  SECTION("missing workdays list") {
    const DataError e = load_error("2023.yaml", "year: 2023\nsource: x\nholidays: []\n");
    CHECK(std::string(e.what()).find("workdays is missing") != std::string::npos);
  }
  SECTION("dates that are not real or not YYYY-MM-DD") {
    DataError e = load_error("2023.yaml", year_file(2023, "  - {date: 2023-02-29, name: 春节}\n", "  []\n"));
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("2023-02-29") != std::string::npos);
    e = load_error("2023.yaml", year_file(2023, "  - {date: 2023/10/02, name: 国庆节}\n", "  []\n"));
    CHECK(e.line() == 4);
    e = load_error("2023.yaml", year_file(2023, "  - {name: 国庆节}\n", "  []\n"));
    CHECK(std::string(e.what()).find("date is missing") != std::string::npos);
    CHECK(e.line() == 4);
  }
  SECTION("the file name and the year disagree") {
    const DataError e = load_error("2024.yaml", year_file(2023, "  []\n", "  []\n"));
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("named after its year: 2023.yaml") != std::string::npos);
  }
  SECTION("empty file, or not a mapping") {
    CHECK(load_error("2023.yaml", "").line() == 0);
    CHECK(load_error("2023.yaml", "- 2023-10-01\n").line() == 1);
  }
}

TEST_CASE("a holiday may fall on any day, a well-formed file loads", "[calendar]") {
  ScratchDir dir("calendar-ok");
  // A holiday on a normal weekday and one on a Sunday; a working Saturday.
  write_file(dir / "2023.yaml",
             year_file(2023, "  - {date: 2023-11-15, name: 测试}\n  - {date: 2023-11-19, name: 测试}\n",
                       "  - {date: 2023-11-18, name: 测试, source: 《另一通知》}\n"));
  write_file(dir / "README.md", "not a calendar\n");
  const WorkCalendar cal = WorkCalendar::load(dir.path());
  CHECK(cal.years() == std::vector<int>{2023});
  CHECK_FALSE(cal.is_working_day(D("2023-11-15")));
  CHECK(cal.is_working_day(D("2023-11-18")));
  CHECK(cal.day(D("2023-11-18")).source == "《另一通知》");
  CHECK(cal.day(D("2023-11-15")).source == "《测试通知》");
  CHECK(cal.working_days_between(D("2023-11-13"), D("2023-11-20")) == 5);  // 14, 16, 17, 18, 20
}

TEST_CASE("calendar folders: missing, empty, two files for one year", "[calendar]") {
  ScratchDir dir("calendar-folders");
  CHECK_THROWS_AS(WorkCalendar::load(dir / "nope"), DataError);
  CHECK_THROWS_WITH(WorkCalendar::load(dir.path()), Catch::Contains("no YYYY.yaml calendar files"));
  write_file(dir / "2023.yaml", year_file(2023, "  []\n", "  []\n"));
  write_file(dir / "2023.yml", year_file(2023, "  []\n", "  []\n"));
  CHECK_THROWS_WITH(WorkCalendar::load(dir.path()), Catch::Contains("second calendar for the same year"));
  fs::remove(dir / "2023.yml");
  write_file(dir / "notes.yaml", "year: 2023\n");
  CHECK_THROWS_WITH(WorkCalendar::load(dir.path()), Catch::Contains("notes.yaml"));
}
