// Reading one cell as a date or an amount (see cells.h).
#include "import/cells.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace caseaudit::audit::import {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (!is_digit(c)) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

bool real_date(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                       std::chrono::day{static_cast<unsigned>(d)}};
  return ymd.ok();
}

// "2023-05-12", "2023/5/12", "2023.5.12" in plain ASCII: the common case of a
// machine export, read without the Unicode folding forms::parse_date does.
// nullopt means "not this simple form" (the caller falls back), not "bad".
std::optional<std::optional<forms::Date>> fast_numeric_date(std::string_view s) {
  if (s.size() < 8 || s.size() > 10 || !all_digits(s.substr(0, 4))) return std::nullopt;
  const char sep = s[4];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  const std::size_t second = s.find(sep, 5);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view m = s.substr(5, second - 5), d = s.substr(second + 1);
  if (m.empty() || m.size() > 2 || d.empty() || d.size() > 2 || !all_digits(m) || !all_digits(d))
    return std::nullopt;
  const int y = to_int(s.substr(0, 4)), mo = to_int(m), da = to_int(d);
  if (!real_date(y, mo, da)) return std::optional<forms::Date>{};
  return std::optional<forms::Date>{forms::Date{y, mo, da}};
}

// A time of day after a date: "0:00:00", "10:20", "10:20:30.5".
bool is_time(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || !all_digits(s.substr(0, colon))) return false;
  std::string_view rest = s.substr(colon + 1);
  if (rest.size() < 2 || !all_digits(rest.substr(0, 2))) return false;
  rest.remove_prefix(2);
  if (rest.empty()) return true;
  if (rest[0] != ':' || rest.size() < 3 || !all_digits(rest.substr(1, 2))) return false;
  rest.remove_prefix(3);
  if (rest.empty()) return true;
  return rest[0] == '.' && all_digits(rest.substr(1));
}

// Drops a trailing time: "2023/5/12 0:00:00" -> "2023/5/12", "2023-05-12T10:20" -> "2023-05-12".
std::string_view drop_time(std::string_view s) {
  const std::size_t cut = s.find_last_of(" T");
  if (cut == std::string_view::npos || cut == 0) return s;
  if (!is_time(s.substr(cut + 1))) return s;
  return trim(s.substr(0, cut));
}

constexpr const char* kDateProblem = "日期无法识别 (date not readable)";
constexpr const char* kAmountProblem = "金额无法识别 (amount not readable)";

DateCell serial_cell(double serial, bool date1904) {
  if (const auto d = excel_serial_date(serial, date1904)) return {d, ""};
  if (!date1904 && std::floor(serial) == 60)
    return {std::nullopt, "Excel 日期序号 60 即不存在的 1900-02-29 (Excel serial 60 is the nonexistent 1900-02-29)"};
  return {std::nullopt, "Excel 日期序号超出范围 (Excel date serial out of range)"};
}

}  // namespace

std::string_view trim(std::string_view text) {
  auto front_space = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    const auto c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) return 2;
    if (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") return 3;  // U+3000
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") return 3;  // BOM
    return 0;
  };
  auto back_space = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    const auto c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE3\x80\x80" || s.substr(s.size() - 3) == "\xEF\xBB\xBF"))
      return 3;
    return 0;
  };
  for (std::size_t n; (n = front_space(text)) > 0;) text.remove_prefix(n);
  for (std::size_t n; (n = back_space(text)) > 0;) text.remove_suffix(n);
  return text;
}

bool is_blank_value(std::string_view t) {
  if (t.empty()) return true;
  static constexpr std::string_view kPlaceholders[] = {"-",  "--", "—",   "——",  "/",  "无", "空",
                                                       "／", "N/A", "n/a", "null", "NULL", "－"};
  for (const auto p : kPlaceholders)
    if (t == p) return true;
  return false;
}

std::string format_number(double value) {
  char buffer[64];
  if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
  }
  return buffer;
}

std::optional<forms::Date> excel_serial_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return std::nullopt;  // up to 9999-12-31
  const auto whole = static_cast<long>(std::floor(serial));
  using namespace std::chrono;
  sys_days day;
  if (date1904) {
    day = sys_days{year{1904} / January / 1} + days{whole};
  } else if (whole == 60) {
    return std::nullopt;  // Lotus' 1900-02-29, which never existed
  } else if (whole < 60) {
    day = sys_days{year{1899} / December / 31} + days{whole};
  } else {
    day = sys_days{year{1899} / December / 30} + days{whole};
  }
  const year_month_day ymd{day};
  return forms::Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

DateCell read_date_cell(const Cell& cell, bool date1904) {
  if (cell.numeric) return serial_cell(cell.number, date1904);
  const std::string_view t = trim(cell.text);
  if (is_blank_value(t)) return {};
  if (const auto fast = fast_numeric_date(t)) {
    if (*fast) return {*fast, ""};
    return {std::nullopt, kDateProblem};
  }
  const std::string_view s = drop_time(t);
  if (s.size() == 8 && all_digits(s)) {  // 20230512
    const int y = to_int(s.substr(0, 4)), m = to_int(s.substr(4, 2)), d = to_int(s.substr(6, 2));
    if (real_date(y, m, d)) return {forms::Date{y, m, d}, ""};
    return {std::nullopt, kDateProblem};
  }
  if (s.size() == 5 && all_digits(s)) return serial_cell(to_int(s), date1904);  // a serial written out
  if (const auto fast = fast_numeric_date(s)) {
    if (*fast) return {*fast, ""};
    return {std::nullopt, kDateProblem};
  }
  if (const auto d = forms::parse_date(s)) return {d, ""};
  return {std::nullopt, kDateProblem};
}

AmountCell read_amount_cell(const Cell& cell, int multiplier) {
  if (cell.numeric) {
    const double fen = std::round(cell.number * multiplier * 100.0);
    if (!std::isfinite(fen) || std::fabs(fen) > 9e17) return {std::nullopt, kAmountProblem};
    if (fen < 0) return {std::nullopt, "金额为负数 (negative amount)"};
    return {static_cast<std::int64_t>(fen), ""};
  }
  const std::string_view t = trim(cell.text);
  if (is_blank_value(t)) return {};
  // Plain "12345" or "12345.6" in yuan: read directly (most cells of an export).
  if (multiplier == 1 && t.size() <= 15) {
    const std::size_t dot = t.find('.');
    const std::string_view whole = t.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
    if (all_digits(whole) && (dot == std::string_view::npos || (!frac.empty() && frac.size() <= 2 && all_digits(frac)))) {
      std::int64_t fen = 0;
      for (const char c : whole) fen = fen * 10 + (c - '0');
      fen *= 100;
      if (frac.size() >= 1) fen += (frac[0] - '0') * 10;
      if (frac.size() == 2) fen += frac[1] - '0';
      return {fen, ""};
    }
  }
  const std::string text(t);
  const bool has_unit = text.find("元") != std::string::npos || text.find("圆") != std::string::npos ||
                        text.find("万") != std::string::npos || text.find("亿") != std::string::npos;
  if (multiplier == 10000 && !has_unit) {
    if (const auto a = forms::parse_arabic_amount(text + "万")) return {a->fen, ""};
    return {std::nullopt, kAmountProblem};
  }
  if (const auto a = forms::parse_amount(text)) {
    if (multiplier != 1 && !has_unit) return {a->fen * multiplier, ""};
    return {a->fen, ""};
  }
  return {std::nullopt, kAmountProblem};
}

}  // namespace caseaudit::audit::import
