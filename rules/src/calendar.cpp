// Day arithmetic and the working-day calendar's queries (see calendar.h). The
// year files are read by calendar_loader.cpp.
#include "caseaudit/rules/calendar.h"

#include <algorithm>

#include "caseaudit/rules/data_error.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;

// ---- day arithmetic ----
// days_from_civil / civil_from_days: Howard Hinnant's algorithms
// (http://howardhinnant.github.io/date_algorithms.html), exact for every
// proleptic Gregorian date.

bool is_valid_date(const Date& d) {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int last = d.month == 2 && leap ? 29 : kDays[d.month - 1];
  return d.day <= last;
}

std::int64_t days_from_civil(const Date& d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                       // [0, 399]
  const std::int64_t mp = (d.month + 9) % 12;                                   // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;                      // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;               // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

Date add_calendar_days(const Date& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

int iso_weekday(const Date& d) {
  const std::int64_t z = days_from_civil(d);  // 1970-01-01 was a Thursday (4)
  const std::int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 Monday
  return static_cast<int>(w) + 1;
}

Date add_months(const Date& d, int months) {
  Date r = d;
  const int total = d.year * 12 + (d.month - 1) + months;
  r.year = total / 12, r.month = total % 12 + 1;
  while (r.day > 28 && !is_valid_date(r)) --r.day;
  return r;
}

bool is_weekend(const Date& d) { return iso_weekday(d) >= 6; }

std::string weekday_name(const Date& d) {
  static const char* kNames[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  return kNames[iso_weekday(d) - 1];
}

std::string weekday_english(const Date& d) {
  static const char* kNames[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kNames[iso_weekday(d) - 1];
}

// ---- MissingCalendarYear ----

namespace {

std::string missing_message(int year, const fs::path& folder) {
  const std::string y = std::to_string(year);
  const std::string file = folder.empty() ? y + ".yaml (calendar folder)" : (folder / (y + ".yaml")).string();
  return "没有 " + y + " 年的工作日历 (no working-day calendar for " + y + "): add " + file;
}

}  // namespace

MissingCalendarYear::MissingCalendarYear(int year, const fs::path& folder)
    : ocr::Error(ocr::ErrorKind::Data, missing_message(year, folder), folder / (std::to_string(year) + ".yaml")),
      year_(year) {}

// ---- WorkCalendar ----

fs::path WorkCalendar::default_folder() { return default_rules_dir() / "calendars"; }

WorkCalendar WorkCalendar::load(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw DataError(folder, 0, "没有这个工作日历文件夹 (calendar folder not found)");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
    const std::string ext = e.path().extension().string();
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || (ext != ".yaml" && ext != ".yml")) continue;
    if (!e.is_regular_file(ec)) continue;
    files.push_back(e.path());
  }
  if (ec) throw DataError(folder, 0, "无法读取文件夹 (cannot read the folder): " + ec.message());
  std::sort(files.begin(), files.end());
  WorkCalendar cal;
  cal.folder_ = folder;
  for (const fs::path& f : files) cal.add(load_calendar_year(f));
  if (cal.years_.empty())
    throw DataError(folder, 0, "文件夹中没有工作日历 (no YYYY.yaml calendar files in the folder)");
  return cal;
}

void WorkCalendar::add(CalendarYear y) {
  if (const auto it = years_.find(y.year); it != years_.end())
    throw DataError(y.file, 0, std::to_string(y.year) + " 年的工作日历重复，另见 " + it->second.file.string() +
                                   " (a second calendar for the same year)");
  for (const CalendarEntry& e : y.holidays) marks_[days_from_civil(e.date)] = Mark{true, e.name, e.source};
  for (const CalendarEntry& e : y.workdays) marks_[days_from_civil(e.date)] = Mark{false, e.name, e.source};
  const int key = y.year;
  years_.emplace(key, std::move(y));
}

std::vector<int> WorkCalendar::years() const {
  std::vector<int> out;
  for (const auto& [y, _] : years_) out.push_back(y);
  return out;
}

const CalendarYear& WorkCalendar::year(int y) const {
  const auto it = years_.find(y);
  if (it == years_.end()) throw MissingCalendarYear(y, folder_);
  return it->second;
}

void WorkCalendar::require(const Date& d) const {
  if (!is_valid_date(d)) throw std::invalid_argument("没有这一天 (no such date): " + d.iso());
  if (!has_year(d.year)) throw MissingCalendarYear(d.year, folder_);
}

DayInfo WorkCalendar::day(const Date& d) const {
  require(d);
  DayInfo info;
  info.date = d;
  if (const auto it = marks_.find(days_from_civil(d)); it != marks_.end()) {
    info.kind = it->second.holiday ? DayKind::Holiday : DayKind::WeekendWorkday;
    info.name = it->second.name;
    info.source = it->second.source;
  } else {
    info.kind = is_weekend(d) ? DayKind::Weekend : DayKind::Workday;
  }
  return info;
}

Date WorkCalendar::add_working_days(const Date& start, int n) const {
  if (n < 0) throw std::invalid_argument("工作日数不能为负 (the number of working days must be >= 0)");
  require(start);
  Date d = start;
  for (int counted = 0; counted < n;) {
    d = add_calendar_days(d, 1);
    if (day(d).working()) ++counted;
  }
  return d;
}

int WorkCalendar::working_days_between(const Date& a, const Date& b) const {
  require(a);
  require(b);
  if (b < a) return -working_days_between(b, a);
  int count = 0;
  for (const DayInfo& info : days_after(a, b))
    if (info.working()) ++count;
  return count;
}

std::vector<DayInfo> WorkCalendar::days_after(const Date& a, const Date& b) const {
  require(a);
  require(b);
  std::vector<DayInfo> out;
  const std::int64_t first = days_from_civil(a) + 1, last = days_from_civil(b);
  if (last >= first) out.reserve(static_cast<std::size_t>(last - first + 1));
  for (std::int64_t z = first; z <= last; ++z) out.push_back(day(civil_from_days(z)));
  return out;
}

}  // namespace caseaudit::rules
