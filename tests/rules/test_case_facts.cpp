// One case file, one record: the case values that check, audit and the
// transfer screening all read, from one mapping that is data.
#include <catch2/catch.hpp>

#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/screening.h"
#include "support/fixtures.h"

using namespace caseaudit;

namespace {

const rules::FactMap& facts_map() {
  static const auto m = rules::FactMap::load(caseaudit::test::source_dir() / "rules");
  return m;
}

forms::ExtractedField field(const std::string& name, const std::string& type, nlohmann::json value, bool certain = true,
                            float confidence = 0.97f) {
  forms::ExtractedField f;
  f.name = name, f.type = type, f.value = std::move(value), f.parsed = true, f.certain = certain, f.confidence = confidence;
  f.raw = f.value.is_string() ? f.value.get<std::string>() : f.value.dump();
  return f;
}

forms::Document doc(const std::string& type, std::vector<forms::ExtractedField> fields) {
  forms::Document d;
  d.type = type, d.fields = std::move(fields);
  return d;
}

}  // namespace

TEST_CASE("each value comes from the first source read with certainty, and says which documents agree") {
  forms::CaseExtraction c;
  c.documents.push_back(doc("立案审批表", {field("当事人", "party", {{"name", "南阳市某某商贸有限公司"}, {"kind", "unit"}}),
                                          field("立案日期", "date", "2023-03-02")}));
  // The decision's party was read poorly: the filing form's certain reading wins.
  c.documents.push_back(doc("行政处罚决定书", {field("当事人", "party", {{"name", "南阳市某某商货有限公司"}, {"kind", "unit"}}, false, 0.62f),
                                              field("文号", "doc_number", "宛市监处罚〔2023〕87号"), field("决定日期", "date", "2023-05-10"),
                                              field("罚款金额", "amount", 12050)}));
  c.documents.push_back(doc("行政处罚事先告知书", {field("当事人", "party", {{"name", "南阳市某某商贸有限公司"}, {"kind", "unit"}})}));
  const rules::CaseFacts f = rules::case_facts(c, facts_map());
  CHECK(f.text("party") == "南阳市某某商贸有限公司");
  CHECK(f.get("party")->source.type == "立案审批表");
  CHECK(f.get("party")->agreeing.size() == 2);
  CHECK(f.text("number") == "宛市监处罚〔2023〕87号");
  CHECK(f.date("filed")->iso() == "2023-03-02");
  CHECK(f.fen("fine") == 1205000);
  CHECK(f.kind == rules::CaseKind::Penalty);
}

TEST_CASE("a case file without a 立案审批表 is dated by what its decision says of the filing") {
  forms::CaseExtraction c;
  c.documents.push_back(doc("行政处罚事先告知书", {field("告知日期", "date", "2023-04-20")}));
  c.documents.push_back(doc("行政处罚决定书", {field("立案日期", "date", "2023-02-17"), field("决定日期", "date", "2023-05-10"),
                                              field("违法事实", "text", "经查，当事人违法经营总额81，471.51元。"),
                                              field("案由", "text", "无烟草专卖批发企业许可证经营烟草制品批发业务")}));
  const rules::CaseFacts f = rules::case_facts(c, facts_map());
  CHECK(f.date("filed")->iso() == "2023-02-17");
  CHECK(f.get("filed")->source.type == "行政处罚决定书");
  // The screening has its conduct date, its offence and its amount.
  const auto dir = caseaudit::test::source_dir() / "rules";
  const auto table = rules::ThresholdTable::load(dir / "thresholds");
  const auto offences = rules::OffenceMap::load(dir / "screening", table);
  const auto s = rules::screen_case(c, f, offences, table, 0.8);
  CHECK(s.call == rules::TransferCall::Due);
  CHECK(s.conduct.iso() == "2023-02-17");
  CHECK(s.measured.hundredths == 8147151);
}

TEST_CASE("a self-designed letter standing in for the 移送书 makes the case a transfer") {
  forms::CaseExtraction c;
  auto letter = doc("涉嫌犯罪案件移送书", {field("移送日期", "date", "2023-06-01")});
  letter.standard = false;
  c.documents.push_back(doc("立案审批表", {}));
  c.documents.push_back(letter);
  CHECK(rules::case_facts(c, facts_map()).kind == rules::CaseKind::Transfer);
}

TEST_CASE("the mapping is data: a malformed file is refused with its line") {
  caseaudit::test::ScratchDir dir("facts");
  std::filesystem::create_directories(dir / "facts");
  caseaudit::test::write_file(dir / "facts" / "case_values.yaml", "values:\n  party:\n    from: [行政处罚决定书]\n");
  try {
    rules::FactMap::load(dir.path());
    FAIL("a source without a field was accepted");
  } catch (const rules::DataError& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(std::string(e.what()), Catch::Contains("type.field"));
  }
}
