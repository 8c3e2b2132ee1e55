// End-to-end: `caseaudit sample` as an inspector runs it on a platform export:
// the manifest and the CSV list, the per-stratum table, --verify matching the
// same export in another row order and failing (exit 5) after one row changed,
// and the exit codes for usage and unreadable input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>
#include <vector>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string binary() { return (binary_dir() / "caseaudit").string(); }

int sample(const std::string& args, std::string* out, std::string* err = nullptr) {
  const fs::path err_file = binary_dir() / ("sample-stderr-" + std::to_string(::getpid()) + ".txt");
  const int code = run_command(binary() + " sample " + args + " 2>" + err_file.string(), out);
  if (err) *err = read_file(err_file);
  fs::remove(err_file);
  return code;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// A platform export: two units, penalty and transfer cases, one undated case.
std::vector<std::string> export_rows() {
  std::vector<std::string> rows;
  for (int i = 1; i <= 24; ++i)
    rows.push_back("宛城区市场监管局,宛市监处罚〔2023〕" + std::to_string(i) + "号,商户" + std::to_string(i) +
                   ",行政处罚,2023-0" + std::to_string(1 + i % 9) + "-10,2023-10-01");
  for (int i = 1; i <= 5; ++i)
    rows.push_back("宛城区市场监管局,宛市监移〔2023〕" + std::to_string(i) + "号,公司" + std::to_string(i) +
                   ",涉嫌犯罪移送,2023-05-0" + std::to_string(i) + ",2023-10-01");
  for (int i = 1; i <= 9; ++i)
    rows.push_back("卧龙区市场监管局,卧市监处罚〔2023〕" + std::to_string(i) + "号,张" + std::to_string(i) +
                   ",行政处罚,2023-03-1" + std::to_string(i) + ",2023-10-01");
  rows.push_back("卧龙区市场监管局,卧市监处罚〔2022〕50号,旧案,行政处罚,2022-12-01,2023-01-05");
  rows.push_back("卧龙区市场监管局,卧市监处罚〔2023〕99号,无日期,行政处罚,,2023-10-01");
  return rows;
}

void write_export(const fs::path& file, const std::vector<std::string>& rows) {
  std::string csv = "录入单位,案件编号,当事人,案件类别,立案日期,录入日期\n";
  for (const auto& r : rows) csv += r + "\n";
  write_file(file, csv);
}

}  // namespace

