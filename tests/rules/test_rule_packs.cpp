// Every rule of the shipped packs has a passing and a failing example, on
// extractions built by hand; malformed packs are refused with file and line.
#include <catch2/catch.hpp>

#include <algorithm>

#include "caseaudit/rules/calendar.h"
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

// The shipped working-day calendars (2015-2026).
const rules::WorkCalendar& calendar() {
  static const auto c = rules::WorkCalendar::load(caseaudit::test::source_dir() / "rules" / "calendars");
  return c;
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
  for (const auto& f : rules::check_case(c, packs(), &calendar()).findings) ids.push_back(f.rule);
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
    const auto findings = rules::check_case(one(d), packs(), &calendar()).findings;
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == id);
    CHECK_THAT(findings[0].message, Catch::Contains(name));
    CHECK_THAT(findings[0].basis, Catch::Contains("行政处罚法") || Catch::Contains("格式范本"));
  }
  // Present but unreadable is no defect: it is listed to verify, with the text read as evidence.
  auto d = good_decision();
  auto date = field("决定日期", "date", nullptr, "2023年13月1日");
  set(d, date);
  const auto checks = rules::check_case(one(d), packs(), &calendar());
  CHECK(checks.findings.empty());
  REQUIRE(checks.unverified.size() == 1);
  CHECK(checks.unverified[0].rule == "decision.date");
  CHECK(checks.unverified[0].evidence.at(0).text == "2023年13月1日");
}

TEST_CASE("a required field that could not be read is to verify, one that is absent is a defect") {
  auto d = good_decision();
  drop(d, "决定日期");
  forms::FieldGap gap;
  gap.name = "决定日期";
  gap.reason = "落款处有印章，「决定日期」可能被印章遮盖 (a seal over the signature block may hide it)";
  gap.where.push_back({0, {1500, 2900, 500, 500}});
  d.gaps.push_back(gap);
  auto checks = rules::check_case(one(d), packs(), &calendar());
  CHECK(checks.findings.empty());
  REQUIRE(checks.unverified.size() == 1);
  CHECK_THAT(checks.unverified[0].message, Catch::Contains("待核实") && Catch::Contains("印章"));
  CHECK(checks.unverified[0].evidence.at(0).box.x == 1500);
  d.gaps[0].absent = true;
  d.gaps[0].reason = "文书识别良好，未见「决定日期」 (the document read well and it is not there)";
  checks = rules::check_case(one(d), packs(), &calendar());
  REQUIRE(checks.findings.size() == 1);
  CHECK(checks.findings[0].rule == "decision.date");
  CHECK(checks.unverified.empty());
}

TEST_CASE("check digits: a failing code is found, with the misread it may be") {
  auto d = good_decision();
  set(d, field("统一社会信用代码", "credit_code", "91110000600037341N"));
  auto ids = fired(one(d));
  CHECK(ids == std::vector<std::string>{"decision.credit-code"});
  // A letter O for a zero is a likely misread, not a defect: to verify, offering the valid reading.
  set(d, field("统一社会信用代码", "credit_code", "9111OOOO600037341L"));
  const auto checks = rules::check_case(one(d), packs(), &calendar());
  CHECK(checks.findings.empty());
  REQUIRE(checks.unverified.size() == 1);
  CHECK_THAT(checks.unverified[0].message, Catch::Contains("91110000600037341L"));
  // A failing code read with low confidence is to verify too.
  auto low = field("统一社会信用代码", "credit_code", "91110000600037341N");
  low.certain = false;
  set(d, low);
  CHECK(fired(one(d)).empty());
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
  const auto findings = rules::check_case(one(d), packs(), &calendar()).findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "decision.fine-capitals");
  CHECK(findings[0].evidence.size() == 2);
  CHECK_THAT(findings[0].message, Catch::Contains("12050") && Catch::Contains("12000"));
}

TEST_CASE("at least two officers, each with a certificate number, on the documents that carry them") {
  auto f = doc("立案审批表", {field("立案日期", "date", "2023-10-03"), field("执法人员", "officers", officers(1))});
  CHECK(fired(one(f)) == std::vector<std::string>{"filing.officers"});
  set(f, field("执法人员", "officers", officers(2, false)));
  CHECK(fired(one(f)) == std::vector<std::string>{"filing.officers"});
  set(f, field("执法人员", "officers", officers(3)));
  CHECK(fired(one(f)).empty());
  // A number that could not be read is to verify, not a missing one.
  auto unread = field("执法人员", "officers", officers(2, false));
  unread.problem = "执法证号无法识别：4113 (a certificate number could not be read)";
  set(f, unread);
  const auto checks = rules::check_case(one(f), packs(), &calendar());
  CHECK(checks.findings.empty());
  CHECK(checks.unverified.size() == 1);
  // 行政处罚法 第五十九条 does not ask a decision to name its officers.
  auto d = good_decision();
  set(d, field("执法人员", "officers", officers(1)));
  CHECK(fired(one(d)).empty());
  drop(d, "执法人员");
  CHECK(fired(one(d)).empty());
}

