// Rule packs: rules/packs/*.yaml. Each rule has a stable id, the document
// type it applies to (or the case file), a check, a severity, a Chinese
// message (English beside it) and its legal or policy basis. Checks are
// generic and read forms' extractions; what they check is data, so a user
// adds or edits a rule without recompiling. A malformed pack is refused at
// load with DataError naming the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/forms/document.h"
#include "caseaudit/rules/finding.h"

namespace caseaudit::rules {

class WorkCalendar;

struct Rule {
  enum class Check {
    Required,    // `field` is present and readable
    Pattern,     // `field`'s raw text matches the ICU regex `pattern`
    CheckDigit,  // a credit code / ID number `field` passes its check character (GB 32100 / GB 11643)
    Agree,       // `field` and `other` have equal values (大写 and 小写 amounts)
    Count,       // `field` (a list) has at least `min` items, each with every key in `keys`
    Seal,        // a seal is present on the document's pages
    DateOrder,   // the dates in `sequence` (type.field ...) do not go backwards
    Deadline,    // `to` is at most `days` calendar days, `working_days` working days or
                 // `hours` hours after `from` (type.field each; exactly one of the three)
    Documents,   // the case file holds a document of each type in `documents` (transfer package)
    Nonstandard, // a self-designed document stands in for the standard one (its title is not the template's)
  };
  std::string id;
  std::string applies_to;  // document type, "case" for case-file rules, "any" for every document type
  std::string when;        // case rules: only when the case file holds a document of this type ("" = always)
  Check check = Check::Required;
  Severity severity = Severity::Error;
  std::string message;
  std::string basis;
  std::string note;        // where the rule is uncertain, it says so here

  std::string field, other, pattern;
  int min = 0;
  std::vector<std::string> keys;
  std::vector<std::string> sequence;   // "type.field"
  std::string from, to;                // "type.field"
  int days = 0;          // deadline in calendar days
  int working_days = 0;  // deadline in working days (the calendar decides; 行政处罚法 第八十五条)
  int hours = 0;         // deadline in hours: documents carry dates, so the to-date may be at most
                         // ceil(hours / 24) calendar days after the from-date (24 h: the next day)
  std::vector<std::string> documents;  // types

  std::filesystem::path file;
  int line = 0;
};

struct RulePack {
  std::string name;
  std::string title;
  std::filesystem::path file;
  std::vector<Rule> rules;
};

RulePack load_rule_pack(const std::filesystem::path& file);
// Every *.yaml in `folder`, sorted; rule ids unique across packs.
std::vector<RulePack> load_rule_packs(const std::filesystem::path& folder);

// What the rules make of one case file. A rule calls a defect only on what
// was read with certainty: a required field that is absent (not one that
// could not be read), values read with good confidence, a seal missing from
// a colour scan. Everything a rule could not judge on what was read is listed
// apart for a person to check against the page (待核实), never as a defect.
struct CaseChecks {
  std::vector<Finding> findings;    // defects, in rule order
  std::vector<Finding> unverified;  // 待核实: rules that could not be judged on what was read
};

// Every rule of `packs` on one case file. `calendar` counts working-day
// deadlines; without it, or when a date falls in a year it does not hold, a
// working-day deadline that calendar days alone cannot settle is not guessed:
// it is listed as unverified saying which year's calendar is missing.
CaseChecks check_case(const forms::CaseExtraction& c, const std::vector<RulePack>& packs,
                      const WorkCalendar* calendar = nullptr);

}  // namespace caseaudit::rules
