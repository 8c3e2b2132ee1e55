// End-to-end: `caseaudit audit`, the on-site reconciliation, on the sample
// scanned case files and the sample platform export (GB18030 with a title
// row), and on bad exports: every problem named with its file, nothing lost,
// nothing crashes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string caseaudit() { return (binary_dir() / "caseaudit").string(); }
std::string cache() { return "--cache " + (binary_dir() / "test-ocr-cache").string(); }

int run(const std::string& args, std::string* out) { return run_command(caseaudit() + " " + args + " 2>&1", out); }

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

constexpr const char* kRegister =
    "执法单位,文号,当事人,案由,案件类型,立案日期,决定日期,涉案金额(元),罚款金额(元)\n"
    "宛城区市场监督管理局,宛市监处罚〔2023〕31号,南阳市宛城区鑫源商贸有限公司,销售侵犯注册商标专用权的商品,行政处罚,2023-05-08,2023-06-20,12000,30000\n"
    "宛城区市场监督管理局,宛市监处罚〔2023〕32号,南阳市卧龙区华泰五金经营部,销售侵犯注册商标专用权的商品,行政处罚,2023-05-09,2023-06-21,8000,20000\n";

constexpr const char* kHeader =
    "录入单位,案件编号,当事人,案件类别,立案日期,涉案金额,罚款金额,录入日期\n";

}  // namespace

TEST_CASE("audit: scanned sample case files against the sample export - late, missing and orphan entries", "[cli][slow]") {
  ScratchDir dir("cli-audit");
  std::string out;
  const int code = run("audit --cases " + q(fixtures_dir() / "cases" / "case-001") + " --cases " +
                           q(fixtures_dir() / "cases" / "case-002.pdf") + " --platform " +
                           q(fixtures_dir() / "platform" / "南阳市-平台导出-样例.csv") + " --as-of 2024-06-30 -o " +
                           q(dir / "out") + " " + cache(),
                       &out);
  INFO(out);
  CHECK(code == 5);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "audit.json"));
  CHECK(j["schema"] == "caseaudit.audit/1");
  std::set<std::string> got;
  std::set<std::string> documents;
  for (const auto& f : j["findings"]) {
    const std::string kind = f["kind"].get<std::string>();
    (kind.rfind("platform.", 0) == 0 ? got : documents).insert(kind + " " + f["number"].get<std::string>());
  }
  CHECK(got == std::set<std::string>{"platform.late 宛市监罚字〔2023〕16号", "platform.missing 宛城市监处罚〔2023〕144号",
                                     "platform.orphan 宛市监罚字〔2023〕21号"});
  // The scanned files' documents are checked too, as `check` does: case-001's transfer package is incomplete.
  CHECK(documents.count("case.transfer-package 宛市监罚字〔2023〕16号") == 1);
  bool counted = false;
  for (const auto& u : j["units"]) counted = counted || (u.contains("documents") && u["documents"]["checked_files"] == 1);
  CHECK(counted);
  CHECK(out.find("相隔 9 个工作日") != std::string::npos);  // 2023-12-04 -> 2023-12-15
  CHECK(fs::exists(dir / "out" / "audit-findings.csv"));
  CHECK(fs::exists(dir / "out" / "audit-report.txt"));
}

