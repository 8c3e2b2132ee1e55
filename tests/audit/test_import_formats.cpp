// Export formats that exist (issue 11, class 15): a deployed 两法衔接
// platform's case fields and the national 信用中国 "双公示" 行政处罚 columns are
// read by their shipped column profiles, chosen automatically per file from
// the header; a field given by two columns takes the filled one; a yes/no
// transfer column and an entry type give the category; 双公示 amounts are 万元.
#include <iconv.h>
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

const char* kDeployedHeader =
    "行政处罚决定书文号,录入时间,做出行政处罚的执法机关,当事人姓名,单位名称,立案时涉案金额,处罚时涉案金额,"
    "是否涉嫌犯罪移送公安,移送文书号,涉案罪名,受案公安机关,移送单位,录入类型\n";
const char* kDeployedRows =
    "宛市监处罚〔2023〕87号,2023-05-12 10:22:31,宛城区市场监督管理局,,南阳某某商贸有限公司,12000,15000,否,,,,,行政处罚案件\n"
    ",2023-06-01 09:00:00,,张三,,80000,,是,宛市监移〔2023〕3号,非法经营罪,宛城区公安分局,宛城区市场监督管理局,移送案件\n"
    "宛市监处罚〔2023〕88号,2023/6/2 14:00,宛城区市场监督管理局,李四,,,,,,,,,行政处罚案件\n";

const char* kCreditHeader =
    "行政相对人名称,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,"
    "处罚类别,处罚内容,罚款金额（万元）,没收违法所得、没收非法财物的金额（万元）,处罚决定日期,处罚机关,数据来源单位\n";
const char* kCreditRows =
    "南阳某某商贸有限公司,91411302MA9XXXXX0L,王五,宛市监处罚〔2023〕87号,销售不合格产品,销售不合格电线,"
    "《中华人民共和国产品质量法》第四十九条,罚款,罚款3万元,3,0.5,2023-06-20,宛城区市场监督管理局,南阳市市场监督管理局\n"
    "李四,,,宛市监处罚〔2023〕88号,无照经营,,,警告,警告,,,2023年7月1日,,宛城区市场监督管理局\n";

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 8, '\0');
  char* src = const_cast<char*>(utf8.data());
  char* dst = out.data();
  std::size_t left = utf8.size(), room = out.size();
  REQUIRE(iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

std::vector<ColumnProfile> candidates(const char* side) {
  return auto_candidates(load_column_profiles(default_exports_dir()), side);
}

std::vector<std::string> blank_columns(const CaseRecord& r) {
  std::vector<std::string> out;
  for (const auto& b : r.blank) out.push_back(b.column + " " + std::string(must_fill_name(b.rule)));
  return out;
}

void check_deployed(const ImportReport& r) {
  CHECK(r.profile == "platform-cases");
  REQUIRE(r.records.size() == 3);
  const CaseRecord& a = r.records[0];
  CHECK(a.number_key == "宛市监处罚〔2023〕87号");
  CHECK(a.entered == forms::Date{2023, 5, 12});  // 录入时间 with a time of day
  CHECK(a.unit == "宛城区市场监督管理局");
  CHECK(a.party == "南阳某某商贸有限公司");      // the unit column, the person column being blank
  CHECK(a.case_amount == 15000 * 100);          // at the decision, before the amount at filing
  CHECK(a.category == Category::Penalty);       // 是否涉嫌犯罪移送公安: 否
  CHECK(a.blank.empty());
  const CaseRecord& b = r.records[1];
  CHECK(b.number_key == "宛市监移〔2023〕3号");  // the transfer letter's 文号
  CHECK(b.unit == "宛城区市场监督管理局");         // 移送单位
  CHECK(b.party == "张三");
  CHECK(b.case_amount == 80000 * 100);          // the amount at filing
  CHECK(b.category == Category::Transfer);      // 是
  CHECK(b.cause == "非法经营罪");
  CHECK(b.blank.empty());
  const CaseRecord& c = r.records[2];
  CHECK(c.entered == forms::Date{2023, 6, 2});
  CHECK(c.category == Category::Penalty);       // 录入类型, the yes/no column being blank
  CHECK(blank_columns(c) == std::vector<std::string>{"处罚时涉案金额/立案时涉案金额 when_known"});
  CHECK(r.problems.empty());
  for (const char* f : {"number", "entered", "unit", "party", "case_amount", "category", "cause"}) {
    INFO(f);
    CHECK(std::find(r.fields_mapped.begin(), r.fields_mapped.end(), f) != r.fields_mapped.end());
  }
  CHECK(std::find(r.fields_mapped.begin(), r.fields_mapped.end(), "filed") == r.fields_mapped.end());
}

void check_credit(const ImportReport& r) {
  CHECK(r.profile == "shuanggongshi");
  REQUIRE(r.records.size() == 2);
  const CaseRecord& a = r.records[0];
  CHECK(a.party == "南阳某某商贸有限公司");
  CHECK(a.number_key == "宛市监处罚〔2023〕87号");
  CHECK(a.fine == 30000 * 100);  // 3 万元
  CHECK(a.decided == forms::Date{2023, 6, 20});
  CHECK(a.unit == "宛城区市场监督管理局");
  CHECK(a.category == Category::Penalty);  // every row of 双公示 is a penalty
  CHECK(a.cause == "销售不合格产品");
  CHECK_FALSE(a.filed);
  CHECK_FALSE(a.entered);
  const CaseRecord& b = r.records[1];
  CHECK(b.unit == "宛城区市场监督管理局");  // 数据来源单位, 处罚机关 being blank
  CHECK(b.decided == forms::Date{2023, 7, 1});
  CHECK_FALSE(b.fine);
}

}  // namespace

