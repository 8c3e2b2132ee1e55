// One case file, one truth: a misread on one document is outvoted by the
// others; a clear difference is left for the rules to report.
#include <catch2/catch.hpp>

#include "case_consensus.h"
#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

ExtractedField field(const std::string& name, const std::string& type, nlohmann::json value, bool certain = true) {
  ExtractedField f;
  f.name = name, f.type = type, f.value = value, f.parsed = true, f.certain = certain;
  f.confidence = certain ? 0.97f : 0.6f;
  f.raw = value.is_string() ? value.get<std::string>() : value.is_object() ? value.value("name", "") : value.dump();
  return f;
}

Document doc(const std::string& type, std::vector<ExtractedField> fields) {
  Document d;
  d.type = type, d.fields = std::move(fields);
  return d;
}

nlohmann::json party(const std::string& name) { return {{"name", name}, {"kind", "unit"}}; }

}  // namespace

TEST_CASE("a credit code misread on a fax-quality page is outvoted by the documents that pass their check") {
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("统一社会信用代码", "credit_code", "91411102MA9K3L8X7W", false)}));
  c.documents.push_back(doc("行政处罚决定书", {field("统一社会信用代码", "credit_code", "91411102MA9K3L8X7M")}));
  c.documents.push_back(doc("行政处罚事先告知书", {field("统一社会信用代码", "credit_code", "91411102MA9K3L8X7M")}));
  REQUIRE(check_credit_code("91411102MA9K3L8X7M").check_ok);
  reconcile_case_fields(c);
  const ExtractedField* f = c.documents[0].field("统一社会信用代码");
  CHECK(f->value == "91411102MA9K3L8X7M");
  CHECK(f->corrected_from == "91411102MA9K3L8X7W");
  CHECK(f->certain);
}

TEST_CASE("a wrong check character read clearly, that no OCR confusion explains, is left for the rules") {
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("统一社会信用代码", "credit_code", "91411102MA9K3L8X7M")}));
  c.documents.push_back(doc("行政处罚决定书", {field("统一社会信用代码", "credit_code", "91411102MA9K3L8X7K")}));
  reconcile_case_fields(c);
  CHECK(c.documents[1].field("统一社会信用代码")->value == "91411102MA9K3L8X7K");
  CHECK(c.documents[1].field("统一社会信用代码")->corrected_from.empty());
}

TEST_CASE("an agency name misread in look-alikes is outvoted, another agency is not") {
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("机关名称", "text", "菀州市市场监督管理局")}));
  c.documents.push_back(doc("行政处罚决定书", {field("机关名称", "text", "宛州市市场监督管理局")}));
  c.documents.push_back(doc("行政处罚事先告知书", {field("机关名称", "text", "宛州市市场监督管理局")}));
  c.documents.push_back(doc("立案通知书", {field("机关名称", "text", "宛州市公安局")}));
  reconcile_case_fields(c);
  CHECK(c.documents[0].field("机关名称")->value == "宛州市市场监督管理局");
  CHECK(c.documents[0].field("机关名称")->corrected_from == "菀州市市场监督管理局");
  CHECK(c.documents[3].field("机关名称")->value == "宛州市公安局");
}

TEST_CASE("a name cut at its start or end by a seal or a rule takes the whole one the other documents read") {
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("机关名称", "text", "安平县烟草专卖局"), field("当事人", "party", party("桐原县鑫源建材有限公司"))}));
  c.documents.push_back(doc("行政处罚决定书", {field("机关名称", "text", "平县烟草专卖局"), field("当事人", "party", party("桐原县鑫源建材有限公司"))}));
  c.documents.push_back(doc("送达回证", {field("机关名称", "text", "安平县烟草专卖局"), field("当事人", "party", party("桐原县"))}));
  reconcile_case_fields(c);
  CHECK(c.documents[1].field("机关名称")->value == "安平县烟草专卖局");
  CHECK(c.documents[1].field("机关名称")->corrected_from == "平县烟草专卖局");
  CHECK(c.documents[2].field("当事人")->value["name"] == "桐原县鑫源建材有限公司");
  // A part from the middle, or a name no document reads whole, is left as read.
  CaseExtraction d;
  d.documents.push_back(doc("立案审批表", {field("机关名称", "text", "安平县烟草专卖局")}));
  d.documents.push_back(doc("行政处罚决定书", {field("机关名称", "text", "烟草专卖")}));
  reconcile_case_fields(d);
  CHECK(d.documents[1].field("机关名称")->value == "烟草专卖");
}

TEST_CASE("a doubtful party name takes the one the other documents read with certainty") {
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("当事人", "party", party("宛州市德远商贸有限公司"))}));
  c.documents.push_back(doc("行政处罚决定书", {field("当事人", "party", party("宛州市德远商货有限公司"), false)}));
  c.documents.push_back(doc("送达回证", {field("当事人", "party", party("张三（代收）"))}));
  reconcile_case_fields(c);
  CHECK(c.documents[1].field("当事人")->value["name"] == "宛州市德远商贸有限公司");
  CHECK(c.documents[2].field("当事人")->value["name"] == "张三（代收）");
}

