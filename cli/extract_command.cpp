// `caseaudit extract CASE... -o OUT`: documents, types, deviations and fields
// of each case file. Fills an ExtractJob, runs it with a progress bar, prints
// the summaries and one line per error.
#include <cstdio>
#include <exception>

#include "args.h"
#include "batch_args.h"
#include "caseaudit/forms/extract_job.h"
#include "caseaudit/ocr/error.h"
#include "commands.h"
#include "exit_codes.h"
#include "ocr_options.h"
#include "progress_bar.h"

namespace caseaudit::cli {
namespace {

constexpr const char* kHelp =
    "用法 usage: caseaudit extract CASE... -o OUT [选项 options]\n"
    "\n"
    "识别案卷中的每份文书（类型、是否符合标准格式）并提取字段。\n"
    "Splits each case file into documents, matches them against the standard templates and extracts their fields.\n"
    "CASE 为案卷：图片文件夹、PDF、单个图片，或 caseaudit ocr 的输出文件夹（直接读取识别结果）。\n"
    "CASE is a case file: a folder of page images, a PDF, one image, or a folder written by `caseaudit ocr`\n"
    "(its recorded page data is used as it is).\n"
    "\n"
    "输出 output: OUT/<案卷>.extract.json (caseaudit.extract/1), OUT/<案卷>.summary.txt, OUT/extract-run.json\n"
    "\n"
    "  -o, --output DIR   输出文件夹 (output folder; created if missing)\n"
    "      --templates DIR 文书模板文件夹 (document templates; default: forms/templates shipped with caseaudit)\n"
    "      --show-ids     摘要中不遮蔽身份证号 (do not mask ID numbers in the summaries)\n"
    "%s"
    "  -q, --quiet        不显示进度和摘要 (no progress bar, no summaries on stdout)\n"
    "\n"
    "退出码 exit codes: 0 成功 done; 2 用法错误 usage; 3 部分文件失败 some inputs failed;\n"
    "4 环境错误 environment (bad template, language data missing, output not writable); 1 内部错误 internal.\n";

forms::ExtractJob parse(const std::vector<std::string>& argv, bool* quiet, bool* help) {
  forms::ExtractJob job;
  job.ocr.cache_dir = ocr::default_cache_dir();
  const BatchArgs batch = parse_batch_args(argv, [&](Args& args, const std::string& t) {
    if (args.is(t, {"--templates"})) {
      job.templates = args.value(t);
    } else if (args.is(t, {"--show-ids"})) {
      job.mask_ids = false;
    } else {
      return parse_ocr_option(args, t, job.ocr);
    }
    return true;
  });
  job.inputs = batch.inputs, job.output = batch.output;
  *quiet = batch.quiet, *help = batch.help;
  return job;
}

}  // namespace

int extract_command(const std::vector<std::string>& argv) {
  forms::ExtractJob job;
  return run_batch_command(
      "extract", kHelp, [&](bool* quiet, bool* help) { job = parse(argv, quiet, help); },
      [&](bool quiet) {
        ProgressBar bar("识别 OCR", !quiet && stderr_is_terminal());
        const forms::ExtractJobReport report = run_extract_job(job, [&](const ocr::Progress& p) { bar.update(p); });
        bar.finish();
        if (!quiet)
          for (const forms::CaseExtraction& c : report.cases) std::fputs((summary_text(c, job.mask_ids) + "\n").c_str(), stdout);
        for (const ocr::InputError& e : report.errors) std::fprintf(stderr, "caseaudit: 错误 error: %s\n", e.message().c_str());
        if (!quiet)
          std::fprintf(stderr, "caseaudit: 已提取 %zu 个案卷 (case files extracted), 输出 output: %s\n", report.cases.size(),
                       job.output.c_str());
        return report.errors.empty() ? int{kOk} : int{kInputFailed};
      });
}

}  // namespace caseaudit::cli
