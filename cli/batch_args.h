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
// and (unless help was asked for) for no inputs or no -o.
BatchArgs parse_batch_args(const std::vector<std::string>& argv,
                           const std::function<bool(Args&, const std::string&)>& extra);

}  // namespace caseaudit::cli
