// Normalisers: turn the text of one field, as printed (and as OCR read it),
// into a canonical value. Each returns std::nullopt (or a value with ok=false)
// when the text cannot be read with certainty: an unparseable value stays text
// and is flagged by the caller, never guessed.
//
// All functions take and return UTF-8. They are pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseaudit::forms {

// ---- text ----

// NFKC folding of full-width forms (ＡＢＣ１２３ -> ABC123, full-width
// brackets and punctuation -> ASCII where NFKC maps them) through ICU, then
// removal of all white space. Chinese characters are unchanged.
std::string fold_width(std::string_view text);

// Removes spaces and other white space (OCR puts spaces between CJK
// characters at random).
std::string strip_spaces(std::string_view text);

// ---- numbers and amounts ----

// An amount of money in 分 (1/100 yuan), so 角/分 are exact.
struct Amount {
  std::int64_t fen = 0;
  std::string yuan_text() const;  // "12050.00"
};

// Arabic amounts: "12,050元", "12050.5", "1.25万元", "３万元", "2亿元",
// "人民币12050元整", "￥12,050.00". A trailing 元/圆/整 and a leading
// 人民币/￥/¥ are allowed. Separators must sit every three digits.
std::optional<Amount> parse_arabic_amount(std::string_view text);

// Chinese capitals (大写): "壹万贰仟零伍拾元整", "叁佰元伍角", "壹拾万元整",
// "伍角陆分", with 圆 for 元 and 拾/什, 佰, 仟, 万, 亿; 零 between units;
// 整/正 after 元 or 角. Rejects text where a unit is out of order
// ("伍佰叁仟元") or digits are adjacent without a unit.
std::optional<Amount> parse_capital_amount(std::string_view text);

// Plain Chinese numerals used for amounts and counts: "一万二千零五十",
// "两千", "三十", "十五", "二〇二三" read digit by digit when it has no
// unit characters. Returns the integer value.
std::optional<std::int64_t> parse_chinese_number(std::string_view text);

// Any of the above, with a trailing 元/万元/亿元: tries Arabic, capital and
// plain Chinese forms in that order.
std::optional<Amount> parse_amount(std::string_view text);

// ---- dates ----

struct Date {
  int year = 0, month = 0, day = 0;
  std::string iso() const;  // "2023-05-12"
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// 二〇二三年五月十二日, 二○二三年五月十二日 (with O/○/0/零 for 〇),
// 2023年5月12日, 2023.5.12, 2023-05-12, 2023/5/12, full-width digits,
// spaces anywhere. The date must exist (no 2 月 30 日).
std::optional<Date> parse_date(std::string_view text);

// ---- 文号 ----

// A document number: prefix (宛市监处罚), year, serial, and the 字 marker
// when the prefix ends with it. canonical() is "宛市监处罚〔2023〕87号".
struct DocNumber {
  std::string prefix;
  int year = 0;
  int serial = 0;
  std::string canonical() const;
};

// Reads "宛市监处罚〔2023〕87号", "宛市监处罚[2023]87号", "宛市监处罚(2023)87号",
// "宛市监处罚【２０２３】第87号", "宛市监处罚（2023）0087号", with OCR's
// variants of the brackets ( 「」, ［］, ｛｝ ) and spaces. 第 before the
// serial and leading zeros are dropped in the canonical form.
std::optional<DocNumber> parse_doc_number(std::string_view text);

// ---- legal citations ----

// 《中华人民共和国产品质量法》第四十九条第一款第（二）项
struct Citation {
  std::string law;     // 中华人民共和国产品质量法 (without 《》)
  int article = 0;     // 49
  int paragraph = 0;   // 1, 0 when not given
  int item = 0;        // 2, 0 when not given
  std::string text() const;  // canonical: 《law》第49条第1款第2项
};

// All citations in a passage, in order. A law name carries over to
// following articles that omit it: "《产品质量法》第四十九条、第五十条"
// gives two citations of the same law. Articles may be Arabic or Chinese
// numerals.
std::vector<Citation> parse_citations(std::string_view text);

// ---- identity codes ----

// Result of checking a code against its check character.
struct CodeCheck {
  std::string code;      // the code, upper-case, width-folded, spaces removed
  bool well_formed = false;  // right length and alphabet (and a real birth date for IDs)
  bool check_ok = false;     // the check character agrees
  // When the check fails (or a character is outside the alphabet) and
  // replacing OCR-confusable characters (O/0, I/1, Z/2, S/5, B/8, D/0, Q/0)
  // gives a valid code, that code; otherwise empty.
  std::string possible_misread;
};

// 统一社会信用代码, GB 32100-2015.
CodeCheck check_credit_code(std::string_view text);
// 公民身份号码, GB 11643-1999 (18 characters).
CodeCheck check_id_number(std::string_view text);

}  // namespace caseaudit::forms
