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

#include "errors.h"
#include "exit_codes.h"
#include "ocr_options.h"

namespace caseaudit::cli {

int run_batch_command(const char* name, const char* help_text, const std::function<void(bool* quiet, bool* help)>& parse,
                      const std::function<int(bool quiet)>& body) {
  const int size = std::snprintf(nullptr, 0, help_text, kOcrOptionsHelp);
  std::string help(static_cast<std::size_t>(size > 0 ? size : 0) + 1, '\0');
  std::snprintf(help.data(), help.size(), help_text, kOcrOptionsHelp);
  help.pop_back();
  return run_command(name, help, [&] {
    bool quiet = false, asked_for_help = false;
    parse(&quiet, &asked_for_help);
    if (asked_for_help) {
      std::fputs(help.c_str(), stdout);
      return int{kOk};
    }
    return body(quiet);
  });
}

}  // namespace caseaudit::cli
