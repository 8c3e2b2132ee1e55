// Dates (see normalize.h).
#include <algorithm>
#include <cstdio>
#include <vector>

#include "caseaudit/forms/lookalikes.h"
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

namespace {

bool date_char(char32_t c) {
  return (c >= U'0' && c <= U'9') || c == U'年' || c == U'月' || c == U'日' || c == U'.' || c == U'-' || c == U'/' ||
         numeral_digit(c, Numerals::plain) >= 0 || c == U'十' || c == U'〇' || c == U'○' || c == U'O' || c == U'o';
}

// The text without what surrounds the date: a bracket or seal stroke read
// before it, punctuation after.
std::u32string trimmed(std::u32string s) {
  std::size_t b = 0, e = s.size();
  while (b < e && !date_char(s[b])) ++b;
  while (e > b && !date_char(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool plausible(const Date& d) { return d.year >= 1990 && d.year <= 2099; }

// Every reading of s with the character at `at` replaced by one of `by`
// that parses, added to `found` (stops counting past two).
void try_each(std::u32string s, std::size_t at, std::u32string_view by, std::vector<Date>& found) {
  const char32_t was = s[at];
  for (const char32_t c : by) {
    if (c == was && by.size() == 1) continue;
    s[at] = c;
    if (const auto d = parse_date(to_utf8(s)); d && plausible(*d) && std::find(found.begin(), found.end(), *d) == found.end())
      found.push_back(*d);
  }
}

}  // namespace

std::optional<Date> repair_date(std::string_view text) {
  std::u32string s = folded(text);
  for (char32_t& c : s)
    if (c == U'曰') c = U'日';
  s = trimmed(s);
  // The day's 日 read as 月 (2023年6月12月): a date has one month.
  if (s.size() > 1 && s.back() == U'月' && s.find(U'月') < s.size() - 1) s.back() = U'日';
  if (const auto d = parse_date(to_utf8(s))) return d;
  const std::size_t y = s.find(U'年');
  if (y == std::u32string::npos) return std::nullopt;
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  std::vector<Date> found;
  if (y == 4) {
    // One character of a Chinese year is not a digit (百 or Q for 〇): every
    // digit in its place.
    std::size_t odd = 0, at = 0;
    for (std::size_t i = 0; i < 4; ++i)
      if (numeral_digit(s[i], Numerals::plain) < 0 && !lookalike(s[i], U'〇')) ++odd, at = i;
    if (odd == 1) try_each(s, at, kDigits, found);
  } else if (y == 3) {
    // A digit of the year lost (二二三年): every digit in every place.
    for (std::size_t at = 0; at <= 3; ++at) try_each(s.substr(0, at) + U'〇' + s.substr(at), at, kDigits, found);
  }
  if (found.empty()) {
    // One numeral of the month or the day read as its look-alike (三 for 二).
    for (std::size_t i = y + 1; i < s.size(); ++i)
      for (const char32_t d : kDigits)
        if (d != s[i] && lookalike(d, s[i])) try_each(s, i, std::u32string(1, d), found);
  }
  if (found.size() != 1) return std::nullopt;
  return found.front();
}

}  // namespace caseaudit::forms
