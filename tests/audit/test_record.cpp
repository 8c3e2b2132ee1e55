// Case records: the normalisations both sides of the reconciliation share.
#include <catch2/catch.hpp>

#include "caseaudit/audit/record.h"

using namespace caseaudit::audit;

TEST_CASE("文号 in any bracket style gives one key") {
  CHECK(doc_number_key("宛市监处罚[2023]87号") == "宛市监处罚〔2023〕87号");
  CHECK(doc_number_key("宛市监处罚（２０２３）第0087号") == "宛市监处罚〔2023〕87号");
  CHECK(doc_number_key("无文号").empty());
}

TEST_CASE("party names compare without width, spaces and bracket style") {
  CHECK(party_key("南阳市 宛城区某某商贸（有限公司）") == party_key("南阳市宛城区某某商贸(有限公司)"));
  CHECK(party_key("ＡＢＣ 公司") == party_key("abc公司"));
  CHECK(party_key("张三") != party_key("张四"));
}

TEST_CASE("the platform's category words") {
  CHECK(parse_category("行政处罚") == Category::Penalty);
  CHECK(parse_category("涉嫌犯罪移送") == Category::Transfer);
  CHECK(parse_category("移送公安") == Category::Transfer);
  CHECK_FALSE(parse_category("").has_value());
  CHECK_FALSE(parse_category("其他").has_value());
}

TEST_CASE("party names in compatibility forms fold as the plain ones do") {
  CHECK(party_key("㈠南阳市某某商贸有限公司") == party_key("(一)南阳市某某商贸有限公司"));
  CHECK(party_key("南阳市 某某 商贸") == "南阳市某某商贸");
  CHECK(party_key("ＡＢＣ（南阳）") == "abc南阳");
}
