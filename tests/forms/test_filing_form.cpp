// The 立案审批表's officers as bureaus lay them out: one cell, a row of names
// and a row of numbers, a row per officer under the same label, or 主办人 and
// 协办人 rows.
#include <catch2/catch.hpp>

#include <algorithm>

#include "caseaudit/forms/extract.h"
#include "forms_support.h"
#include "support/fixtures.h"
#include "synthetic_page.h"

using namespace caseaudit;

namespace {

// A 立案审批表 with these party rows and officer rows, as read.
forms::Document filing(const std::vector<std::vector<std::string>>& party_rows,
                       const std::vector<std::vector<std::string>>& officer_rows) {
  std::vector<std::vector<std::string>> rows = {{"案件来源", "投诉举报"}, {"案由", "涉嫌销售不合格产品"}};
  rows.insert(rows.end(), party_rows.begin(), party_rows.end());
  rows.push_back({"简要案情", "2023年10月3日，本局执法人员在检查中发现当事人销售不合格产品。"});
  rows.insert(rows.end(), officer_rows.begin(), officer_rows.end());
  rows.push_back({"承办人意见", "建议立案调查。\n2023年10月3日"});
  rows.push_back({"负责人意见", "同意立案。\n2023年10月3日"});
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_form("立案审批表", rows)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  CHECK(c.documents[0].type == "立案审批表");
  return c.documents[0];
}

// The officers a 立案审批表 with these officer rows reads, "name=number;" each.
std::string officers(const std::vector<std::vector<std::string>>& officer_rows) {
  const forms::Document d = filing({{"当事人", "南阳市宛城区瑞祥日用品有限公司"}}, officer_rows);
  return test::officers_text(d.field("执法人员"));
}

}  // namespace

TEST_CASE("a filing form's officers are read from one cell, from rows of names and numbers, or a row each") {
  const std::string both = "李四=41130325419;王五=41130907120;";
  CHECK(officers({{"承办人", "李四（执法证号：41130325419）\n王五（执法证号：41130907120）"}}) == both);
  CHECK(officers({{"承办人及执法证号", "李四 41130325419、王五 41130907120"}}) == both);
  CHECK(officers({{"执法人员", "李四、王五", "执法证号", "41130325419、41130907120"}}) == both);
  CHECK(officers({{"办案人员", "李四 证号HB416251888\n王五 证号HB416251889"}}) == "李四=HB416251888;王五=HB416251889;");
  CHECK(officers({{"承办人", "李四、王五"}, {"执法证号", "豫烟执552066、豫烟执552067"}}) == "李四=豫烟执552066;王五=豫烟执552067;");
  // A row per officer under the same label, and 主办人 / 协办人.
  CHECK(officers({{"承办人", "李四", "执法证号", "41130325419"}, {"承办人", "王五", "执法证号", "41130907120"}}) == both);
  CHECK(officers({{"主办人", "李四（41130325419）"}, {"协办人", "王五（41130907120）"}}) == both);
}

TEST_CASE("a filing form's party is read under other label words, the 简要案情's 当事人 is no label") {
  const std::string company = "南阳市宛城区瑞祥日用品有限公司";
  const std::vector<std::vector<std::string>> officer = {{"承办人", "李四（执法证号：41130325419）"}};
  for (const char* label : {"当事人", "当事人（单位）", "被处罚人", "违法主体", "当事人姓名或名称", "单位名称（姓名）"}) {
    INFO(label);
    const forms::Document d = filing({{label, company}}, officer);
    const forms::ExtractedField* f = d.field("当事人");
    REQUIRE(f);
    CHECK(f->value["name"] == company);
  }
  // A person's particulars after the name, in the same cell.
  const forms::Document person = filing({{"当事人", "张三，男，身份证号码：411302198001011234"}}, officer);
  CHECK(person.field("当事人")->value["name"] == "张三");
  CHECK(person.field("身份证号")->value == "411302198001011234");
}


TEST_CASE("a filing form whose grid was not found: officers over the lines below their label") {
  const auto read = [](const std::vector<std::string>& officer_lines) {
    std::vector<std::string> lines = {"立案审批表", "编号：宛市监立〔2023〕16号", "案件来源", "投诉举报", "案由", "涉嫌销售不合格产品",
                                      "当事人", "南阳市宛城区瑞祥日用品有限公司",
                                      "简要案情", "2023年10月3日，本局执法人员在检查中发现当事人销售不合格产品。"};
    lines.insert(lines.end(), officer_lines.begin(), officer_lines.end());
    lines.insert(lines.end(), {"承办人意见", "建议立案调查。", "2023年10月3日", "负责人意见", "同意立案。", "2023年10月3日"});
    const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_page(lines)}, test::shipped_templates());
    return test::officers_text(c.documents.at(0).field("执法人员"));
  };
  const std::string both = "李四=41130325419;王五=41130907120;";
  CHECK(read({"办案人员", "李四、王五", "执法证件号", "41130325419、41130907120"}) == both);
  CHECK(read({"承办人", "李四（执法证号：41130325419）", "王五（执法证号：41130907120）"}) == both);
  CHECK(read({"承办人及执法证号：李四 41130325419", "王五 41130907120"}) == both);
  CHECK(read({"承办人李四执法证号41130325419", "承办人王五执法证号41130907120"}) == both);
}

