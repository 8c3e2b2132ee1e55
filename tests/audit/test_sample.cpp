// Appraisal sampling: the same seed and population give the same sample
// whatever the row order; the per-stratum rule, the minimum per unit and the
// year filter; the manifest round trip; a pinned answer for a fixed seed
// (machine independence); Wilson intervals against known values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "caseaudit/audit/sample.h"
#include "caseaudit/ocr/error.h"

using namespace caseaudit::audit;
using caseaudit::forms::Date;

namespace {

CaseRecord make(const std::string& unit, Category cat, const std::string& number, int row,
                std::optional<Date> filed = Date{2023, 3, 1}) {
  CaseRecord r;
  r.unit = unit;
  r.category = cat;
  r.number = number;
  r.number_key = doc_number_key(number);
  r.party = "当事人" + std::to_string(row);
  r.party_key = party_key(r.party);
  r.filed = filed;
  r.origin.file = "export.csv";
  r.origin.row = row;
  return r;
}

// `n` cases of one unit and category, 文号 <prefix>〔2023〕1号 ... n号.
void add_cases(std::vector<CaseRecord>& pop, const std::string& unit, Category cat, const std::string& prefix, int n) {
  for (int i = 1; i <= n; ++i)
    pop.push_back(make(unit, cat, prefix + "〔2023〕" + std::to_string(i) + "号", static_cast<int>(pop.size()) + 2));
}

std::vector<CaseRecord> population() {
  std::vector<CaseRecord> pop;
  add_cases(pop, "宛城区市场监管局", Category::Penalty, "宛市监处罚", 30);
  add_cases(pop, "宛城区市场监管局", Category::Transfer, "宛市监移", 7);
  add_cases(pop, "卧龙区市场监管局", Category::Penalty, "卧市监处罚", 12);
  add_cases(pop, "南阳市烟草专卖局", Category::Penalty, "宛烟处", 3);
  return pop;
}

std::vector<std::string> numbers(const SampleManifest& m) {
  std::vector<std::string> out;
  for (const CaseRecord& r : m.drawn) out.push_back(r.number);
  return out;
}

const Stratum& stratum(const SampleManifest& m, const std::string& unit, const std::string& category) {
  for (const Stratum& s : m.strata)
    if (s.unit == unit && s.category == category) return s;
  FAIL("no stratum " << unit << " / " << category);
  throw std::logic_error("unreachable");
}

SampleSpec rate_spec(std::uint64_t seed, double rate) {
  SampleSpec s;
  s.seed = seed;
  s.rate = rate;
  return s;
}

}  // namespace

TEST_CASE("the same seed and population give the same sample in any row order", "[audit][sample]") {
  const auto pop = population();
  const SampleManifest a = draw_sample(pop, rate_spec(7, 0.2));
  for (int shift : {1, 13, 29}) {
    auto shuffled = pop;
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + shift, shuffled.end());
    for (std::size_t i = 0; i < shuffled.size(); ++i) shuffled[i].origin.row = static_cast<int>(i) + 2;  // re-exported
    const SampleManifest b = draw_sample(shuffled, rate_spec(7, 0.2));
    CHECK(b.population_hash == a.population_hash);
    CHECK(b.drawn_keys == a.drawn_keys);
    CHECK(numbers(b) == numbers(a));
  }
}

TEST_CASE("a different seed draws a different sample from the same population", "[audit][sample]") {
  const auto pop = population();
  const SampleManifest a = draw_sample(pop, rate_spec(1, 0.2));
  const SampleManifest b = draw_sample(pop, rate_spec(2, 0.2));
  CHECK(a.population_hash == b.population_hash);
  CHECK(a.drawn.size() == b.drawn.size());
  CHECK(a.drawn_keys != b.drawn_keys);
}

