// Classification and the split into documents, on pages whose text is given:
// titles read with a wrong or missing character or hidden under a seal,
// multi-page documents, self-designed documents, unrelated and blank pages.
#include <catch2/catch.hpp>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;
using caseaudit::test::synthetic_page;

namespace {

std::vector<std::string> decision_page1(const std::string& title) {
  return {"南阳市市场监督管理局", title, "宛市监罚字〔2023〕16号", "当事人：南阳市宛城区瑞祥日用品有限公司",
          "统一社会信用代码：9141130260256150XL", "住所：南阳市宛城区工业南路26号",
          "2023年10月3日，本局对当事人涉嫌销售不合格产品一案立案调查。本局执法人员方芳（执法证号：41130325419）、",
          "董立新（执法证号：41130907120）依法对当事人进行了调查取证，现已调查终结。",
          "本局查明：当事人销售不合格电线20卷。", "上述事实，有检验报告等证据证明。", "— 1 —"};
}

std::vector<std::string> decision_page2(bool remedy = true) {
  std::vector<std::string> lines = {
      "2023年11月3日，本局向当事人送达了《行政处罚事先告知书》（宛市监罚告字〔2023〕12号），告知当事人",
      "本局认为，当事人的上述行为违反了《中华人民共和国产品质量法》第十三条的规定。依据《中华人民共和国产品质量",
      "法》第四十九条的规定，本局决定对当事人作出如下行政处罚：", "一、罚款人民币12050元（大写：人民币壹万贰仟零伍拾元整）。",
      "当事人应当自收到本决定书之日起十五日内缴纳罚没款。"};
  if (remedy)
    lines.push_back("当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向南阳市人民政府申请行政复议；也可以在六个月内依法向南阳市宛城区人民法院提起行政诉讼。");
  lines.insert(lines.end(), {"南阳市市场监督管理局", "二〇二三年十一月十三日", "— 2 —"});
  return lines;
}

forms::CaseExtraction run(const std::vector<std::vector<std::string>>& pages) {
  std::vector<ocr::PageResult> p;
  for (std::size_t i = 0; i < pages.size(); ++i) p.push_back(synthetic_page(pages[i], std::to_string(i + 1) + ".jpg"));
  return forms::extract_case("test", p, test::shipped_templates());
}

}  // namespace

TEST_CASE("a two-page decision is one standard document, whatever happened to its title") {
  for (const std::string title : {"行政处罚决定书", "行政处罚决走书" /* wrong character */, "行政处罚定书" /* missing */,
                                  "行 政 处 罚 决 定 书" /* spaced */, "南阳市市场监督管理局行政处罚决定书"}) {
    INFO(title);
    const auto c = run({decision_page1(title), decision_page2()});
    REQUIRE(c.documents.size() == 1);
    const forms::Document& d = c.documents[0];
    CHECK(d.type == "行政处罚决定书");
    CHECK(d.pages == std::vector<int>{0, 1});
    CHECK(d.standard);
    CHECK(d.confidence > 0.75);
  }
}

TEST_CASE("a decision whose title is hidden under a seal is still known, with less confidence") {
  auto page1 = decision_page1("");
  page1.erase(page1.begin() + 1);
  const auto c = run({page1, decision_page2()});
  REQUIRE_FALSE(c.documents.empty());
  CHECK(c.documents[0].type == "行政处罚决定书");
  CHECK(c.documents[0].pages == std::vector<int>{0, 1});
  CHECK(c.documents[0].confidence <= 0.6);
}

TEST_CASE("a decision without its remedy paragraph is non-standard, naming the missing section") {
  const auto c = run({decision_page1("行政处罚决定书"), decision_page2(false)});
  REQUIRE(c.documents.size() == 1);
  CHECK_FALSE(c.documents[0].standard);
  REQUIRE(c.documents[0].deviations.size() == 1);
  CHECK_THAT(c.documents[0].deviations[0].message, Catch::Contains("救济途径"));
}

TEST_CASE("a self-designed letter in place of the transfer is the transfer, non-standard") {
  const auto c = run({{"南阳市市场监督管理局", "移送涉嫌犯罪备案函", "宛市监函〔2023〕5号", "南阳市公安局：",
                       "近期，我局在日常监管中发现某某公司涉嫌销售伪劣产品，涉案金额较大（约12.3万元），可能涉嫌犯罪。",
                       "现将有关情况函告贵局备案，请贵局予以关注并支持配合。", "特此函告。", "南阳市市场监督管理局",
                       "二〇二三年十二月四日"}});
  REQUIRE(c.documents.size() == 1);
  const forms::Document& d = c.documents[0];
  CHECK(d.type == "涉嫌犯罪案件移送书");
  CHECK_FALSE(d.standard);
  bool title = false, copy = false;
  for (const auto& v : d.deviations) {
    title = title || v.code == "title";
    copy = copy || v.message.find("抄送检察院") != std::string::npos;
  }
  CHECK(title);
  CHECK(copy);
}