TEST_CASE("a deployed platform's case fields: CSV, chosen automatically") {
  ScratchDir dir("formats-deployed");
  write_file(dir / "deployed.csv", std::string("\xEF\xBB\xBF") + kDeployedHeader + kDeployedRows);
  check_deployed(import_table_auto(dir / "deployed.csv", candidates("platform")));
  // Named explicitly, the same.
  check_deployed(import_table(dir / "deployed.csv", load_column_profile(default_exports_dir(), "platform-cases")));
  // The generic platform profile alone cannot read it, and says which column it lacks.
  try {
    import_table(dir / "deployed.csv", load_column_profile(default_exports_dir(), "platform"));
    FAIL("read");
  } catch (const ImportError& e) {
    CHECK(std::string(e.what()).find("案件编号") != std::string::npos);
  }
}

TEST_CASE("信用中国 双公示 行政处罚 columns: GB18030 CSV and xlsx, as the case side, amounts in 万元") {
  ScratchDir dir("formats-credit");
  write_file(dir / "credit.csv", to_gb18030(std::string(kCreditHeader) + kCreditRows));
  const ImportReport csv = import_table_auto(dir / "credit.csv", candidates("register"));
  CHECK(csv.encoding == "GB18030");
  check_credit(csv);
  // Given with --platform it is read too (side: any).
  check_credit(import_table_auto(dir / "credit.csv", candidates("platform")));

  const auto path = dir / "credit.xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "行政处罚");
  worksheet_merge_range(ws, 0, 0, 0, 13, "行政处罚信息公示", nullptr);
  auto put_row = [&](int row, const std::string& line) {
    std::size_t start = 0;
    for (int c = 0; start <= line.size(); ++c) {
      const std::size_t comma = line.find(',', start);
      const std::string cell = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (c == 9 && row > 1 && !cell.empty()) worksheet_write_number(ws, static_cast<lxw_row_t>(row), 9, std::stod(cell), nullptr);
      else if (!cell.empty()) worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c), cell.c_str(), nullptr);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  };
  std::string header = kCreditHeader, rows = kCreditRows;
  header.pop_back();
  put_row(1, header);
  put_row(2, rows.substr(0, rows.find('\n')));
  put_row(3, rows.substr(rows.find('\n') + 1, rows.size() - rows.find('\n') - 2));
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  const ImportReport xlsx = import_table_auto(path, candidates("register"));
  CHECK(xlsx.format == "xlsx");
  CHECK(xlsx.header_row == 2);
  check_credit(xlsx);
}

TEST_CASE("auto: the familiar header sets still get their own profiles, a file no profile fits is named") {
  ScratchDir dir("formats-auto");
  write_file(dir / "export.csv",
             "录入单位,案件编号,当事人,案件类别,立案日期,涉案金额,录入日期\n"
             "宛城区市场监督管理局,宛市监处罚〔2023〕1号,甲,行政处罚,2023-05-01,100,2023-05-03\n");
  CHECK(import_table_auto(dir / "export.csv", candidates("platform")).profile == "platform");
  write_file(dir / "register.csv", "执法单位,文号,当事人,立案日期\n宛城区市场监督管理局,宛市监处罚〔2023〕1号,甲,2023-05-01\n");
  CHECK(import_table_auto(dir / "register.csv", candidates("register")).profile == "register");
  // A register without 立案日期 is still read.
  write_file(dir / "no-filed.csv", "执法单位,文号,当事人,决定日期\n宛城区市场监督管理局,宛市监处罚〔2023〕1号,甲,2023-06-01\n");
  const ImportReport nf = import_table_auto(dir / "no-filed.csv", candidates("register"));
  CHECK(nf.profile == "register");
  CHECK_FALSE(nf.records.at(0).filed);

  write_file(dir / "other.csv", "姓名,年龄\n张三,30\n");
  try {
    import_table_auto(dir / "other.csv", candidates("platform"));
    FAIL("read");
  } catch (const ImportError& e) {
    const std::string what = e.what();
    CHECK(what.find("no column profile fits") != std::string::npos);
    CHECK(what.find("姓名、年龄") != std::string::npos);
  }
  // Only the profiles of a side (or of either) are candidates, the side's own first.
  const auto platform = candidates("platform");
  REQUIRE_FALSE(platform.empty());
  CHECK(platform.front().name == "platform");
  for (const auto& p : platform) CHECK(p.name != "register");
}
