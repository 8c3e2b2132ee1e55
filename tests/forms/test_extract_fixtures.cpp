// The bars on the fixture case files, end to end: scans generated with
// their truth (every document type, planted non-standard documents, unrelated
// pages, skewed/noisy/sealed variants), OCR'd with the default engine by the
// forms_fixtures_prepare CTest fixture, then extracted and scored.
#include <catch2/catch.hpp>

#include <iostream>

#include "caseaudit/forms/extract_job.h"
#include "eval/forms_eval.h"
#include "support/fixtures.h"

using namespace caseaudit;
namespace fs = std::filesystem;

namespace {

struct Evaluation {
  eval::Score score;
  int capital_amounts = 0, capital_agree = 0;
  int case_files = 0;
};

// 大写 and Arabic fines of one document: both read, equal to each other and to the truth.
void count_capitals(const forms::CaseExtraction& got, const std::vector<eval::TruthPage>& truth, Evaluation& e) {
  for (const forms::Document& d : got.documents) {
    if (d.pages.empty()) continue;
    const auto& t = truth.at(static_cast<std::size_t>(d.pages.front()));
    nlohmann::json fields = nlohmann::json::object();  // the truth document's fields, over its pages
    for (const auto& page : truth)
      if (page.document == t.document)
        for (const auto& [k, v] : page.fields.items()) fields[k] = v;
    if (!fields.contains("罚款金额大写") || d.type != t.expected_type) continue;
    ++e.capital_amounts;
    const auto* arabic = d.field("罚款金额");
    const auto* capital = d.field("罚款金额大写");
    const bool ok = arabic && capital && arabic->parsed && capital->parsed && arabic->value == capital->value &&
                    eval::field_matches(*capital, fields["罚款金额大写"]);
    e.capital_agree += ok;
    if (!ok)
      std::cout << "大写 miss: " << got.name << " " << d.type << " arabic=" << (arabic ? arabic->raw : "-")
                << " capital=" << (capital ? capital->raw : "-") << "\n";
  }
}

const Evaluation& evaluation() {
  static const Evaluation e = [] {
    Evaluation out;
    const fs::path root = caseaudit::test::binary_dir() / "forms-fixtures";
    const forms::TemplateSet templates = forms::load_templates(caseaudit::test::source_dir() / "forms" / "templates");
    std::vector<std::pair<fs::path, fs::path>> cases;  // OCR output, truth
    for (const auto& entry : fs::directory_iterator(root / "forms"))
      if (entry.path().extension() == ".truth") cases.emplace_back(root / "ocr-forms" / entry.path().stem(), entry.path());
    const fs::path committed = caseaudit::test::fixtures_dir() / "cases";
    cases.emplace_back(root / "ocr-cases" / "case-001", committed / "case-001.truth");
    cases.emplace_back(root / "ocr-cases" / "case-002", committed / "case-002.truth");
    std::sort(cases.begin(), cases.end());
    for (const auto& [ocr_dir, truth_dir] : cases) {
      std::vector<ocr::InputError> errors;
      const auto pages = forms::read_ocr_output(ocr_dir, errors);
      REQUIRE(errors.empty());
      const auto truth = eval::read_truth(truth_dir);
      REQUIRE(pages.size() == truth.size());
      const std::string name = ocr_dir.parent_path().filename().string() + "/" + ocr_dir.filename().string();
      const forms::CaseExtraction got = forms::extract_case(name, pages, templates);
      out.score.add(eval::score_case(name, got, truth, templates));
      count_capitals(got, truth, out);
      ++out.case_files;
    }
    for (const auto& m : out.score.misses) std::cout << "miss: " << m.where << " | want " << m.expected << " | got " << m.got << "\n";
    return out;
  }();
  return e;
}

}  // namespace

TEST_CASE("documents of the fixture case files are classified right on at least 98% of pages") {
  const Evaluation& e = evaluation();
  REQUIRE(e.case_files >= 10);
  REQUIRE(e.score.pages >= 80);
  INFO("classified right: " << e.score.pages_right << "/" << e.score.pages);
  CHECK(e.score.classification() >= 0.98);
}

TEST_CASE("fields match the truth exactly: at least 95% on clean scans, 90% on skewed, noisy and sealed ones") {
  const Evaluation& e = evaluation();
  const auto& clean = e.score.by_group.at("clean");
  const auto& degraded = e.score.by_group.at("degraded");
  INFO("clean " << clean.exact << "/" << clean.total << ", degraded " << degraded.exact << "/" << degraded.total);
  REQUIRE(clean.total >= 100);
  REQUIRE(degraded.total >= 100);
  CHECK(clean.rate() >= 0.95);
  CHECK(degraded.rate() >= 0.90);
}

TEST_CASE("every planted non-standard document is reported, and no standard one is") {
  const Evaluation& e = evaluation();
  REQUIRE(e.score.nonstandard_truth >= 3);
  CHECK(e.score.nonstandard_found == e.score.nonstandard_truth);
  CHECK(e.score.standard_flagged == 0);
  CHECK(e.score.standard_truth >= 40);
}

TEST_CASE("amounts in capitals are read and agree with their Arabic twin on at least 98% of fixture decisions") {
  const Evaluation& e = evaluation();
  INFO("agree: " << e.capital_agree << "/" << e.capital_amounts);
  REQUIRE(e.capital_amounts >= 8);
  CHECK(e.capital_agree >= 0.98 * e.capital_amounts);
}