TEST_CASE("titles that differ by one or two characters go to the right template") {
  const auto type_of = [](const std::vector<std::string>& lines) { return run({lines}).documents.at(0).type; };
  CHECK(type_of({"某市公安局", "不予立案通知书", "某公（经）不立字〔2023〕9号", "某市市场监督管理局：",
                 "你单位于2023年12月4日移送的某某涉嫌销售伪劣产品罪一案，我局经审查认为，现有证据不足以证明有犯罪事实，决定不予立案。",
                 "如你单位对本决定有异议，可以在收到本通知书之日起三日内向我局申请复议。"}) == "不予立案通知书");
  CHECK(type_of({"某市公安局", "立案通知书", "某公（经）立字〔2023〕9号", "某市市场监督管理局：",
                 "你单位于2023年12月4日移送的某某涉嫌销售伪劣产品罪一案，我局经审查认为有犯罪事实需要追究刑事责任，已决定立案侦查。"}) ==
        "立案通知书");
  // 不予 misread: still the refusal, by the characters that agree.
  CHECK(type_of({"某市公安局", "不于立案通知书", "你单位移送的案件，我局决定不予立案。"}) == "不予立案通知书");
  CHECK(type_of({"某市市场监督管理局", "结案审批表", "案由 涉嫌销售不合格产品", "当事人 某某公司"}) == "结案审批表");
  CHECK(type_of({"某市市场监督管理局", "撤案审批表", "案件名称 某某公司涉嫌销售伪劣产品案"}) == "撤案审批表");
}

TEST_CASE("a document named in the text of another is not taken for its title") {
  const auto c = run({{"本局已向当事人送达了《行政处罚事先告知书》，", "当事人在法定期限内未提出陈述、申辩。"}});
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].type == forms::kUnknownType);
}

TEST_CASE("an unrelated page after a multi-page document is unknown, a blank page is blank") {
  const auto c = run({decision_page1("行政处罚决定书"), decision_page2(),
                      {"营业执照", "统一社会信用代码 91411302MA44XYZ12K", "名称 南阳市某某商贸有限公司", "类型 有限责任公司",
                       "经营范围 日用百货销售"},
                      {}});
  REQUIRE(c.documents.size() == 3);
  CHECK(c.documents[0].type == "行政处罚决定书");
  CHECK(c.documents[1].type == forms::kUnknownType);
  CHECK(c.documents[1].pages == std::vector<int>{2});
  CHECK(c.documents[2].type == "空白页");
}

TEST_CASE("fields of a decision carry their value, raw text, page and box") {
  const auto c = run({decision_page1("行政处罚决定书"), decision_page2()});
  const forms::Document& d = c.documents.at(0);
  const forms::ExtractedField* fine = d.field("罚款金额");
  REQUIRE(fine);
  CHECK(fine->value == 12050);
  CHECK(fine->raw == "12050元");
  REQUIRE(fine->where.size() == 1);
  CHECK(fine->where[0].page == 1);
  CHECK(fine->where[0].box.w > 0);
  const forms::ExtractedField* capitals = d.field("罚款金额大写");
  REQUIRE(capitals);
  CHECK(capitals->value == 12050);
  CHECK(d.field("文号")->value == "宛市监罚字〔2023〕16号");
  CHECK(d.field("决定日期")->value == "2023-11-13");
  CHECK(d.field("处罚依据")->value.at(0).at("article") == 49);
  REQUIRE(d.field("处罚种类"));
  CHECK(d.field("处罚种类")->value == nlohmann::json::array({"罚款"}));
  const auto* officers = d.field("执法人员");
  REQUIRE(officers);
  REQUIRE(officers->value.size() == 2);
  CHECK(officers->value[1]["name"] == "董立新");
  CHECK(officers->value[1]["证号"] == "41130907120");
  CHECK(d.missing_fields.empty());
}

TEST_CASE("a value that cannot be read stays as text, flagged, never guessed") {
  auto page2 = decision_page2();
  page2[3] = "一、罚款人民币12,05元（大写：人民币壹万贰仟零伍拾元整）。";
  const auto c = run({decision_page1("行政处罚决定书"), page2});
  const forms::ExtractedField* fine = c.documents.at(0).field("罚款金额");
  REQUIRE(fine);
  CHECK_FALSE(fine->parsed);
  CHECK(fine->value.is_null());
  CHECK(fine->raw == "12,05元");
  CHECK_THAT(fine->problem, Catch::Contains("金额"));
}

TEST_CASE("the extraction round-trips through its JSON schema") {
  const auto c = run({decision_page1("行政处罚决定书"), decision_page2(), {}});
  const nlohmann::json j = forms::to_json(c);
  CHECK(j["schema"] == forms::kExtractSchema);
  const forms::CaseExtraction back = forms::extraction_from_json(j);
  CHECK(forms::to_json(back) == j);
  nlohmann::json broken = j;
  broken["documents"][0].erase("type");
  CHECK_THROWS_WITH(forms::extraction_from_json(broken), Catch::Contains("type"));
}

TEST_CASE("the summary masks ID numbers unless asked not to") {
  auto page1 = decision_page1("行政处罚决定书");
  page1[3] = "当事人：孙秀英";
  page1[4] = "身份证号码：110102199101010078";
  const auto c = run({page1, decision_page2()});
  CHECK_THAT(forms::summary_text(c), Catch::Contains("110102********0078"));
  CHECK_THAT(forms::summary_text(c), !Catch::Contains("110102199101010078"));
  CHECK_THAT(forms::summary_text(c, false), Catch::Contains("110102199101010078"));
}
