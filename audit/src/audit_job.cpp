// The audit job (see audit_job.h): gathering both sides and reconciling them.
// Writing the outputs is in audit_output.cpp.
#include "caseaudit/audit/audit_job.h"

#include <algorithm>
#include <tuple>

#include "caseaudit/audit/case_records.h"
#include "caseaudit/rules/data_error.h"
#include "audit_output.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

namespace {

bool is_case_file(const fs::path& p) {
  if (fs::is_regular_file(p)) return true;
  if (forms::is_ocr_output(p)) return true;
  for (const auto& e : fs::directory_iterator(p))
    if (e.is_regular_file()) {
      std::string ext = e.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".tif" || ext == ".tiff" || ext == ".pdf") return true;
    }
  return false;
}

// A folder that is not itself a case file holds case files: its sub-folders
// (truth folders of the fixtures aside) and PDFs, in name order.
std::vector<fs::path> expand_cases(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> out;
  for (const auto& in : inputs) {
    if (!fs::is_directory(in) || is_case_file(in)) {
      out.push_back(in);
      continue;
    }
    std::vector<fs::path> children;
    for (const auto& e : fs::directory_iterator(in)) {
      const fs::path p = e.path();
      if (p.extension() == ".truth") continue;
      if (e.is_directory() || p.extension() == ".pdf" || p.extension() == ".PDF") children.push_back(p);
    }
    std::sort(children.begin(), children.end());
    out.insert(out.end(), children.begin(), children.end());
  }
  return out;
}

void import_side(const std::vector<fs::path>& files, const ColumnProfile& profile, std::vector<CaseRecord>& into,
                 AuditJobReport& report) {
  for (const auto& f : files) {
    try {
      ImportReport r = import_table(f, profile);
      if (r.records.empty())
        report.warnings.push_back(f.string() + ": 只有表头，没有数据行 (header only, no rows)");
      report.cell_problems.insert(report.cell_problems.end(), r.problems.begin(), r.problems.end());
      for (auto& rec : r.records) into.push_back(std::move(rec));
    } catch (const ImportError& e) {
      report.unreadable.push_back({f, e.what()});
    }
  }
}

// The rule packs' findings on the scanned case files' documents, as audit
// findings of the same kinds (the rule ids), and per unit the share of
// checked files with a defect at error severity (appraisal: defects per file).
void add_document_findings(const std::vector<CaseRecord>& files, const std::vector<std::vector<rules::Finding>>& found,
                           const std::map<std::string, int>& population, ReconcileResult& result) {
  std::map<std::string, UnitStats*> units;
  for (auto& u : result.units) units[u.unit] = &u;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const CaseRecord& file = files[i];
    int errors = 0;
    for (const rules::Finding& f : found[i]) {
      AuditFinding a;
      a.kind = f.rule;
      a.severity = f.severity;
      a.unit = file.unit;
      a.number = file.number_key.empty() ? file.number : file.number_key;
      a.party = file.party;
      a.message = f.message;
      a.basis = f.basis;
      a.note = f.note;
      for (const auto& e : f.evidence)
        a.evidence.push_back(file.origin.text() + (e.doc_type.empty() ? "" : " " + e.doc_type) +
                             (e.page >= 0 ? " 第" + std::to_string(e.page + 1) + "页" : "") +
                             (e.text.empty() ? "" : "「" + e.text + "」"));
      a.file = i;
      errors += f.severity == rules::Severity::Error;
      result.findings.push_back(std::move(a));
    }
    if (UnitStats* u = units.count(file.unit) ? units[file.unit] : nullptr) {
      u->checked += 1;
      u->with_defects += errors > 0;
      u->defects += errors;
      if (errors > 0 && u->worst < rules::Severity::Error) u->worst = rules::Severity::Error;
    }
  }
  for (auto& u : result.units)
    if (u.checked) u.defective_ci = wilson_interval(u.with_defects, u.checked, population.count(u.unit) ? population.at(u.unit) : 0);
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const AuditFinding& a, const AuditFinding& b) {
    return std::tie(a.unit, a.number) < std::tie(b.unit, b.number);
  });
}

}  // namespace

AuditJobReport run_audit_job(const AuditJob& job, const ocr::ProgressFn& progress) {
  if (job.platform.empty()) throw std::invalid_argument("没有平台导出文件 (no platform export given: --platform FILE)");
  if (job.cases.inputs.empty() && job.registers.empty())
    throw std::invalid_argument("没有案卷或台账 (no case files or registers given: --cases DIR or --register FILE)");
  const AuditContext ctx = AuditContext::load(job.rules_dir, job.profile);
  const fs::path exports = job.exports_dir.empty() ? default_exports_dir() : job.exports_dir;
  const ColumnProfile platform_columns = load_column_profile(exports, job.platform_columns);
  const ColumnProfile register_columns = load_column_profile(exports, job.register_columns);

  AuditJobReport report;
  std::vector<std::optional<rules::TransferScreening>> screenings;
  std::vector<std::vector<rules::Finding>> document_findings;  // per scanned case file
  std::vector<std::vector<rules::Finding>> unverified;         // per scanned case file
  if (!job.cases.inputs.empty()) {
    forms::ExtractJob extract = job.cases;
    extract.inputs = expand_cases(job.cases.inputs);
    forms::ExtractJobReport x = forms::run_extract_job(extract, progress);
    for (const auto& e : x.errors) report.unreadable.push_back({e.file, e.message()});
    report.written = x.written;
    for (const auto& c : x.cases) {
      report.files.push_back(record_from_case(c, c.name));
      screenings.push_back(rules::screen_case(c, ctx.offences, ctx.thresholds, ctx.profile.early_intervention.share));
      rules::CaseChecks checks = rules::check_case(c, ctx.packs, &ctx.calendar);
      document_findings.push_back(std::move(checks.findings));
      unverified.push_back(std::move(checks.unverified));
    }
  }
  import_side(job.registers, register_columns, report.files, report);
  screenings.resize(report.files.size());  // register rows: screened from their 案由 and 涉案金额
  const std::size_t failed_before = report.unreadable.size();
  import_side(job.platform, platform_columns, report.entries, report);
  if (report.unreadable.size() > failed_before)
    report.warnings.push_back("有平台导出文件无法读取，其单位的案卷会显示为漏录，请先处理该文件 "
                              "(an export could not be read: its unit's cases show as not entered)");

  report.result = reconcile(report.files, report.entries, ctx, job.options, screenings, job.population);
  add_document_findings(report.files, document_findings, job.population, report.result);
  {
    ReconcileResult doubts;
    add_document_findings(report.files, unverified, {}, doubts);
    report.to_verify = std::move(doubts.findings);
  }
  write_audit_outputs(job, report);
  return report;
}

}  // namespace caseaudit::audit
