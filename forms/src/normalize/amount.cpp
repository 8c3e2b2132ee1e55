// Amounts in Arabic digits, Amount::yuan_text and parse_amount (see normalize.h).
#include <cstdlib>
#include <vector>

#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

using namespace detail;

std::string Amount::yuan_text() const {
  const std::int64_t magnitude = fen < 0 ? -fen : fen;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (fen < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

namespace {

// Leading 人民币 and/or ¥ (￥ folds to ¥).
void drop_currency_prefix(std::u32string_view& s) {
  consume_prefix(s, U"人民币");
  if (!consume_prefix(s, U"¥")) consume_prefix(s, U"￥");
}

// Trailing [万|亿][元|圆][整|正]. Returns false when 整 has no 元 before it.
// `scale` is the power of ten of the unit in yuan (万: 4, 亿: 8).
bool drop_yuan_suffix(std::u32string_view& s, int& scale, bool& has_yuan) {
  const bool whole = consume_suffix(s, U"整") || consume_suffix(s, U"正");
  has_yuan = consume_suffix(s, U"元") || consume_suffix(s, U"圆");
  if (whole && !has_yuan) return false;
  scale = 0;
  if (consume_suffix(s, U"万") || consume_suffix(s, U"萬"))
    scale = 4;
  else if (consume_suffix(s, U"亿") || consume_suffix(s, U"億"))
    scale = 8;
  return true;
}

// The integer part with optional thousands separators: "12050", "12,050".
bool read_grouped_digits(std::u32string_view s, std::u32string& digits) {
  if (s.empty()) return false;
  std::size_t group = 0;
  bool grouped = false;
  std::size_t first_group = 0;
  for (const char32_t c : s) {
    if (c == U',') {
      if (group == 0) return false;
      if (!grouped) {
        first_group = group;
        grouped = true;
      } else if (group != 3) {
        return false;
      }
      group = 0;
    } else if (is_ascii_digit(c)) {
      digits.push_back(c);
      ++group;
    } else {
      return false;
    }
  }
  if (grouped && (first_group > 3 || group != 3)) return false;
  return group > 0;
}

}  // namespace

// Decimals: at most 2 for yuan; with 万/亿 at most down to one yuan (4 / 8):
// "1.234万元" = 12340 yuan, "1.23456万元" is rejected (a figure written in
// 万元 is not that precise on a form; more digits mean a misread).
std::optional<Amount> parse_arabic_amount(std::string_view text) {
  const std::u32string folded_text = folded(text);
  std::u32string_view s = folded_text;
  drop_currency_prefix(s);
  int scale = 0;
  bool has_yuan = false;
  if (!drop_yuan_suffix(s, scale, has_yuan)) return std::nullopt;

  const std::size_t dot = s.find(U'.');
  const std::u32string_view integer = s.substr(0, dot);
  std::u32string digits;
  if (!read_grouped_digits(integer, digits)) return std::nullopt;
  std::size_t decimals = 0;
  if (dot != std::u32string_view::npos) {
    const std::u32string_view fraction = s.substr(dot + 1);
    if (!all_ascii_digits(fraction)) return std::nullopt;  // "12.", "12.5.3"
    decimals = fraction.size();
    digits.append(fraction);
  }
  const std::size_t max_decimals = scale == 0 ? 2 : static_cast<std::size_t>(scale);
  if (decimals > max_decimals || digits.size() > 18) return std::nullopt;

  std::int64_t fen = *read_ascii_number(digits, 18);
  for (std::size_t e = decimals; e < static_cast<std::size_t>(scale) + 2; ++e)
    if (__builtin_mul_overflow(fen, std::int64_t{10}, &fen)) return std::nullopt;
  return Amount{fen};
}

// The plain Chinese form needs 元: "五万元", "三百元整". Without 元 a plain
// numeral is a count, not an amount. 角/分 are read in capitals only.
std::optional<Amount> parse_amount(std::string_view text) {
  if (auto amount = parse_arabic_amount(text)) return amount;
  if (auto amount = parse_capital_amount(text)) return amount;

  const std::u32string folded_text = folded(text);
  std::u32string_view s = folded_text;
  drop_currency_prefix(s);
  if (!consume_suffix(s, U"整")) consume_suffix(s, U"正");
  if (!consume_suffix(s, U"元") && !consume_suffix(s, U"圆")) return std::nullopt;
  const auto yuan = parse_chinese_number(to_utf8(s));
  if (!yuan) return std::nullopt;
  std::int64_t fen = 0;
  if (__builtin_mul_overflow(*yuan, std::int64_t{100}, &fen)) return std::nullopt;
  return Amount{fen};
}

}  // namespace caseaudit::forms
