// Issue 15 on the audit side: an .xlsx that inflates without bound is refused
// naming the file, a huge cell is never echoed whole, a column profile with a
// key given twice is refused with its line, and libxlsxwriter's own "[ERROR]"
// lines never reach stderr.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "caseaudit/audit/table_import.h"
#include "caseaudit/rules/data_error.h"
#include "ledger_xlsx.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::audit;
using caseaudit::test::read_file;
using caseaudit::test::run_command;
using caseaudit::test::ScratchDir;
using caseaudit::test::source_dir;
using caseaudit::test::write_file;

namespace {

ColumnProfile platform() { return load_column_profile(default_exports_dir(), "platform"); }

void make_bomb(const fs::path& out, long rows, long cell) {
  const std::string command = "python3 '" + (source_dir() / "tests" / "audit" / "make_xlsx_bomb.py").string() + "' '" +
                              out.string() + "' " + std::to_string(rows) + " " + std::to_string(cell);
  REQUIRE(run_command(command) == 0);
}

std::string import_refusal(const fs::path& file) {
  try {
    import_table(file, platform());
  } catch (const ImportError& e) {
    return e.what();
  }
  return "";
}

// What `f` printed on stderr (descriptor 2, as a C library prints).
template <class F>
std::string stderr_of(F&& f) {
  std::fflush(stderr);
  std::FILE* capture = std::tmpfile();
  const int saved = ::dup(2);
  ::dup2(::fileno(capture), 2);
  try {
    f();
  } catch (...) {
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(capture);
    throw;
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::rewind(capture);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, capture)) > 0;) out.append(buf, n);
  std::fclose(capture);
  return out;
}

}  // namespace

TEST_CASE("an .xlsx whose sheet inflates past the bound is refused quickly, naming the file", "[import][hostile]") {
  ScratchDir dir("hostile-xlsx-bomb");
  const fs::path bomb = dir / "炸弹.xlsx";
  make_bomb(bomb, 1600, 100'000);  // about 160 MB of sheet XML in well under 1 MB
  CHECK(fs::file_size(bomb) < 2'000'000);
  const auto start = std::chrono::steady_clock::now();
  const std::string message = import_refusal(bomb);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(message);
  CHECK(message.find("炸弹.xlsx") != std::string::npos);
  CHECK(message.find("MB") != std::string::npos);
  CHECK(seconds < 20);
}

TEST_CASE("an .xlsx with more rows than any export is refused, naming the file", "[import][hostile]") {
  ScratchDir dir("hostile-xlsx-rows");
  const fs::path many = dir / "many.xlsx";
  make_bomb(many, 300'001, 1);
  const std::string message = import_refusal(many);
  INFO(message);
  CHECK(message.find("many.xlsx") != std::string::npos);
  CHECK(message.find("300000") != std::string::npos);
}

TEST_CASE("a 10 MB cell is kept as unknown and cut in its message", "[import][hostile]") {
  ScratchDir dir("hostile-huge-cell");
  const fs::path csv = dir / "export.csv";
  write_file(csv, "录入单位,案件编号,当事人,案件类别,立案日期,涉案金额,罚款金额,录入日期\n"
                  "宛城区市场监督管理局,宛市监处罚〔2023〕31号," + std::string(10 << 20, 'x') +
                      ",行政处罚,2023-05-08,12000,30000,2023-05-20\n");
  const ImportReport r = import_table(csv, platform());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].party.empty());  // not kept
  REQUIRE(r.problems.size() == 1);
  const std::string message = r.problems[0].message();
  CHECK(message.size() < 400);
  CHECK(message.find("共 10485760 字") != std::string::npos);
}

TEST_CASE("a column profile with a key given twice is refused with its line", "[import][hostile][yaml]") {
  ScratchDir dir("hostile-profile-dup");
  write_file(dir / "mine.yaml", "name: mine\ntitle: 测试\nname: other\ncolumns:\n  - {field: number, headers: [文号]}\n");
  try {
    load_column_profile(dir.path(), "mine");
    FAIL("a duplicate key was accepted");
  } catch (const caseaudit::rules::DataError& e) {
    CHECK(std::string(e.what()).find("mine.yaml:3") != std::string::npos);
    CHECK(std::string(e.what()).find("given twice") != std::string::npos);
  }
}

TEST_CASE("the Excel ledger that cannot be written is our error, not libxlsxwriter's lines on stderr", "[ledger][hostile]") {
  ScratchDir dir("hostile-ledger");
  const AuditJobReport report;
  std::string message;
  const std::string said = stderr_of([&] {
    try {
      write_ledger_xlsx(dir / "missing" / "audit-findings.xlsx", report, true);
    } catch (const caseaudit::ocr::EnvironmentError& e) {
      message = e.what();
    }
  });
  INFO(said);
  CHECK(said.find("[ERROR]") == std::string::npos);
  CHECK(said.empty());
  CHECK(message.find("audit-findings.xlsx") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "missing"));
  // Written where it can be: whole, and nothing else beside it.
  write_ledger_xlsx(dir / "audit-findings.xlsx", report, true);
  CHECK(read_file(dir / "audit-findings.xlsx").rfind("PK", 0) == 0);
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}