TEST_CASE("sample draws per stratum, writes the manifest and the CSV, and --verify re-draws it", "[cli][sample]") {
  ScratchDir dir("cli-sample");
  auto rows = export_rows();
  write_export(dir / "export.csv", rows);
  const fs::path out = dir / "out";
  std::string stdout_text, err;
  REQUIRE(sample("--from " + q(dir / "export.csv") + " --seed 20261122 --rate 0.2 --min-per-unit 3 --year 2023 -o " +
                     q(out),
                 &stdout_text, &err) == 0);
  INFO(stdout_text << err);
  // The table: 宛城 penalty 24 -> 5, transfer 5 -> 1; 卧龙 9 -> 2, topped up to 3.
  CHECK(stdout_text.find("单位") != std::string::npos);
  CHECK(stdout_text.find("抽取") != std::string::npos);
  CHECK(stdout_text.find("无日期、已排除 undated, excluded: 1 件") != std::string::npos);

  const auto j = nlohmann::json::parse(read_file(out / "sample-manifest.json"));
  CHECK(j["schema"] == "caseaudit.sample/1");
  CHECK(j["seed"] == 20261122);
  CHECK(j["population"] == 38);
  CHECK(j["population_hash"].get<std::string>().size() == 64);
  CHECK(j["excluded"]["outside_year"] == 1);
  CHECK(j["excluded"]["undated"] == 1);
  CHECK(j["excluded"]["undated_cases"][0]["origin"]["row"] == 41);  // the last of 40 data rows under the header
  CHECK(j["source"]["columns"] == "platform");
  REQUIRE(j["strata"].size() == 3);
  int drawn = 0;
  for (const auto& s : j["strata"]) {
    if (s["unit"] == "宛城区市场监管局" && s["category"] == "行政处罚") CHECK(s["drawn"] == 5);
    if (s["unit"] == "宛城区市场监管局" && s["category"] == "涉嫌犯罪移送") CHECK(s["drawn"] == 1);
    if (s["unit"] == "卧龙区市场监管局") CHECK(s["drawn"] == 3);
    drawn += s["drawn"].get<int>();
  }
  CHECK(drawn == 9);
  REQUIRE(j["drawn"].size() == 9);
  const auto& first = j["drawn"][0];
  CHECK(first.contains("key"));
  CHECK(first["origin"]["row"].get<int>() >= 2);
  CHECK(first["filed"].is_string());

  const std::string csv = read_file(out / "sample.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF单位,案件类别,文号,当事人,立案日期,来源行\r\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 10);

  // The same export re-sorted (a re-export) re-draws the same sample.
  std::vector<std::string> reversed(rows.rbegin(), rows.rend());
  write_export(dir / "reexport.csv", reversed);
  std::string verify_out;
  CHECK(sample("--verify " + q(out / "sample-manifest.json") + " --from " + q(dir / "reexport.csv"), &verify_out) == 0);
  CHECK(verify_out.find("一致 (match)") == 0);

  // One row changed: the population differs and so may the draw; exit 5.
  rows[0] = "宛城区市场监管局,宛市监处罚〔2023〕101号,商户1,行政处罚,2023-02-10,2023-10-01";
  write_export(dir / "changed.csv", rows);
  CHECK(sample("--verify " + q(out / "sample-manifest.json") + " --from " + q(dir / "changed.csv"), &verify_out) == 5);
  CHECK(verify_out.find("不一致 (differs)") == 0);
  CHECK(verify_out.find("总体不同") != std::string::npos);
}

TEST_CASE("sample: a different seed draws differently, --count and --by-unit-only", "[cli][sample]") {
  ScratchDir dir("cli-sample-seed");
  write_export(dir / "export.csv", export_rows());
  std::string o;
  REQUIRE(sample("--from " + q(dir / "export.csv") + " --seed 1 --count 4 -o " + q(dir / "a"), &o) == 0);
  REQUIRE(sample("--from " + q(dir / "export.csv") + " --seed 2 --count 4 -o " + q(dir / "b"), &o) == 0);
  const auto a = nlohmann::json::parse(read_file(dir / "a" / "sample-manifest.json"));
  const auto b = nlohmann::json::parse(read_file(dir / "b" / "sample-manifest.json"));
  CHECK(a["population_hash"] == b["population_hash"]);
  CHECK(a["drawn"].size() == 12);  // 4 + 4 + 4
  CHECK(a["drawn"] != b["drawn"]);

  REQUIRE(sample("--from " + q(dir / "export.csv") + " --seed 1 --count 4 --by-unit-only -o " + q(dir / "c"), &o) == 0);
  const auto c = nlohmann::json::parse(read_file(dir / "c" / "sample-manifest.json"));
  CHECK(c["strata"].size() == 2);
  CHECK(c["drawn"].size() == 8);
}

TEST_CASE("sample: usage errors exit 2, an unreadable file 3, a bad manifest 4", "[cli][sample]") {
  ScratchDir dir("cli-sample-errors");
  write_export(dir / "export.csv", export_rows());
  std::string o, err;
  CHECK(sample("--from " + q(dir / "export.csv") + " --seed 1 -o " + q(dir / "o"), &o, &err) == 2);  // no rate/count
  CHECK(err.find("--rate") != std::string::npos);
  CHECK(sample("--from " + q(dir / "export.csv") + " --seed 1 --rate 0.1 --count 3 -o " + q(dir / "o"), &o) == 2);
  CHECK(sample("--from " + q(dir / "export.csv") + " --seed -1 --rate 0.1 -o " + q(dir / "o"), &o) == 2);
  CHECK(sample("--from " + q(dir / "export.csv") + " --seed 1 --rate 1.5 -o " + q(dir / "o"), &o) == 2);
  CHECK(sample("--from " + q(dir / "missing.csv") + " --seed 1 --rate 10% -o " + q(dir / "o"), &o, &err) == 3);
  CHECK(err.find("missing.csv") != std::string::npos);
  write_file(dir / "empty.csv", "");
  CHECK(sample("--from " + q(dir / "empty.csv") + " --seed 1 --rate 0.1 -o " + q(dir / "o"), &o) == 3);
  CHECK(sample("--from " + q(dir / "export.csv") + " --columns nosuch --seed 1 --rate 0.1 -o " + q(dir / "o"), &o) == 4);
  write_file(dir / "bad.json", "{\"schema\": \"caseaudit.sample/1\"}");
  CHECK(sample("--verify " + q(dir / "bad.json") + " --from " + q(dir / "export.csv"), &o, &err) == 4);
  CHECK(err.find("bad.json") != std::string::npos);
  CHECK(sample("--verify " + q(dir / "none.json") + " --from " + q(dir / "export.csv"), &o) == 3);
  CHECK(sample("--verify " + q(dir / "bad.json") + " --seed 3 --from " + q(dir / "export.csv"), &o) == 2);
  CHECK(sample("--help", &o) == 0);
  CHECK(o.find("--min-per-unit") != std::string::npos);
}
