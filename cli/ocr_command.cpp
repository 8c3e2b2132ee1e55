// `caseaudit ocr INPUT... -o OUT`: fills an OcrJob from the command line, runs
// it with a progress bar, prints one line per error, returns the exit code.
#include <cstdio>
#include <exception>

#include "args.h"
#include "batch_args.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/job.h"
#include "commands.h"
#include "exit_codes.h"
#include "ocr_options.h"
#include "progress_bar.h"

namespace caseaudit::cli {
namespace {

constexpr const char* kHelp =
    "用法 usage: caseaudit ocr INPUT... -o OUT [选项 options]\n"
    "\n"
    "INPUT 为案卷：图片文件夹、PDF 或单个图片 (JPEG/PNG/TIFF)。\n"
    "INPUT is a case file: a folder of page images (natural name order), a PDF, or one image.\n"
    "\n"
    "  -o, --output DIR   输出文件夹 (output folder; created if missing)\n"
    "      --pdf          为每个案卷生成可检索 PDF (also write a searchable PDF per case file)\n"
    "%s"
    "  -q, --quiet        不显示进度 (no progress bar)\n"
    "\n"
    "退出码 exit codes: 0 全部成功 all done; 2 用法错误 usage; 3 部分文件失败 some inputs failed;\n"
    "4 环境错误 environment (language data missing, output not writable); 1 内部错误 internal.\n";

ocr::OcrJob parse(const std::vector<std::string>& argv, bool* quiet, bool* help) {
  ocr::OcrJob job;
  job.options.cache_dir = ocr::default_cache_dir();
  const BatchArgs batch = parse_batch_args(argv, [&](Args& args, const std::string& t) {
    if (args.is(t, {"--pdf"})) {
      job.searchable_pdf = true;
      return true;
    }
    return parse_ocr_option(args, t, job.options);
  });
  job.inputs = batch.inputs, job.output = batch.output;
  *quiet = batch.quiet, *help = batch.help;
  return job;
}

}  // namespace

int ocr_command(const std::vector<std::string>& argv) {
  ocr::OcrJob job;
  return run_batch_command(
      "ocr", kHelp, [&](bool* quiet, bool* help) { job = parse(argv, quiet, help); },
      [&](bool quiet) {
        ProgressBar bar("识别 OCR", !quiet && stderr_is_terminal());
        const ocr::OcrJobReport report = run_ocr_job(job, [&](const ocr::Progress& p) { bar.update(p); });
        bar.finish();
        for (const ocr::InputError& e : report.run.errors)
          std::fprintf(stderr, "caseaudit: 错误 error: %s\n", e.message().c_str());
        if (!quiet)
          std::fprintf(stderr,
                       "caseaudit: 已识别 %zu/%zu 页 (pages read), 缓存命中 %zu (from cache), 引擎 engine: %s, 输出 output: %s\n",
                       report.run.pages_done, report.pages_total, report.run.cache_hits, report.run.engine.c_str(),
                       job.output.c_str());
        return report.run.errors.empty() ? int{kOk} : int{kInputFailed};
      });
}

}  // namespace caseaudit::cli
