// CSV exports as a user hands them over: the three encodings give the same
// records, unreadable encodings are refused, cells are read in every form
// the platform writes, bad cells are reported by row and column and junk
// rows do not become cases.
#include <iconv.h>

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

std::vector<std::string> blank_columns(const CaseRecord& r) {
  std::vector<std::string> out;
  for (const auto& b : r.blank) out.push_back(b.column + " " + std::string(must_fill_name(b.rule)));
  return out;
}

const std::string kHeader = "录入单位,案件编号,案件名称,当事人,案由,案件类别,立案日期,处罚决定日期,涉案金额,罚款金额,录入日期,移送日期,状态\n";
const std::string kRows =
    "宛城区市场监督管理局,宛市监处罚〔2023〕87号,销售伪劣产品案,南阳某某商贸有限公司,销售伪劣产品,行政处罚,2023-05-12,"
    "2023/6/1 0:00:00,\"12,345.60\",5000元,2023年5月15日,,已结案\n"
    "宛城区市场监督管理局,宛市监处罚[2023]88号,\"无照经营案，涉及\"\"三无\"\"产品\",张三,无照经营,涉嫌犯罪移送,20230601,"
    ",1.2万,,2023-06-05 10:20,2023-06-20,已移送\n";

// UTF-8 -> GB18030 with glibc's iconv (the test does not rely on the code under test).
std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t src_left = in.size(), dst_left = out.size();
  REQUIRE(iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

ImportReport import_text(const ScratchDir& dir, const std::string& name, const std::string& bytes) {
  write_file(dir / name, bytes);
  return import_table(dir / name, platform());
}

std::string import_error(const ScratchDir& dir, const std::string& name, const std::string& bytes) {
  write_file(dir / name, bytes);
  try {
    import_table(dir / name, platform());
  } catch (const ImportError& e) {
    return e.what();
  }
  return "(no error)";
}

void same_records(const ImportReport& a, const ImportReport& b) {
  REQUIRE(a.records.size() == b.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    const CaseRecord &x = a.records[i], &y = b.records[i];
    CHECK(x.unit == y.unit);
    CHECK(x.number == y.number);
    CHECK(x.number_key == y.number_key);
    CHECK(x.name == y.name);
    CHECK(x.party == y.party);
    CHECK(x.category == y.category);
    CHECK(x.filed == y.filed);
    CHECK(x.decided == y.decided);
    CHECK(x.entered == y.entered);
    CHECK(x.case_amount == y.case_amount);
    CHECK(x.fine == y.fine);
    CHECK(x.status == y.status);
    CHECK(x.origin.row == y.origin.row);
  }
}

}  // namespace

TEST_CASE("UTF-8, UTF-8 with BOM and GB18030 exports give the same records") {
  ScratchDir dir("import_encodings");
  const std::string text = kHeader + kRows;
  const ImportReport utf8 = import_text(dir, "utf8.csv", text);
  const ImportReport bom = import_text(dir, "bom.csv", "\xEF\xBB\xBF" + text);
  const ImportReport gb = import_text(dir, "gb.csv", to_gb18030(text));
  CHECK(utf8.encoding == "UTF-8");
  CHECK(bom.encoding == "UTF-8 (BOM)");
  CHECK(gb.encoding == "GB18030");
  CHECK(utf8.format == "csv");
  same_records(utf8, bom);
  same_records(utf8, gb);

  REQUIRE(utf8.records.size() == 2);
  const CaseRecord& r = utf8.records[0];
  CHECK(r.unit == "宛城区市场监督管理局");
  CHECK(r.number_key == "宛市监处罚〔2023〕87号");
  CHECK(r.party == "南阳某某商贸有限公司");
  CHECK(r.category == Category::Penalty);
  CHECK(r.filed == forms::Date{2023, 5, 12});
  CHECK(r.decided == forms::Date{2023, 6, 1});
  CHECK(r.entered == forms::Date{2023, 5, 15});
  CHECK(r.case_amount == 1234560);
  CHECK(r.fine == 500000);
  CHECK(r.origin.row == 2);
  const CaseRecord& s = utf8.records[1];
  CHECK(s.name == "无照经营案，涉及\"三无\"产品");
  CHECK(s.number_key == "宛市监处罚〔2023〕88号");
  CHECK(s.category == Category::Transfer);
  CHECK(s.filed == forms::Date{2023, 6, 1});
  CHECK(s.entered == forms::Date{2023, 6, 5});
  CHECK(s.transferred == forms::Date{2023, 6, 20});
  CHECK(s.case_amount == 1200000);
  CHECK(utf8.problems.empty());
  CHECK(gb.problems.empty());
}

