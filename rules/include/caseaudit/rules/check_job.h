// The `check` job, the self-check a bureau runs before entering a case on the
// platform: extract each case file (forms), run the profile's rule packs on
// it, and work out the platform-entry deadlines that follow from its dates and
// the values the platform asks for.
//
// Output under `output`, per case file: <case>.check.json (schema
// caseaudit.check/1) and <case>.check.txt (the readable report), ID numbers
// masked in both unless extract.mask_ids is false. The extraction is not
// written (<case>.extract.json holds ID numbers in full: `extract` writes it).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/forms/extract_job.h"
#include "caseaudit/rules/finding.h"
#include "caseaudit/rules/screening.h"

namespace caseaudit::rules {

struct EntryDue {
  std::string kind;         // filing
  std::string information;  // 立案信息
  std::string from_date;    // the date that starts the clock (ISO)
  std::string due;          // last day to enter it (ISO)
  std::string rule;         // "7 working days"
  std::string source;       // where the deadline comes from
  std::string message;      // 立案信息须于 2023-05-19 前录入
};

struct CaseCheck {
  forms::CaseExtraction extraction;
  std::vector<Finding> findings;
  std::vector<Finding> unverified;         // 待核实: what the rules could not judge on what was read
  std::vector<EntryDue> entry_deadlines;
  TransferScreening screening;             // whether a transfer looks due (或提前介入)
  nlohmann::ordered_json platform_values;  // the values the platform asks for, ready to enter
  std::vector<std::string> notes;          // what could not be worked out (a missing calendar year ...)
  bool has_errors() const;
};

struct CheckJob {
  forms::ExtractJob extract;         // inputs, output, templates, OCR options, masking
  std::filesystem::path rules_dir;   // empty: default_rules_dir() (packs/, profiles/, calendars/)
  std::string profile = "default";
};

struct CheckJobReport {
  std::vector<CaseCheck> cases;
  std::vector<ocr::InputError> errors;
  std::vector<std::filesystem::path> written;
};

// Throws DataError for a malformed pack, profile or calendar, ocr::Error when
// the output folder cannot be written (before any OCR), and what
// forms::extract_cases throws.
CheckJobReport run_check_job(const CheckJob& job, const ocr::ProgressFn& progress = {});

// The readable report of one case file (Chinese, English beside the headings).
std::string check_report_text(const CaseCheck& c, bool mask_ids = true);
nlohmann::json to_json(const CaseCheck& c);

}  // namespace caseaudit::rules
