// Every rule of the shipped packs has a passing and a failing example, on
// extractions built by hand; malformed packs are refused with file and line.
#include <catch2/catch.hpp>

#include <algorithm>

#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/rule_pack.h"
#include "support/fixtures.h"

using namespace caseaudit;
using caseaudit::test::ScratchDir;

namespace {

const std::vector<rules::RulePack>& packs() {
  static const auto p = rules::load_rule_packs(caseaudit::test::source_dir() / "rules" / "packs");
  return p;
}

forms::ExtractedField field(const std::string& name, const std::string& type, nlohmann::json value, std::string raw = "") {
  forms::ExtractedField f;
  f.name = name, f.type = type, f.value = std::move(value), f.parsed = !f.value.is_null();
  f.raw = raw.empty() ? (f.value.is_string() ? f.value.get<std::string>() : f.value.dump()) : raw;
  f.where.push_back({0, {100, 200, 300, 60}});
  return f;
}

forms::Document doc(const std::string& type, std::vector<forms::ExtractedField> fields, int page = 0) {
  forms::Document d;
  d.type = type, d.pages = {page}, d.fields = std::move(fields);
  return d;
}

nlohmann::json officers(int n, bool certs = true) {
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < n; ++i) list.push_back({{"name", "执法员" + std::to_string(i)}, {"证号", certs ? "4113032541" + std::to_string(i) : ""}});
  return list;
}

// A decision that passes every document rule.
forms::Document good_decision() {
  return doc("行政处罚决定书", {field("文号", "doc_number", "宛市监罚字〔2023〕16号"),
                                 field("当事人", "party", {{"name", "某某公司"}, {"kind", "unit"}}),
                                 field("统一社会信用代码", "credit_code", "91110000600037341L"),
                                 field("地址", "text", "南阳市某路1号"), field("违法事实", "text", "销售不合格产品"),
                                 field("处罚依据", "citations", nlohmann::json::array({{{"article", 49}}})),
                                 field("罚款金额", "amount", 12050), field("罚款金额大写", "capital_amount", 12050),
                                 field("执法人员", "officers", officers(2)), field("救济途径", "text", "可以在六十日内申请行政复议"),
                                 field("机关名称", "text", "南阳市市场监督管理局"), field("决定日期", "date", "2023-11-13"),
                                 field("印章", "seal", true)});
}

std::vector<std::string> fired(const forms::CaseExtraction& c) {
  std::vector<std::string> ids;
  for (const auto& f : rules::check_case(c, packs())) ids.push_back(f.rule);
  return ids;
}


forms::CaseExtraction one(forms::Document d) {
  forms::CaseExtraction c;
  c.name = "test";
  c.documents.push_back(std::move(d));
  return c;
}

void set(forms::Document& d, forms::ExtractedField f) {
  for (auto& g : d.fields)
    if (g.name == f.name) {
      g = std::move(f);
      return;
    }
  d.fields.push_back(std::move(f));
}

void drop(forms::Document& d, const std::string& name) {
  d.fields.erase(std::remove_if(d.fields.begin(), d.fields.end(), [&](const auto& f) { return f.name == name; }), d.fields.end());
}

}  // namespace

TEST_CASE("a decision with everything in order raises nothing") { CHECK(fired(one(good_decision())).empty()); }

TEST_CASE("required fields: each missing one is found, naming the field and the article") {
  for (const auto& [name, id] : std::vector<std::pair<std::string, std::string>>{
           {"当事人", "decision.party"}, {"地址", "decision.address"}, {"违法事实", "decision.facts"},
           {"处罚依据", "decision.basis"}, {"救济途径", "decision.remedy"}, {"机关名称", "decision.agency"},
           {"决定日期", "decision.date"}, {"文号", "decision.number"}}) {
    INFO(name);
    auto d = good_decision();
    drop(d, name);
    const auto findings = rules::check_case(one(d), packs());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == id);
    CHECK_THAT(findings[0].message, Catch::Contains(name));
    CHECK_THAT(findings[0].basis, Catch::Contains("行政处罚法") || Catch::Contains("格式范本"));
  }
  // Present but unreadable is a finding too, with the text read as evidence.
  auto d = good_decision();
  auto date = field("决定日期", "date", nullptr, "2023年13月1日");
  set(d, date);
  const auto findings = rules::check_case(one(d), packs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].evidence.at(0).text == "2023年13月1日");
}

TEST_CASE("check digits: a failing code is found, with the misread it may be") {
  auto d = good_decision();
  set(d, field("统一社会信用代码", "credit_code", "91110000600037341N"));
  auto ids = fired(one(d));
  CHECK(ids == std::vector<std::string>{"decision.credit-code"});
  // A letter O for a zero: the note offers the valid reading.
  set(d, field("统一社会信用代码", "credit_code", "9111OOOO600037341L"));
  const auto findings = rules::check_case(one(d), packs());
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].note, Catch::Contains("91110000600037341L"));
  // ID numbers of persons.
  auto p = good_decision();
  drop(p, "统一社会信用代码");
  set(p, field("身份证号", "id_number", "110102199101010078"));
  CHECK(fired(one(p)).empty());
  set(p, field("身份证号", "id_number", "36042619910102009X"));
  CHECK(fired(one(p)) == std::vector<std::string>{"decision.id-number"});
}

TEST_CASE("the amount in capitals must agree with the figures") {
  auto d = good_decision();
  set(d, field("罚款金额大写", "capital_amount", 12000));
  const auto findings = rules::check_case(one(d), packs());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "decision.fine-capitals");
  CHECK(findings[0].evidence.size() == 2);
  CHECK_THAT(findings[0].message, Catch::Contains("12050") && Catch::Contains("12000"));
}