TEST_CASE("a Latin-1 or binary file is refused with the encoding message, not read as mojibake") {
  ScratchDir dir("import_bad_encoding");
  // Every byte pair here is a valid GBK code, so only the plausibility test can refuse it.
  const std::string latin1 = "unit,number,party\nSoci\xe9t\xe9 G\xe9n\xe9rale,A\xe9z,Caf\xe9s Bl\xe9u\n";
  const std::string message = import_error(dir, "latin1.csv", latin1);
  CHECK(message.find("无法识别文件编码") != std::string::npos);
  CHECK(message.find("encoding not recognised") != std::string::npos);
  CHECK(message.find("latin1.csv") != std::string::npos);

  std::string binary;
  for (int i = 0; i < 4000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  CHECK(import_error(dir, "binary.csv", binary).find("无法识别文件编码") != std::string::npos);

  // A UTF-8 BOM followed by bytes that are not UTF-8.
  CHECK(import_error(dir, "bom.csv", "\xEF\xBB\xBF" + kHeader + "\xB0\xA1\n").find("无法识别文件编码") !=
        std::string::npos);
}

TEST_CASE("RFC 4180 quoting, CRLF line ends and tab-separated files") {
  ScratchDir dir("import_rfc4180");
  std::string crlf = kHeader + kRows;
  std::string with_cr;
  for (const char c : crlf) {
    if (c == '\n') with_cr += "\r\n";
    else with_cr.push_back(c);
  }
  // A cell with a line break inside quotes: still one spreadsheet row.
  with_cr += "宛城区市场监督管理局,宛市监处罚〔2023〕89号,\"第一行\r\n第二行\",李四,案由,行政处罚,2023-07-01,,100,,2023-07-02,,\r\n";
  with_cr += "宛城区市场监督管理局,宛市监处罚〔2023〕90号,名称,王五,案由,行政处罚,2023-07-03,,100,,2023-07-04,,\r\n";
  const ImportReport r = import_text(dir, "crlf.csv", with_cr);
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[2].name == "第一行\r\n第二行");
  CHECK(r.records[2].origin.row == 4);
  CHECK(r.records[3].origin.row == 5);
  CHECK(r.records[3].party == "王五");

  std::string tsv = kHeader + "宛城区市场监督管理局,宛市监处罚〔2023〕87号,名称,\"甲, 乙\",案由,行政处罚,2023-05-12,,100,,2023-05-13,,\n";
  for (char& c : tsv)
    if (c == ',') c = '\t';
  const ImportReport t = import_text(dir, "tabs.csv", tsv);
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0].party == "甲\t 乙");  // the quoted cell keeps its (converted) separator as text
  CHECK(t.records[0].filed == forms::Date{2023, 5, 12});

  CHECK(import_error(dir, "open_quote.csv", kHeader + "单位,\"宛市监处罚〔2023〕1号,x\n").find("引号") != std::string::npos);
}

TEST_CASE("title rows above the header are skipped and headers match loosely") {
  ScratchDir dir("import_title");
  const std::string text =
      "南阳市两法衔接平台案件导出 2023年,,,,\n"
      "导出时间：2024-01-05,,,,\n"
      "序号, 录 入 单 位 ,*文号,当事人名称,案件类型,录入时间,涉案金额（万元）,罚款金额(元)\n"
      "1,宛城区市场监督管理局,宛市监处罚（２０２３）第0087号,南阳某某商贸有限公司,一般程序,2023-05-15,1.2,\"１２，０００\"\n";
  const ImportReport r = import_text(dir, "title.csv", text);
  CHECK(r.header_row == 3);
  REQUIRE(r.records.size() == 1);
  const CaseRecord& c = r.records[0];
  CHECK(c.origin.row == 4);
  CHECK(c.unit == "宛城区市场监督管理局");
  CHECK(c.number_key == "宛市监处罚〔2023〕87号");
  CHECK(c.category == Category::Penalty);
  CHECK(c.case_amount == 1200000);  // 1.2万元 = 12000 yuan
  CHECK(r.columns_found.size() == 8);
  CHECK(r.columns_found[0] == "序号");
}

