// A decision in the wordings bureaus print. The 当事人 block: another label
// (被处罚人), a qualifier, a person's particulars after a comma, the code in
// brackets after the name, a spaced label, the name on the next line; a
// wrapped line of prose that starts with 当事人 is never taken for the label.
// The officers in the prose: the list ends with its clause.
#include <catch2/catch.hpp>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;
using caseaudit::test::synthetic_page;

namespace {

const std::vector<std::string> kOfficers = {
    "2023年10月3日，本局对当事人涉嫌销售不合格产品一案立案调查。本局执法人员方芳（执法证号：41130325419）、",
    "董立新（执法证号：41130907120）依法对当事人进行了调查取证，现已调查终结。"};

// A decision's first page: its party block, then how the officers are named.
std::vector<std::string> page1(const std::vector<std::string>& party, const std::vector<std::string>& officers) {
  std::vector<std::string> v = {"南阳市市场监督管理局", "行政处罚决定书", "宛市监罚字〔2023〕16号"};
  v.insert(v.end(), party.begin(), party.end());
  v.insert(v.end(), officers.begin(), officers.end());
  v.insert(v.end(), {"本局查明：当事人销售不合格电线20卷。", "上述事实，有检验报告等证据证明。", "— 1 —"});
  return v;
}

std::vector<std::string> page2() {
  return {"2023年11月3日，本局向当事人送达了《行政处罚事先告知书》（宛市监罚告字〔2023〕12号），告知当事人",
      "本局认为，当事人的上述行为违反了《中华人民共和国产品质量法》第十三条的规定。依据《中华人民共和国产品质量",
      "法》第四十九条的规定，本局决定对当事人作出如下行政处罚：", "一、罚款人民币12050元（大写：人民币壹万贰仟零伍拾元整）。",
      "当事人应当自收到本决定书之日起十五日内缴纳罚没款。",
      "当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向南阳市人民政府申请行政复议；也可以在六个月内依法向南阳市宛城区人民法院提起行政诉讼。",
      "南阳市市场监督管理局", "二〇二三年十一月十三日", "— 2 —"};
}

forms::Document decision(const std::vector<std::string>& party, const std::vector<std::string>& officers = kOfficers) {
  std::vector<ocr::PageResult> p{synthetic_page(page1(party, officers), "1.jpg"), synthetic_page(page2(), "2.jpg")};
  return forms::extract_case("t", p, test::shipped_templates()).documents.at(0);
}

std::string party_of(const forms::Document& d) {
  const forms::ExtractedField* f = d.field("当事人");
  return f ? f->value.value("name", "") : "(none)";
}

const char* const kCompany = "南阳市宛城区瑞祥日用品有限公司";

}  // namespace

TEST_CASE("a decision's party under another label, or with a qualifier, is read, prose starting 当事人 is not a label") {
  // The second page's "当事人应当自收到本决定书之日起…" starts a line, with no colon.
  for (const char* label : {"被处罚人：", "当事人（单位）：", "当事人名称：", "当 事 人：", "被处罚单位："}) {
    INFO(label);
    CHECK(party_of(decision({std::string(label) + kCompany, "统一社会信用代码：9141130260256150XL",
                              "住所：南阳市宛城区工业南路26号"})) == kCompany);
  }
}

TEST_CASE("a party's name ends at the comma or bracket before its particulars") {
  const forms::Document person = decision({"当事人：张三，男，1980年1月1日出生，身份证号码：411302198001011234，",
                                           "住址：南阳市宛城区工业南路26号。"});
  CHECK(party_of(person) == "张三");
  CHECK(person.field("身份证号")->value == "411302198001011234");
  CHECK(party_of(decision({std::string("当事人：") + kCompany + "（统一社会信用代码：9141130260256150XL），住所：南阳市宛城区工业南路26号。"})) ==
        kCompany);
  CHECK(party_of(decision({"当事人：", kCompany, "统一社会信用代码：9141130260256150XL", "住所：南阳市宛城区工业南路26号"})) == kCompany);
}

