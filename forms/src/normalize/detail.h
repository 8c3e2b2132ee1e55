// Helpers shared by the normalisers (internal to the forms module).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "caseaudit/forms/code_points.h"

namespace caseaudit::forms::detail {

// ---- code points (code_points.cpp) ----

using forms::to_u32;
using forms::to_utf8;
// fold_width (NFKC, white space removed) and then code points.
std::u32string folded(std::string_view text);

inline bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool all_ascii_digits(std::u32string_view s) {
  if (s.empty()) return false;
  for (const char32_t c : s)
    if (!is_ascii_digit(c)) return false;
  return true;
}

// Removes `prefix` / `suffix` from `s` when present; true when removed.
bool consume_prefix(std::u32string_view& s, std::u32string_view prefix);
bool consume_suffix(std::u32string_view& s, std::u32string_view suffix);

// A run of ASCII digits (1..max_digits of them) as a number.
std::optional<std::int64_t> read_ascii_number(std::u32string_view s, int max_digits);

// ---- Chinese numerals (chinese_number.cpp) ----

enum class Numerals {
  plain,    // 〇零 一 二/两 三 ... 九, 十 百 千, 万 亿
  capital,  // 零 壹 贰 叁 ... 玖, 拾 佰 仟, 万 亿 (and the variants in normalize.h)
};

// Value of a digit character in the given style (零/〇 give 0), or -1.
int numeral_digit(char32_t c, Numerals style);
// Place (1, 2, 3) of 十/百/千 (拾/佰/仟 for capitals), or 0 when not one.
int numeral_small_unit(char32_t c, Numerals style);
// Place (4, 8) of 万/亿, or 0 when not one.
int numeral_big_unit(char32_t c);

// Place of the lowest term when a numeral has no non-zero term ("零").
inline constexpr int kNoPlace = 1000;

struct NumeralReading {
  std::int64_t value = 0;
  // Decimal place of the last (lowest) non-zero term: 壹拾万 -> 5,
  // 三十五 -> 0; kNoPlace for "零". Lets an amount check a 零 before 角/分.
  int lowest_place = kNoPlace;
};

// A numeral written with units (一万二千零五十, 壹拾万, 十五) or a single
// digit character. Rules (same for both styles):
// - units descend strictly (伍佰叁仟 and 十十 are rejected), each digit is
//   followed by its unit except the last (units) digit, and no two digits
//   are adjacent (壹贰);
// - 十/拾 without a digit only at the start (十五, 拾万);
// - 零 stands for one or more zero places: it must be followed by a digit
//   (贰万零佰 is rejected) and there must be a skipped place (壹仟零伍佰 is
//   rejected). Leaving 零 out where places are skipped is accepted
//   (壹万伍拾 = 10050) because the units make the value unambiguous;
// - a final digit without unit must directly follow a 十 term (三十五) or a
//   零 (一百零五): the colloquial 两万五 / 一百五 (25000 / 150, or 20005 /
//   105 with 零 dropped?) is rejected;
// - 两 only before 百/千/万/亿 (plain style);
// - 亿 before 万, each at most once (values below 10^12).
std::optional<NumeralReading> read_unit_numeral(std::u32string_view s, Numerals style);

// A small count as used in dates and citations: ASCII digits (at most
// max_digits), or a plain Chinese numeral with units or of one character.
// Digit-by-digit Chinese (一二) is rejected here.
std::optional<int> read_count(std::u32string_view s, int max_digits);

// ---- calendar (date.cpp) ----

bool is_real_date(int year, int month, int day);

}  // namespace caseaudit::forms::detail