TEST_CASE("amounts and dates in the forms exports write them") {
  ScratchDir dir("import_forms");
  std::string text = "录入单位,案件编号,当事人,案件类别,录入日期,立案日期,涉案金额,罚款金额\n";
  const char* amounts[][2] = {{"12,345.60", "1234560"}, {"1.2万", "1200000"}, {"¥5000", "500000"},
                              {"5000元", "500000"},     {"５０００", "500000"}, {"伍仟元整", "500000"},
                              {"￥12,050.00", "1205000"}};
  const char* dates[][2] = {{"2023/5/12 0:00:00", "2023-05-12"}, {"2023-05-12 10:20", "2023-05-12"},
                            {"20230512", "2023-05-12"},          {"2023年5月12日", "2023-05-12"},
                            {"二〇二三年五月十二日", "2023-05-12"}, {"45000", "2023-03-15"},
                            {"2023.5.12", "2023-05-12"}};
  for (int i = 0; i < 7; ++i)
    text += "局,宛市监处罚〔2023〕" + std::to_string(i + 1) + "号,甲,行政处罚,2023-06-01," + dates[i][0] + "," +
            (std::string(amounts[i][0]).find(',') != std::string::npos ? "\"" + std::string(amounts[i][0]) + "\""
                                                                       : std::string(amounts[i][0])) +
            ",\n";
  const ImportReport r = import_text(dir, "forms.csv", text);
  REQUIRE(r.records.size() == 7);
  CHECK(r.problems.empty());
  for (int i = 0; i < 7; ++i) {
    INFO("amount " << amounts[i][0] << ", date " << dates[i][0]);
    REQUIRE(r.records[i].case_amount.has_value());
    CHECK(std::to_string(*r.records[i].case_amount) == amounts[i][1]);
    REQUIRE(r.records[i].filed.has_value());
    CHECK(r.records[i].filed->iso() == dates[i][1]);
  }
}

TEST_CASE("a bad date and an amount with text are problems with row and column, the row is kept") {
  ScratchDir dir("import_problems");
  const std::string text = kHeader +
                           "局,宛市监处罚〔2023〕1号,名称,甲,案由,行政处罚,2023-13-01,,约五千,100,2023-06-01,,\n"
                           "局,宛市监处罚〔2023〕2号,名称,乙,案由,什么类别,2023-05-01,,100,,2023-06-01,,\n";
  const ImportReport r = import_text(dir, "problems.csv", text);
  REQUIRE(r.records.size() == 2);
  const CaseRecord& a = r.records[0];
  CHECK_FALSE(a.filed.has_value());
  CHECK_FALSE(a.case_amount.has_value());
  CHECK(a.fine == 10000);
  CHECK(a.party == "甲");
  REQUIRE(a.problems.size() == 2);
  CHECK(a.problems[0].row == 2);
  CHECK(a.problems[0].column == "立案日期");
  CHECK(a.problems[0].raw == "2023-13-01");
  CHECK(a.problems[0].problem.find("日期无法识别") != std::string::npos);
  CHECK(a.problems[1].column == "涉案金额");
  CHECK(a.problems[1].raw == "约五千");
  CHECK(a.problems[1].problem.find("金额无法识别") != std::string::npos);
  CHECK(a.problems[0].message().find("problems.csv 第2行 立案日期") != std::string::npos);
  CHECK(r.records[1].category == Category::Unknown);
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[2].row == 3);
  CHECK(r.problems[2].column == "案件类别");
}

TEST_CASE("blank must-fill cells mark the entry incomplete") {
  ScratchDir dir("import_blank");
  const ImportReport r =
      import_text(dir, "blank.csv", kHeader + "局,宛市监处罚〔2023〕1号,名称,  ,案由,行政处罚,,,-,,2023-06-01,,\n");
  REQUIRE(r.records.size() == 1);
  // Every blank column whose profile may require it, with its rule; whether it
  // makes the entry incomplete depends on the case file (see test_reconcile).
  CHECK(blank_columns(r.records[0]) == std::vector<std::string>{"当事人 always", "立案日期 penalty", "涉案金额 when_known",
                                                                "罚款金额 when_known", "移送日期 transfer"});
  CHECK(r.records[0].problems.empty());
}

