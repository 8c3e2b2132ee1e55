// Issue 6's first bar: on the generated audit set (bureau registers and
// platform exports in UTF-8, UTF-8 with BOM, GB18030 and .xlsx, with planted
// discrepancies of every kind and noise that must not count: bracket styles,
// OCR-like typos, date and amount formats), `caseaudit audit` finds every
// planted finding (recall 100%) and little else (precision >= 98%), per kind.
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using caseaudit::test::binary_dir;

namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // kind, unit, number

std::string files_in(const fs::path& dir, const char* option) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().string());
  std::string out;
  for (const auto& n : names) out += std::string(" ") + option + " '" + n + "'";
  return out;
}

Key key_of(const nlohmann::json& f) {
  return {f["kind"].get<std::string>(), f["unit"].get<std::string>(),
          f["number"].is_null() ? std::string() : f["number"].get<std::string>()};
}

}  // namespace

TEST_CASE("every planted discrepancy is found, per kind, and almost nothing else") {
  caseaudit::test::ScratchDir dir("audit-fixtures");
  const std::string gen = (binary_dir() / "caseaudit-fixtures").string();
  REQUIRE(caseaudit::test::run_command(gen + " --seed 7 --set audit --quiet --out '" + dir.path().string() + "'") == 0);
  const fs::path set = dir / "audit";
  const auto truth = nlohmann::json::parse(caseaudit::test::read_file(set / "truth.json"));
  const std::string as_of = truth["as_of"].get<std::string>();

  const fs::path out = dir / "out";
  const std::string cmd = (binary_dir() / "caseaudit").string() + " audit -q" + files_in(set / "registers", "--register") +
                          files_in(set / "exports", "--platform") + " --as-of " + as_of + " -o '" + out.string() + "'";
  const int rc = caseaudit::test::run_command(cmd);
  CHECK(rc == 5);  // error findings; every file readable (exit 3 would mean an unreadable input)
  const auto audit = nlohmann::json::parse(caseaudit::test::read_file(out / "audit.json"));
  CHECK(audit["unreadable"].empty());

  std::map<std::string, std::multiset<Key>> want, got;
  for (const auto& f : truth["findings"]) want[f["kind"].get<std::string>()].insert(key_of(f));
  for (const auto& f : audit["findings"]) got[f["kind"].get<std::string>()].insert(key_of(f));
  std::set<std::string> kinds;
  for (const auto& [k, v] : want) kinds.insert(k);
  for (const auto& [k, v] : got) kinds.insert(k);

  // Every kind of the issue is planted.
  for (const char* k : {"platform.missing", "platform.late", "platform.incomplete", "platform.mismatch",
                        "platform.category", "platform.orphan", "platform.selective", "criminal.fine_instead",
                        "criminal.early", "police.decision_overdue", "police.investigation_open"})
    CHECK(want[k].size() >= 1);

  for (const auto& k : kinds) {
    int hit = 0;
    for (const auto& w : want[k])
      if (got[k].count(w)) ++hit;
      else std::cout << "missed " << k << " " << std::get<1>(w) << " " << std::get<2>(w) << "\n";
    for (const auto& g : got[k])
      if (!want[k].count(g)) std::cout << "extra  " << k << " " << std::get<1>(g) << " " << std::get<2>(g) << "\n";
    const double recall = want[k].empty() ? 1.0 : static_cast<double>(hit) / want[k].size();
    const double precision = got[k].empty() ? 1.0 : static_cast<double>(hit) / got[k].size();
    std::cout << k << ": planted " << want[k].size() << ", found " << got[k].size() << ", recall " << recall
              << ", precision " << precision << "\n";
    INFO(k);
    CHECK(recall == 1.0);
    CHECK(precision >= 0.98);
  }

  // The ledger opens in Excel (UTF-8 BOM) and has a row per finding.
  const std::string csv = caseaudit::test::read_file(out / "audit-findings.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF序号,单位,文号", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(audit["findings"].size()) + 1);

  // The same ledger as an Excel workbook: a row per finding on 问题清单, a row per unit on 单位统计.
  std::string rows;
  REQUIRE(caseaudit::test::run_command(
              "python3 -c \"import re,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); "
              "print(*[len(re.findall('<row ', z.read('xl/worksheets/sheet%d.xml' % i).decode())) for i in (1, 2)])\" '" +
                  (out / "audit-findings.xlsx").string() + "'",
              &rows) == 0);
  CHECK(rows == std::to_string(audit["findings"].size() + 1) + " " + std::to_string(audit["units"].size() + 1) + "\n");
}
