// The self-check's report, as a bureau reads it: a finding that quotes the
// party's 身份证号 shows it masked unless the user asked for it in full.
#include <catch2/catch.hpp>

#include "caseaudit/forms/id_mask.h"
#include "caseaudit/rules/check_job.h"

using namespace caseaudit;
using namespace caseaudit::rules;

TEST_CASE("the check report masks ID numbers a finding quotes, unless asked not to") {
  CaseCheck c;
  c.extraction.name = "case-007";
  Finding f;
  f.rule = "decision.id-number";
  f.message = "身份证号码校验位错误：「身份证号」429901198110036756 校验位不符";
  f.basis = "《中华人民共和国居民身份证法》";
  c.findings.push_back(f);
  const std::string masked = check_report_text(c, true);
  CHECK(masked.find("429901198110036756") == std::string::npos);
  CHECK(masked.find("429901********6756") != std::string::npos);
  CHECK(check_report_text(c, false).find("429901198110036756") != std::string::npos);
  // check.json is masked the same way, every string of it.
  nlohmann::json j = to_json(c);
  forms::mask_json_strings(j);
  CHECK(j.dump().find("429901198110036756") == std::string::npos);
  CHECK(j["findings"][0]["message"].get<std::string>().find("429901********6756") != std::string::npos);
}
