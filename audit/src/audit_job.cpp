// The audit job (see audit_job.h): gathering both sides and reconciling them.
// Writing the outputs is in audit_output.cpp.
#include "caseaudit/audit/audit_job.h"

#include <algorithm>

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
  if (!job.cases.inputs.empty()) {
    forms::ExtractJob extract = job.cases;
    extract.inputs = expand_cases(job.cases.inputs);
    forms::ExtractJobReport x = forms::run_extract_job(extract, progress);
    for (const auto& e : x.errors) report.unreadable.push_back({e.file, e.message()});
    report.written = x.written;
    for (const auto& c : x.cases) {
      report.files.push_back(record_from_case(c, c.name));
      screenings.push_back(rules::screen_case(c, ctx.offences, ctx.thresholds, ctx.profile.early_intervention.share));
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
  write_audit_outputs(job, report);
  return report;
}

}  // namespace caseaudit::audit