TEST_CASE("audit: bad exports are named with what is wrong, and the rest of the batch is audited", "[cli]") {
  ScratchDir dir("cli-audit-bad");
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "empty.csv", "");
  write_file(dir / "header-only.csv", kHeader);
  write_file(dir / "latin1.csv", std::string(kHeader) + "Caf\xe9 \xe0 la cr\xe8me,\xff\xfe\xfd,\xe9t\xe9,1,2,3,4,5\n");
  write_file(dir / "no-date.csv", "录入单位,案件编号,当事人,案件类别,立案日期,涉案金额\n宛城区市场监督管理局,宛市监处罚〔2023〕31号,某公司,行政处罚,2023-05-08,12000\n");
  write_file(dir / "junk.csv", std::string("宛城区两法衔接平台导出\n") + kHeader +
                                   "宛城区市场监督管理局,宛市监处罚[2023]31号,南阳市宛城区鑫源商贸有限公司,行政处罚,2023-05-08,12000,30000,2023-05-10\n"
                                   ",,,,,,,\n" + kHeader +
                                   "宛城区市场监督管理局,宛市监处罚（2023）32号,南阳市卧龙区华泰五金经营部,行政处罚,2023-13-45,8千元,20000,2023-05-11\n"
                                   "合计,,,,,20000,50000,\n");
  const std::string base = "audit --register " + q(dir / "register.csv") + " --as-of 2024-06-30 -o " + q(dir / "out");
  std::string out;

  // Unusable files: exit 3, each named with its reason; the readable export is still audited.
  int code = run(base + " --platform " + q(dir / "empty.csv") + " --platform " + q(dir / "latin1.csv") + " --platform " +
                     q(dir / "no-date.csv") + " --platform " + q(dir / "junk.csv"),
                 &out);
  INFO(out);
  CHECK(code == 3);
  CHECK(out.find("empty.csv") != std::string::npos);
  CHECK(out.find("文件为空") != std::string::npos);
  CHECK(out.find("latin1.csv") != std::string::npos);
  CHECK(out.find("编码") != std::string::npos);
  CHECK(out.find("no-date.csv") != std::string::npos);
  CHECK(out.find("录入日期") != std::string::npos);  // the missing column, by name
  auto j = nlohmann::json::parse(read_file(dir / "out" / "audit.json"));
  CHECK(j["unreadable"].size() == 3);
  CHECK(j["platform_entries"] == 2);          // junk.csv's two real rows, title, blank, repeated header and total skipped
  CHECK(j["cell_problems"].size() >= 1);      // 2023-13-45 and 8千元 kept as unknown, with row and column
  bool row_named = false;
  for (const auto& p : j["cell_problems"]) row_named = row_named || p.get<std::string>().find("第7行") != std::string::npos;
  CHECK(row_named);
  std::set<std::string> kinds;
  for (const auto& f : j["findings"]) kinds.insert(f["kind"].get<std::string>());
  CHECK_FALSE(kinds.count("platform.missing"));  // both register cases linked, whatever the bracket style

  // A header with no rows is not an error, but it is said.
  code = run(base + " --platform " + q(dir / "header-only.csv"), &out);
  CHECK(code == 5);  // every register case is then not entered
  CHECK(out.find("只有表头") != std::string::npos);

  // Usage.
  CHECK(run("audit --register " + q(dir / "register.csv") + " -o " + q(dir / "out"), &out) == 2);
  CHECK(out.find("--platform") != std::string::npos);
  CHECK(run("audit --platform " + q(dir / "junk.csv") + " -o " + q(dir / "out") + " --as-of 2024-02-30", &out) == 2);
}

