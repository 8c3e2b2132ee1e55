// The officers who sign a 调查报告, in the ways reports name them: a label
// after other words on its line, with 签名 or a qualifier, the officers on the
// lines below; never a line of the narrative that happens to name them.
#include <catch2/catch.hpp>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;

namespace {

// The officers a report signed with these lines reads, "name=number;" each.
std::string officers(const std::vector<std::string>& signature) {
  std::vector<std::string> lines = {
      "南阳市市场监督管理局", "涉嫌犯罪案件情况的调查报告", "一、案件来源",
      "本案系监督抽检案件。2023年7月7日，本局执法人员在检查中发现当事人涉嫌销售伪劣产品，于2023年7月8日立案。",
      "本局执法人员赵六、钱七（执法证号：41130000001、41130000002）对当事人的经营场所进行了检查。",
      "二、当事人基本情况", "当事人：南阳市宛城区瑞祥日用品有限公司，统一社会信用代码：9141130260256150XL。",
      "三、涉嫌犯罪的事实", "经查，当事人销售不合格电线，销售金额52000元。", "四、移送理由",
      "根据《行政执法机关移送涉嫌犯罪案件的规定》第三条，建议将本案移送公安机关。", "以上报告，请审查。"};
  lines.insert(lines.end(), signature.begin(), signature.end());
  lines.insert(lines.end(), {"南阳市市场监督管理局", "2023年8月9日"});
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_page(lines)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].type == "涉嫌犯罪案件情况的调查报告");
  return test::officers_text(c.documents[0].field("执法人员"));
}

}  // namespace

TEST_CASE("a report's officers are read from its signature lines in the wordings reports use") {
  const std::string both = "李四=41130325419;王五=41130907120;";
  CHECK(officers({"承办人员签名：李四、王五"}) == "李四=;王五=;");
  CHECK(officers({"案件承办人：李四（执法证号：41130325419）、王五（执法证号：41130907120）"}) == both);
  CHECK(officers({"承办部门：稽查大队 承办人：李四（41130325419）、王五（41130907120）"}) == both);
  CHECK(officers({"承办人：", "李四（执法证号：41130325419）", "王五（执法证号：41130907120）"}) == both);
  CHECK(officers({"调查人员：李四 执法证号：41130325419", "王五 执法证号：41130907120"}) == both);
  CHECK(officers({"执法人员（签名）：李四（41130325419）、王五（41130907120）"}) == both);
  CHECK(officers({"经办人：李四（41130325419）、王五（41130907120）"}) == both);
}

TEST_CASE("a report signed an officer a line, under a label alone, or by 主办人 and 协办人, names both, never the narrative's") {
  const std::string both = "李四=41130325419;王五=41130907120;";
  CHECK(officers({"调查人：李四 执法证号：41130325419", "调查人：王五 执法证号：41130907120"}) == both);
  CHECK(officers({"调查人：李四", "调查人：王五"}) == "李四=;王五=;");
  CHECK(officers({"调查人员", "李四（41130325419）", "王五（41130907120）"}) == both);
  CHECK(officers({"主办人：李四（41130325419）", "协办人：王五（41130907120）"}) == both);
  CHECK(officers({"承办人：李四 41130325419", "王五 41130907120"}) == both);
  CHECK(officers({"调查人（签名）：李四", "王五"}) == "李四=;王五=;");
  CHECK(officers({"报告人：李四、王五", "审核人：赵六"}) == "李四=;王五=;");
  // A closing formula below the signature is no officer.
  CHECK(officers({"调查人：李四、王五", "此致"}) == "李四=;王五=;");
}
