// `caseaudit audit --cases DIR... --platform FILE... -o OUT`: the on-site
// reconciliation of case files with the platform export. Fills an AuditJob,
// runs it, prints the report, exits 5 when anything at error severity was found.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "args.h"
#include "batch_args.h"
#include "caseaudit/audit/audit_job.h"
#include "caseaudit/ocr/error.h"
#include "commands.h"
#include "exit_codes.h"
#include "ocr_options.h"
#include "progress_bar.h"

namespace caseaudit::cli {
namespace {

constexpr const char* kHelp =
    "用法 usage: caseaudit audit --cases DIR... --platform FILE... -o OUT [选项 options]\n"
    "\n"
    "两法衔接平台录入核查：将案卷（扫描件或台账）与平台导出逐件关联，查找漏录、迟录、录入不全、录入与案卷不一致、\n"
    "类别错误、有录入无案卷、以罚代刑/有案不移、提前介入、公安立案与侦查超期，并按单位统计录入率、及时率和选择性录入。\n"
    "Reconciles case files (scans or a register) with the platform export: 漏录, 迟录, incomplete and wrong entries,\n"
    "category errors, entries without a file, 以罚代刑, 提前介入, police follow-up; per-unit rates and a selective-entry test.\n"
    "\n"
    "输出 output: OUT/audit-report.txt, OUT/audit-findings.xlsx (问题台账 Excel), OUT/audit-findings.csv,\n"
    "            OUT/audit.json (caseaudit.audit/1)\n"
    "\n"
    "      --cases DIR       案卷（扫描件文件夹、PDF、caseaudit ocr 输出，或包含多个案卷的文件夹）；可重复\n"
    "                        case files (scans, PDFs, `caseaudit ocr` output, or a folder of them); repeatable\n"
    "      --register FILE   单位案件台账（CSV/Excel，无扫描件时使用）；可重复 (a bureau's case register; repeatable)\n"
    "      --platform FILE   平台导出（CSV UTF-8/GB18030、.xlsx、.xls）；可重复 (platform export; repeatable)\n"
    "  -o, --output DIR      输出文件夹 (output folder)\n"
    "      --as-of DATE      核查基准日（默认今天）(the audit date; default today)\n"
    "      --profile NAME    地区配置 (regional profile in rules/profiles; default: default)\n"
    "      --platform-columns NAME  平台导出列名配置；auto（默认）按表头逐个文件自动选择\n"
    "                        column profile in audit/exports for the exports; auto (default) picks one per file\n"
    "                        (--columns NAME is the same)\n"
    "      --register-columns NAME  台账列名配置；auto（默认）自动选择 (default: auto)\n"
    "      --units FILE      已知单位名单，每行一个（UTF-8 或 GB18030），用于校正识别出的执法机关名称\n"
    "                        known units, one a line (UTF-8 or GB18030), to resolve misread agency names\n"
    "      --exports DIR     列名配置文件夹 (column profiles folder)\n"
    "      --rules DIR       规则数据文件夹 (rules data; default: shipped)\n"
    "      --templates DIR   文书模板文件夹 (document templates)\n"
    "      --sample FILE     抽样清单 sample-manifest.json：按各单位总体数计算置信区间（有限总体校正）\n"
    "                        the appraisal sample's manifest: intervals use each unit's population\n"
    "      --show-ids        不遮蔽身份证号 (do not mask ID numbers)\n"
    "      --timings         结束时在标准错误输出各阶段用时 (print the time of each stage on stderr at the end)\n"
    "%s"
    "  -q, --quiet           不显示进度和报告 (no progress bar, no report on stdout)\n"
    "\n"
    "退出码 exit codes: 0 无错误级问题 no error found; 5 发现错误级问题 errors found; 2 用法错误 usage;\n"
    "3 有文件无法读取（其余照常核查）some inputs unreadable (the rest was audited); 4 规则或列名配置错误 bad data; 1 内部错误.\n";

forms::Date today() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// Per unit, the number of cases the sample was drawn from (the manifest's strata).
std::map<std::string, int> sample_population(const std::filesystem::path& manifest) {
  std::ifstream in(manifest, std::ios::binary);
  if (!in) throw UsageError("无法读取抽样清单 (cannot read the sample manifest) " + manifest.string());
  try {
    return audit::unit_populations(audit::manifest_from_json(nlohmann::json::parse(in)));
  } catch (const std::exception& e) {  // bad JSON, or a field missing (std::invalid_argument)
    throw UsageError(manifest.string() + ": 不是抽样清单 (not a sample manifest): " + e.what());
  }
}

audit::AuditJob parse(const std::vector<std::string>& argv, bool* quiet, bool* help, bool* timings) {
  audit::AuditJob job;
  std::filesystem::path sample_manifest, units_file;
  job.cases.ocr.cache_dir = ocr::default_cache_dir();
  job.options.as_of = today();
  const BatchArgs batch = parse_batch_args(
      argv,
      [&](Args& args, const std::string& t) {
        if (args.is(t, {"--cases"})) {
          job.cases.inputs.emplace_back(args.value(t));
        } else if (args.is(t, {"--platform"})) {
          job.platform.emplace_back(args.value(t));
        } else if (args.is(t, {"--register"})) {
          job.registers.emplace_back(args.value(t));
        } else if (args.is(t, {"--as-of"})) {
          const std::string v = args.value(t);
          const auto d = forms::parse_date(v);
          if (!d) throw UsageError("--as-of \"" + v + "\" 不是日期 (not a date, e.g. 2024-06-30)");
          job.options.as_of = *d;
        } else if (args.is(t, {"--profile"})) {
          job.profile = args.value(t);
        } else if (args.is(t, {"--platform-columns", "--columns"})) {
          job.platform_columns = args.value(t);
        } else if (args.is(t, {"--units"})) {
          units_file = args.value(t);
        } else if (args.is(t, {"--register-columns"})) {
          job.register_columns = args.value(t);
        } else if (args.is(t, {"--exports"})) {
          job.exports_dir = args.value(t);
        } else if (args.is(t, {"--rules"})) {
          job.rules_dir = args.value(t);
        } else if (args.is(t, {"--templates"})) {
          job.cases.templates = args.value(t);
        } else if (args.is(t, {"--sample"})) {
          sample_manifest = args.value(t);
        } else if (args.is(t, {"--show-ids"})) {
          job.cases.mask_ids = false;
          job.mask_ids = false;
        } else if (args.is(t, {"--timings"})) {
          *timings = true;
        } else {
          return parse_ocr_option(args, t, job.cases.ocr);
        }
        return true;
      },
      false);
  // Bare arguments after --cases DIR are more case files (--cases DIR...).
  for (const auto& in : batch.inputs) job.cases.inputs.push_back(in);
  job.cases.output = batch.output;
  *quiet = batch.quiet, *help = batch.help;
  if (!batch.help && !sample_manifest.empty()) job.population = sample_population(sample_manifest);
  if (!batch.help && !units_file.empty()) {
    try {
      job.units = audit::read_unit_list(units_file);
    } catch (const audit::ImportError& e) {
      throw UsageError(std::string("--units: ") + e.what());
    }
    if (job.units.empty()) throw UsageError("--units " + units_file.string() + ": 名单为空 (the unit list is empty)");
  }
  if (!batch.help) {
    if (job.platform.empty()) throw UsageError("请用 --platform 指定平台导出文件 (give the platform export with --platform FILE)");
    if (job.cases.inputs.empty() && job.registers.empty())
      throw UsageError("请用 --cases 或 --register 指定案卷 (give case files with --cases DIR or a register with --register FILE)");
  }
  return job;
}

}  // namespace

int audit_command(const std::vector<std::string>& argv) {
  audit::AuditJob job;
  bool timings = false;
  return run_batch_command(
      "audit", kHelp, [&](bool* quiet, bool* help) { job = parse(argv, quiet, help, &timings); },
      [&](bool quiet) {
        ProgressBar bar("识别 OCR", !quiet && stderr_is_terminal());
        const audit::AuditJobReport report = run_audit_job(job, [&](const ocr::Progress& p) { bar.update(p); });
        bar.finish();
        if (!quiet) std::fputs(report.report_text.c_str(), stdout);
        if (timings) std::fprintf(stderr, "各阶段用时 (time by stage):\n%s", report.times.table().c_str());
        for (const auto& u : report.unreadable) std::fprintf(stderr, "caseaudit: 错误 error: %s\n", u.message.c_str());
        for (const auto& w : report.warnings) std::fprintf(stderr, "caseaudit: 注意 warning: %s\n", w.c_str());
        if (!report.cell_problems.empty())
          std::fprintf(stderr, "caseaudit: 注意 warning: %zu 个单元格无法识别，已按未知处理，见 audit.json (cells kept as unknown)\n",
                       report.cell_problems.size());
        if (!report.unreadable.empty()) return int{kInputFailed};
        for (const auto& f : report.result.findings)
          if (f.severity == rules::Severity::Error) return int{kFindings};
        return int{kOk};
      });
}

}  // namespace caseaudit::cli
