// The audit job (see audit_job.h): gathering both sides and reconciling them.
// Writing the outputs is in audit_output.cpp.
#include "caseaudit/audit/audit_job.h"

#include <algorithm>
#include <future>
#include <iterator>
#include <tuple>

#include "caseaudit/audit/case_records.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "caseaudit/rules/data_error.h"
#include "audit_output.h"
#include "history.h"

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

// The column profiles a side is read with: the one named, or for "auto" the
// candidates of that side.
std::vector<ColumnProfile> side_profiles(const fs::path& exports, const std::string& name, const std::string& side) {
  if (name != "auto") return {load_column_profile(exports, name)};
  std::vector<ColumnProfile> c = auto_candidates(load_column_profiles(exports), side);
  if (c.empty()) throw rules::DataError(exports, 0, "没有 " + side + " 一方可用的列配置 (no column profile for the " + side + " side)");
  return c;
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  if (to.empty()) to = std::move(from);
  else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// What the files of one side gave: their records, and what to tell about them.
struct SideImport {
  std::vector<CaseRecord> records;
  std::vector<ImportedFile> imported;
  std::vector<CellProblem> cell_problems;
  std::vector<std::string> warnings;
  std::vector<InputProblem> unreadable;
};

SideImport import_side(const std::vector<fs::path>& files, const std::vector<ColumnProfile>& profiles,
                       const std::string& side, bool automatic) {
  SideImport out;
  for (const auto& f : files) {
    try {
      ImportReport r = import_table_auto(f, profiles);
      if (r.records.empty()) out.warnings.push_back(ocr::readable_path(f) + ": 只有表头，没有数据行 (header only, no rows)");
      append(out.cell_problems, r.problems);
      ImportedFile info{f, side, r.profile, "", automatic, r.fields_mapped};
      for (const auto& p : profiles)
        if (p.name == r.profile) info.title = p.title;
      out.imported.push_back(std::move(info));
      append(out.records, r.records);
    } catch (const ImportError& e) {
      out.unreadable.push_back({f, e.what()});
    }
  }
  return out;
}

// One side's import into the report, in the order the sides are told.
void add_side(SideImport& side, std::vector<CaseRecord>& into, AuditJobReport& report) {
  append(into, side.records);
  append(report.imported, side.imported);
  append(report.cell_problems, side.cell_problems);
  append(report.warnings, side.warnings);
  append(report.unreadable, side.unreadable);
}

bool has_field(const ImportedFile& f, const char* field) {
  return std::find(f.fields_mapped.begin(), f.fields_mapped.end(), field) != f.fields_mapped.end();
}

// What the columns of the files read leave unjudgeable, said once per file.
std::vector<std::string> column_notes(const AuditJobReport& r, const AuditContext& ctx) {
  std::vector<std::string> notes;
  bool filing_clock = false, decision_clock = false;
  for (const auto& d : ctx.profile.entry_deadlines) {
    filing_clock = filing_clock || d.clock == rules::Clock::CaseFiled;
    decision_clock = decision_clock || d.clock == rules::Clock::CaseDecided;
  }
  bool entries_filed = false, entries_decided = false;
  for (const auto& f : r.imported)
    if (f.side == "platform") entries_filed |= has_field(f, "filed"), entries_decided |= has_field(f, "decided");
  for (const auto& f : r.imported) {
    const std::string name = f.file.filename().string();
    std::vector<std::string> cannot;
    if (f.side == "register") {
      if (filing_clock && !has_field(f, "filed"))
        cannot.push_back(entries_filed ? "自立案起算的迟录只能依平台导出的立案日期判断 (lateness from 立案 only where the export gives 立案日期)"
                                       : "自立案起算的迟录 (lateness from 立案)");
      if (decision_clock && !has_field(f, "decided"))
        cannot.push_back(entries_decided ? "自决定起算的迟录只能依平台导出的决定日期判断 (lateness from the decision only where the export gives it)"
                                         : "自决定起算的迟录 (lateness from the decision)");
      if (!has_field(f, "category")) cannot.push_back("案件类别是否录错 (whether the category was entered wrongly)");
      if (!has_field(f, "case_amount") && !has_field(f, "fine"))
        cannot.push_back("以罚代刑、提前介入及选择性录入的金额检验（无金额列）(amount screening and tests: no amount column)");
    } else {
      if (!has_field(f, "entered")) cannot.push_back("迟录（无录入日期）(lateness: no entry date)");
      if (!has_field(f, "category")) cannot.push_back("案件类别是否录错 (whether the category was entered wrongly)");
    }
    std::string what;
    for (const auto& c : cannot) what += (what.empty() ? "" : "；") + c;
    if (!what.empty())
      notes.push_back((f.side == "register" ? "台账 " : "平台导出 ") + name + "（列配置 " + f.profile + "）缺少相应的列，无法判断：" + what);
  }
  return notes;
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
  if (job.platform.empty()) throw ocr::UsageError("没有平台导出文件 (no platform export given: --platform FILE)");
  if (job.cases.inputs.empty() && job.registers.empty())
    throw ocr::UsageError("没有案卷或台账 (no case files or registers given: --cases DIR or --register FILE)");
  const AuditContext ctx = AuditContext::load(job.rules_dir, job.profile);
  if (job.cases.output.empty()) throw ocr::UsageError("没有指定输出文件夹 (no output folder given: -o DIR)");
  ocr::check_output_folder(job.cases.output);  // before any OCR work
  const fs::path exports = job.exports_dir.empty() ? default_exports_dir() : job.exports_dir;
  const std::vector<ColumnProfile> platform_columns = side_profiles(exports, job.platform_columns, "platform");
  const std::vector<ColumnProfile> register_columns = side_profiles(exports, job.register_columns, "register");

  AuditJobReport report;
  ocr::StageClock clock(report.times);
  std::vector<std::optional<rules::TransferScreening>> screenings;
  std::vector<std::vector<rules::Finding>> document_findings;  // per scanned case file
  std::vector<std::vector<rules::Finding>> unverified;         // per scanned case file
  std::vector<forms::CaseExtraction> scanned;                  // the scanned case files, as read
  std::vector<rules::CaseFacts> facts;                         // their case values
  if (!job.cases.inputs.empty()) {
    forms::ExtractJob extract = job.cases;
    extract.inputs = expand_cases(job.cases.inputs);
    // Extractions only: <case>.extract.json holds ID numbers in full and is
    // not an audit output.
    forms::ExtractJobReport x = forms::extract_cases(extract, progress);
    for (const auto& e : x.errors) report.unreadable.push_back({e.file, e.message()});
    report.written = x.written;
    scanned = std::move(x.cases);
    for (const auto& c : scanned) {
      facts.push_back(rules::case_facts(c, ctx.facts));
      report.files.push_back(record_from_case(c, facts.back(), c.name));
      rules::CaseChecks checks = rules::check_case(c, ctx.packs, &ctx.calendar);
      document_findings.push_back(std::move(checks.findings));
      unverified.push_back(std::move(checks.unverified));
    }
    clock.lap("case files (read, check)");
  }
  // The two sides at once, one on each core; told registers first.
  auto registers = std::async(std::launch::async, [&] {
    return import_side(job.registers, register_columns, "register", job.register_columns == "auto");
  });
  SideImport platform = import_side(job.platform, platform_columns, "platform", job.platform_columns == "auto");
  SideImport registered = registers.get();
  add_side(registered, report.files, report);
  const std::size_t failed_before = report.unreadable.size();
  add_side(platform, report.entries, report);
  clock.lap("import, both sides at once");
  if (report.unreadable.size() > failed_before)
    report.warnings.push_back("有平台导出文件无法读取，其单位的案卷会显示为漏录，请先处理该文件 "
                              "(an export could not be read: its unit's cases show as not entered)");

  // Scanned case files are screened from their documents, with the party's
  // earlier penalties the whole audit shows; register rows are screened by
  // the reconciliation from their 案由 and 涉案金额.
  {
    std::vector<bool> wanted(report.files.size(), false);
    std::fill(wanted.begin(), wanted.begin() + static_cast<std::ptrdiff_t>(scanned.size()), true);
    detail::Offences offences(ctx);
    const std::vector<detail::PartyHistory> history =
        detail::party_histories(report.files, report.entries, ctx, offences, wanted);
    for (std::size_t i = 0; i < scanned.size(); ++i) {
      rules::TransferScreening s = rules::screen_case(scanned[i], facts[i], ctx.offences, ctx.thresholds,
                                                      ctx.profile.early_intervention.share, history[i].measured);
      detail::add_history_notes(s, history[i], ctx);
      add_stated_amounts(report.files[i], s);
      screenings.push_back(std::move(s));
    }
  }
  clock.lap("party histories, screening");

  // Scanned case files' units, as read, resolved to the known units before
  // anything is counted per unit.
  report.units = resolve_units(report.files, report.entries, job.units, job.options.link);
  clock.lap("resolve units");
  report.result = reconcile(report.files, report.entries, ctx, job.options, screenings, job.population, &report.times);
  clock.restart();  // reconcile timed its stages
  std::vector<std::string> notes = column_notes(report, ctx);
  for (const auto& u : report.units)
    if (!u.resolved)
      notes.push_back("单位无法确定 (unit not resolved)：" + report.files[u.file].origin.text() + " 读作“" + u.read + "”，" +
                      u.how + "；按原文统计 (counted as read)");
  report.result.notes.insert(report.result.notes.begin(), notes.begin(), notes.end());
  add_document_findings(report.files, document_findings, job.population, report.result);
  {
    ReconcileResult doubts;
    add_document_findings(report.files, unverified, {}, doubts);
    report.to_verify = std::move(doubts.findings);
    report.to_verify.insert(report.to_verify.end(), report.result.to_verify.begin(), report.result.to_verify.end());
  }
  clock.lap("document findings");
  write_audit_outputs(job, report);
  return report;
}

}  // namespace caseaudit::audit
