// The sample manifest as JSON (schema caseaudit.sample/1), read back for a
// re-draw, and what differs between a manifest and a re-draw.
#include <set>
#include <stdexcept>

#include "caseaudit/audit/sample.h"
#include "caseaudit/ocr/error.h"

namespace caseaudit::audit {
namespace {

using nlohmann::ordered_json;

ordered_json date_json(const std::optional<forms::Date>& d) { return d ? ordered_json(d->iso()) : ordered_json(); }

ordered_json origin_json(const Origin& o) {
  ordered_json j = {{"file", o.file.filename().string()}, {"row", o.row}};
  if (!o.sheet.empty()) j["sheet"] = o.sheet;
  return j;
}

ordered_json case_json(const CaseRecord& r) {
  return {{"unit", r.unit},
          {"category", std::string(category_name(r.category))},
          {"number", r.number},
          {"number_key", r.number_key},
          {"party", mask_id_numbers(r.party)},
          {"filed", date_json(r.filed)},
          {"decided", date_json(r.decided)},
          {"transferred", date_json(r.transferred)},
          {"origin", origin_json(r.origin)}};
}

[[noreturn]] void bad(const std::string& field) {
  throw ocr::Error(ocr::ErrorKind::Data, "清单字段 " + field + " 缺失或有误 (manifest field " + field + " missing or malformed)");
}

const nlohmann::json& need(const nlohmann::json& j, const char* field, const std::string& path) {
  if (!j.is_object() || !j.contains(field)) bad(path + field);
  return j.at(field);
}

std::string need_string(const nlohmann::json& j, const char* field, const std::string& path = "") {
  const auto& v = need(j, field, path);
  if (!v.is_string()) bad(path + field);
  return v.get<std::string>();
}

int need_int(const nlohmann::json& j, const char* field, const std::string& path = "") {
  const auto& v = need(j, field, path);
  if (!v.is_number_integer()) bad(path + field);
  return v.get<int>();
}

std::string readable_key(std::string key) {
  for (std::size_t p; (p = key.find('\t')) != std::string::npos;) key.replace(p, 1, " / ");
  return key;
}

}  // namespace

nlohmann::ordered_json to_json(const SampleManifest& m) {
  ordered_json spec = {{"rate", m.spec.rate ? ordered_json(*m.spec.rate) : ordered_json()},
                       {"count", m.spec.count ? ordered_json(*m.spec.count) : ordered_json()},
                       {"min_per_unit", m.spec.min_per_unit},
                       {"by_category", m.spec.by_category},
                       {"year", m.spec.year ? ordered_json(*m.spec.year) : ordered_json()}};
  ordered_json undated = ordered_json::array();
  for (const CaseRecord& r : m.undated) undated.push_back(case_json(r));
  ordered_json strata = ordered_json::array();
  for (const Stratum& s : m.strata)
    strata.push_back({{"unit", s.unit}, {"category", s.category}, {"population", s.population}, {"drawn", s.drawn}});
  ordered_json drawn = ordered_json::array();
  for (std::size_t i = 0; i < m.drawn.size(); ++i) {
    ordered_json c = {{"key", i < m.drawn_keys.size() ? m.drawn_keys[i] : std::string()},
                      {"rank", i < m.drawn_ranks.size() ? m.drawn_ranks[i] : std::string()}};
    c.update(case_json(m.drawn[i]));
    drawn.push_back(c);
  }
  return {{"schema", m.schema},
          {"population_hash", m.population_hash},
          {"seed", m.seed},
          {"method", m.method},
          {"spec", spec},
          {"population", m.population},
          {"excluded", {{"outside_year", m.outside_year}, {"undated", m.undated.size()}, {"undated_cases", undated}}},
          {"strata", strata},
          {"drawn_count", m.drawn.size()},
          {"drawn", drawn}};
}

SampleManifest manifest_from_json(const nlohmann::json& j) {
  SampleManifest m;
  if (need_string(j, "schema") != m.schema)
    throw ocr::Error(ocr::ErrorKind::Data, "不是抽样清单 (not a sample manifest: schema is not " + m.schema + ")");
  const auto& seed = need(j, "seed", "");
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<std::int64_t>() >= 0)) bad("seed");
  m.seed = seed.get<std::uint64_t>();
  m.population_hash = need_string(j, "population_hash");
  if (m.population_hash.size() != 64) bad("population_hash");
  m.method = j.value("method", std::string());
  m.population = need_int(j, "population");

  const auto& spec = need(j, "spec", "");
  m.spec.seed = m.seed;
  const auto& rate = need(spec, "rate", "spec.");
  if (!rate.is_null()) {
    if (!rate.is_number()) bad("spec.rate");
    m.spec.rate = rate.get<double>();
  }
  const auto& count = need(spec, "count", "spec.");
  if (!count.is_null()) {
    if (!count.is_number_integer()) bad("spec.count");
    m.spec.count = count.get<int>();
  }
  m.spec.min_per_unit = need_int(spec, "min_per_unit", "spec.");
  const auto& by_category = need(spec, "by_category", "spec.");
  if (!by_category.is_boolean()) bad("spec.by_category");
  m.spec.by_category = by_category.get<bool>();
  const auto& year = need(spec, "year", "spec.");
  if (!year.is_null()) {
    if (!year.is_number_integer()) bad("spec.year");
    m.spec.year = year.get<int>();
  }

  const auto& strata = need(j, "strata", "");
  if (!strata.is_array()) bad("strata");
  for (const auto& s : strata)
    m.strata.push_back({need_string(s, "unit", "strata[]."), need_string(s, "category", "strata[]."),
                        need_int(s, "population", "strata[]."), need_int(s, "drawn", "strata[].")});

  const auto& drawn = need(j, "drawn", "");
  if (!drawn.is_array()) bad("drawn");
  for (const auto& c : drawn) {
    m.drawn_keys.push_back(need_string(c, "key", "drawn[]."));
    m.drawn_ranks.push_back(c.value("rank", std::string()));
    CaseRecord r;
    r.unit = c.value("unit", std::string());
    r.number = c.value("number", std::string());
    r.number_key = c.value("number_key", std::string());
    r.party = c.value("party", std::string());
    r.category = parse_category(c.value("category", std::string())).value_or(Category::Unknown);
    m.drawn.push_back(r);
  }
  return m;
}

