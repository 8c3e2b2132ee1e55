// Shared batch command line (see batch_args.h).
#include "batch_args.h"

namespace caseaudit::cli {

BatchArgs parse_batch_args(const std::vector<std::string>& argv,
                           const std::function<bool(Args&, const std::string&)>& extra, bool need_inputs) {
  BatchArgs out;
  Args args(argv);
  bool options_done = false;
  while (auto tok = args.next()) {
    const std::string& t = *tok;
    if (options_done || t.empty() || t[0] != '-' || t == "-") {
      out.inputs.emplace_back(t);
    } else if (t == "--") {
      options_done = true;
    } else if (args.is(t, {"-h", "--help"})) {
      out.help = true;
    } else if (args.is(t, {"-o", "--output"})) {
      out.output = args.value(t);
    } else if (args.is(t, {"-q", "--quiet"})) {
      out.quiet = true;
    } else if (!extra(args, t)) {
      throw UsageError("未知选项 \"" + t + "\" (unknown option)");
    }
  }
  if (out.help) return out;
  if (need_inputs && out.inputs.empty()) throw UsageError("没有输入文件 (no inputs given)");
  if (out.output.empty()) throw UsageError("请用 -o 指定输出文件夹 (give the output folder with -o DIR)");
  return out;
}

}  // namespace caseaudit::cli

#include <cstdio>

#include "caseaudit/forms/templates.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/rules/data_error.h"
#include "exit_codes.h"
#include "ocr_options.h"

namespace caseaudit::cli {

int run_batch_command(const char* name, const char* help_text, const std::function<void(bool* quiet, bool* help)>& parse,
                      const std::function<int(bool quiet)>& body, int other) {
  bool quiet = false, help = false;
  try {
    parse(&quiet, &help);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "caseaudit %s: %s\n\n", name, e.what());
    std::fprintf(stderr, help_text, kOcrOptionsHelp);
    return kUsage;
  }
  if (help) {
    std::printf(help_text, kOcrOptionsHelp);
    return kOk;
  }
  try {
    return body(quiet);
  } catch (const rules::DataError& e) {
    std::fprintf(stderr, "caseaudit: 规则数据错误 rules data error: %s\n", e.what());
    return kEnvironment;
  } catch (const forms::TemplateError& e) {
    std::fprintf(stderr, "caseaudit: 模板错误 template error: %s\n", e.what());
    return kEnvironment;
  } catch (const ocr::EnvironmentError& e) {
    std::fprintf(stderr, "caseaudit: 环境错误 environment error: %s\n", e.what());
    return kEnvironment;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "caseaudit %s: %s\n", name, e.what());
    return kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, other == kInternal ? "caseaudit: 内部错误 internal error: %s\n" : "caseaudit: 错误 error: %s\n",
                 e.what());
    return other;
  }
}

}  // namespace caseaudit::cli
