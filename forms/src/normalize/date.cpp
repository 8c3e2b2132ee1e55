// Dates (see normalize.h).
#include <cstdio>
#include <vector>

#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

namespace detail {

bool is_real_date(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = month == 2 && leap ? 29 : kDays[month - 1];
  return day <= days;
}

}  // namespace detail

using namespace detail;

std::string Date::iso() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

namespace {

// A year of four digits, Arabic (2023) or Chinese digit by digit (二〇二三).
// In a Chinese year the look-alikes of 〇 (○ U+25CB, Latin O/o, Arabic 0,
// 零) read as 0; other Arabic digits do not mix with Chinese ones.
std::optional<int> read_year(std::u32string_view s) {
  if (s.size() != 4) return std::nullopt;
  int year = 0;
  if (all_ascii_digits(s)) {
    for (const char32_t c : s) year = year * 10 + static_cast<int>(c - U'0');
  } else {
    for (const char32_t c : s) {
      int digit = numeral_digit(c, Numerals::plain);
      if (c == U'○' || c == U'O' || c == U'o' || c == U'0') digit = 0;
      if (digit < 0 || c == U'两') return std::nullopt;
      year = year * 10 + digit;
    }
  }
  if (year < 1000) return std::nullopt;  // 0023: a digit is missing
  return year;
}

std::optional<Date> make_date(std::optional<int> year, std::optional<int> month,
                              std::optional<int> day) {
  if (!year || !month || !day || !is_real_date(*year, *month, *day)) return std::nullopt;
  return Date{*year, *month, *day};
}

// 2023年5月12日, 二〇二三年五月十二日 (month and day Arabic or Chinese).
std::optional<Date> read_chinese_style(std::u32string_view s) {
  const std::size_t y = s.find(U'年');
  const std::size_t m = s.find(U'月');
  if (y == std::u32string_view::npos || m == std::u32string_view::npos || m < y) return std::nullopt;
  if (s.size() < 1 || s.back() != U'日') return std::nullopt;
  const std::size_t d = s.size() - 1;
  if (d < m) return std::nullopt;
  return make_date(read_year(s.substr(0, y)), read_count(s.substr(y + 1, m - y - 1), 2),
                   read_count(s.substr(m + 1, d - m - 1), 2));
}

// 2023.5.12, 2023-05-12, 2023/5/12: one separator throughout.
std::optional<Date> read_numeric_style(std::u32string_view s) {
  const std::size_t first = s.find_first_of(U".-/");
  if (first == std::u32string_view::npos) return std::nullopt;
  const char32_t separator = s[first];
  std::vector<std::u32string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == separator) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3 || !all_ascii_digits(parts[0]) || !all_ascii_digits(parts[1]) ||
      !all_ascii_digits(parts[2]))
    return std::nullopt;
  auto number = [](std::u32string_view part) -> std::optional<int> {
    const auto n = read_ascii_number(part, 2);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
  };
  return make_date(read_year(parts[0]), number(parts[1]), number(parts[2]));
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  const std::u32string s = folded(text);
  if (s.empty()) return std::nullopt;
  if (s.find(U'年') != std::u32string::npos) return read_chinese_style(s);
  return read_numeric_style(s);
}

}  // namespace caseaudit::forms
