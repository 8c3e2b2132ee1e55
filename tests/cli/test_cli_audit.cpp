// End-to-end: `caseaudit audit`, the on-site reconciliation, on the sample
// scanned case files and the sample platform export (GB18030 with a title
// row), and on bad exports: every problem named with its file, nothing lost,
// nothing crashes.
#include <catch2/catch.hpp>
#include <filesystem>
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
