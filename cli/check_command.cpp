// `caseaudit check CASE... -o OUT`: the bureau's self-check before entering a
// case on the platform. Fills a CheckJob, runs it, prints each case file's
// report, and exits 5 when anything at error severity was found.
#include <cstdio>
#include <exception>

#include "args.h"
#include "batch_args.h"
#include "caseaudit/forms/templates.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/rules/check_job.h"
#include "caseaudit/rules/data_error.h"
#include "commands.h"
#include "exit_codes.h"
#include "ocr_options.h"
#include "progress_bar.h"

namespace caseaudit::cli {
namespace {

constexpr const char* kHelp =
    "用法 usage: caseaudit check CASE... -o OUT [选项 options]\n"
    "\n"
    "案卷自查：识别文书并按规则包检查（必备事项、校验位、大小写金额、执法人员、印章、日期顺序、期限、移送材料），\n"
    "按地区配置计算平台录入期限，列出平台需录入的值。\n"
    "Self-check before platform entry: extracts the documents, runs the profile's rule packs, works out the\n"
    "platform-entry deadlines from the case dates, and lists the values the platform asks for.\n"
    "\n"
    "输出 output: OUT/<案卷>.check.txt, OUT/<案卷>.check.json (caseaudit.check/1)；身份证号遮蔽显示\n"
    "(ID numbers masked unless --show-ids; the extraction files are `caseaudit extract`'s)\n"
    "\n"
    "  -o, --output DIR   输出文件夹 (output folder)\n"
    "      --profile NAME 地区配置 (regional profile in rules/profiles; default: default)\n"
    "      --rules DIR    规则数据文件夹 (rules data: packs/, profiles/, calendars/; default: shipped)\n"
    "      --templates DIR 文书模板文件夹 (document templates)\n"
    "      --show-ids     报告和 check.json 中不遮蔽身份证号 (do not mask ID numbers)\n"
    "%s"
    "  -q, --quiet        不显示进度和报告 (no progress bar, no reports on stdout)\n"
    "\n"
    "退出码 exit codes: 0 无错误 no error found; 5 发现错误级问题 errors found; 2 用法错误 usage;\n"
    "3 部分文件失败 some inputs failed; 4 环境错误 environment (bad rule data or template, models missing); 1 内部错误.\n";

rules::CheckJob parse(const std::vector<std::string>& argv, bool* quiet, bool* help) {
  rules::CheckJob job;
  job.extract.ocr.cache_dir = ocr::default_cache_dir();
  const BatchArgs batch = parse_batch_args(argv, [&](Args& args, const std::string& t) {
    if (args.is(t, {"--profile"})) {
      job.profile = args.value(t);
    } else if (args.is(t, {"--rules"})) {
      job.rules_dir = args.value(t);
    } else if (args.is(t, {"--templates"})) {
      job.extract.templates = args.value(t);
    } else if (args.is(t, {"--show-ids"})) {
      job.extract.mask_ids = false;
    } else {
      return parse_ocr_option(args, t, job.extract.ocr);
    }
    return true;
  });
  job.extract.inputs = batch.inputs, job.extract.output = batch.output;
  *quiet = batch.quiet, *help = batch.help;
  return job;
}

}  // namespace

int check_command(const std::vector<std::string>& argv) {
  rules::CheckJob job;
  return run_batch_command(
      "check", kHelp, [&](bool* quiet, bool* help) { job = parse(argv, quiet, help); },
      [&](bool quiet) {
        ProgressBar bar("识别 OCR", !quiet && stderr_is_terminal());
        const rules::CheckJobReport report = run_check_job(job, [&](const ocr::Progress& p) { bar.update(p); });
        bar.finish();
        bool errors = false;
        for (const auto& c : report.cases) {
          errors = errors || c.has_errors();
          if (!quiet) std::fputs((check_report_text(c, job.extract.mask_ids) + "\n").c_str(), stdout);
        }
        for (const ocr::InputError& e : report.errors) std::fprintf(stderr, "caseaudit: 错误 error: %s\n", e.message().c_str());
        if (!report.errors.empty()) return int{kInputFailed};
        return errors ? int{kFindings} : int{kOk};
      });
}

}  // namespace caseaudit::cli
