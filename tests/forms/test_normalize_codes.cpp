// 统一社会信用代码 and 公民身份号码: form, check character, OCR misreads.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

TEST_CASE("check_credit_code accepts codes whose check character agrees") {
  for (const char* code : {"91110000600037341L", "121200004013590816", "91310115MA1K3BTP2B"}) {
    INFO(code);
    const CodeCheck check = check_credit_code(code);
    CHECK(check.code == code);
    CHECK(check.well_formed);
    CHECK(check.check_ok);
    CHECK(check.possible_misread.empty());
  }
  SECTION("folding: case, width, spaces") {
    const CodeCheck lower = check_credit_code("91310115ma1k3btp2b");
    CHECK(lower.code == "91310115MA1K3BTP2B");
    CHECK(lower.check_ok);
    const CodeCheck wide = check_credit_code("９１３１０１１５ＭＡ１Ｋ３ＢＴＰ２Ｂ");
    CHECK(wide.code == "91310115MA1K3BTP2B");
    CHECK(wide.check_ok);
    const CodeCheck spaced = check_credit_code(" 9131 0115 MA1K 3BTP 2B ");
    CHECK(spaced.code == "91310115MA1K3BTP2B");
    CHECK(spaced.check_ok);
    // A lower-case l read where L is printed is just L upper-cased.
    CHECK(check_credit_code("91110000600037341l").check_ok);
  }
}

TEST_CASE("check_credit_code rejects wrong codes") {
  const CodeCheck wrong = check_credit_code("91110000600037341N");
  CHECK(wrong.well_formed);
  CHECK_FALSE(wrong.check_ok);
  // Its confusable characters are 0 and 1, whose look-alikes O and I are
  // outside the alphabet, so no substitution is tried and nothing explains N.
  CHECK(wrong.possible_misread.empty());

  for (const char* text : {"", "9111000060003734", "91110000600037341LL", "9111000060003734IL",
                           "9111000060003734VL", "911100006000373一L"}) {
    INFO(text);
    const CodeCheck check = check_credit_code(text);
    CHECK_FALSE(check.well_formed);
    CHECK_FALSE(check.check_ok);
  }
}

TEST_CASE("check_credit_code proposes a misread only when one reading explains it") {
  // Letters O for zeros: no single substitution helps (four of them), mapping
  // every character outside the alphabet does.
  const CodeCheck letters = check_credit_code("9111OOOO600037341L");
  CHECK_FALSE(letters.well_formed);
  CHECK_FALSE(letters.check_ok);
  CHECK(letters.possible_misread == "91110000600037341L");

  CHECK(check_credit_code("9131O115MA1K3BTP2B").possible_misread == "91310115MA1K3BTP2B");
  CHECK(check_credit_code("91310115MA1K3BTPZB").possible_misread == "91310115MA1K3BTP2B");
  // B read as 8 in the check character: well formed, check fails, B fixes it.
  const CodeCheck eight = check_credit_code("91310115MA1K3BTP28");
  CHECK(eight.well_formed);
  CHECK_FALSE(eight.check_ok);
  CHECK(eight.possible_misread == "91310115MA1K3BTP2B");
  // Two single substitutions validate (D->0 at 5, B->8 at 15): ambiguous.
  CHECK(check_credit_code("7Y81DY263PU12JB8BU").possible_misread.empty());
  // A character with no confusable outside the alphabet: nothing proposed.
  CHECK(check_credit_code("9111000060003734VL").possible_misread.empty());
}

TEST_CASE("check_id_number accepts numbers with a real birth date and right check") {
  for (const char* number : {"44011320141005001X", "110102199101010078"}) {
    INFO(number);
    const CodeCheck check = check_id_number(number);
    CHECK(check.code == number);
    CHECK(check.well_formed);
    CHECK(check.check_ok);
    CHECK(check.possible_misread.empty());
  }
  const CodeCheck lower = check_id_number("44011320141005001x");
  CHECK(lower.code == "44011320141005001X");
  CHECK(lower.check_ok);
  const CodeCheck wide = check_id_number("１１０１０２ １９９１０１０１ ００７８");
  CHECK(wide.code == "110102199101010078");
  CHECK(wide.check_ok);
}

TEST_CASE("check_id_number rejects wrong numbers") {
  const CodeCheck check_wrong = check_id_number("36042619910102009X");
  CHECK(check_wrong.well_formed);
  CHECK_FALSE(check_wrong.check_ok);
  CHECK(check_wrong.possible_misread.empty());  // X has no confusable, the digits none allowed

  const CodeCheck month13 = check_id_number("360426199113010079");  // check digit right
  CHECK_FALSE(month13.well_formed);
  CHECK_FALSE(month13.check_ok);

  for (const char* text : {"", "11010219910101007", "1101021991010100788", "1101021991010100X8",
                           "110102199102300078" /* 30 Feb */, "11010219910101007A"}) {
    INFO(text);
    const CodeCheck check = check_id_number(text);
    CHECK_FALSE(check.well_formed);
    CHECK_FALSE(check.check_ok);
  }
}

TEST_CASE("check_id_number proposes a misread of confusable letters") {
  CHECK(check_id_number("11O102199101010078").possible_misread == "110102199101010078");
  CHECK(check_id_number("4401132014100500lX").possible_misread == "44011320141005001X");
  CHECK(check_id_number("44O1132O141OO5OO1X").possible_misread == "44011320141005001X");
  CHECK(check_id_number("44011320141005001B").possible_misread.empty());
}