TEST_CASE("a decision without a seal is found where the scan shows seals, where it cannot, it is to verify") {
  auto d = good_decision();
  set(d, field("印章", "seal", false));
  auto c = one(d);
  c.pages.push_back({"1.jpg", "1.jpg", 0, 2480, 3508, 0.95, "colour", 0});
  CHECK(fired(c) == std::vector<std::string>{"decision.seal"});
  for (const char* mode : {"grey", "bilevel"}) {
    INFO(mode);
    c.pages[0].colour_mode = mode;
    const auto checks = rules::check_case(c, packs(), &calendar());
    CHECK(checks.findings.empty());
    REQUIRE(checks.unverified.size() == 1);
    CHECK(checks.unverified[0].rule == "decision.seal");
    CHECK(checks.unverified[0].severity == rules::Severity::Info);
  }
  // A page without red reads as grey even in a colour scan: when the file's
  // other pages show their seals, the scan shows seals, and one missing is a defect.
  c.pages[0].colour_mode = "grey";
  c.pages.push_back({"2.jpg", "2.jpg", 0, 2480, 3508, 0.95, "colour", 1});
  c.documents.push_back(doc("行政处罚事先告知书", {field("印章", "seal", true)}, 1));
  CHECK(fired(c) == std::vector<std::string>{"decision.seal"});
  // Never on a 1-bit scan, which may drop a red seal altogether.
  c.pages[0].colour_mode = "bilevel";
  CHECK(fired(c).empty());
}

TEST_CASE("a self-designed document in place of the standard one is a finding naming both") {
  auto d = doc("涉嫌犯罪案件移送书", {field("抄送", "text", "南阳市人民检察院"), field("移送日期", "date", "2023-12-04"),
                                     field("印章", "seal", true)});
  d.title = "关于移送张三涉嫌犯罪线索的函";
  d.standard = false;
  d.deviations.push_back({"title", "标题为《关于移送张三涉嫌犯罪线索的函》，不是标准文书《涉嫌犯罪案件移送书》（自行设计的文书）"});
  auto c = one(d);
  c.documents.push_back(doc("涉嫌犯罪案件情况的调查报告", {}, 1));
  c.documents.push_back(doc("涉案物品清单", {}, 2));
  const auto findings = rules::check_case(c, packs(), &calendar()).findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "document.nonstandard");
  CHECK_THAT(findings[0].message, Catch::Contains("关于移送张三涉嫌犯罪线索的函") && Catch::Contains("涉嫌犯罪案件移送书"));
  // A missing section alone is left to the rules for that content.
  c.documents[0].deviations[0].code = "missing_section";
  CHECK(rules::check_case(c, packs(), &calendar()).findings.empty());
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

