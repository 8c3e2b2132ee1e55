// Working days: China's official holidays and 调休 working weekend days, one
// data file per year (rules/calendars/YYYY.yaml, each citing the State
// Council (General Office) notice that announced it), and the arithmetic that
// legal deadlines in working days need.
//
// A working day is a Monday to Friday that is not listed as a holiday, or a
// Saturday/Sunday listed as a workday (调休上班). A date in a year with no
// calendar file is an error (MissingCalendarYear), never a guess: years are
// data, and a user adds 2027.yaml without recompiling. Malformed files are
// refused at load time with DataError (file, line, reason).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "caseaudit/forms/normalize.h"
#include "caseaudit/ocr/error.h"

namespace caseaudit::rules {

using forms::Date;

// ---- day arithmetic (proleptic Gregorian calendar) ----

bool is_valid_date(const Date& d);              // month 1-12, day within the month
std::int64_t days_from_civil(const Date& d);     // days since 1970-01-01 (negative before)
Date civil_from_days(std::int64_t days);
Date add_calendar_days(const Date& d, std::int64_t n);  // n may be negative
Date add_months(const Date& d, int months);              // the same day, or the month's last day (1-31 + 1 month = 2-28/29)
int iso_weekday(const Date& d);                   // 1 Monday ... 7 Sunday
bool is_weekend(const Date& d);                   // Saturday or Sunday
std::string weekday_name(const Date& d);          // "星期三"
std::string weekday_english(const Date& d);       // "Wednesday"

// ---- the data ----

// One listed day: a holiday or a 调休 working weekend day.
struct CalendarEntry {
  Date date;
  std::string name;    // the festival: 春节, 国庆节, ...
  std::string source;  // the notice that announced this day (the year's source unless the day names another)
  int line = 0;        // line in the year file
};

// One year file (see rules/README.md for the format).
struct CalendarYear {
  int year = 0;
  std::filesystem::path file;
  std::string source;                   // the year's notice
  std::vector<CalendarEntry> holidays;  // days off (on weekdays or weekends, as announced)
  std::vector<CalendarEntry> workdays;  // Saturdays/Sundays that are working days
};

// Reads and checks one year file: the file is named YYYY.yaml (or .yml) and
// says `year: YYYY`; `source` is required; every date is YYYY-MM-DD, real and
// in that year, listed once; a workday is a Saturday or Sunday; no unknown
// keys. Throws DataError naming the file and line.
CalendarYear load_calendar_year(const std::filesystem::path& file);

// A date in a year that has no calendar loaded (also when a computation runs
// past the last loaded year). The message names the year and the file to add.
class MissingCalendarYear : public ocr::Error {
 public:
  MissingCalendarYear(int year, const std::filesystem::path& folder);
  int year() const { return year_; }

 private:
  int year_;
};

enum class DayKind {
  Workday,          // Monday-Friday, not listed
  Weekend,          // Saturday/Sunday, not listed
  Holiday,          // listed in holidays: not a working day
  WeekendWorkday,   // listed in workdays: a Saturday/Sunday that is a working day (调休上班)
};

struct DayInfo {
  Date date;
  DayKind kind = DayKind::Workday;
  std::string name;    // festival for Holiday / WeekendWorkday, empty otherwise
  std::string source;  // notice for Holiday / WeekendWorkday, empty otherwise
  bool working() const { return kind == DayKind::Workday || kind == DayKind::WeekendWorkday; }
};

class WorkCalendar {
 public:
  WorkCalendar() = default;

  // Every YYYY.yaml (or .yml) in `folder`; other files (README.md) are
  // ignored. DataError when the folder is missing, holds no year file, a file
  // is malformed, or two files give the same year.
  static WorkCalendar load(const std::filesystem::path& folder);
  // default_rules_dir()/calendars.
  static std::filesystem::path default_folder();

  // Adds one year; DataError if that year is already loaded.
  void add(CalendarYear year);

  const std::filesystem::path& folder() const { return folder_; }
  std::vector<int> years() const;  // ascending
  bool has_year(int year) const { return years_.count(year) != 0; }
  const CalendarYear& year(int year) const;  // MissingCalendarYear

  // What kind of day `d` is. Throws MissingCalendarYear when d's year is not
  // loaded and std::invalid_argument for an impossible date (2月30日).
  DayInfo day(const Date& d) const;
  bool is_working_day(const Date& d) const { return day(d).working(); }

  // The date n working days after `start` (n >= 0; the start date itself
  // never counts, so n = 0 gives `start`). Every year from start's to the
  // result's must be loaded (MissingCalendarYear otherwise).
  // std::invalid_argument for n < 0.
  Date add_working_days(const Date& start, int n) const;

  // The number of working days after `a` up to and including `b`: 0 when
  // b == a; for b < a the result is negative, -(working days after b up to
  // and including a), so between(a, b) == -between(b, a). For b >= a,
  // add_working_days(a, between(a, b)) is b when b is a working day (or
  // b == a), else the last working day before b.
  int working_days_between(const Date& a, const Date& b) const;

  // Every day after `a` up to and including `b` (b >= a), with its kind: the
  // detail behind working_days_between and add_working_days.
  std::vector<DayInfo> days_after(const Date& a, const Date& b) const;

 private:
  void require(const Date& d) const;  // valid date in a loaded year

  struct Mark {
    bool holiday = false;
    std::string name;
    std::string source;
  };

  std::filesystem::path folder_;
  std::map<int, CalendarYear> years_;
  std::unordered_map<std::int64_t, Mark> marks_;  // by days_from_civil
};

}  // namespace caseaudit::rules
