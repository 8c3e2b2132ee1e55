// The 送达回证 as bureaus print it, on a ruled form: the 送达人 row under
// other label words (送达人及执法证号, 送达人员), names and numbers in one
// cell over two lines, in two cells, or in a row of their own below.
#include <catch2/catch.hpp>

#include <algorithm>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;

namespace {

// The officers a 送达回证 with these 送达人 rows reads, "name=number;" each.
std::string servers(const std::vector<std::vector<std::string>>& server_rows) {
  std::vector<std::vector<std::string>> rows = {{"送达文书名称及文号", "《行政处罚决定书》宛市监处罚〔2023〕16号"},
                                                {"受送达人", "南阳市宛城区瑞祥日用品有限公司"},
                                                {"送达地点", "南阳市宛城区工业南路26号"},
                                                {"送达方式", "直接送达"},
                                                {"收件人签名或盖章", "张三\n2023年11月15日"}};
  rows.insert(rows.end(), server_rows.begin(), server_rows.end());
  rows.push_back({"备注", ""});
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_form("送达回证", rows)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  const forms::Document& d = c.documents[0];
  CHECK(d.type == "送达回证");
  CHECK(d.field("送达日期")->value == "2023-11-15");
  return test::officers_text(d.field("送达人"));
}

}  // namespace

TEST_CASE("a 送达回证's servers are read under the label words bureaus use, numbers in any layout") {
  CHECK(servers({{"送达人", "李四（执法证号：41130325419）、王五（执法证号：41130907120）"}}) ==
        "李四=41130325419;王五=41130907120;");
  CHECK(servers({{"送达人（签字）", "李四 41130325419 王五 41130907120"}}) == "李四=41130325419;王五=41130907120;");
  CHECK(servers({{"送达人及执法证号", "李四 豫烟执552066\n王五 豫烟执552067"}}) == "李四=豫烟执552066;王五=豫烟执552067;");
  CHECK(servers({{"送达人员", "李四、王五"}, {"执法证号", "41130325419、41130907120"}}) == "李四=41130325419;王五=41130907120;");
  CHECK(servers({{"送达人", "李四", "王五"}, {"执法证号", "41130325419", "41130907120"}}) == "李四=41130325419;王五=41130907120;");
  CHECK(servers({{"送 达 人", "李四、王五"}}) == "李四=;王五=;");
}

TEST_CASE("two names whose space the reading lost are one four-character name in doubt, not one officer") {
  const std::vector<std::vector<std::string>> rows = {{"送达文书名称及文号", "《行政处罚决定书》宛市监处罚〔2023〕16号"},
                                                      {"受送达人", "南阳市宛城区瑞祥日用品有限公司"},
                                                      {"送达方式", "直接送达"},
                                                      {"收件人签名或盖章", "张三\n2023年11月15日"},
                                                      {"送达人签名", "李四 王五"}};
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_form("送达回证", rows)}, test::shipped_templates());
  const forms::ExtractedField* f = c.documents.at(0).field("送达人");
  REQUIRE(f);
  CHECK(f->value.size() == 1);
  CHECK(f->problem.find("李四王五") != std::string::npos);  // a rule lists it to verify, never "one officer"
  // A compound surname is one person.
  const std::vector<std::vector<std::string>> one = {{"送达文书名称及文号", "《行政处罚决定书》宛市监处罚〔2023〕16号"},
                                                     {"受送达人", "南阳市宛城区瑞祥日用品有限公司"},
                                                     {"送达方式", "直接送达"},
                                                     {"收件人签名或盖章", "张三\n2023年11月15日"},
                                                     {"送达人签名", "欧阳小明、王五"}};
  const forms::CaseExtraction d = forms::extract_case("t", {test::synthetic_form("送达回证", one)}, test::shipped_templates());
  CHECK(d.documents.at(0).field("送达人")->problem.empty());
}