TEST_CASE("a decision's officers are the list of their clause, whatever verb ends it") {
  const auto officers = [](const std::vector<std::string>& prose) {
    const forms::Document d = decision({std::string("当事人：") + kCompany}, prose);
    return test::officers_text(d.field("执法人员"));
  };
  CHECK(officers(kOfficers) == "方芳=41130325419;董立新=41130907120;");
  CHECK(officers({"2023年10月3日，本局立案调查，指派执法人员李四（证号HB416251888）、王五（证号HB416251889）",
                  "于当日赴现场检查。"}) == "李四=HB416251888;王五=HB416251889;");
  CHECK(officers({"2023年10月3日，本局办案人员李四（41130325419）、王五（41130907120）在检查中发现当事人销售不合格产品。"}) ==
        "李四=41130325419;王五=41130907120;");
  CHECK(officers({"2023年10月3日，本局执法人员李四、王五（执法证号：豫烟执552066、豫烟执552067）前往当事人经营场所检查。"}) ==
        "李四=豫烟执552066;王五=豫烟执552067;");
  CHECK(officers({"2023年10月3日，执法人员：李四（41130325419）、王五（41130907120）到当事人经营场所检查。"}) ==
        "李四=41130325419;王五=41130907120;");
}


TEST_CASE("a notice's penalty basis is not the article it gives the party's rights under") {
  const std::vector<std::string> page = {
      "南阳市市场监督管理局", "行政处罚事先告知书", "宛市监罚告字〔2023〕12号", std::string("当事人：") + kCompany,
      "本局认为，你（单位）的上述行为违反了《中华人民共和国食品安全法》第三十五条第一款的规定。依据《中华人民共和国食品安全",
      "法》第一百二十二条第一款的规定，对你（单位）作出如下行政处罚：", "一、罚款人民币98000元。",
      "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）可在收到本告知书之日起五日内向本局进行陈述、申辩。",
      "南阳市市场监督管理局", "2023年11月3日"};
  const forms::CaseExtraction c = forms::extract_case("t", {synthetic_page(page)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  const forms::ExtractedField* basis = c.documents[0].field("处罚依据");
  REQUIRE(basis);
  REQUIRE(basis->value.size() == 1);
  CHECK(basis->value[0]["law"] == "中华人民共和国食品安全法");
  CHECK(basis->value[0]["article"] == 122);
}

TEST_CASE("a label with an alternative after a slash: the value after the colon") {
  const forms::Document d = decision({std::string("当事人：") + kCompany, "统一社会信用代码/注册号：9141130260256150XL",
                                      "住所/经营场所：南阳市宛城区工业南路26号"});
  CHECK(d.field("统一社会信用代码")->value == "9141130260256150XL");
  CHECK(d.field("地址")->value == "南阳市宛城区工业南路26号");
}

TEST_CASE("a signature date with one character misread is read, and marked to check") {
  for (const auto& [printed, iso] : std::vector<std::pair<std::string, std::string>>{
           {"二百二三年十一月十三日", "2023-11-13"}, {"12023年11月13月", "2023-11-13"}, {"二〇二三年十一月十三日", "2023-11-13"}}) {
    INFO(printed);
    std::vector<std::string> last = page2();
    last[last.size() - 2] = printed;
    std::vector<ocr::PageResult> p{synthetic_page(page1({"当事人：" + std::string(kCompany)}, kOfficers), "1.jpg"),
                                   synthetic_page(last, "2.jpg")};
    const forms::Document d = forms::extract_case("t", p, test::shipped_templates()).documents.at(0);
    const forms::ExtractedField* f = d.field("决定日期");
    REQUIRE(f);
    CHECK(f->value == iso);
    CHECK(f->certain == (printed.rfind("二〇", 0) == 0));  // a repaired reading is for a person to check
  }
}