std::vector<std::string> manifest_differences(const SampleManifest& recorded, const SampleManifest& redrawn) {
  std::vector<std::string> out;
  if (recorded.seed != redrawn.seed)
    out.push_back("种子不同 (seed differs): 清单 " + std::to_string(recorded.seed) + "，重抽 " +
                  std::to_string(redrawn.seed));
  if (recorded.population_hash != redrawn.population_hash)
    out.push_back("总体不同 (population differs): 清单 " + std::to_string(recorded.population) + " 件，哈希 " +
                  recorded.population_hash.substr(0, 12) + "…；现在 " + std::to_string(redrawn.population) +
                  " 件，哈希 " + redrawn.population_hash.substr(0, 12) + "… (manifest " +
                  std::to_string(recorded.population) + " cases, now " + std::to_string(redrawn.population) + ")");
  const std::set<std::string> before(recorded.drawn_keys.begin(), recorded.drawn_keys.end());
  const std::set<std::string> after(redrawn.drawn_keys.begin(), redrawn.drawn_keys.end());
  for (const std::string& k : before)
    if (!after.count(k)) out.push_back("仅在清单中 (only in the manifest): " + readable_key(k));
  for (const std::string& k : after)
    if (!before.count(k)) out.push_back("仅在重抽中 (only in the re-draw): " + readable_key(k));
  return out;
}

std::map<std::string, int> unit_populations(const SampleManifest& m) {
  std::map<std::string, int> out;
  for (const Stratum& s : m.strata) out[s.unit] += s.population;
  return out;
}

}  // namespace caseaudit::audit