TEST_CASE("a filing form's 文号 whose opening bracket a poor scan turned into a bar is read") {
  std::vector<std::vector<std::string>> rows = {{"编号", "宛市监立|2023]86号"}, {"案件来源", "投诉举报"}, {"当事人", "南阳市宛城区瑞祥日用品有限公司"},
                                                {"承办人", "李四（执法证号：41130325419）\n王五（执法证号：41130907120）"}};
  const forms::CaseExtraction c = forms::extract_case("t", {test::synthetic_form("立案审批表", rows)}, test::shipped_templates());
  REQUIRE(c.documents.size() == 1);
  REQUIRE(c.documents[0].field("文号"));
  CHECK(c.documents[0].field("文号")->value == "宛市监立〔2023〕86号");
}

TEST_CASE("officers written side by side with a space in their cells are two officers, their numbers two numbers") {
  // The detector gives a spaced row as two pieces on one line of the cell.
  const auto split = [](ocr::PageResult& page, const std::string& text, const std::string& a, const std::string& b) {
    auto it = std::find_if(page.lines.begin(), page.lines.end(), [&](const ocr::Line& l) { return l.text == text; });
    REQUIRE(it != page.lines.end());
    const ocr::Line first = test::synthetic_line(a, it->box.x, it->box.y);
    const ocr::Line second = test::synthetic_line(b, first.box.right() + 40, it->box.y);  // a space: 0.6 of a character
    *it = first;
    page.lines.insert(it + 1, second);
  };
  ocr::PageResult page = test::synthetic_form("立案审批表", {{"案件来源", "投诉举报"},
                                                             {"当事人", "南阳市宛城区瑞祥日用品有限公司"},
                                                             {"执法人员", "李四王五"},
                                                             {"执法证号", "4113032541941130907120"},
                                                             {"立案日期", "2023年10月3日"},
                                                             {"承办人意见", "建议立案调查。\n2023年10月3日"}});
  split(page, "李四王五", "李四", "王五");
  split(page, "4113032541941130907120", "41130325419", "41130907120");
  split(page, "2023年10月3日", "2023", "年10月3日");  // a date filled into a printed 年 月 日
  const forms::CaseExtraction c = forms::extract_case("t", {page}, test::shipped_templates());
  const forms::ExtractedField* f = c.documents.at(0).field("执法人员");
  REQUIRE(f);
  CHECK(test::officers_text(f) == "李四=41130325419;王五=41130907120;");
  CHECK(f->problem.empty());
  // Other values read as if the space were not there.
  CHECK(c.documents.at(0).field("立案日期")->value == "2023-10-03");
  // The party's name in its cell, its characters close together, stays whole.
  CHECK(c.documents.at(0).field("当事人")->value["name"] == "南阳市宛城区瑞祥日用品有限公司");
}

TEST_CASE("officers spaced apart on one read line of a form without a grid are two officers") {
  // One OCR line whose characters stand apart where a space was printed.
  const auto spaced = [](const std::string& a, const std::string& b, int x, int y) {
    ocr::Line line = test::synthetic_line(a, x, y);
    const ocr::Line rest = test::synthetic_line(b, line.box.right() + 40, y);
    for (const ocr::Word& w : rest.words) line.words.push_back(w);
    line.text += b;
    line.box = ocr::unite(line.box, rest.box);
    return line;
  };
  ocr::PageResult page = test::synthetic_page({"立案审批表", "编号：宛市监立〔2023〕16号", "案件来源：投诉举报", "当事人：南阳市宛城区瑞祥日用品有限公司",
                                               "简要案情：2023年10月3日，本局执法人员在检查中发现当事人销售不合格产品。", "执法人员：李四王五",
                                               "执法证号：4113032541941130907120", "承办人意见：建议立案调查。", "2023年10月3日"});
  for (ocr::Line& l : page.lines) {
    if (l.text == "执法人员：李四王五") l = spaced("执法人员：李四", "王五", l.box.x, l.box.y);
    if (l.text == "执法证号：4113032541941130907120") l = spaced("执法证号：41130325419", "41130907120", l.box.x, l.box.y);
  }
  const forms::CaseExtraction c = forms::extract_case("t", {page}, test::shipped_templates());
  const forms::ExtractedField* f = c.documents.at(0).field("执法人员");
  REQUIRE(f);
  CHECK(test::officers_text(f) == "李四=41130325419;王五=41130907120;");
  // Evenly spaced characters are no gap: the label and the date read as before.
  CHECK(c.documents.at(0).field("当事人")->value["name"] == "南阳市宛城区瑞祥日用品有限公司");
}

TEST_CASE("officers in a block with column headings (姓名 | 执法证号) are read from the rows under them") {
  const std::vector<std::vector<std::string>> block = {{"执法人员", "姓名", "执法证号"}, {"", "李四", "41130325419"}, {"", "王五", "41130907120"}};
  CHECK(officers(block) == "李四=41130325419;王五=41130907120;");
  // The row after the block, with a label of its own, is not an officer.
  std::vector<std::vector<std::string>> then = block;
  then.push_back({"案件性质", "一般程序", "（简易程序不适用）"});
  CHECK(officers(then) == "李四=41130325419;王五=41130907120;");
}
