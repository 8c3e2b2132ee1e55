// A million-row export imports in seconds: the reader streams the file and
// keeps only the records.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "caseaudit/audit/table_import.h"
#include "support/fixtures.h"

using namespace caseaudit::audit;
using caseaudit::test::ScratchDir;

TEST_CASE("a generated 1,000,000-row UTF-8 CSV imports without error") {
  ScratchDir dir("import_large");
  const auto path = dir / "large.csv";
  constexpr int kRows = 1000000;
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::string block =
        "录入单位,案件编号,案件名称,当事人,案件类别,立案日期,处罚决定日期,涉案金额,罚款金额,录入日期\n";
    char line[512];
    for (int i = 0; i < kRows; ++i) {
      const int month = 1 + i % 12, day = 1 + i % 28;
      std::snprintf(line, sizeof line,
                    "宛城区市场监管局,宛市监处罚〔2023〕%d号,销售伪劣产品案,南阳某某商贸有限公司%d,"
                    "%s,2023-%02d-%02d,2023/%d/%d 0:00:00,%d.%02d,%d,2023-%02d-%02d\n",
                    i + 1, i % 997, i % 10 == 0 ? "涉嫌犯罪移送" : "行政处罚", month, day, month, day, 1000 + i % 90000,
                    i % 100, 500 * (i % 7), month, day);
      block += line;
      if (block.size() > (1 << 20)) {
        std::fwrite(block.data(), 1, block.size(), f);
        block.clear();
      }
    }
    std::fwrite(block.data(), 1, block.size(), f);
    std::fclose(f);
  }
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const ImportReport r = import_table(path, load_column_profile(default_exports_dir(), "platform"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  WARN("imported " << r.records.size() << " rows of " << std::filesystem::file_size(path) / 1e6 << " MB in "
                   << seconds << " s (" << cpu << " s CPU)");
  REQUIRE(r.records.size() == static_cast<std::size_t>(kRows));
  CHECK(r.problems.empty());
  CHECK(r.records.back().origin.row == kRows + 1);
  CHECK(r.records.back().number_key == "宛市监处罚〔2023〕1000000号");
  CHECK(r.records[10].category == Category::Transfer);
  CHECK(seconds < 30);
}