TEST_CASE("decision within 90 days of filing, service within 7 working days of the decision") {
  CHECK(fired(penalty_case("2023-08-15", "2023-11-03", "2023-11-13", "2023-11-20")).empty());  // 90 days exactly, 7 days
  CHECK(fired(penalty_case("2023-08-14", "2023-11-03", "2023-11-13", "2023-11-15")) ==
        std::vector<std::string>{"case.decision-90-days"});
  // Served on the 8th working day after a Monday's decision: the 7th was 2023-11-22.
  CHECK(fired(penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-22")).empty());
  const auto late = rules::check_case(penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-23"), packs(), &calendar()).findings;
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "case.service-7-days");
  CHECK(late[0].severity == rules::Severity::Error);
  CHECK_THAT(late[0].message, Catch::Contains("2023-11-22"));
  CHECK_THAT(late[0].basis, Catch::Contains("第八十五条"));
}

TEST_CASE("the 送达回证 of the decision is found by the document it names, in any punctuation, or by its 文号") {
  for (const std::string served : {"《行政处罚决定书》(宛市监罚字〔2023〕16号)", "行政处罚决定书 宛市监罚字[2023]16号",
                                   "《行政处罚决定书》宛市监罚字（2023）16号", "行政处罚决走书"}) {
    INFO(served);
    auto c = penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-23");
    set(c.documents[4], field("送达文书", "text", served));
    CHECK(fired(c) == std::vector<std::string>{"case.service-7-days"});
  }
  // By the 文号 alone, whatever its name was read as.
  auto c = penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-23");
  set(c.documents[4], field("送达文书", "text", "行政处"));
  set(c.documents[4], field("送达文书文号", "doc_number", "宛市监罚字〔2023〕16号"));
  CHECK(fired(c) == std::vector<std::string>{"case.service-7-days"});
  // A 文号 that is another document's says it is that one's receipt.
  set(c.documents[1], field("文号", "doc_number", "宛市监告〔2023〕9号"));
  set(c.documents[4], field("送达文书", "text", "行政处罚决定书"));
  set(c.documents[4], field("送达文书文号", "doc_number", "宛市监告〔2023〕9号"));
  CHECK(fired(c).empty());
}

TEST_CASE("a deadline missed on a date read with low confidence is to verify") {
  auto c = penalty_case("2023-10-03", "2023-11-03", "2023-11-13", "2023-11-23");
  auto served = field("送达日期", "date", "2023-11-23");
  served.certain = false;
  set(c.documents[4], served);
  const auto checks = rules::check_case(c, packs(), &calendar());
  CHECK(checks.findings.empty());
  REQUIRE(checks.unverified.size() == 1);
  CHECK(checks.unverified[0].rule == "case.service-7-days");
}

TEST_CASE("service within 7 working days: the National Day holiday does not count, its 调休 Saturday and Sunday do") {
  // Decided Wednesday 2023-09-27; 29 Sep - 6 Oct off, 7-8 Oct worked. Served
  // 2023-10-09: 12 calendar days but the 4th working day, in time.
  CHECK(fired(penalty_case("2023-08-01", "2023-09-15", "2023-09-27", "2023-10-09")).empty());
  CHECK(fired(penalty_case("2023-08-01", "2023-09-15", "2023-09-27", "2023-10-12")).empty());  // the 7th
  const auto late = rules::check_case(penalty_case("2023-08-01", "2023-09-15", "2023-09-27", "2023-10-13"), packs(), &calendar()).findings;
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "case.service-7-days");
  CHECK_THAT(late[0].message, Catch::Contains("2023-10-12") && Catch::Contains("7个工作日"));
  CHECK(late[0].evidence.size() == 2);
}

TEST_CASE("a working-day deadline without the year's calendar is not guessed: it is to verify, naming the year") {
  const auto c = penalty_case("2023-08-01", "2023-09-15", "2023-09-27", "2023-10-09");
  CHECK(rules::check_case(c, packs()).findings.empty());
  // No calendar at all.
  const auto none = rules::check_case(c, packs()).unverified;
  REQUIRE(none.size() == 1);
  CHECK(none[0].rule == "case.service-7-days");
  CHECK(none[0].severity == rules::Severity::Info);
  CHECK_THAT(none[0].message, Catch::Contains("无法核对") && Catch::Contains("2023"));
  // A calendar that holds 2024 only.
  rules::WorkCalendar only_2024;
  only_2024.add(rules::load_calendar_year(caseaudit::test::source_dir() / "rules" / "calendars" / "2024.yaml"));
  CHECK(rules::check_case(c, packs(), &only_2024).findings.empty());
  const auto missing = rules::check_case(c, packs(), &only_2024).unverified;
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].rule == "case.service-7-days");
  CHECK(missing[0].severity == rules::Severity::Info);
  CHECK_THAT(missing[0].message, Catch::Contains("缺少 2023 年") && Catch::Contains("no calendar for 2023"));
  // Within 7 calendar days nothing needs counting: no finding, calendar or not.
  CHECK(rules::check_case(penalty_case("2023-08-01", "2023-09-15", "2023-09-27", "2023-09-28"), packs()).findings.empty());
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
  const auto late = rules::check_case(c, packs(), &calendar()).findings;
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "case.police-decision-3-days");
  CHECK(late[0].severity == rules::Severity::Warning);
}

