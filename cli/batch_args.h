// The command line shared by the batch commands (ocr, extract, ...):
// INPUT... -o OUT [-q] [-h] [--], options in any order among the inputs.
// A command passes its own options through `extra`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "args.h"

namespace caseaudit::cli {

struct BatchArgs {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path output;
  bool quiet = false;
  bool help = false;
};

// `extra(args, token)` returns true when it took `token` (and its value) as
// one of the command's own options. Throws UsageError for an unknown option,
// and (unless help was asked for) for no -o, and for no inputs when
// `need_inputs` (a command whose inputs come through options checks them itself).
BatchArgs parse_batch_args(const std::vector<std::string>& argv,
                           const std::function<bool(Args&, const std::string&)>& extra, bool need_inputs = true);

}  // namespace caseaudit::cli

namespace caseaudit::cli {

// Runs a batch command the same way for every command: `parse` fills the
// job, `help` prints the help (exit 0); otherwise `body` runs. What either
// throws becomes one line on stderr and the exit code (errors.h).
// `help_text` is a printf format taking the OCR options' help.
int run_batch_command(const char* name, const char* help_text, const std::function<void(bool* quiet, bool* help)>& parse,
                      const std::function<int(bool quiet)>& body);

}  // namespace caseaudit::cli