TEST_CASE("a reference to a decision's 文号 misread in a look-alike takes the decision's own") {
  CaseExtraction c;
  c.documents.push_back(doc("行政处罚决定书", {field("文号", "doc_number", "宛临市监处罚〔2023〕33号")}));
  c.documents.push_back(doc("结案审批表", {field("文号", "doc_number", "宛临市监处罚〔2023〕33号")}));
  c.documents.push_back(doc("送达回证", {field("送达文书文号", "doc_number", "菀临市监处罚〔2023〕33号")}));
  c.documents.push_back(doc("行政处罚事先告知书", {field("文号", "doc_number", "宛临市监告〔2023〕33号")}));
  reconcile_case_fields(c);
  CHECK(c.documents[2].field("送达文书文号")->value == "宛临市监处罚〔2023〕33号");
  CHECK(c.documents[3].field("文号")->value == "宛临市监告〔2023〕33号");  // another document, not a misread
}

TEST_CASE("a date one event carries on several documents: a misread digit is outvoted, a disagreement nobody outvotes is in doubt") {
  // The 立案 on its form, in the decision's text and in the closing form: two agree, the 3 for 8 is a misread.
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("立案日期", "date", "2022-10-03")}));
  c.documents.push_back(doc("行政处罚决定书", {field("立案日期", "date", "2022-10-08")}));
  c.documents.push_back(doc("结案审批表", {field("立案日期", "date", "2022-10-08")}));
  reconcile_case_fields(c);
  CHECK(c.documents[0].field("立案日期")->value == "2022-10-08");
  CHECK(c.documents[0].field("立案日期")->corrected_from == "2022-10-03");
  CHECK(c.documents[1].field("立案日期")->certain);
  // Two documents, two dates (十 lost from 十二日): neither is taken for the rules to judge on.
  CaseExtraction d;
  d.documents.push_back(doc("行政处罚决定书", {field("决定日期", "date", "2023-05-02")}));
  d.documents.push_back(doc("结案审批表", {field("决定日期", "date", "2023-05-12")}));
  reconcile_case_fields(d);
  for (const auto& document : d.documents) {
    CHECK_FALSE(document.field("决定日期")->certain);
    CHECK(document.field("决定日期")->problem.find("不一致") != std::string::npos);
  }
  // Two that agree against one that does not: the one is in doubt, the two stand.
  CaseExtraction e;
  e.documents.push_back(doc("行政处罚事先告知书", {field("告知日期", "date", "2023-03-01")}));
  e.documents.push_back(doc("行政处罚决定书", {field("告知日期", "date", "2023-03-21")}));
  e.documents.push_back(doc("行政处罚听证告知书", {field("告知日期", "date", "2023-03-21")}));
  reconcile_case_fields(e);
  CHECK_FALSE(e.documents[0].field("告知日期")->certain);
  CHECK(e.documents[1].field("告知日期")->certain);
  CHECK(e.documents[2].field("告知日期")->certain);
}

TEST_CASE("an officer's certificate number cut short on one document is read whole from the others, another officer's is not touched") {
  const auto officers = [](const std::string& second_number) {
    return nlohmann::json::array({{{"name", "曹德明"}, {"证号", "豫烟执151311"}}, {{"name", "金建华"}, {"证号", second_number}}});
  };
  CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("执法人员", "officers", officers("豫烟执167755"))}));
  c.documents.push_back(doc("行政处罚决定书", {field("执法人员", "officers", officers("豫烟执167755"))}));
  c.documents.push_back(doc("送达回证", {field("送达人", "officers", officers("烟执167755"))}));
  c.documents.push_back(doc("询问笔录", {field("执法人员", "officers", officers("豫烟执167751"))}));  // another number (1 is no look-alike of 5): left alone
  reconcile_case_fields(c);
  CHECK(c.documents[2].field("送达人")->value[1]["证号"] == "豫烟执167755");
  CHECK(c.documents[2].field("送达人")->problem.find("烟执167755") != std::string::npos);
  CHECK(c.documents[3].field("执法人员")->value[1]["证号"] == "豫烟执167751");
  CHECK(c.documents[0].field("执法人员")->problem.empty());

  // One certain reading against one is no majority.
  CaseExtraction two;
  two.documents.push_back(doc("立案审批表", {field("执法人员", "officers", officers("豫烟执167755"))}));
  two.documents.push_back(doc("送达回证", {field("送达人", "officers", officers("烟执167755"))}));
  reconcile_case_fields(two);
  CHECK(two.documents[1].field("送达人")->value[1]["证号"] == "烟执167755");
}
