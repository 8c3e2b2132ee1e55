// The `audit` job, the reconciliation the procuratorate runs on site and the
// appraisal inspectors run each year: read the case side (scanned case files
// through forms, and/or bureau registers), read the platform exports, link and
// reconcile them, and write the findings ledger, the per-unit statistics and
// a readable report.
//
// Output under `output`: audit.json (schema caseaudit.audit/1: findings,
// units, links, input problems), audit-findings.xlsx (the ledger and the
// per-unit table, ready to print), audit-findings.csv (the same ledger, UTF-8
// with BOM), audit-report.txt (the readable report), and for scanned case
// files what `extract` writes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "caseaudit/ocr/stage_times.h"
#include "caseaudit/audit/reconcile.h"
#include "caseaudit/audit/table_import.h"
#include "caseaudit/audit/units.h"
#include "caseaudit/forms/extract_job.h"

namespace caseaudit::audit {

struct AuditJob {
  forms::ExtractJob cases;                    // scanned case files (inputs may be folders of case files); output
  std::vector<std::filesystem::path> registers;  // 台账 files (the case side without scans)
  std::vector<std::filesystem::path> platform;   // platform exports (the entry side)
  std::filesystem::path rules_dir;            // empty: shipped data
  std::filesystem::path exports_dir;          // column profiles; empty: default_exports_dir()
  std::string profile = "default";
  // Column profiles by name, or "auto": per file, the profile (of this side
  // or of either side) whose required columns are all there and that maps
  // the most columns (import_table_auto).
  std::string platform_columns = "auto";
  std::string register_columns = "auto";
  std::vector<std::string> units;             // known unit names (--units FILE), for resolving scanned files' units
  ReconcileOptions options;                   // as_of, link and test settings
  std::map<std::string, int> population;      // per unit, when the case side is a sample
  bool mask_ids = true;
};

struct InputProblem {
  std::filesystem::path file;
  std::string message;  // one line, Chinese first
};

// One export or register read: which column profile read it.
struct ImportedFile {
  std::filesystem::path file;
  std::string side;      // platform | register
  std::string profile;   // the column profile used
  std::string title;     // its title
  bool chosen = false;   // chosen by `auto`
  std::vector<std::string> fields_mapped;
};

struct AuditJobReport {
  std::vector<CaseRecord> files, entries;
  ReconcileResult result;
  std::vector<InputProblem> unreadable;   // files that could not be used at all (the rest went on)
  std::vector<CellProblem> cell_problems; // cells kept as unknown
  std::vector<std::string> warnings;      // e.g. an export with a header and no rows
  // 待核实: document rules that could not be judged on what was read (a field
  // under a seal, a grey scan's seal), per scanned case file; not findings.
  std::vector<AuditFinding> to_verify;
  std::vector<ImportedFile> imported;     // every export and register read, with its column profile
  std::vector<UnitResolution> units;      // one per scanned case file: its unit as read and as resolved
  std::vector<std::filesystem::path> written;
  std::string report_text;                // what audit-report.txt holds (IDs masked unless asked not to)
  ocr::StageTimes times;                  // where the job's time went (`--timings`, bench/audit_bench.sh)
};

// Throws rules::DataError for bad rules data or column profiles, and what
// forms::run_extract_job throws. A bad export or register is reported in
// `unreadable`, not thrown.
AuditJobReport run_audit_job(const AuditJob& job, const ocr::ProgressFn& progress = {});

// The readable report: per-unit statistics, then findings by unit (ID numbers
// masked unless job.mask_ids is false).
std::string audit_report_text(const AuditJob& job, const AuditJobReport& report);

}  // namespace caseaudit::audit