TEST_CASE("audit: 双公示 penalties against a deployed platform's case fields, each file's profile chosen from its header",
          "[cli]") {
  ScratchDir dir("cli-audit-formats");
  write_file(dir / "双公示.csv",
             "行政相对人名称,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,"
             "处罚类别,处罚内容,罚款金额（万元）,没收违法所得、没收非法财物的金额（万元）,处罚决定日期,处罚机关,数据来源单位\n"
             "南阳市宛城区鑫源商贸有限公司,,,宛市监处罚〔2023〕31号,销售不合格产品,,,罚款,,3,,2023-06-20,宛城区市场监督管理局,\n"
             "南阳市卧龙区华泰五金经营部,,,宛市监处罚〔2023〕32号,销售不合格产品,,,罚款,,2,,2023-06-21,宛城区市场监督管理局,\n"
             "南阳市宛城区某某餐饮店,,,宛市监处罚〔2023〕33号,未取得许可经营,,,罚款,,1,,2023-06-22,宛城区市场监督管理局,\n");
  write_file(dir / "平台.csv",
             "行政处罚决定书文号,录入时间,做出行政处罚的执法机关,当事人姓名,单位名称,立案时涉案金额,处罚时涉案金额,"
             "是否涉嫌犯罪移送公安,移送文书号,涉案罪名,受案公安机关,移送单位,录入类型\n"
             "宛市监处罚〔2023〕31号,2023-06-25 10:22:31,宛城区市场监督管理局,,南阳市宛城区鑫源商贸有限公司,,,否,,,,,\n"
             "宛市监处罚〔2023〕32号,2023-07-20 09:00:00,宛城区市场监督管理局,,南阳市卧龙区华泰五金经营部,,,否,,,,,\n");
  const std::string base = "audit --register " + q(dir / "双公示.csv") + " --platform " + q(dir / "平台.csv") +
                           " --as-of 2024-06-30 -o " + q(dir / "out");
  std::string out;
  // 南阳: the entry clock starts at the decision, which 双公示 gives.
  int code = run(base + " --profile nanyang", &out);
  INFO(out);
  CHECK(code == 5);
  auto j = nlohmann::json::parse(read_file(dir / "out" / "audit.json"));
  REQUIRE(j["column_profiles"].size() == 2);
  CHECK(j["column_profiles"][0]["profile"] == "shuanggongshi");
  CHECK(j["column_profiles"][0]["side"] == "register");
  CHECK(j["column_profiles"][0]["auto"] == true);
  CHECK(j["column_profiles"][1]["profile"] == "platform-cases");
  CHECK(out.find("平台导出 平台.csv：platform-cases") != std::string::npos);
  std::map<std::string, nlohmann::json> by_kind;
  for (const auto& f : j["findings"]) by_kind[f["kind"].get<std::string>() + " " + f["number"].get<std::string>()] = f;
  REQUIRE(by_kind.count("platform.missing 宛市监处罚〔2023〕33号"));
  const auto& missing = by_kind["platform.missing 宛市监处罚〔2023〕33号"];
  CHECK(missing["case_row"]["row"] == 4);  // the register row it is about
  CHECK_FALSE(missing.contains("row"));
  CHECK(missing["basis"].get<std::string>().find("南阳") != std::string::npos);
  REQUIRE(by_kind.count("platform.late 宛市监处罚〔2023〕32号"));  // decided 06-21, entered 07-20
  const auto& late = by_kind["platform.late 宛市监处罚〔2023〕32号"];
  CHECK(late["row"]["row"] == 3);  // the export row
  CHECK(late["case_row"]["row"] == 3);
  CHECK(late["message"].get<std::string>().find("决定日期 2023-06-21") != std::string::npos);
  CHECK_FALSE(by_kind.count("platform.late 宛市监处罚〔2023〕31号"));
  CHECK_FALSE(by_kind.count("platform.incomplete 宛市监处罚〔2023〕31号"));  // 双公示 states no amount involved

  // The default profile counts from 立案, which neither file has: said, not guessed.
  code = run(base, &out);
  j = nlohmann::json::parse(read_file(dir / "out" / "audit.json"));
  for (const auto& f : j["findings"]) CHECK(f["kind"] != "platform.late");
  std::string notes;
  for (const auto& n : j["notes"]) notes += n.get<std::string>() + "\n";
  INFO(notes);
  CHECK(notes.find("台账 双公示.csv（列配置 shuanggongshi）缺少相应的列，无法判断：自立案起算的迟录") != std::string::npos);
  CHECK(notes.find("2 件已关联的案件无立案日期") != std::string::npos);
  CHECK(out.find("无法判断") != std::string::npos);

  // A profile named explicitly is still used as named.
  CHECK(run(base + " --platform-columns platform", &out) == 3);  // the generic profile cannot read it
  CHECK(out.find("案件编号") != std::string::npos);
}

TEST_CASE("audit --units: a unit list that cannot be read is a usage error", "[cli]") {
  ScratchDir dir("cli-audit-units");
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "units.txt", "\xff\xfe\x00\x01");
  std::string out;
  CHECK(run("audit --register " + q(dir / "register.csv") + " --platform " + q(dir / "register.csv") + " --units " +
                q(dir / "units.txt") + " -o " + q(dir / "out"),
            &out) == 2);
  CHECK(out.find("--units") != std::string::npos);
}

TEST_CASE("audit --timings: each stage's time and peak memory on stderr, the report untouched", "[cli]") {
  ScratchDir dir("cli-audit-timings");
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "export.csv", std::string(kHeader) +
                                     "宛城区市场监督管理局,宛市监处罚〔2023〕31号,南阳市宛城区鑫源商贸有限公司,行政处罚,2023-05-08,12000,30000,2023-05-10\n");
  const std::string args = "audit -q --register " + q(dir / "register.csv") + " --platform " + q(dir / "export.csv") +
                           " --as-of 2024-06-30 -o " + q(dir / "out");
  std::string plain, timed;
  run(args, &plain);
  run(args + " --timings", &timed);
  CHECK(plain.find("各阶段用时") == std::string::npos);
  REQUIRE(timed.find("各阶段用时 (time by stage)") != std::string::npos);
  for (const char* stage : {"import", "link", "criminal findings", "audit.json", "xlsx", "total"}) {
    INFO(stage);
    CHECK(timed.find(stage) != std::string::npos);
  }
  CHECK(timed.find(" MB\n") != std::string::npos);  // the peak memory at the end of a stage
}