TEST_CASE("a rate takes ceil(rate × stratum) of each unit × category stratum", "[audit][sample]") {
  const SampleManifest m = draw_sample(population(), rate_spec(5, 0.1));
  REQUIRE(m.strata.size() == 4);
  CHECK(stratum(m, "宛城区市场监管局", "行政处罚").population == 30);
  CHECK(stratum(m, "宛城区市场监管局", "行政处罚").drawn == 3);  // 0.1 × 30 = 3 exactly, not 4
  CHECK(stratum(m, "宛城区市场监管局", "涉嫌犯罪移送").population == 7);
  CHECK(stratum(m, "宛城区市场监管局", "涉嫌犯罪移送").drawn == 1);  // ceil(0.7)
  CHECK(stratum(m, "卧龙区市场监管局", "行政处罚").drawn == 2);      // ceil(1.2)
  CHECK(stratum(m, "南阳市烟草专卖局", "行政处罚").drawn == 1);      // ceil(0.3)
  CHECK(m.drawn.size() == 7);
  CHECK(m.population == 52);
  // Drawn cases come in canonical order: unit, category, 文号 key.
  CHECK(std::is_sorted(m.drawn_keys.begin(), m.drawn_keys.end()));
  // Each stratum's drawn cases are its smallest ranks.
  std::uint64_t worst_drawn = 0;
  const auto keys = case_keys(population());
  for (const auto& k : m.drawn_keys)
    if (k.rfind("卧龙区市场监管局", 0) == 0) worst_drawn = std::max(worst_drawn, case_rank(5, k));
  int smaller = 0;
  for (const auto& k : keys)
    if (k.rfind("卧龙区市场监管局", 0) == 0 && case_rank(5, k) <= worst_drawn) ++smaller;
  CHECK(smaller == 2);
}

TEST_CASE("a count takes that many per stratum, or the whole stratum if smaller", "[audit][sample]") {
  SampleSpec s;
  s.seed = 11;
  s.count = 5;
  const SampleManifest m = draw_sample(population(), s);
  CHECK(stratum(m, "宛城区市场监管局", "行政处罚").drawn == 5);
  CHECK(stratum(m, "宛城区市场监管局", "涉嫌犯罪移送").drawn == 5);
  CHECK(stratum(m, "卧龙区市场监管局", "行政处罚").drawn == 5);
  CHECK(stratum(m, "南阳市烟草专卖局", "行政处罚").drawn == 3);
  CHECK(m.drawn.size() == 18);
}

TEST_CASE("each unit is topped up to the minimum per unit by rank", "[audit][sample]") {
  SampleSpec s = rate_spec(3, 0.05);
  s.min_per_unit = 4;
  const SampleManifest m = draw_sample(population(), s);
  const Stratum& pen = stratum(m, "宛城区市场监管局", "行政处罚");
  const Stratum& tr = stratum(m, "宛城区市场监管局", "涉嫌犯罪移送");
  CHECK(pen.drawn + tr.drawn == 4);  // 2 + 1 by rate, one more from the unit's remaining cases
  CHECK(pen.drawn >= 2);
  CHECK(tr.drawn >= 1);
  CHECK(stratum(m, "卧龙区市场监管局", "行政处罚").drawn == 4);
  CHECK(stratum(m, "南阳市烟草专卖局", "行政处罚").drawn == 3);  // the whole of a smaller unit
  // The top-up is the best-ranked of the remaining cases: drawing with
  // min 5 keeps every case drawn with min 4.
  s.min_per_unit = 5;
  const SampleManifest more = draw_sample(population(), s);
  const std::set<std::string> bigger(more.drawn_keys.begin(), more.drawn_keys.end());
  for (const auto& k : m.drawn_keys) CHECK(bigger.count(k) == 1);
}

TEST_CASE("strata by unit only", "[audit][sample]") {
  SampleSpec s = rate_spec(3, 0.1);
  s.by_category = false;
  const SampleManifest m = draw_sample(population(), s);
  REQUIRE(m.strata.size() == 3);
  CHECK(stratum(m, "宛城区市场监管局", "").population == 37);
  CHECK(stratum(m, "宛城区市场监管局", "").drawn == 4);
  CHECK(m.method.find("strata = 单位;") != std::string::npos);
}

TEST_CASE("the year filter uses 立案日期, else 处罚决定日期, else 移送日期, and lists undated cases", "[audit][sample]") {
  std::vector<CaseRecord> pop;
  pop.push_back(make("甲局", Category::Penalty, "甲处〔2023〕1号", 2, Date{2023, 1, 5}));
  pop.push_back(make("甲局", Category::Penalty, "甲处〔2022〕9号", 3, Date{2022, 12, 30}));
  CaseRecord decided = make("甲局", Category::Penalty, "甲处〔2023〕2号", 4, std::nullopt);
  decided.decided = Date{2023, 6, 1};
  pop.push_back(decided);
  CaseRecord transferred = make("甲局", Category::Transfer, "甲移〔2023〕1号", 5, std::nullopt);
  transferred.transferred = Date{2023, 8, 1};
  transferred.decided = std::nullopt;
  pop.push_back(transferred);
  CaseRecord filed_other_year = make("甲局", Category::Penalty, "甲处〔2022〕10号", 6, Date{2022, 11, 1});
  filed_other_year.decided = Date{2023, 2, 1};  // 立案日期 decides, not the decision
  pop.push_back(filed_other_year);
  pop.push_back(make("甲局", Category::Penalty, "甲处〔2023〕3号", 7, std::nullopt));  // no date at all

  SampleSpec s = rate_spec(1, 1.0);
  s.year = 2023;
  const SampleManifest m = draw_sample(pop, s);
  CHECK(m.population == 3);
  CHECK(m.outside_year == 2);
  REQUIRE(m.undated.size() == 1);
  CHECK(m.undated[0].origin.row == 7);
  // Canonical order: 涉嫌犯罪移送 (U+6D89...) sorts before 行政处罚 (U+884C...) by bytes.
  CHECK(numbers(m) == std::vector<std::string>{"甲移〔2023〕1号", "甲处〔2023〕1号", "甲处〔2023〕2号"});
  const auto j = to_json(m);
  CHECK(j["excluded"]["undated"] == 1);
  CHECK(j["excluded"]["outside_year"] == 2);
  CHECK(j["excluded"]["undated_cases"][0]["origin"]["row"] == 7);
}

