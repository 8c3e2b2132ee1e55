// Templates are data: the shipped ones load and cover the standard document
// types; a bad file is refused with its file, line and reason; a user adds a
// document type by adding a file.
#include <catch2/catch.hpp>

#include <set>

#include "caseaudit/forms/extract.h"
#include "caseaudit/forms/templates.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;
using caseaudit::test::ScratchDir;

namespace {

std::filesystem::path shipped() { return caseaudit::test::source_dir() / "forms" / "templates"; }

std::string load_error(const std::string& yaml) {
  try {
    forms::parse_template(yaml, "bad.yaml");
  } catch (const forms::TemplateError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the shipped templates cover every standard document type of the issue") {
  const forms::TemplateSet set = forms::load_templates(shipped());
  std::set<std::string> types;
  for (const auto& t : set.templates) {
    types.insert(t.type);
    CHECK_FALSE(t.titles.empty());
    if (!t.furniture) {
      INFO(t.type);
      CHECK_FALSE(t.sources.empty());
    }
  }
  for (const char* want : {"立案审批表", "行政处罚事先告知书", "行政处罚听证告知书", "行政处罚决定书", "送达回证", "结案审批表",
                           "涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告", "涉案物品清单", "立案通知书", "不予立案通知书",
                           "撤案审批表"}) {
    INFO(want);
    CHECK(types.count(want) == 1);
  }
  // The decision states what art. 59 of the Administrative Penalty Law requires.
  const forms::Template* decision = set.find("行政处罚决定书");
  REQUIRE(decision);
  std::set<std::string> required;
  for (const auto& m : decision->markers)
    if (m.required) required.insert(m.name);
  CHECK(required.count("救济途径") == 1);
  CHECK(required.count("处罚依据") == 1);
  // 听证告知书 takes over the proposal's fields from the 事先告知书.
  const forms::Template* hearing = set.find("行政处罚听证告知书");
  REQUIRE(hearing);
  CHECK(std::any_of(hearing->fields.begin(), hearing->fields.end(), [](const auto& f) { return f.name == "罚款金额"; }));
}

TEST_CASE("a malformed template names the file, the line and what is wrong") {
  SECTION("not YAML") {
    const std::string e = load_error("type: 行政处罚决定书\ntitles: [行政处罚决定书\n");
    CHECK_THAT(e, Catch::Contains("bad.yaml:"));
    CHECK_THAT(e, Catch::Contains("not valid YAML"));
  }
  SECTION("unknown field type, on its line") {
    const std::string e = load_error(
        "type: 测试书\ntitles: [测试书]\nsources: [测试]\nfields:\n  - name: 金额\n    type: money\n    find: {after: [金额]}\n");
    CHECK_THAT(e, Catch::Contains("bad.yaml:6"));
    CHECK_THAT(e, Catch::Contains("unknown field type \"money\""));
  }
  SECTION("a misspelt key") {
    const std::string e = load_error("type: 测试书\ntitle: [测试书]\nsources: [测试]\n");
    CHECK_THAT(e, Catch::Contains("unknown key \"title\""));
  }
  SECTION("a regular expression that does not compile") {
    const std::string e = load_error(
        "type: 测试书\ntitles: [测试书]\nsources: [测试]\nfields:\n  - name: 金额\n    find: {pattern: '([0-9]+'}\n");
    CHECK_THAT(e, Catch::Contains("bad.yaml:6"));
    CHECK_THAT(e, Catch::Contains("bad regular expression"));
  }
  SECTION("no legal source") {
    CHECK_THAT(load_error("type: 测试书\ntitles: [测试书]\n"), Catch::Contains("sources"));
  }
  SECTION("a locator without a kind") {
    const std::string e = load_error("type: 测试书\ntitles: [测试书]\nsources: [测试]\nfields:\n  - name: 金额\n    find: {until: [元]}\n");
    CHECK_THAT(e, Catch::Contains("exactly one of"));
  }
}

TEST_CASE("two files defining one type, or a missing folder, are refused") {
  ScratchDir dir("templates-dup");
  caseaudit::test::write_file(dir.path() / "a.yaml", "type: 测试书\ntitles: [测试书]\nsources: [测试]\n");
  caseaudit::test::write_file(dir.path() / "b.yaml", "type: 测试书\ntitles: [测试书]\nsources: [测试]\n");
  CHECK_THROWS_WITH(forms::load_templates(dir.path()), Catch::Contains("already defined in a.yaml"));
  CHECK_THROWS_WITH(forms::load_templates(dir.path() / "missing"), Catch::Contains("templates folder not found"));
}

TEST_CASE("a user adds a document type by adding a file, without recompiling") {
  ScratchDir dir("templates-user");
  for (const auto& e : std::filesystem::directory_iterator(shipped()))
    std::filesystem::copy_file(e.path(), dir.path() / e.path().filename());
  caseaudit::test::write_file(dir.path() / "seizure.yaml",
                              "type: 查封扣押决定书\n"
                              "titles: [实施行政强制措施决定书, 查封扣押决定书]\n"
                              "sources: [《中华人民共和国行政强制法》第二十四条]\n"
                              "markers:\n  - {name: 期限, any_of: [期限], required: true}\n"
                              "fields:\n"
                              "  - {name: 文号, type: doc_number, find: {after: [文号]}}\n"
                              "  - {name: 期限, type: text, required: true, find: {after: [期限]}}\n");
  const forms::TemplateSet set = forms::load_templates(dir.path());
  const auto page = caseaudit::test::synthetic_page(
      {"某市市场监督管理局", "实施行政强制措施决定书", "文号：某市监强〔2024〕3号", "当事人：某某有限公司",
       "期限：三十日", "某市市场监督管理局", "二〇二四年三月一日"});
  const forms::CaseExtraction c = forms::extract_case("user", {page}, set);
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].type == "查封扣押决定书");
  CHECK(c.documents[0].standard);
  REQUIRE(c.documents[0].field("文号"));
  CHECK(c.documents[0].field("文号")->value == "某市监强〔2024〕3号");
  CHECK(c.documents[0].field("期限")->value == "三十日");
}
