// Width folding and white-space removal: the fast way for text NFKC leaves
// alone must give what ICU's normaliser gives.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

TEST_CASE("fold_width folds full-width and compatibility characters, and removes every space") {
  CHECK(fold_width("宛市监处罚〔2023〕87号") == "宛市监处罚〔2023〕87号");
  CHECK(fold_width("ＡＢＣ　１２３") == "ABC123");                   // full-width letters, ideographic space
  CHECK(fold_width("（有限公司）") == "(有限公司)");                  // full-width brackets
  CHECK(fold_width("第〸条") == "第十条");                            // a Hangzhou numeral is a compatibility form
  CHECK(fold_width("㈠ 罚款") == "(一)罚款");
  CHECK(fold_width("南 阳\t市\n") == "南阳市");
  CHECK(fold_width("ab\xff" "cd") == "ab\xEF\xBF\xBD" "cd");         // not UTF-8: U+FFFD, nothing lost after it
}

TEST_CASE("nfkc_inert: only text the normaliser would leave as it is") {
  CHECK(nfkc_inert("南阳市宛城区鑫源商贸有限公司"));
  CHECK(nfkc_inert("abc 123"));
  CHECK_FALSE(nfkc_inert("ＡＢＣ"));
  CHECK_FALSE(nfkc_inert("〸"));
  CHECK_FALSE(nfkc_inert("ab\xff"));
}

TEST_CASE("strip_spaces keeps every other character as it was") {
  CHECK(strip_spaces(" 宛 市监 处罚 ") == "宛市监处罚");
  CHECK(strip_spaces("ＡＢＣ") == "ＡＢＣ");
}

TEST_CASE("nfkc_inert: a letter and the accent after it are not (they compose)") {
  CHECK_FALSE(nfkc_inert("e\xCC\x81"));  // e + U+0301
  CHECK(fold_width("e\xCC\x81") == "\xC3\xA9");
}
