// Reading one working-day calendar file, rules/calendars/YYYY.yaml (format in
// rules/README.md). Every problem names the file and the line, so a user
// adding next year's file sees where it went wrong.
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "caseaudit/forms/yaml_file.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/data_error.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;

namespace {

int line_of(const YAML::Node& n) { return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

struct Reader {
  const fs::path& file;

  [[noreturn]] void fail(const YAML::Node& n, const std::string& why) const { throw DataError(file, line_of(n), why); }
  [[noreturn]] void fail(int line, const std::string& why) const { throw DataError(file, line, why); }

  void check_keys(const YAML::Node& n, const std::set<std::string>& allowed, const std::string& where) const {
    for (const auto& kv : n) {
      const std::string key = kv.first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(kv.first, "未知的键 \"" + key + "\" (unknown key in " + where + "; allowed: " + list + ")");
      }
    }
  }
  // A required, non-empty text; `parent` gives the line when it is missing.
  std::string text(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n.IsDefined() || n.IsNull()) fail(parent, std::string("缺少 ") + key + " (" + key + " is missing)");
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, std::string(key) + " 应为非空文本 (" + key + " must be text)");
    return n.Scalar();
  }
};

bool all_digits(const std::string& s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// Strictly YYYY-MM-DD: data files use one spelling.
bool parse_iso(const std::string& s, Date* d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 0, 4) || !all_digits(s, 5, 2) ||
      !all_digits(s, 8, 2))
    return false;
  d->year = std::stoi(s.substr(0, 4));
  d->month = std::stoi(s.substr(5, 2));
  d->day = std::stoi(s.substr(8, 2));
  return is_valid_date(*d);
}

std::vector<CalendarEntry> read_days(const Reader& r, const YAML::Node& root, const char* key, int year,
                                     const std::string& year_source) {
  const YAML::Node list = root[key];
  const std::string k = key;
  if (!list.IsDefined() || list.IsNull())
    r.fail(root, "缺少 " + k + "（没有就写 " + k + ": []） (" + k + " is missing; write " + k + ": [] if there are none)");
  if (!list.IsSequence()) r.fail(list, k + " 应为列表 (" + k + " must be a list of {date, name})");
  std::vector<CalendarEntry> out;
  for (const YAML::Node& item : list) {
    if (!item.IsMap()) r.fail(item, k + " 的每一项应为 {date: YYYY-MM-DD, name: 节日} (each entry is {date, name})");
    r.check_keys(item, {"date", "name", "source"}, k + " entry");
    CalendarEntry e;
    e.line = line_of(item);
    const std::string date_text = r.text(item, "date");
    if (!parse_iso(date_text, &e.date))
      r.fail(item["date"], "日期 \"" + date_text + "\" 无效，应写成 YYYY-MM-DD (not a real date written YYYY-MM-DD)");
    if (e.date.year != year)
      r.fail(item["date"], "日期 " + date_text + " 不在 " + std::to_string(year) + " 年 (date outside the file's year " +
                               std::to_string(year) + ")");
    e.name = r.text(item, "name");
    e.source = item["source"].IsDefined() ? r.text(item, "source") : year_source;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

CalendarYear load_calendar_year(const fs::path& file) {
  const Reader r{file};
  const YAML::Node root = forms::load_yaml_file<DataError>(file);
  if (!root.IsDefined() || root.IsNull()) throw DataError(file, 0, "文件为空 (empty calendar file)");
  if (!root.IsMap()) r.fail(root, "应为 year, source, holidays, workdays 的映射 (expected a mapping of year, source, holidays, workdays)");
  r.check_keys(root, {"year", "source", "holidays", "workdays"}, "a calendar file");

  CalendarYear cal;
  cal.file = file;
  const YAML::Node year = root["year"];
  if (!year.IsDefined() || year.IsNull()) r.fail(root, "缺少 year (year is missing)");
  const std::string year_text = year.IsScalar() ? year.Scalar() : "";
  if (year_text.size() != 4 || !all_digits(year_text, 0, 4)) r.fail(year, "year 应为四位数的年份 (year must be a 4-digit year)");
  cal.year = std::stoi(year_text);
  const std::string stem = file.stem().string();
  if (stem != year_text)
    r.fail(year, "文件名应为 " + year_text + ".yaml，与 year 一致 (the file must be named after its year: " + year_text +
                     ".yaml)");
  cal.source = r.text(root, "source");

  cal.holidays = read_days(r, root, "holidays", cal.year, cal.source);
  cal.workdays = read_days(r, root, "workdays", cal.year, cal.source);

  // Each date once; a workday is a weekend day the notice makes a working day.
  struct Seen {
    const CalendarEntry* entry;
    bool holiday;
  };
  std::map<std::int64_t, Seen> seen;
  auto once = [&](const CalendarEntry& e, bool holiday) {
    const auto [it, fresh] = seen.emplace(days_from_civil(e.date), Seen{&e, holiday});
    if (fresh) return;
    const std::string other = std::to_string(it->second.entry->line);
    if (it->second.holiday != holiday)
      r.fail(e.line, "日期 " + e.date.iso() + " 同时列为放假和调休上班，另见第 " + other +
                         " 行 (listed both as a holiday and as a workday; see line " + other + ")");
    r.fail(e.line, "日期 " + e.date.iso() + " 重复，第 " + other + " 行已列出 (date listed twice; see line " + other + ")");
  };
  for (const CalendarEntry& e : cal.holidays) once(e, true);
  for (const CalendarEntry& e : cal.workdays) {
    once(e, false);
    if (!is_weekend(e.date))
      r.fail(e.line, "调休上班日 " + e.date.iso() + " 是" + weekday_name(e.date) +
                         "，不是周末 (a workday must be a Saturday or Sunday: " + e.date.iso() + " is a " +
                         weekday_english(e.date) + ")");
  }
  return cal;
}

}  // namespace caseaudit::rules
