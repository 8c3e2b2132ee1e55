// Annual appraisal sampling: a reproducible random sample of a year's cases
// per unit, stratified by unit and case type, drawn with a seeded generator
// whose every step is defined here (not by the standard library's
// distributions), so the same seed and population give the same sample on
// every machine. The manifest records what anyone needs to re-draw it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseaudit/audit/record.h"
#include "caseaudit/forms/id_mask.h"

namespace caseaudit::audit {

struct SampleSpec {
  std::uint64_t seed = 0;
  std::optional<double> rate;   // share of each stratum, (0, 1]
  std::optional<int> count;     // or a fixed number per stratum
  int min_per_unit = 1;         // at least this many per unit (or all of a smaller unit)
  bool by_category = true;      // strata are unit × 案件类别; false: unit only
  std::optional<int> year;      // only cases of this year (立案日期, else 处罚决定日期, else 移送日期)
};

struct Stratum {
  std::string unit;
  std::string category;  // 行政处罚 | 涉嫌犯罪移送 | 未知 | "" when not by category
  int population = 0;
  int drawn = 0;
};

struct SampleManifest {
  std::string schema = "caseaudit.sample/1";
  std::string population_hash;  // SHA-256 of the population's keys in canonical order
  std::uint64_t seed = 0;
  std::string method;           // in words: the generator, the order, the per-stratum rule
  SampleSpec spec;
  std::vector<Stratum> strata;
  std::vector<CaseRecord> drawn;  // in canonical order (unit, category, key)

  // Added by the sampler (beyond the interface above):
  std::vector<std::string> drawn_keys;  // the key of each drawn case, parallel to `drawn`
  std::vector<std::string> drawn_ranks; // its rank as 16 hex digits, parallel to `drawn`
  int population = 0;                   // cases the sample was drawn from (after the year filter)
  int outside_year = 0;                 // dated cases of another year, not in the population
  std::vector<CaseRecord> undated;      // no date to place them in the year: excluded and listed
};

// Throws std::invalid_argument for a spec with neither or both of rate and count.
SampleManifest draw_sample(const std::vector<CaseRecord>& population, const SampleSpec& spec);
nlohmann::ordered_json to_json(const SampleManifest& m);

// The sampling key of every case, in the population's order: unit \t 案件类别
// \t (canonical 文号 | 文号 | party_key@立案日期), and "#2", "#3" ... for the
// second, third ... case with the same key, in the order of all their fields.
std::vector<std::string> case_keys(const std::vector<CaseRecord>& population);
// A case's rank under a seed: the first 8 bytes of SHA-256("<seed>\n" + key), big-endian.
std::uint64_t case_rank(std::uint64_t seed, const std::string& key);

// Reads back what a manifest needs for a re-draw: schema, seed, spec,
// population hash and size, strata, drawn keys (the drawn records themselves
// keep only unit, category, 文号 and party). Throws ocr::Error (kind Data)
// naming the first missing or malformed field.
SampleManifest manifest_from_json(const nlohmann::json& j);
// Per unit, the number of cases its strata were drawn from (for the audit's
// finite-population intervals).
std::map<std::string, int> unit_populations(const SampleManifest& m);
// What differs between a recorded manifest and a re-draw, one line each
// (Chinese, English in parentheses); empty when they match.
std::vector<std::string> manifest_differences(const SampleManifest& recorded, const SampleManifest& redrawn);

// 身份证号 inside a text masked (forms/id_mask.h), for anything the sampler
// writes or prints: a party cell sometimes carries the person's ID number.
using forms::mask_id_numbers;

// A 95% (z = 1.96) Wilson score interval for a proportion `successes` / `n`,
// narrowed by the finite-population correction when the population is known.
struct Interval {
  double low = 0, high = 0;
};
Interval wilson_interval(int successes, int n, int population = 0, double z = 1.96);

}  // namespace caseaudit::audit