TEST_CASE("the population hash changes when a case is added, not when rows move", "[audit][sample]") {
  auto pop = population();
  const std::string before = draw_sample(pop, rate_spec(1, 0.1)).population_hash;
  CHECK(before.size() == 64);
  std::swap(pop.front(), pop.back());
  CHECK(draw_sample(pop, rate_spec(1, 0.1)).population_hash == before);
  pop.push_back(make("卧龙区市场监管局", Category::Penalty, "卧市监处罚〔2023〕99号", 99));
  CHECK(draw_sample(pop, rate_spec(1, 0.1)).population_hash != before);
}

TEST_CASE("keys: canonical 文号, else 文号 as written, else party and date, duplicates numbered", "[audit][sample]") {
  std::vector<CaseRecord> pop;
  pop.push_back(make("甲局", Category::Penalty, "甲处[2023]1号", 2));
  pop.push_back(make("甲局", Category::Penalty, "内部编号 A-17", 3));
  CaseRecord no_number = make("甲局", Category::Penalty, "", 4);
  no_number.party = "张 三";
  pop.push_back(no_number);
  CaseRecord dup = make("甲局", Category::Penalty, "甲处（２０２３）1号", 5);  // the same 文号 written another way
  dup.party = "另一当事人";
  pop.push_back(dup);
  const auto keys = case_keys(pop);
  // Duplicates in the byte order of their fields: 文号 as written "[" (0x5B) before "（" (0xEF ...).
  CHECK(keys[0] == "甲局\t行政处罚\t甲处〔2023〕1号");
  CHECK(keys[3] == "甲局\t行政处罚\t甲处〔2023〕1号#2");
  CHECK(keys[1] == "甲局\t行政处罚\t内部编号 A-17");
  CHECK(keys[2] == "甲局\t行政处罚\t张三@2023-03-01");
  // Swapping the duplicates' rows does not swap their keys.
  std::swap(pop[0], pop[3]);
  const auto swapped = case_keys(pop);
  CHECK(swapped[3] == keys[0]);
  CHECK(swapped[0] == keys[3]);
}

TEST_CASE("seed 20261122 draws a fixed list on every machine", "[audit][sample]") {
  std::vector<CaseRecord> pop;
  add_cases(pop, "宛城区市场监管局", Category::Penalty, "宛市监处罚", 10);
  add_cases(pop, "宛城区市场监管局", Category::Transfer, "宛市监移", 4);
  add_cases(pop, "卧龙区市场监管局", Category::Penalty, "卧市监处罚", 6);
  SampleSpec s = rate_spec(20261122, 0.3);
  s.min_per_unit = 3;
  const SampleManifest m = draw_sample(pop, s);
  // Computed once by an independent script (Python hashlib) from the method as documented.
  CHECK(case_rank(20261122, "宛城区市场监管局\t行政处罚\t宛市监处罚〔2023〕1号") == 9544123404785964013ULL);
  CHECK(m.population_hash == "0feacfb62f8f259deb7ab7d0e94ed80602d70a21135be82af840a3b5e69b31d1");
  CHECK(numbers(m) == std::vector<std::string>{"卧市监处罚〔2023〕2号", "卧市监处罚〔2023〕3号", "卧市监处罚〔2023〕4号",
                                              "宛市监移〔2023〕2号", "宛市监移〔2023〕3号", "宛市监处罚〔2023〕10号",
                                              "宛市监处罚〔2023〕4号", "宛市监处罚〔2023〕7号"});
}

