// A transfer letter addressed to a police sub-bureau or one of its units: the
// receiving authority and the party are read from the salutation.
#include <catch2/catch.hpp>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;

namespace {

forms::Document letter(const std::string& to) {
  const std::vector<std::string> lines = {
      "南阳市市场监督管理局", "涉嫌犯罪案件移送书", "宛市监移〔2023〕3号", to + "：",
      "我局在查处南阳市宛城区瑞祥日用品有限公司（统一社会信用代码：9141130260256150XL）涉嫌销售伪劣产品一案中，发现其涉嫌犯罪。",
      "经查，当事人销售金额52000元。",
      "根据《行政执法机关移送涉嫌犯罪案件的规定》第三条之规定，现将该案移送你局，涉嫌《中华人民共和国刑法》第一百四十条规定的销售伪劣产品罪。",
      "附件：1.涉嫌犯罪案件情况的调查报告", "南阳市市场监督管理局", "2023年8月10日"};
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_page(lines)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].type == "涉嫌犯罪案件移送书");
  return c.documents[0];
}

}  // namespace

TEST_CASE("a transfer letter to a sub-bureau or a unit of it names its receiver and the party") {
  for (const char* to : {"南阳市公安局", "南阳市公安局宛城分局", "南阳市公安局食品药品环境犯罪侦查支队"}) {
    INFO(to);
    const forms::Document d = letter(to);
    REQUIRE(d.field("接收机关"));
    CHECK(d.field("接收机关")->value == to);
    REQUIRE(d.field("当事人"));
    CHECK(d.field("当事人")->value["name"] == "南阳市宛城区瑞祥日用品有限公司");
    CHECK(d.field("涉嫌罪名")->value == "销售伪劣产品罪");
  }
}

TEST_CASE("a self-designed transfer letter: the 案由 ends with its sentence, and the title's 涉嫌…犯罪 is no offence") {
  const std::vector<std::string> lines = {
      "关于移送涉嫌销售伪劣产品", "犯罪案件的函", "桐市监函〔2023〕5号", "桐原县公安局：",
      "我局在专项检查中发现，桐原县鑫源五金有限公司涉嫌销售不符合保障人身、财产安全的国家标准的产品。经初步核查，当事人销售金额103350元，其行为可能涉嫌销售伪劣产品罪。现将案件移送你局。",
      "附件：1.涉嫌犯罪案件情况的调查报告", "桐原县市场监督管理局", "2023年8月10日"};
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_page(lines)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  const forms::Document& d = c.documents[0];
  REQUIRE(d.field("案由"));
  CHECK(d.field("案由")->value == "销售不符合保障人身、财产安全的国家标准的产品");
  REQUIRE(d.field("涉嫌罪名"));
  CHECK(d.field("涉嫌罪名")->value == "销售伪劣产品罪");
}