TEST_CASE("at least two officers, each with a certificate number") {
  auto d = good_decision();
  set(d, field("执法人员", "officers", officers(1)));
  CHECK(fired(one(d)) == std::vector<std::string>{"decision.officers"});
  set(d, field("执法人员", "officers", officers(2, false)));
  CHECK(fired(one(d)) == std::vector<std::string>{"decision.officers"});
  set(d, field("执法人员", "officers", officers(3)));
  CHECK(fired(one(d)).empty());
}

TEST_CASE("a decision without a seal is found") {
  auto d = good_decision();
  set(d, field("印章", "seal", false));
  CHECK(fired(one(d)) == std::vector<std::string>{"decision.seal"});
}

namespace {

forms::CaseExtraction penalty_case(const std::string& filed, const std::string& notified, const std::string& decided,
                                   const std::string& served) {
  forms::CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("立案日期", "date", filed), field("执法人员", "officers", officers(2))}));
  c.documents.push_back(doc("行政处罚事先告知书", {field("告知日期", "date", notified), field("印章", "seal", true)}, 1));
  auto d = good_decision();
  set(d, field("决定日期", "date", decided));
  d.pages = {2};
  c.documents.push_back(d);
  // A receipt for the notice, then the one for the decision: the rules pick the right one.
  c.documents.push_back(doc("送达回证", {field("送达文书", "text", "行政处罚事先告知书"), field("送达日期", "date", notified)}, 3));
  c.documents.push_back(doc("送达回证", {field("送达文书", "text", "行政处罚决定书"), field("送达日期", "date", served)}, 4));
  return c;
}

}  // namespace

TEST_CASE("dates in order: 立案 → 告知 → 决定 → 送达") {
  CHECK(fired(penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-15")).empty());
  const auto ids = fired(penalty_case("2023-10-03", "2023-11-20", "2023-11-13", "2023-11-15"));
  CHECK(ids == std::vector<std::string>{"case.date-order"});
}

TEST_CASE("decision within 90 days of filing, service within 7 days of the decision") {
  CHECK(fired(penalty_case("2023-08-15", "2023-11-03", "2023-11-13", "2023-11-20")).empty());  // 90 days exactly, 7 days
  CHECK(fired(penalty_case("2023-08-14", "2023-11-03", "2023-11-13", "2023-11-15")) ==
        std::vector<std::string>{"case.decision-90-days"});
  const auto late = rules::check_case(penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-21"), packs());
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "case.service-7-days");
  CHECK_THAT(late[0].message, Catch::Contains("8 日"));
}

TEST_CASE("a transfer needs its report and goods list, a copy to the procuratorate, and the police decide in 3 days") {
  forms::CaseExtraction c;
  c.documents.push_back(doc("涉嫌犯罪案件移送书", {field("抄送", "text", "南阳市人民检察院"), field("移送日期", "date", "2023-12-04"),
                                                  field("印章", "seal", true)}));
  c.documents.push_back(doc("涉嫌犯罪案件情况的调查报告", {}, 1));
  c.documents.push_back(doc("立案通知书", {field("通知日期", "date", "2023-12-07")}, 2));
  CHECK(fired(c) == std::vector<std::string>{"case.transfer-package"});  // no 涉案物品清单
  c.documents.push_back(doc("涉案物品清单", {}, 3));
  CHECK(fired(c).empty());
  drop(c.documents[0], "抄送");
  CHECK(fired(c) == std::vector<std::string>{"transfer.copied"});
  set(c.documents[0], field("抄送", "text", "南阳市人民检察院"));
  set(c.documents[2], field("通知日期", "date", "2023-12-08"));
  const auto late = rules::check_case(c, packs());
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "case.police-decision-3-days");
  CHECK(late[0].severity == rules::Severity::Warning);
}

TEST_CASE("a malformed rule pack is refused with its file and line") {
  ScratchDir dir("rule-packs");
  const auto error = [&](const std::string& yaml) {
    caseaudit::test::write_file(dir / "pack.yaml", yaml);
    try {
      rules::load_rule_pack(dir / "pack.yaml");
    } catch (const rules::DataError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error("name: x\nrules:\n  - {id: a, applies_to: 行政处罚决定书, check: guess, field: 文号, message: m, basis: b}\n"),
             Catch::Contains("pack.yaml:3") && Catch::Contains("unknown check"));
  CHECK_THAT(error("name: x\nrules:\n  - {id: a, applies_to: 行政处罚决定书, check: required, message: m, basis: b}\n"),
             Catch::Contains("pack.yaml:3") && Catch::Contains("field"));
  CHECK_THAT(error("name: x\nrules:\n  - {id: a, applies_to: 行政处罚决定书, check: required, field: 文号, message: m}\n"),
             Catch::Contains("basis is missing"));
  CHECK_THAT(error("name: x\nrules:\n  - {id: a, applies_to: case, check: deadline, from: 立案审批表.立案日期, to: x, days: 3, message: m, basis: b}\n"),
             Catch::Contains("type.field"));
  CHECK_THAT(error("name: x\nrules: [\n"), Catch::Contains("not valid YAML"));
  CHECK_THAT(error("name: x\nrulez: []\n"), Catch::Contains("unknown key"));
}

TEST_CASE("findings are data: JSON with rule, severity, message, basis and evidence") {
  auto d = good_decision();
  set(d, field("罚款金额大写", "capital_amount", 12000));
  const auto findings = rules::check_case(one(d), packs());
  const nlohmann::json j = rules::to_json(findings.at(0));
  CHECK(j["rule"] == "decision.fine-capitals");
  CHECK(j["severity"] == "error");
  CHECK(j["evidence"][0]["box"] == nlohmann::json::array({100, 200, 300, 60}));
  CHECK(j["evidence"][0]["doc_type"] == "行政处罚决定书");
}
