// Excel exports: .xlsx written with libxlsxwriter the way platforms and
// bureaus lay them out (a merged title above the header, date cells, plain
// serials, rich text, 万元 columns, inline strings), and damaged workbooks
// refused with a message naming the file.
#include <xlsxwriter.h>

#include <catch2/catch.hpp>
#include <string>

#include "caseaudit/audit/table_import.h"
#include "support/fixtures.h"

using namespace caseaudit;
using namespace caseaudit::audit;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace {

ColumnProfile platform() { return load_column_profile(default_exports_dir(), "platform"); }

std::string import_error(const std::filesystem::path& file) {
  try {
    import_table(file, platform());
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kHeaders[] = {"录入单位", "案件编号", "当事人", "案件类别", "立案日期", "涉案金额（万元）", "罚款金额", "录入日期"};

void write_header(lxw_worksheet* ws, int row) {
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c), kHeaders[c], nullptr);
}

}  // namespace

TEST_CASE("xlsx: merged title rows above the header, date cells, serials, rich text, 万元") {
  ScratchDir dir("import_xlsx");
  const auto path = dir / "export.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "案件导出");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  worksheet_merge_range(ws, 0, 0, 0, 7, "南阳市两法衔接平台案件导出 2023年", nullptr);
  worksheet_merge_range(ws, 1, 0, 1, 7, "导出单位：宛城区", nullptr);
  write_header(ws, 2);
  // Row 4: a date cell, amounts as numbers (1.2 万元), a rich-text party.
  worksheet_write_string(ws, 3, 0, "宛城区市场监督管理局", nullptr);
  worksheet_write_string(ws, 3, 1, "宛市监处罚〔2023〕87号", nullptr);
  lxw_rich_string_tuple part1 = {bold, const_cast<char*>("南阳某某")};
  lxw_rich_string_tuple part2 = {nullptr, const_cast<char*>("商贸有限公司")};
  lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
  worksheet_write_rich_string(ws, 3, 2, rich, nullptr);
  worksheet_write_string(ws, 3, 3, "行政处罚", nullptr);
  lxw_datetime filed = {2023, 5, 12, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 4, &filed, date);
  worksheet_write_number(ws, 3, 5, 1.2, nullptr);
  worksheet_write_number(ws, 3, 6, 5000.5, nullptr);
  worksheet_write_number(ws, 3, 7, 45000, nullptr);  // a plain number in a date column: a serial
  // Row 5: the unit merged down from row 4 is left blank here by Excel; dates as text.
  worksheet_merge_range(ws, 3, 0, 4, 0, "宛城区市场监督管理局", nullptr);
  worksheet_write_string(ws, 4, 1, "宛市监处罚〔2023〕88号", nullptr);
  worksheet_write_string(ws, 4, 2, "张三", nullptr);
  worksheet_write_string(ws, 4, 3, "涉嫌犯罪移送", nullptr);
  worksheet_write_string(ws, 4, 4, "2023/6/1 0:00:00", nullptr);
  worksheet_write_string(ws, 4, 5, "3.5", nullptr);
  worksheet_write_string(ws, 4, 6, "bad", nullptr);
  worksheet_write_number(ws, 4, 7, 60, nullptr);  // Excel's nonexistent 1900-02-29
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

  const ImportReport r = import_table(path, platform());
  CHECK(r.format == "xlsx");
  CHECK(r.encoding.empty());
  CHECK(r.sheet == "案件导出");
  CHECK(r.header_row == 3);
  REQUIRE(r.records.size() == 2);
  const CaseRecord& a = r.records[0];
  CHECK(a.origin.row == 4);
  CHECK(a.origin.sheet == "案件导出");
  CHECK(a.unit == "宛城区市场监督管理局");
  CHECK(a.party == "南阳某某商贸有限公司");
  CHECK(a.filed == forms::Date{2023, 5, 12});
  CHECK(a.entered == forms::Date{2023, 3, 15});
  CHECK(a.case_amount == 1200000);  // 1.2 万元
  CHECK(a.fine == 500050);
  CHECK(a.problems.empty());
  const CaseRecord& b = r.records[1];
  CHECK(b.origin.row == 5);
  CHECK(b.unit == "宛城区市场监督管理局");  // from the merged range
  CHECK(b.category == Category::Transfer);
  CHECK(b.filed == forms::Date{2023, 6, 1});
  CHECK(b.case_amount == 3500000);
  CHECK_FALSE(b.fine.has_value());
  CHECK_FALSE(b.entered.has_value());
  REQUIRE(b.problems.size() == 2);
  CHECK(b.problems[0].column == "罚款金额");
  CHECK(b.problems[0].row == 5);
  CHECK(b.problems[1].column == "录入日期");
  CHECK(b.problems[1].problem.find("1900-02-29") != std::string::npos);
}