TEST_CASE("a manifest read back and re-drawn matches, a changed population does not", "[audit][sample]") {
  auto pop = population();
  SampleSpec s = rate_spec(99, 0.25);
  s.min_per_unit = 2;
  s.year = 2023;
  const SampleManifest m = draw_sample(pop, s);
  const SampleManifest back = manifest_from_json(nlohmann::json::parse(to_json(m).dump()));
  CHECK(back.seed == 99);
  CHECK(back.spec.rate == 0.25);
  CHECK_FALSE(back.spec.count.has_value());
  CHECK(back.spec.min_per_unit == 2);
  CHECK(back.spec.year == 2023);
  CHECK(back.drawn_keys == m.drawn_keys);
  CHECK(manifest_differences(back, draw_sample(pop, back.spec)).empty());

  // One drawn case's 文号 corrected in the export: the population and the draw differ.
  for (auto& r : pop)
    if (r.number == m.drawn[0].number) {
      r.number = "宛市监处罚〔2023〕300号";
      r.number_key = doc_number_key(r.number);
    }
  const auto diffs = manifest_differences(back, draw_sample(pop, back.spec));
  REQUIRE_FALSE(diffs.empty());
  CHECK(diffs[0].find("总体不同") == 0);

  CHECK_THROWS_AS(manifest_from_json(nlohmann::json::parse(R"({"schema":"other"})")), caseaudit::ocr::Error);  // bad data, not a precondition
  auto j = nlohmann::json::parse(to_json(m).dump());
  j["spec"].erase("min_per_unit");
  CHECK_THROWS_WITH(manifest_from_json(j), Catch::Contains("spec.min_per_unit"));
}

TEST_CASE("a spec needs exactly one of rate and count, in range", "[audit][sample]") {
  SampleSpec s;
  CHECK_THROWS_AS(draw_sample(population(), s), std::invalid_argument);
  s.rate = 0.1;
  s.count = 2;
  CHECK_THROWS_AS(draw_sample(population(), s), std::invalid_argument);
  s.count.reset();
  s.rate = 1.5;
  CHECK_THROWS_AS(draw_sample(population(), s), std::invalid_argument);
  s.rate.reset();
  s.count = 0;
  CHECK_THROWS_AS(draw_sample(population(), s), std::invalid_argument);
}

TEST_CASE("an empty population gives an empty sample", "[audit][sample]") {
  const SampleManifest m = draw_sample({}, rate_spec(1, 0.5));
  CHECK(m.drawn.empty());
  CHECK(m.strata.empty());
  CHECK(m.population_hash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");  // SHA-256("")
}

TEST_CASE("ID numbers are masked in what the sampler writes", "[audit][sample]") {
  CHECK(mask_id_numbers("张三（110102199101010078）") == "张三（110102********0078）");
  CHECK(mask_id_numbers("44011320141005001X") == "440113********001X");
  CHECK(mask_id_numbers("某某商贸有限公司") == "某某商贸有限公司");
  CHECK(mask_id_numbers("宛市监处罚〔2023〕87号") == "宛市监处罚〔2023〕87号");
  CHECK(mask_id_numbers("91110000600037341L") == "91110000600037341L");  // credit codes stay readable
}

TEST_CASE("Wilson score intervals", "[audit][sample][intervals]") {
  const Interval a = wilson_interval(8, 10);
  CHECK(a.low == Approx(0.4902).margin(0.0005));
  CHECK(a.high == Approx(0.9433).margin(0.0005));
  const Interval zero = wilson_interval(0, 20);
  CHECK(zero.low == 0.0);
  CHECK(zero.high == Approx(0.1611).margin(0.0005));
  const Interval all = wilson_interval(20, 20);
  CHECK(all.low == Approx(0.8389).margin(0.0005));
  CHECK(all.high == 1.0);
  const Interval none = wilson_interval(0, 0);
  CHECK(none.low == 0.0);
  CHECK(none.high == 1.0);
  // Finite population: narrower, still around the observed rate, exact for a census.
  const Interval fpc = wilson_interval(8, 10, 20);
  CHECK(fpc.low > a.low);
  CHECK(fpc.high < a.high);
  CHECK(fpc.low < 0.8);
  CHECK(fpc.high > 0.8);
  const Interval near_census = wilson_interval(8, 10, 11);
  CHECK(near_census.low < 0.8);
  CHECK(near_census.high > 0.8);
  const Interval census = wilson_interval(8, 10, 10);
  CHECK(census.low == 0.8);
  CHECK(census.high == 0.8);
  // A population much larger than the sample changes almost nothing.
  CHECK(wilson_interval(8, 10, 1000000).low == Approx(a.low).margin(0.0005));
  // 99% instead of 95%.
  CHECK(wilson_interval(8, 10, 0, 2.576).low < a.low);
}
