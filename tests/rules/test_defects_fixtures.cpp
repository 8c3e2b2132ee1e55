// Issue 5's bar on scans: the defects fixture set (case files with planted
// rule defects, and clean ones), generated and OCR'd by the
// forms_fixtures_prepare CTest fixture, extracted and checked with the shipped
// templates and rule packs: every planted defect is found, and nothing else.
#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "caseaudit/forms/extract_job.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/rule_pack.h"
#include "support/fixtures.h"

using namespace caseaudit;
namespace fs = std::filesystem;

TEST_CASE("every planted defect is found, and no finding is raised on a clean case file") {
  const fs::path root = caseaudit::test::binary_dir() / "forms-fixtures";
  const auto templates = forms::load_templates(caseaudit::test::source_dir() / "forms" / "templates");
  const auto packs = rules::load_rule_packs(caseaudit::test::source_dir() / "rules" / "packs");
  const auto calendar = rules::WorkCalendar::load(caseaudit::test::source_dir() / "rules" / "calendars");
  int cases = 0, clean = 0, planted = 0, found = 0, extra = 0;
  for (const auto& entry : fs::directory_iterator(root / "defects")) {
    if (entry.path().extension() != ".truth") continue;
    const std::string name = entry.path().stem().string();
    const auto truth = nlohmann::json::parse(caseaudit::test::read_file(entry.path() / "case.truth.json"));
    std::multiset<std::string> want;
    for (const auto& d : truth["defects"]) want.insert(d["rule"].get<std::string>());
    std::vector<ocr::InputError> errors;
    const auto pages = forms::read_ocr_output(root / "ocr-defects" / name, errors);
    REQUIRE(errors.empty());
    const auto extraction = forms::extract_case(name, pages, templates);
    std::multiset<std::string> got;
    for (const auto& f : rules::check_case(extraction, packs, &calendar).findings) got.insert(f.rule);
    INFO(name);
    for (const auto& r : want) {
      planted += 1;
      if (got.count(r)) found += 1;
      else std::cout << name << ": planted " << r << " not found\n";
    }
    for (const auto& r : got)
      if (!want.count(r)) extra += 1, std::cout << name << ": unexpected finding " << r << "\n";
    CHECK(got == want);
    ++cases;
    clean += want.empty();
  }
  CHECK(cases >= 8);
  CHECK(clean >= 2);
  CHECK(planted >= 10);
  CHECK(found == planted);
  CHECK(extra == 0);
}
