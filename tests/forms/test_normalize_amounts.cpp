// Amounts: Arabic, capitals (大写), plain Chinese numerals, parse_amount.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

constexpr std::int64_t kYuan = 100;  // fen per yuan

// The amount in fen, or -1 when the text is rejected (readable in failures).
std::int64_t arabic(std::string_view text) {
  const auto amount = parse_arabic_amount(text);
  return amount ? amount->fen : -1;
}
std::int64_t capital(std::string_view text) {
  const auto amount = parse_capital_amount(text);
  return amount ? amount->fen : -1;
}
std::int64_t any(std::string_view text) {
  const auto amount = parse_amount(text);
  return amount ? amount->fen : -1;
}
std::int64_t chinese(std::string_view text) { return parse_chinese_number(text).value_or(-1); }

}  // namespace

TEST_CASE("parse_arabic_amount reads digits with separators, decimals and units") {
  CHECK(arabic("12050元") == 12050 * kYuan);
  CHECK(arabic("12,050元") == 12050 * kYuan);
  CHECK(arabic("12,050.50元") == 1205050);
  CHECK(arabic("￥12,050.00") == 12050 * kYuan);
  CHECK(arabic("¥12050") == 12050 * kYuan);
  CHECK(arabic("人民币12050元整") == 12050 * kYuan);
  CHECK(arabic("人民币12050元正") == 12050 * kYuan);
  CHECK(arabic("12050圆") == 12050 * kYuan);
  CHECK(arabic("12050.5") == 1205050);
  CHECK(arabic("1.25万元") == 12500 * kYuan);
  CHECK(arabic("1.234万元") == 12340 * kYuan);
  CHECK(arabic("1.2345万元") == 12345 * kYuan);
  CHECK(arabic("３万元") == 30000 * kYuan);
  CHECK(arabic("１２，０５０．５０元") == 1205050);
  CHECK(arabic("2亿元") == 200000000 * kYuan);
  CHECK(arabic("1.5亿") == 150000000 * kYuan);
  CHECK(arabic("0.5元") == 50);
  CHECK(arabic("1,234,567.89元") == 123456789);
  CHECK(arabic("12 050 元") == 12050 * kYuan);  // OCR spaces are removed
}

TEST_CASE("parse_arabic_amount rejects what it cannot read with certainty") {
  CHECK(arabic("12,05元") == -1);     // separator not every three digits
  CHECK(arabic("1,2050元") == -1);
  CHECK(arabic("1234,567元") == -1);
  CHECK(arabic(",050元") == -1);
  CHECK(arabic("12,,050元") == -1);
  CHECK(arabic("12.5.3") == -1);
  CHECK(arabic("12.") == -1);
  CHECK(arabic(".5元") == -1);
  CHECK(arabic("12,050.5,0") == -1);
  CHECK(arabic("") == -1);
  CHECK(arabic("元") == -1);
  CHECK(arabic("万元") == -1);
  CHECK(arabic("abc") == -1);
  CHECK(arabic("12O50元") == -1);  // letter O: no guessing
  CHECK(arabic("12.505元") == -1);  // below one fen
  CHECK(arabic("1.23456万元") == -1);  // 万元 written below one yuan
  CHECK(arabic("1.234567891亿元") == -1);
  CHECK(arabic("12050整") == -1);  // 整 without 元
  CHECK(arabic("-5元") == -1);
  CHECK(arabic("12050元5角") == -1);
  CHECK(arabic("壹万元") == -1);
  CHECK(arabic("99999999999999999999元") == -1);  // too large for int64 fen
}

TEST_CASE("parse_capital_amount reads 大写 amounts") {
  CHECK(capital("壹万贰仟零伍拾元整") == 12050 * kYuan);
  CHECK(capital("人民币壹万贰仟零伍拾元整") == 12050 * kYuan);
  CHECK(capital("壹万贰仟零伍拾圆正") == 12050 * kYuan);
  CHECK(capital("叁佰元伍角") == 30050);
  CHECK(capital("叁佰元伍角整") == 30050);
  CHECK(capital("叁佰元零伍分") == 30005);
  CHECK(capital("伍角陆分") == 56);
  CHECK(capital("伍角整") == 50);
  CHECK(capital("壹拾万元整") == 100000 * kYuan);
  CHECK(capital("拾万元") == 100000 * kYuan);
  CHECK(capital("拾伍元") == 15 * kYuan);
  CHECK(capital("壹佰万零叁元") == 1000003 * kYuan);
  CHECK(capital("壹亿零伍佰万元整") == 105000000 * kYuan);
  CHECK(capital("叁万柒仟捌佰元整") == 37800 * kYuan);
  CHECK(capital("壹仟零伍元") == 1005 * kYuan);
  CHECK(capital("壹万伍拾元") == 10050 * kYuan);  // 零 left out: the units still say 10050
  CHECK(capital("壹拾万零柒仟元零伍角叁分") == 10700053);  // both 零 forms of 会计基础工作规范
  CHECK(capital("壹拾万柒仟元伍角叁分") == 10700053);
  CHECK(capital("壹拾元零伍角") == 1050);
  CHECK(capital("零元整") == 0);
  CHECK(capital("壹万贰仟") == 12000 * kYuan);  // the 元 printed on the form
  CHECK(capital("玖仟玖佰玖拾玖元玖角玖分") == 999999);
  SECTION("OCR and traditional variants") {
    CHECK(capital("参佰元") == 300 * kYuan);  // 参 for 叁
    CHECK(capital("參佰元") == 300 * kYuan);
    CHECK(capital("壹什伍元") == 15 * kYuan);  // 什 for 拾
    CHECK(capital("贰萬元") == 20000 * kYuan);
    CHECK(capital("貳億元") == 200000000 * kYuan);
    CHECK(capital("陸元") == 6 * kYuan);
    CHECK(capital("壹 万 贰 仟 元 整") == 12000 * kYuan);
  }
}

