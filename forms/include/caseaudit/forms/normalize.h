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

// Whether NFKC leaves the text as it is: valid UTF-8 whose every character is
// its own normal form with a normalisation boundary before it (most Chinese
// text, plain ASCII). Lets a caller skip the normaliser on the common case.
bool nfkc_inert(std::string_view text);

// ---- numbers and amounts ----

// An amount of money in 分 (1/100 yuan), so 角/分 are exact.
struct Amount {
  std::int64_t fen = 0;
  std::string yuan_text() const;  // "12050.00"
};

// Arabic amounts: "12,050元", "12050.5", "1.25万元", "３万元", "2亿元",
// "人民币12050元整", "￥12,050.00". A trailing 元/圆/整 and a leading
// 人民币/￥/¥ are allowed. Separators must sit every three digits.
// Decimals: at most 2 (fen) for yuan; with 万/亿 at most down to one yuan
// ("1.234万元" = 12340 yuan, "1.23456万元" is rejected). Any other
// character (a letter O among the digits) rejects the text.
std::optional<Amount> parse_arabic_amount(std::string_view text);

// Chinese capitals (大写): "壹万贰仟零伍拾元整", "叁佰元伍角", "壹拾万元整",
// "伍角陆分", with 圆 for 元 and 拾/什, 佰, 仟, 万, 亿; 零 between units;
// 整/正 after 元 or 角. Rejects text where a unit is out of order
// ("伍佰叁仟元") or digits are adjacent without a unit.
// Accepted variants: 参/參 for 叁, 什 for 拾, 圆 for 元, 正 for 整, and the
// traditional 貳 陸 萬 億. A leading 人民币 is allowed; an integer without
// 元 ("壹万贰仟", 元 printed on the form) is read as yuan.
// 零 rules: 零 must be followed by a digit (a unit after 零, "贰万零佰", is
// rejected) and must stand for at least one skipped place ("壹仟零伍佰" and
// "壹元零伍角" are rejected; "壹拾万零柒仟元零伍角" is fine). Leaving 零
// out is accepted ("壹万伍拾" = 10050). A last digit without unit must
// follow 拾 or 零: "壹佰伍" (150 or 105?) is rejected.
std::optional<Amount> parse_capital_amount(std::string_view text);

// Plain Chinese numerals used for amounts and counts: "一万二千零五十",
// "两千", "三十", "十五", "二〇二三" read digit by digit when it has no
// unit characters. Returns the integer value.
// Same rules as the capitals (units descending, 零 before a digit and for a
// skipped place). The colloquial abbreviation "两万五" / "一百五" is
// rejected: a last digit without unit must follow 十 or 零 ("两万五千",
// "一万零五" are fine). 两 only before 百/千/万/亿. Capitals, Arabic digits
// and the look-alikes of 〇 (○, O, 0; see parse_date) are rejected.
std::optional<std::int64_t> parse_chinese_number(std::string_view text);

// Any of the above, with a trailing 元/万元/亿元: tries Arabic, capital and
// plain Chinese forms in that order. The plain Chinese form needs 元/圆
// ("五万元", "三百元整"): without it a plain numeral is a count.
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
// The year has four digits; O/○/0 count as 〇 only in a year written in
// Chinese digits ("2O23" is rejected). Month and day: Arabic, or Chinese
// with units (十二, 三十一), never digit by digit. Numeric forms use one
// separator (. - /) throughout. Nothing may follow 日.
std::optional<Date> parse_date(std::string_view text);

// A date parse_date refuses, read again as OCR damages dates: brackets, seal
// strokes or punctuation around it, 曰 for 日, and in a Chinese date one
// character misread (百 or Q for the 〇 of 二〇二三, 三 for 二 in 三十八日).
// A repair is taken only when exactly one reading gives a real date (a year
// 1990-2099): "二〇二年" (a digit lost) stays unread. nullopt when no single
// reading exists.
std::optional<Date> repair_date(std::string_view text);

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
// Also accepted: {}, 〖〗, 『』, ﹝﹞, and a closing bracket of another
// kind than the opening one. The year must be 4 Arabic digits; the serial
// must be positive and be followed by 号 (without 号 it may be cut off).
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
// - the law carries over until the next 《》 or the end of the sentence
//   (。); an article with no law before it in its sentence is skipped;
// - 之一/之二 after an article is dropped: 第五十条之一 is article 50;
// - items: 第（二）项, 第(2)项, 第二项;
// - after 、 a 第N款 / 第N项 without 条 continues the previous article.
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

// possible_misread: the confusables are O<->0, I<->1, Z<->2, S<->5, B<->8,
// D->0, Q->0 and lower-case l->1, each tried only where the substitute is
// allowed (credit codes have no I/O/S/V/Z, IDs are digits but for a final X).
// First every single substitution: exactly one valid result is returned,
// several valid results are ambiguous (empty). If none is valid, every
// character outside the alphabet is replaced by its confusable and the
// result is returned when it is valid.

// 统一社会信用代码, GB 32100-2015. Lower-case letters are upper-cased.
CodeCheck check_credit_code(std::string_view text);
// 公民身份号码, GB 11643-1999 (18 characters). Lower-case x is upper-cased.
CodeCheck check_id_number(std::string_view text);

// ---- 执法人员 ----

// One officer: a name and the enforcement certificate number as printed
// (豫烟执552066, HB416251888, 41130325419); cert is empty when none is given.
struct Officer {
  std::string name;
  std::string cert;
};

// The officers a text names, in the ways bureaus print them:
// "方芳（执法证号：41130325419）、董立新（执法证号：41130907120）",
// "张三、李四（执法证号：41130325419、41130907120）", "张三 执法证号：豫烟执552066 李四 …",
// "张三（证号HB416251888）李四（证号HB416251889）", names and numbers in two cells
// joined, one officer per line. Role words (执法人员, 承办人, 办案人员, 送达人 ...)
// are skipped. Names and numbers are paired in the order written. A number
// needs at least five digits; a Han prefix is part of it after a certificate
// label, or when it starts with a province's abbreviation (豫烟执, 苏A).
// `leftover` (optional) receives what could not be read as a name or a number.
std::vector<Officer> parse_officers(std::string_view text, std::string* leftover = nullptr);

}  // namespace caseaudit::forms
