// One case file, one record: the values of a case (文号, party, codes, unit,
// dates, amounts, category) taken from its documents by one mapping that is
// data (rules/facts/case_values.yaml). `check`'s values for the platform,
// `audit`'s case record and the transfer screening all read these, so they
// never say different things about the same file.
//
// Each value keeps where it came from, whether it was read with certainty,
// and how many documents of the file agree with it (the evidence that one
// poor page was outvoted).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/normalize.h"

namespace caseaudit::rules {

struct FactSource {
  std::string type;   // document type
  std::string field;  // field name
};

struct FactMap {
  std::vector<std::pair<std::string, std::vector<FactSource>>> values;  // name -> sources, in order
  std::vector<std::string> transfer_types, penalty_types;
  std::filesystem::path file;
  // <rules_dir>/facts/case_values.yaml; DataError (file, line) when malformed.
  static FactMap load(const std::filesystem::path& rules_dir);
};

struct FactValue {
  nlohmann::json value;      // the field's normalised value (a party's is {name, kind})
  std::string text;          // as text: the string, a party's name, a number's digits
  std::string raw;           // as read
  FactSource source;
  int document = -1;         // index into the extraction's documents
  bool certain = false;      // read with certainty (forms ExtractedField::certain)
  float confidence = 0;
  std::vector<int> agreeing; // documents whose own reading of the value is the same (source included)
  int readings = 0;          // documents that read this value at all (agreeing or not)
  std::vector<forms::Evidence> where;
};

enum class CaseKind { Unknown, Penalty, Transfer };

struct CaseFacts {
  std::map<std::string, FactValue> values;
  CaseKind kind = CaseKind::Unknown;

  const FactValue* get(const std::string& name) const;
  std::string text(const std::string& name) const;                   // "" when not read
  std::optional<forms::Date> date(const std::string& name) const;
  std::optional<std::int64_t> fen(const std::string& name) const;    // amounts in fen
};

CaseFacts case_facts(const forms::CaseExtraction& c, const FactMap& map);

}  // namespace caseaudit::rules
