// Shared batch command line (see batch_args.h).
#include "batch_args.h"

namespace caseaudit::cli {

BatchArgs parse_batch_args(const std::vector<std::string>& argv,
                           const std::function<bool(Args&, const std::string&)>& extra) {
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
  if (out.inputs.empty()) throw UsageError("没有输入文件 (no inputs given)");
  if (out.output.empty()) throw UsageError("请用 -o 指定输出文件夹 (give the output folder with -o DIR)");
  return out;
}

}  // namespace caseaudit::cli