TEST_CASE("empty file, header only, missing column") {
  ScratchDir dir("import_empty");
  CHECK(import_error(dir, "empty.csv", "").find("文件为空 (empty file)") != std::string::npos);
  CHECK(import_error(dir, "bom_only.csv", "\xEF\xBB\xBF\r\n\r\n").find("文件为空") != std::string::npos);

  const ImportReport header_only = import_text(dir, "header.csv", kHeader);
  CHECK(header_only.records.empty());
  CHECK(header_only.header_row == 1);
  CHECK(header_only.problems.empty());

  const std::string message =
      import_error(dir, "missing.csv", "录入单位,案件编号,案件类别,录入日期,涉案金额\n局,宛市监处罚〔2023〕1号,行政处罚,2023-06-01,1\n");
  INFO(message);
  CHECK(message.find("当事人") != std::string::npos);
  CHECK(message.find("当事人名称") != std::string::npos);  // its other accepted names
  CHECK(message.find("违法主体") != std::string::npos);
  CHECK(message.find("columns found): 录入单位、案件编号、案件类别、录入日期、涉案金额") != std::string::npos);
  CHECK(message.find("missing.csv") != std::string::npos);

  const std::string none = import_error(dir, "other.csv", "姓名,年龄\n张三,30\n");
  CHECK(none.find("录入单位") != std::string::npos);
  CHECK(none.find("姓名、年龄") != std::string::npos);
}

TEST_CASE("junk rows: blank, repeated header, footers, short and long rows") {
  ScratchDir dir("import_junk");
  const std::string text = kHeader +
                           "局,宛市监处罚〔2023〕1号,名称,甲,案由,行政处罚,2023-05-01,,100,,2023-06-01,,\n"
                           ",,,,,,,,,,,,\n"
                           "\n" + kHeader +
                           "局,宛市监处罚〔2023〕2号,名称,乙\n"  // short row
                           "局,宛市监处罚〔2023〕3号,名称,丙,案由,行政处罚,2023-05-01,,100,,2023-06-01,,,多余,多余\n"
                           "合计,,,,,,,,300,,,,\n"
                           "制表人：王五,,,,,,,,,,,,\n";
  const ImportReport r = import_text(dir, "junk.csv", text);
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].origin.row == 2);
  CHECK(r.records[1].origin.row == 6);
  CHECK(r.records[1].party == "乙");
  CHECK(blank_columns(r.records[1]) == std::vector<std::string>{"案件类别 always", "立案日期 penalty", "涉案金额 when_known",
                                                                "罚款金额 when_known", "录入日期 always",
                                                                "移送日期 transfer"});  // past the row's end
  CHECK(r.records[2].origin.row == 7);
  CHECK(r.skipped_rows == 5);
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].row == 8);
  CHECK(r.problems[0].raw == "合计");
  CHECK(r.problems[0].column == "录入单位");
  CHECK(r.problems[0].problem.find("footer") != std::string::npos);
  CHECK(r.problems[1].raw == "制表人：王五");
}

TEST_CASE("a GB18030 file larger than one read chunk decodes across chunk boundaries") {
  ScratchDir dir("import_gb_large");
  std::string text = kHeader;
  for (int i = 1; i <= 20000; ++i)  // about 2.5 MB: characters are cut between chunks
    text += "宛城区市场监督管理局,宛市监处罚〔2023〕" + std::to_string(i) + "号,案件名称,当事人甲乙丙" + std::to_string(i) +
            ",案由,行政处罚,2023-05-12,,100,,2023-05-15,,已结案\n";
  const ImportReport utf8 = import_text(dir, "big_utf8.csv", text);
  const ImportReport gb = import_text(dir, "big_gb.csv", to_gb18030(text));
  CHECK(gb.encoding == "GB18030");
  REQUIRE(gb.records.size() == 20000);
  CHECK(gb.problems.empty());
  same_records(utf8, gb);
  CHECK(gb.records.back().party == "当事人甲乙丙20000");
}