TEST_CASE("xlsx: the first sheet with the header is read, inline strings") {
  ScratchDir dir("import_xlsx_sheets");
  const auto path = dir / "register.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // libxlsxwriter then writes inline strings
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");
  worksheet_write_string(notes, 0, 0, "本表由平台自动生成", nullptr);
  lxw_worksheet* data = workbook_add_worksheet(wb, "数据");
  write_header(data, 0);
  worksheet_write_string(data, 1, 0, "局", nullptr);
  worksheet_write_string(data, 1, 1, "宛市监处罚〔2023〕9号", nullptr);
  worksheet_write_string(data, 1, 2, "李四", nullptr);
  worksheet_write_string(data, 1, 3, "行政处罚", nullptr);
  worksheet_write_string(data, 1, 4, "2023-05-12", nullptr);
  worksheet_write_string(data, 1, 7, "2023-05-20", nullptr);
  worksheet_write_string(data, 2, 0, "合计", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

  const ImportReport r = import_table(path, platform());
  CHECK(r.sheet == "数据");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].party == "李四");
  CHECK(r.records[0].origin.row == 2);
  CHECK(r.records[0].entered == forms::Date{2023, 5, 20});
  REQUIRE(r.problems.size() == 1);  // the 合计 footer
  CHECK(r.problems[0].row == 3);
}

TEST_CASE("xlsx: a workbook without the columns names them, an empty workbook is empty") {
  ScratchDir dir("import_xlsx_missing");
  const auto path = dir / "wrong.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "姓名", nullptr);
  worksheet_write_string(ws, 0, 1, "录入单位", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  const std::string message = import_error(path);
  CHECK(message.find("案件编号") != std::string::npos);
  CHECK(message.find("姓名、录入单位") != std::string::npos);

  const auto empty = dir / "empty.xlsx";
  wb = workbook_new(empty.c_str());
  workbook_add_worksheet(wb, nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  CHECK(import_error(empty).find("文件为空 (empty file)") != std::string::npos);
}

TEST_CASE("damaged workbooks and HTML saved as .xls are refused with a clear message") {
  ScratchDir dir("import_damaged");
  // An .xls (OLE2 signature) whose structure is garbage (a readable .xls is
  // in test_import_xls.cpp).
  std::string ole = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  ole.append(600, '\x07');
  write_file(dir / "broken.xls", ole);
  const std::string xls = import_error(dir / "broken.xls");
  INFO(xls);
  CHECK(xls.find("broken.xls") != std::string::npos);
  CHECK(xls.find(".xls") != std::string::npos);
  CHECK(xls.find("(no error)") == std::string::npos);

  write_file(dir / "broken.xlsx", std::string("PK\x03\x04", 4) + std::string(300, 'x'));
  const std::string xlsx = import_error(dir / "broken.xlsx");
  INFO(xlsx);
  CHECK(xlsx.find("broken.xlsx") != std::string::npos);
  CHECK(xlsx.find(".xlsx") != std::string::npos);

  write_file(dir / "web.xls", "<html><body><table><tr><td>录入单位</td></tr></table></body></html>");
  CHECK(import_error(dir / "web.xls").find("HTML") != std::string::npos);
}