TEST_CASE("a row the detector cut into two overlapping pieces reads the character at the cut once") {
  const std::vector<std::vector<std::string>> rows = {{"送达文书名称及文号", "《行政处罚决定书》宛市监处罚〔2023〕16号"},
                                                      {"受送达人", "南阳市宛城区瑞祥日用品有限公司"},
                                                      {"送达方式", "直接送达"},
                                                      {"收件人签名或盖章", "张三\n2023年11月15日"},
                                                      {"送达人", "李四（执法证号：豫L5612223）\n田德明（执法证号：豫L9110644）"}};
  ocr::PageResult page = test::synthetic_form("送达回证", rows);
  // 田德明 and a second piece starting inside 明 that reads its right half as 月,
  // less sure of it than of 明 (as PP-OCR cut a 1-bit scan's row).
  auto whole = std::find_if(page.lines.begin(), page.lines.end(), [](const ocr::Line& l) { return l.text.rfind("田德明", 0) == 0; });
  REQUIRE(whole != page.lines.end());
  const ocr::Box ming = whole->words.at(2).box;
  ocr::Line head = test::synthetic_line("田德明", whole->box.x, whole->box.y);
  ocr::Line tail = test::synthetic_line("月（执法证号：豫L9110644）", ming.x + ming.w / 3, whole->box.y + 4);
  tail.words.front().confidence = 0.9f;
  *whole = head;
  page.lines.insert(whole + 1, tail);
  const forms::CaseExtraction c = forms::extract_case("t", {page}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  CHECK(test::officers_text(c.documents[0].field("送达人")) == "李四=豫L5612223;田德明=豫L9110644;");

  // Two pieces of a row that merely touch keep every character.
  ocr::PageResult apart = test::synthetic_form("送达回证", rows);
  whole = std::find_if(apart.lines.begin(), apart.lines.end(), [](const ocr::Line& l) { return l.text.rfind("田德明", 0) == 0; });
  head = test::synthetic_line("田德明", whole->box.x, whole->box.y);
  tail = test::synthetic_line("（执法证号：豫L9110644）", whole->box.x + 3 * 68 - 10, whole->box.y);
  *whole = head;
  apart.lines.insert(whole + 1, tail);
  const forms::CaseExtraction d = forms::extract_case("t", {apart}, test::shipped_templates());
  CHECK(test::officers_text(d.documents.at(0).field("送达人")) == "李四=豫L5612223;田德明=豫L9110644;");
}

TEST_CASE("servers in a block with column headings are read from the rows under them") {
  CHECK(servers({{"送达人", "姓名", "执法证号"}, {"", "李四", "41130325419"}, {"", "王五", "41130907120"}}) ==
        "李四=41130325419;王五=41130907120;");
}

TEST_CASE("a 送达回证 whose grid was not found: the servers' lines end at the next label (备注：)") {
  const auto read = [](const std::vector<std::string>& server_lines) {
    std::vector<std::string> lines = {"送达回证", "送达文书名称及文号：《行政处罚决定书》宛市监处罚〔2023〕16号",
                                      "受送达人：南阳市宛城区瑞祥日用品有限公司", "送达地点：南阳市宛城区工业南路26号", "送达方式：直接送达",
                                      "收件人签名或盖章：张三", "2023年11月15日"};
    lines.insert(lines.end(), server_lines.begin(), server_lines.end());
    lines.push_back("备注：");
    const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_page(lines)}, test::shipped_templates());
    return test::officers_text(c.documents.at(0).field("送达人"));
  };
  const std::string both = "李四=41130325419;王五=41130907120;";
  CHECK(read({"送达人：李四（执法证号：41130325419）", "送达人：王五（执法证号：41130907120）"}) == both);
  CHECK(read({"送达人", "李四（41130325419）", "王五（41130907120）"}) == both);
  CHECK(read({"送达人：李四 41130325419", "王五 41130907120"}) == both);
  CHECK(read({"送达人：李四、王五", "执法证号：41130325419、41130907120"}) == both);
  CHECK(read({"送达人（签名）：李四", "王五"}) == "李四=;王五=;");
}
