// `caseaudit calendar --add N DATE` / `--between DATE1 DATE2`: working-day
// arithmetic on the official holiday calendars (rules/calendars/YYYY.yaml).
// Prints one line of answer (or a JSON object with --json) and, with
// --explain, the days that did not count and the weekend days that did.
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "args.h"
#include "caseaudit/forms/normalize.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/data_error.h"
#include "commands.h"
#include "errors.h"
#include "exit_codes.h"

namespace caseaudit::cli {
namespace {

using rules::DayInfo;
using rules::DayKind;

constexpr const char* kHelp =
    "用法 usage: caseaudit calendar --add N DATE [选项 options]\n"
    "            caseaudit calendar --between DATE1 DATE2 [选项 options]\n"
    "\n"
    "按国务院办公厅公布的节假日安排计算工作日（法定节假日不计，调休上班的周末计入）。\n"
    "Working-day arithmetic on China's official holidays: holidays do not count, weekend days made working days\n"
    "(调休上班) do.\n"
    "\n"
    "      --add N DATE        DATE 之后第 N 个工作日（DATE 当天不计）\n"
    "                          the date N working days after DATE (DATE itself does not count)\n"
    "      --between D1 D2     D1 之后到 D2（含）共有几个工作日（D2 早于 D1 时为负数）\n"
    "                          working days after D1 up to and including D2 (negative when D2 is before D1)\n"
    "      --explain           列出不计入的日子和计入的调休上班日\n"
    "                          list the days that did not count and the weekend days that did\n"
    "      --json              输出 JSON 对象 (print a JSON object instead, for scripts)\n"
    "      --calendars DIR     工作日历文件夹 (calendar folder; default: rules/calendars shipped with caseaudit)\n"
    "\n"
    "日期 dates: 2023-09-27, 2023年9月27日, 二〇二三年九月二十七日 (空格需加引号 quote dates with spaces)\n"
    "每年一个文件 one file per year: DIR/YYYY.yaml; 没有某年的文件时报错 (a year without its file is an error).\n"
    "\n"
    "退出码 exit codes: 0 成功 done; 2 用法错误 usage (bad date, missing arguments);\n"
    "4 工作日历缺失或有误 calendar missing or malformed (names the year, or the file and line); 1 内部错误 internal.\n";

struct Request {
  std::optional<int> add;
  bool between = false;
  std::vector<std::string> dates;
  bool explain = false, json = false, help = false;
  std::filesystem::path calendars;
};

Request parse(const std::vector<std::string>& argv) {
  Request req;
  Args args(argv);
  bool options_done = false;
  while (auto tok = args.next()) {
    const std::string& t = *tok;
    if (options_done || t.empty() || t[0] != '-' || t == "-") {
      req.dates.push_back(t);
    } else if (t == "--") {
      options_done = true;
    } else if (args.is(t, {"-h", "--help"})) {
      req.help = true;
    } else if (args.is(t, {"--add"})) {
      req.add = args.int_value(t, 0, 100000);
    } else if (args.is(t, {"--between"})) {
      req.between = true;
    } else if (args.is(t, {"--explain"})) {
      req.explain = true;
    } else if (args.is(t, {"--json"})) {
      req.json = true;
    } else if (args.is(t, {"--calendars"})) {
      req.calendars = args.value(t);
    } else {
      throw UsageError("未知选项 \"" + t + "\" (unknown option)");
    }
  }
  if (req.help) return req;
  if (req.add && req.between) throw UsageError("--add 与 --between 只能选一个 (give either --add or --between)");
  if (!req.add && !req.between) throw UsageError("请用 --add 或 --between 指定计算 (give --add N DATE or --between DATE1 DATE2)");
  const std::size_t want = req.add ? 1 : 2;
  if (req.dates.size() != want)
    throw UsageError(req.add ? "--add 需要一个日期 (--add N needs one DATE)"
                             : "--between 需要两个日期 (--between needs two dates: DATE1 DATE2)");
  return req;
}

forms::Date date_arg(const std::string& text) {
  const auto d = forms::parse_date(text);
  if (!d)
    throw UsageError("无法识别的日期 \"" + text +
                     "\" (unrecognised date; write 2023-09-27, 2023年9月27日 or 二〇二三年九月二十七日)");
  return *d;
}

const char* kind_key(DayKind k) {
  switch (k) {
    case DayKind::Workday: return "workday";
    case DayKind::Weekend: return "weekend";
    case DayKind::Holiday: return "holiday";
    case DayKind::WeekendWorkday: return "weekend_workday";
  }
  return "";
}

std::string day_label(const DayInfo& d) {
  std::string s = "  " + d.date.iso() + "（" + rules::weekday_name(d.date) + "）";
  switch (d.kind) {
    case DayKind::Holiday: return s + "放假 holiday：" + d.name;
    case DayKind::Weekend: return s + "周末 weekend";
    case DayKind::WeekendWorkday: return s + "调休上班，计入 weekend working day, counted：" + d.name;
    case DayKind::Workday: return s + "工作日 workday";
  }
  return s;
}

// The days worth showing: everything that is not a plain Monday-Friday.
std::vector<DayInfo> notable(const std::vector<DayInfo>& days) {
  std::vector<DayInfo> out;
  for (const DayInfo& d : days)
    if (d.kind != DayKind::Workday) out.push_back(d);
  return out;
}

std::vector<std::string> sources(const std::vector<DayInfo>& days) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const DayInfo& d : days)
    if (!d.source.empty() && seen.insert(d.source).second) out.push_back(d.source);
  return out;
}

