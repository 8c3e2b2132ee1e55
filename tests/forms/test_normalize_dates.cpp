// Dates: Chinese, Arabic and numeric forms; the date must exist.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

// The ISO date, or "none" when the text is rejected (readable in failures).
std::string iso(std::string_view text) {
  const auto date = parse_date(text);
  return date ? date->iso() : "none";
}

}  // namespace

TEST_CASE("parse_date reads Chinese numeral dates") {
  CHECK(iso("二〇二三年五月十二日") == "2023-05-12");
  CHECK(iso("二○二三年五月十二日") == "2023-05-12");  // ○ U+25CB
  CHECK(iso("二O二三年五月十二日") == "2023-05-12");  // Latin O
  CHECK(iso("二o二三年五月十二日") == "2023-05-12");
  CHECK(iso("二0二三年五月十二日") == "2023-05-12");  // Arabic 0
  CHECK(iso("二０二三年五月十二日") == "2023-05-12");  // full-width 0
  CHECK(iso("二零二三年十二月三十一日") == "2023-12-31");
  CHECK(iso("二〇二三年十月一日") == "2023-10-01");
  CHECK(iso("二〇〇八年二月二十九日") == "2008-02-29");
  CHECK(iso("二〇二三年十一月二十日") == "2023-11-20");
  CHECK(iso("2023年五月十二日") == "2023-05-12");
}

TEST_CASE("parse_date reads Arabic and numeric dates") {
  CHECK(iso("2023年5月12日") == "2023-05-12");
  CHECK(iso("2023年05月12日") == "2023-05-12");
  CHECK(iso("２０２３年５月１２日") == "2023-05-12");
  CHECK(iso("2023.5.12") == "2023-05-12");
  CHECK(iso("2023-05-12") == "2023-05-12");
  CHECK(iso("2023/5/12") == "2023-05-12");
  CHECK(iso("２０２３．５．１２") == "2023-05-12");
  CHECK(iso("2023 年 5 月 12 日") == "2023-05-12");
  CHECK(iso(" 二 〇 二 三 年 五 月 十 二 日 ") == "2023-05-12");
  CHECK(iso("2023 - 05 - 12") == "2023-05-12");
  CHECK(iso("2024年2月29日") == "2024-02-29");
  CHECK(iso("2000-02-29") == "2000-02-29");
}

TEST_CASE("parse_date rejects dates that do not exist or are incomplete") {
  CHECK(iso("2023年13月1日") == "none");
  CHECK(iso("2023年2月30日") == "none");
  CHECK(iso("2023-02-30") == "none");
  CHECK(iso("2023年2月29日") == "none");  // not a leap year
  CHECK(iso("1900-02-29") == "none");
  CHECK(iso("2023年4月31日") == "none");
  CHECK(iso("2023年0月1日") == "none");
  CHECK(iso("2023年1月0日") == "none");
  CHECK(iso("二〇二三年十三月一日") == "none");
  CHECK(iso("二〇二三年五月") == "none");
  CHECK(iso("2023年5月") == "none");
  CHECK(iso("") == "none");
  CHECK(iso("2023-5") == "none");
  CHECK(iso("2023-05-12-01") == "none");
  CHECK(iso("2023-05/12") == "none");  // mixed separators
  CHECK(iso("23-05-12") == "none");    // two-digit year
  CHECK(iso("20230512") == "none");
  CHECK(iso("2023-005-12") == "none");
  CHECK(iso("2O23年5月12日") == "none");  // Latin O among Arabic digits: no guessing
  CHECK(iso("二〇二年五月十二日") == "none");
  CHECK(iso("二〇二三年五一月十二日") == "none");  // digit-by-digit month
  CHECK(iso("二〇二三年五月十二日作出") == "none");
  CHECK(iso("2023年5月12") == "none");
  CHECK(iso("0000-01-01") == "none");
  CHECK(iso("abc") == "none");
}

TEST_CASE("Date::iso zero-pads and dates compare") {
  CHECK(Date{2023, 5, 1}.iso() == "2023-05-01");
  CHECK(Date{987, 12, 31}.iso() == "0987-12-31");
  CHECK(Date{2023, 5, 1} < Date{2023, 5, 2});
  CHECK(parse_date("2023年5月12日") == parse_date("二〇二三年五月十二日"));
}

TEST_CASE("repair_date reads a date OCR damaged only when one reading is a real date") {
  const auto iso = [](std::string_view s) {
    const auto d = repair_date(s);
    return d ? d->iso() : std::string("none");
  };
  // What parse_date reads, repair_date reads the same.
  CHECK(iso("2023年5月12日") == "2023-05-12");
  // A bracket or seal stroke before it, punctuation after, 曰 for 日.
  CHECK(iso("「二〇二三年八月四日") == "2023-08-04");
  CHECK(iso("二〇二三年八月四日。") == "2023-08-04");
  CHECK(iso("2023年5月12曰") == "2023-05-12");
  // The day's 日 read as 月: a date has one month.
  CHECK(iso("2023年6月12月") == "2023-06-12");
  CHECK(iso("二〇二三年六月十二月") == "2023-06-12");
  // One character of a Chinese year that is no digit: only 〇 gives a year 1990-2099.
  CHECK(iso("二百二三年八月八日") == "2023-08-08");
  // A 〇 lost from the year: only 二〇二三 is a plausible year.
  CHECK(iso("二二三年八月八日") == "2023-08-08");
  // 三 read for 二 in the day: 三十八 is no day, 二十八 is the only reading that is.
  CHECK(iso("二〇二三年三月三十八日") == "2023-03-28");
  // Where more than one reading is real, nothing is guessed.
  CHECK(iso("二〇二年四月十日") == "none");      // 2020 ... 2029
  CHECK(iso("二〇二三年二月三十日") == "none");  // 三月三十日 or 二月二十日
  CHECK(iso("二〇二三年五月十画日") == "none");
  CHECK(iso("abc") == "none");
}