TEST_CASE("parse_capital_amount rejects malformed 大写") {
  CHECK(capital("贰万零佰") == -1);      // a unit right after 零
  CHECK(capital("贰万零佰元") == -1);
  CHECK(capital("伍佰叁仟元") == -1);    // units out of order
  CHECK(capital("壹贰元") == -1);        // adjacent digits
  CHECK(capital("元整") == -1);
  CHECK(capital("元") == -1);
  CHECK(capital("整") == -1);
  CHECK(capital("") == -1);
  CHECK(capital("人民币") == -1);
  CHECK(capital("壹仟零伍佰元") == -1);  // 零 that skips no place
  CHECK(capital("壹万零贰仟元") == -1);
  CHECK(capital("壹元零伍角") == -1);
  CHECK(capital("壹佰伍元") == -1);      // 150 (colloquial) or 105 (零 lost)?
  CHECK(capital("壹佰元零") == -1);
  CHECK(capital("壹仟零零伍元") == -1);
  CHECK(capital("零伍元") == -1);
  CHECK(capital("伍角陆分整") == -1);    // 整 after 分
  CHECK(capital("壹万贰仟整") == -1);    // 整 without 元
  CHECK(capital("伍分陆角") == -1);
  CHECK(capital("伍角伍角") == -1);
  CHECK(capital("壹万二千元") == -1);    // lower-case digit among capitals
  CHECK(capital("一万元") == -1);
  CHECK(capital("万元") == -1);
  CHECK(capital("壹万亿元") == -1);      // 亿 after 万 (values below 10^12 only)
  CHECK(capital("壹佰元整伍角") == -1);
  CHECK(capital("12050元") == -1);
  CHECK(capital("拾拾元") == -1);
}

TEST_CASE("parse_chinese_number reads plain numerals") {
  CHECK(chinese("一万二千零五十") == 12050);
  CHECK(chinese("两千") == 2000);
  CHECK(chinese("两万五千") == 25000);
  CHECK(chinese("两百") == 200);
  CHECK(chinese("十五") == 15);
  CHECK(chinese("一十五") == 15);
  CHECK(chinese("三十") == 30);
  CHECK(chinese("三十五") == 35);
  CHECK(chinese("十") == 10);
  CHECK(chinese("五") == 5);
  CHECK(chinese("一百零三") == 103);
  CHECK(chinese("一百二十三") == 123);
  CHECK(chinese("一万零五") == 10005);
  CHECK(chinese("三亿零五十万") == 300500000);
  CHECK(chinese("二〇二三") == 2023);  // digit by digit: no unit characters
  CHECK(chinese("二零二三") == 2023);
  CHECK(chinese("〇") == 0);
  CHECK(chinese("零") == 0);
  CHECK(chinese("一 万") == 10000);
}

TEST_CASE("parse_chinese_number rejects malformed numerals") {
  CHECK(chinese("") == -1);
  CHECK(chinese("十十") == -1);
  CHECK(chinese("万") == -1);
  CHECK(chinese("两万五") == -1);  // colloquial 25000: rejected, a unit must follow
  CHECK(chinese("一百五") == -1);  // colloquial 150
  CHECK(chinese("两") == -1);      // 两 only before 百/千/万/亿
  CHECK(chinese("两十") == -1);
  CHECK(chinese("二两") == -1);
  CHECK(chinese("五百三千") == -1);
  CHECK(chinese("一百零") == -1);
  CHECK(chinese("一零百") == -1);
  CHECK(chinese("零五") == 5);     // digit by digit (no unit)
  CHECK(chinese("零五十") == -1);  // 零 cannot open a numeral with units
  CHECK(chinese("壹万") == -1);    // capitals are parse_capital_amount's
  CHECK(chinese("12") == -1);
  CHECK(chinese("二O二三") == -1);  // Latin O is read as 〇 in dates only
}

TEST_CASE("parse_amount tries Arabic, capital and plain Chinese forms") {
  CHECK(any("五万元") == 50000 * kYuan);
  CHECK(any("五万元整") == 50000 * kYuan);
  CHECK(any("人民币三百元") == 300 * kYuan);
  CHECK(any("1.25万元") == 12500 * kYuan);
  CHECK(any("壹万元整") == 10000 * kYuan);
  CHECK(any("叁佰元伍角") == 30050);
  CHECK(any("￥12,050.00") == 12050 * kYuan);
  CHECK(any("五万") == -1);  // a plain numeral without 元 is a count
  CHECK(any("两万五元") == -1);
  CHECK(any("abc") == -1);
  CHECK(any("") == -1);
  CHECK(any("元") == -1);
  CHECK(any("12,05元") == -1);
}

TEST_CASE("Amount::yuan_text writes yuan with two decimals") {
  CHECK(Amount{1205000}.yuan_text() == "12050.00");
  CHECK(Amount{1205050}.yuan_text() == "12050.50");
  CHECK(Amount{56}.yuan_text() == "0.56");
  CHECK(Amount{5}.yuan_text() == "0.05");
  CHECK(Amount{0}.yuan_text() == "0.00");
  CHECK(Amount{-150}.yuan_text() == "-1.50");
  CHECK(parse_capital_amount("壹万贰仟零伍拾元整")->yuan_text() == "12050.00");
}
