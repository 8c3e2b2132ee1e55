// Amounts in Chinese capitals (大写), see normalize.h.
#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

using namespace detail;

namespace {

// Places of 角 and 分 relative to 元 (place 0).
int fraction_place(char32_t unit) {
  if (unit == U'角') return -1;
  if (unit == U'分') return -2;
  return 0;
}

}  // namespace

// Grammar: [人民币] [integer (元|圆)] [[零] D角] [[零] D分] [整|正]
// - the integer follows read_unit_numeral (capital style); it may stand
//   alone without 元 ("壹万贰仟", a form whose 元 is printed in the box);
// - 零 before 角/分 only when a place is skipped (壹拾元零伍角 = 10.50,
//   叁佰元零伍分 = 300.05; 壹元零伍角 is rejected);
// - 整/正 only after 元 or 角, never after 分 nor after a bare integer.
std::optional<Amount> parse_capital_amount(std::string_view text) {
  const std::u32string folded_text = folded(text);
  std::u32string_view s = folded_text;
  consume_prefix(s, U"人民币");
  const bool whole = consume_suffix(s, U"整") || consume_suffix(s, U"正");

  std::u32string_view integer;
  std::u32string_view fraction;
  const std::size_t yuan = s.find_first_of(U"元圆");
  if (yuan != std::u32string_view::npos) {
    integer = s.substr(0, yuan);
    fraction = s.substr(yuan + 1);
    if (integer.empty()) return std::nullopt;  // 元整
  } else if (s.find_first_of(U"角分") != std::u32string_view::npos) {
    fraction = s;  // 伍角陆分
  } else {
    if (whole || s.empty()) return std::nullopt;
    integer = s;
  }

  std::int64_t fen = 0;
  int prev_place = kNoPlace;
  if (!integer.empty()) {
    const auto reading = read_unit_numeral(integer, Numerals::capital);
    if (!reading) return std::nullopt;
    fen = reading->value * 100;
    prev_place = reading->lowest_place;
  }

  bool zero_before = false;
  for (std::size_t i = 0; i < fraction.size();) {
    const int digit = numeral_digit(fraction[i], Numerals::capital);
    if (digit == 0) {
      if (zero_before || prev_place == kNoPlace) return std::nullopt;
      zero_before = true;
      ++i;
      continue;
    }
    if (digit < 0 || i + 1 >= fraction.size()) return std::nullopt;
    const int place = fraction_place(fraction[i + 1]);
    if (place == 0 || place >= prev_place) return std::nullopt;   // 伍分陆角
    if (zero_before && prev_place - place < 2) return std::nullopt;
    fen += digit * (place == -1 ? 10 : 1);
    prev_place = place;
    zero_before = false;
    i += 2;
  }
  if (zero_before) return std::nullopt;            // 壹佰元零
  if (whole && prev_place == -2) return std::nullopt;  // 伍角陆分整
  return Amount{fen};
}

}  // namespace caseaudit::forms
