// Chinese numerals: digits and units of both styles, the shared reader of
// numerals with units, and parse_chinese_number (see normalize.h, detail.h).
#include <array>
#include <limits>
#include <vector>

#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms::detail {

int numeral_digit(char32_t c, Numerals style) {
  if (style == Numerals::plain) {
    switch (c) {
      case U'〇': case U'零': return 0;
      case U'一': return 1;
      case U'二': case U'两': return 2;
      case U'三': return 3;
      case U'四': return 4;
      case U'五': return 5;
      case U'六': return 6;
      case U'七': return 7;
      case U'八': return 8;
      case U'九': return 9;
      default: return -1;
    }
  }
  switch (c) {
    case U'零': return 0;
    case U'壹': return 1;
    case U'贰': case U'貳': return 2;
    case U'叁': case U'参': case U'參': return 3;
    case U'肆': return 4;
    case U'伍': return 5;
    case U'陆': case U'陸': return 6;
    case U'柒': return 7;
    case U'捌': return 8;
    case U'玖': return 9;
    default: return -1;
  }
}

int numeral_small_unit(char32_t c, Numerals style) {
  if (style == Numerals::plain) {
    switch (c) {
      case U'十': return 1;
      case U'百': return 2;
      case U'千': return 3;
      default: return 0;
    }
  }
  switch (c) {
    case U'拾': case U'什': return 1;
    case U'佰': return 2;
    case U'仟': return 3;
    default: return 0;
  }
}

int numeral_big_unit(char32_t c) {
  switch (c) {
    case U'万': case U'萬': return 4;
    case U'亿': case U'億': return 8;
    default: return 0;
  }
}

namespace {

constexpr std::array<std::int64_t, 12> kPow10 = {
    1,         10,         100,         1'000,         10'000,         100'000,
    1'000'000, 10'000'000, 100'000'000, 1'000'000'000, 10'000'000'000, 100'000'000'000};

// One group of a numeral: the characters before a 万/亿 (or the last group)
// and the place that unit gives them.
struct Group {
  std::u32string_view text;
  int offset = 0;
};

// Splits at 万/亿; nullopt when they do not descend (万亿, 万万).
std::optional<std::vector<Group>> split_groups(std::u32string_view s) {
  std::vector<Group> groups;
  int last_big = kNoPlace;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int big = numeral_big_unit(s[i]);
    if (big == 0) continue;
    if (big >= last_big) return std::nullopt;
    last_big = big;
    groups.push_back({s.substr(start, i - start), big});
    start = i + 1;
  }
  groups.push_back({s.substr(start), 0});
  return groups;
}

// Reads the terms of a numeral left to right, checking the rules listed in
// detail.h for read_unit_numeral.
class TermReader {
 public:
  explicit TermReader(Numerals style) : style_(style) {}

  bool read_group(const Group& group) {
    bool group_has_term = false;
    for (const char32_t c : group.text) {
      const int digit = numeral_digit(c, style_);
      const int unit = numeral_small_unit(c, style_);
      if (digit == 0) {
        // 零: not after a digit (伍零), not twice, not first.
        if (pending_ >= 0 || zero_before_ || !any_term_) return false;
        zero_before_ = true;
      } else if (digit > 0) {
        if (pending_ >= 0) return false;  // adjacent digits: 壹贰
        pending_ = digit;
        pending_liang_ = c == U'两';
      } else if (unit > 0) {
        int value = pending_;
        if (value < 0) {
          // A bare 十/拾 only opens the numeral (十五, 拾万).
          if (unit != 1 || any_term_ || zero_before_) return false;
          value = 1;
        }
        if (pending_liang_ && unit == 1) return false;  // 两十
        if (!emit(value, unit + group.offset)) return false;
        group_has_term = true;
      } else {
        return false;
      }
    }
    if (pending_ >= 0) {
      // A digit without unit: the units digit of its group.
      const int place = group.offset;
      if (pending_liang_ && (group.offset == 0 || any_term_)) return false;  // 两 alone, 三十两万
      const bool first = !any_term_ && !zero_before_;
      if (!first && !zero_before_ && prev_place_ != place + 1) return false;  // 两万五, 一百五
      if (!emit(pending_, place)) return false;
      group_has_term = true;
    }
    if (zero_before_) return false;                      // 零 before a unit or at the end
    if (group.offset > 0 && !group_has_term) return false;  // 万 alone, 亿万
    return true;
  }

  bool any_term() const { return any_term_; }
  NumeralReading reading() const { return {value_, prev_place_}; }

 private:
  bool emit(int digit, int place) {
    if (place >= prev_place_) return false;                        // units out of order
    if (zero_before_ && prev_place_ - place < 2) return false;     // 零 skips no place
    value_ += digit * kPow10[static_cast<std::size_t>(place)];
    prev_place_ = place;
    any_term_ = true;
    zero_before_ = false;
    pending_ = -1;
    pending_liang_ = false;
    return true;
  }

  Numerals style_;
  std::int64_t value_ = 0;
  int prev_place_ = kNoPlace;
  bool any_term_ = false;
  bool zero_before_ = false;
  int pending_ = -1;
  bool pending_liang_ = false;
};

bool has_unit(std::u32string_view s, Numerals style) {
  for (const char32_t c : s)
    if (numeral_small_unit(c, style) > 0 || numeral_big_unit(c) > 0) return true;
  return false;
}

}  // namespace

std::optional<NumeralReading> read_unit_numeral(std::u32string_view s, Numerals style) {
  if (s.empty()) return std::nullopt;
  if (s.size() == 1 && numeral_digit(s[0], style) == 0) return NumeralReading{0, kNoPlace};
  const auto groups = split_groups(s);
  if (!groups) return std::nullopt;
  TermReader reader(style);
  for (const Group& group : *groups)
    if (!reader.read_group(group)) return std::nullopt;
  if (!reader.any_term()) return std::nullopt;
  return reader.reading();
}

std::optional<int> read_count(std::u32string_view s, int max_digits) {
  if (s.empty()) return std::nullopt;
  if (all_ascii_digits(s)) {
    const auto n = read_ascii_number(s, max_digits);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
  }
  if (s.size() > 1 && !has_unit(s, Numerals::plain)) return std::nullopt;  // 一二
  const auto reading = read_unit_numeral(s, Numerals::plain);
  if (!reading || reading->value > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(reading->value);
}

}  // namespace caseaudit::forms::detail

namespace caseaudit::forms {

std::optional<std::int64_t> parse_chinese_number(std::string_view text) {
  using namespace detail;
  const std::u32string s = folded(text);
  if (s.empty()) return std::nullopt;
  if (has_unit(s, Numerals::plain)) {
    const auto reading = read_unit_numeral(s, Numerals::plain);
    if (!reading) return std::nullopt;
    return reading->value;
  }
  // No unit: digit by digit (二〇二三, 二零二三). 两 is not a digit here.
  if (s.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char32_t c : s) {
    const int digit = numeral_digit(c, Numerals::plain);
    if (digit < 0 || c == U'两') return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace caseaudit::forms