nlohmann::ordered_json days_json(const std::vector<DayInfo>& days) {
  nlohmann::ordered_json skipped = nlohmann::ordered_json::array(), counted = nlohmann::ordered_json::array();
  for (const DayInfo& d : days) {
    nlohmann::ordered_json j = {{"date", d.date.iso()}, {"weekday", rules::weekday_name(d.date)}, {"kind", kind_key(d.kind)}};
    if (!d.name.empty()) j["name"] = d.name;
    (d.working() ? counted : skipped).push_back(j);
  }
  return {{"skipped", skipped}, {"weekend_workdays", counted}, {"sources", sources(days)}};
}

void print_explain(const std::vector<DayInfo>& days) {
  if (days.empty()) {
    std::puts("  期间没有节假日、周末或调休 (no holidays, weekends or adjusted days in between)");
    return;
  }
  for (const DayInfo& d : days) std::puts(day_label(d).c_str());
  for (const std::string& s : sources(days)) std::printf("  依据 source: %s\n", s.c_str());
}

int run(const Request& req) {
  std::vector<forms::Date> dates;  // read before the calendar: a typo is a usage error whatever the data
  for (const std::string& t : req.dates) dates.push_back(date_arg(t));
  const rules::WorkCalendar cal =
      rules::WorkCalendar::load(req.calendars.empty() ? rules::WorkCalendar::default_folder() : req.calendars);
  if (req.add) {
    const forms::Date start = dates[0];
    const int n = *req.add;
    const forms::Date result = cal.add_working_days(start, n);
    const std::vector<DayInfo> shown = notable(cal.days_after(start, result));
    if (req.json) {
      nlohmann::ordered_json j = {{"schema", "caseaudit.calendar/1"}, {"operation", "add"},
                          {"from", start.iso()},              {"working_days", n},
                          {"date", result.iso()},             {"weekday", rules::weekday_name(result)}};
      j.update(days_json(shown));
      std::puts(j.dump(2).c_str());
      return kOk;
    }
    std::printf("%s 之后第 %d 个工作日：%s（%s） (working day %d after %s: %s, %s)\n", start.iso().c_str(), n,
                result.iso().c_str(), rules::weekday_name(result).c_str(), n, start.iso().c_str(), result.iso().c_str(),
                rules::weekday_english(result).c_str());
    if (req.explain) print_explain(shown);
    return kOk;
  }
  const forms::Date a = dates[0], b = dates[1];
  const int n = cal.working_days_between(a, b);
  const std::vector<DayInfo> shown = notable(b < a ? cal.days_after(b, a) : cal.days_after(a, b));
  if (req.json) {
    nlohmann::ordered_json j = {{"schema", "caseaudit.calendar/1"}, {"operation", "between"}, {"from", a.iso()},
                        {"to", b.iso()},                    {"working_days", n}};
    j.update(days_json(shown));
    std::puts(j.dump(2).c_str());
    return kOk;
  }
  if (b < a)
    std::printf("第二个日期 %s 早于第一个 %s：%d 个工作日（%s 之后到 %s（含）有 %d 个） (%d: the second date is %d working "
                "days before the first)\n",
                b.iso().c_str(), a.iso().c_str(), n, b.iso().c_str(), a.iso().c_str(), -n, n, -n);
  else
    std::printf("%s 之后到 %s（含）共 %d 个工作日 (%d working days after %s up to and including %s)\n", a.iso().c_str(),
                b.iso().c_str(), n, n, a.iso().c_str(), b.iso().c_str());
  if (req.explain) print_explain(shown);
  return kOk;
}

}  // namespace

int calendar_command(const std::vector<std::string>& argv) {
  return run_command("calendar", kHelp, [&] {
    const Request req = parse(argv);
    if (req.help) {
      std::fputs(kHelp, stdout);
      return int{kOk};
    }
    return run(req);
  });
}

}  // namespace caseaudit::cli
