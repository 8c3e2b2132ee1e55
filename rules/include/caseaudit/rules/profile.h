// Regional profiles: rules/profiles/<name>.yaml. A profile holds the values
// that differ between places, each with its source: the deadline for entering
// each kind of information on the 两法衔接 platform and the date that starts
// its clock, how days are counted, the share of a criminal filing threshold at
// which the procuratorate intervenes early, the police follow-up limits, and
// which rule packs apply, and how the audit reports each of its finding kinds
// (name, severity, headline, basis). A profile may `extends:` another and
// override single values; a user adds a region by adding a file, without
// recompiling.
//
// The format is described in rules/README.md; every malformed file is refused
// at load with a DataError naming the file and line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/rules/finding.h"

namespace caseaudit::rules {

// A length of time as a profile states it: "7 working days", "3 days",
// "6 months", "1 year" (also 7个工作日, 3日, 6个月, 1年).
struct Duration {
  enum class Unit { Days, WorkingDays, Months, Years };
  int count = 0;
  Unit unit = Unit::Days;
  static std::optional<Duration> parse(std::string_view text);  // count must be positive
  std::string text() const;                                     // "7 working days"
  friend bool operator==(const Duration&, const Duration&) = default;
};

// The event whose date starts an entry deadline's clock; a checker reads that
// date from the case file or the platform export.
enum class Clock {
  FactsFound,          // facts_found: the amounts, circumstances or consequences of the violation were found
  CaseFiled,           // case_filed: the 受理 / 立案 decision
  CaseDecided,         // case_decided: the penalty decision (行政处罚决定信息; the decision's 决定日期)
  CaseTransferred,     // case_transferred: the transfer of a suspected criminal case
  CaseWithdrawn,       // case_withdrawn: the withdrawal (撤案) of a penalty case
  RefusalObjection,    // refusal_objection: 复议 asked, or 立案监督 proposed, against a police refusal to file
  RevocationObjection, // revocation_objection: 侦查活动监督 proposed against a police revocation
  Consultation,        // consultation: a consultation on a complex case
};
std::string_view clock_name(Clock c);
std::optional<Clock> parse_clock(std::string_view name);

// Where a value comes from: a document in the profile's sources and the part of it.
struct ProfileSource {
  std::string document;  // key in sources (luohe-2018)
  std::string title;     // the document's title
  std::string number;    // 国务院令第310号; may be empty
  std::string article;   // 第八条, 三、(二)
  std::string text() const;  // 《title》（number）article
};

// Where a value was set: the profile file and line (for messages).
struct SetAt {
  std::filesystem::path file;
  int line = 0;
  std::string text() const;  // "file:line"
};

struct EntryDeadline {
  std::string kind;         // filing
  std::string information;  // the kind of information, as the source words it
  Duration deadline;        // 7 working days
  Clock clock = Clock::CaseFiled;
  std::string clock_text;   // the date that starts the clock, in words
  ProfileSource source;     // the deadline's source (and the clock's, unless clock_source is given)
  std::optional<ProfileSource> clock_source;  // what starts the clock, when another document says it
  std::string note;
  SetAt set_at;             // where the deadline value was set
};

// How deadlines are counted: whether the day the information arises counts
// as the first day.
struct DeadlineCounting {
  bool first_day_counts = false;
  ProfileSource source;
  std::string note;
  SetAt set_at;
};

struct EarlyIntervention {
  double share = 0.8;  // of a criminal filing threshold, in (0, 1]
  ProfileSource source;
  std::string note;
  SetAt set_at;
};

struct Limit {
  Duration limit;
  ProfileSource source;
  std::string note;
  SetAt set_at;
};

// How the audit reports one of its finding kinds in this region (the
// `findings:` section): the kind's name, its severity, the headline of its
// message (the audit adds the case's particulars after it) and its basis.
// Kinds whose basis is a value of the profile (an entry deadline, the
// early-intervention share, a police limit) or a threshold get that value's
// source added by the audit; their own `sources` may then be empty.
struct FindingSpec {
  std::string kind;                    // platform.missing
  std::string title;                   // 漏录
  Severity severity = Severity::Error;
  std::optional<Severity> escalated;   // severity_escalated: the graver stage of a kind that has one
                                       // (police.decision_overdue past police.filing_after_transfer)
  std::string message;                 // 漏录：案卷未在平台录入 (case file not entered on the platform)
  std::vector<ProfileSource> sources;  // the basis, in order
  std::string note;
  SetAt set_at;                        // where the kind's block was last set
  std::string basis() const;           // the sources' texts joined by "；" ("" when none)
};

struct Profile {
  std::string name;                 // file stem: default
  std::string title;
  std::string note;
  std::vector<std::string> chain;   // this profile, then each one it extends: {macheng, default}
  std::vector<EntryDeadline> entry_deadlines;  // the base profile's order, then kinds added by extensions
  DeadlineCounting counting;
  EarlyIntervention early_intervention;
  Limit police_decision_after_transfer;  // the police decide whether to file within this after receiving a transfer
  Limit police_filing_after_transfer;    // filing later than this after the transfer is reported as a problem
  Limit investigation_open;              // an investigation open longer than this is reported as a problem
  std::vector<std::string> rule_packs;   // names of the rule packs that apply
  std::vector<FindingSpec> findings;     // the base profile's order, then kinds added by extensions

  const EntryDeadline* entry_deadline(std::string_view kind) const;  // nullptr if the kind is unknown
  const FindingSpec* finding(std::string_view kind) const;           // nullptr if the kind is not given
};

// Loads <folder>/<name>.yaml and every profile it extends.
Profile load_profile(const std::filesystem::path& folder, std::string_view name);
// default_rules_dir() / "profiles"
Profile load_default_profile(std::string_view name = "default");
// The names of the profiles in a folder (file stems), sorted.
std::vector<std::string> profile_names(const std::filesystem::path& folder);

}  // namespace caseaudit::rules