TEST_CASE("a transfer is approved within 3 days of the report and sent within 24 hours of the approval") {
  const auto transfer = [](const std::string& reported, const std::string& approved, const std::string& sent) {
    forms::CaseExtraction c;
    c.documents.push_back(doc("涉嫌犯罪案件情况的调查报告", {field("报告日期", "date", reported)}));
    c.documents.push_back(doc("涉嫌犯罪案件移送审批表", {field("批准日期", "date", approved)}, 1));
    c.documents.push_back(doc("涉嫌犯罪案件移送书", {field("抄送", "text", "南阳市人民检察院"), field("移送日期", "date", sent),
                                                    field("印章", "seal", true)}, 2));
    c.documents.push_back(doc("涉案物品清单", {}, 3));
    return c;
  };
  CHECK(fired(transfer("2023-12-01", "2023-12-04", "2023-12-05")).empty());  // 3 days (calendar), the next day
  CHECK(fired(transfer("2023-12-01", "2023-12-01", "2023-12-01")).empty());
  const auto slow = rules::check_case(transfer("2023-12-01", "2023-12-05", "2023-12-05"), packs(), &calendar()).findings;
  REQUIRE(slow.size() == 1);
  CHECK(slow[0].rule == "transfer.approval-3-days");
  CHECK(slow[0].severity == rules::Severity::Error);
  CHECK_THAT(slow[0].basis, Catch::Contains("第五条"));
  CHECK_THAT(slow[0].note, Catch::Contains("接到报告"));
  const auto late = rules::check_case(transfer("2023-12-01", "2023-12-04", "2023-12-06"), packs(), &calendar()).findings;
  REQUIRE(late.size() == 1);
  CHECK(late[0].rule == "transfer.within-24-hours");
  CHECK_THAT(late[0].message, Catch::Contains("24 小时") && Catch::Contains("2 日"));
  CHECK_THAT(late[0].note, Catch::Contains("不载时刻"));
  CHECK(fired(transfer("2023-12-01", "2023-12-08", "2023-12-11")) ==
        std::vector<std::string>{"transfer.approval-3-days", "transfer.within-24-hours"});
}

TEST_CASE("a hearing notice must give the party five days to ask for a hearing") {
  const auto notice = [](const std::string& within) {
    return one(doc("行政处罚听证告知书", {field("听证申请期限", "text", within)}));
  };
  for (const std::string ok : {"收到本告知书之日起五日内", "收到本告知书之日起5日内", "收到本告知书之日起十日内",
                               "收到本告知书之日起5个工作日内", "收到本告知书之日起十五日内"}) {
    INFO(ok);
    CHECK(fired(notice(ok)).empty());
  }
  for (const std::string short_ : {"收到本告知书之日起三日内", "收到本告知书之日起3日内", "收到本告知书之日起两日内"}) {
    INFO(short_);
    const auto findings = rules::check_case(notice(short_), packs(), &calendar()).findings;
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "hearing.five-days");
    CHECK_THAT(findings[0].message, Catch::Contains(short_));
  }
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
  // A deadline in exactly one unit: days, working_days or hours, above 0.
  const std::string deadline = "name: x\nrules:\n  - id: a\n    applies_to: case\n    check: deadline\n"
                               "    from: 立案审批表.立案日期\n    to: 行政处罚决定书.决定日期\n    message: m\n    basis: b\n";
  CHECK(error(deadline + "    working_days: 7\n").empty());
  CHECK(error(deadline + "    hours: 24\n").empty());
  CHECK_THAT(error(deadline + "    days: 7\n    working_days: 7\n"), Catch::Contains("pack.yaml:11") && Catch::Contains("only one"));
  CHECK_THAT(error(deadline + "    working_days: 7\n    hours: 24\n"), Catch::Contains("pack.yaml:11") && Catch::Contains("only one"));
  CHECK_THAT(error(deadline), Catch::Contains("pack.yaml:3") && Catch::Contains("one of days:, working_days: or hours:"));
  CHECK_THAT(error(deadline + "    working_days: 0\n"), Catch::Contains("pack.yaml:10") && Catch::Contains("above 0"));
  CHECK_THAT(error(deadline + "    hours: 1.5\n"), Catch::Contains("pack.yaml:10") && Catch::Contains("whole number"));
  CHECK_THAT(error("name: x\nrules: [\n"), Catch::Contains("not valid YAML"));
  CHECK_THAT(error("name: x\nrulez: []\n"), Catch::Contains("unknown key"));
}

TEST_CASE("findings are data: JSON with rule, severity, message, basis and evidence") {
  auto d = good_decision();
  set(d, field("罚款金额大写", "capital_amount", 12000));
  const auto findings = rules::check_case(one(d), packs(), &calendar()).findings;
  const nlohmann::json j = rules::to_json(findings.at(0));
  CHECK(j["rule"] == "decision.fine-capitals");
  CHECK(j["severity"] == "error");
  CHECK(j["evidence"][0]["box"] == nlohmann::json::array({100, 200, 300, 60}));
  CHECK(j["evidence"][0]["doc_type"] == "行政处罚决定书");
}
