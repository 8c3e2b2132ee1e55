// Known recogniser confusions, repaired per line (see text_fixes.h).
#include "ppocr/text_fixes.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace caseaudit::ocr::ppocr {
namespace {

bool is_one_of(const std::string& s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool is_digit(const std::string& s) { return s.size() == 1 && s[0] >= '0' && s[0] <= '9'; }

bool is_chinese_numeral(const std::string& s) {
  return is_one_of(s, {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "○", "零"});
}

bool is_capital_numeral(const std::string& s) {
  return is_one_of(
      s, {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾", "佰", "仟", "万", "亿", "元", "角", "分"});
}

}  // namespace

void fix_known_confusions(std::vector<ReadChar>& chars) {
  for (ReadChar& c : chars)
    if (c.text == "丶") c.text = "、";

  // A 文号 year: 〔dddd] and ［dddd〕 -> 〔dddd〕.
  for (std::size_t i = 0; i + 5 < chars.size(); ++i) {
    std::string& open = chars[i].text;
    std::string& close = chars[i + 5].text;
    if (!std::all_of(chars.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                     chars.begin() + static_cast<std::ptrdiff_t>(i) + 5,
                     [](const ReadChar& c) { return is_digit(c.text); }))
      continue;
    const bool open_ok = open == "〔", close_ok = close == "〕";
    if (open_ok && !close_ok && is_one_of(close, {"]", "］", "】", ")", "）"})) close = "〕";
    if (close_ok && !open_ok && is_one_of(open, {"[", "［", "【", "(", "（"})) open = "〔";
  }

  // 二O二三 -> 二〇二三
  for (std::size_t i = 1; i + 1 < chars.size(); ++i) {
    if (is_one_of(chars[i].text, {"O", "o", "0", "Ｏ", "ｏ", "０"}) && is_chinese_numeral(chars[i - 1].text) &&
        is_chinese_numeral(chars[i + 1].text))
      chars[i].text = "〇";
  }

  // 仟参佰 -> 仟叁佰
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (chars[i].text != "参") continue;
    if ((i > 0 && is_capital_numeral(chars[i - 1].text)) ||
        (i + 1 < chars.size() && is_capital_numeral(chars[i + 1].text)))
      chars[i].text = "叁";
  }
}

}  // namespace caseaudit::ocr::ppocr
