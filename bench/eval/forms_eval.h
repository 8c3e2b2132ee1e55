// Scoring an extraction against the fixture generator's truth: page
// classification, the split into documents, non-standard flags and field
// values. Shared by the accuracy test and the per-field benchmark.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseaudit/forms/extract.h"

namespace caseaudit::eval {

// The truth of one page (NAME.truth.json, schema caseaudit.fixture/1).
struct TruthPage {
  std::string expected_type;  // template type, "unknown", or furniture
  std::string variant;
  int document = 0;           // 1-based document index in the case file (0: not stated)
  int page = 1, page_count = 1;  // the page inside its document
  bool standard = true;
  std::string deviation;
  nlohmann::json fields;      // the fields the page shows
  std::set<std::string> cut;  // of them, the ones the page's edge cuts (trust set: "cut": {"地址": true})
};

// Truth pages of a case file, in page order: a folder with N.truth.json (or
// pN.truth.json) files.
std::vector<TruthPage> read_truth(const std::filesystem::path& dir);

struct FieldScore {
  int total = 0, exact = 0;
  double rate() const { return total ? static_cast<double>(exact) / total : 1.0; }
};

struct Mismatch {
  std::string where;  // case, document, field
  std::string expected, got;
};

struct Score {
  int pages = 0, pages_right = 0;                 // classification, per page
  int documents = 0, documents_right = 0;         // classification, per document (its first page's type)
  int nonstandard_truth = 0, nonstandard_found = 0;  // planted non-standard documents found
  int standard_truth = 0, standard_flagged = 0;      // standard documents wrongly flagged
  std::map<std::string, FieldScore> by_field;        // field name -> score
  std::map<std::string, FieldScore> by_variant;      // page variant -> score (fields)
  std::map<std::string, FieldScore> by_group;        // "clean" | "degraded" -> score
  std::map<std::string, FieldScore> by_type;         // document type -> score (fields)
  FieldScore cut;                                    // fields the page's edge cuts, counted apart from the rest
  std::vector<Mismatch> cut_misses;                  // of them, the wrong or missing ones
  std::vector<Mismatch> misses;                      // wrong or missing values, wrong types

  double classification() const { return pages ? static_cast<double>(pages_right) / pages : 1.0; }
  void add(const Score& o);
};

// Variants counted as clean scans; everything else (skew, noisy, seal,
// rotated, grey, all, border) is degraded.
bool is_clean_variant(const std::string& variant);

struct ScoreOptions {
  // Per document type, a template field scored against a truth field of
  // another name (送达回证: 送达人 <- 执法人员). None by default.
  std::map<std::string, std::map<std::string, std::string>> aliases;
};

// Compares one case file. Only fields the matched template declares are
// scored (a truth field no template asks for is not an extraction error).
// Fields cut by the page edge are counted in `cut` only.
Score score_case(const std::string& name, const forms::CaseExtraction& got, const std::vector<TruthPage>& truth,
                 const forms::TemplateSet& templates, const ScoreOptions& options = {});

// True when `got` (an extracted field) has the truth value `expected`.
bool field_matches(const forms::ExtractedField& got, const nlohmann::json& expected);

}  // namespace caseaudit::eval
