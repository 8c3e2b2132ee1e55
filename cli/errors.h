// What went wrong, to one line on stderr and the documented exit code
// (README.md "Exit codes", exit_codes.h). Every command ends here: the kind of
// an ocr::Error (usage, input, environment, data) picks the code; anything else
// a command throws is a bug (exit 1), except running out of memory (exit 4).
#pragma once

#include <functional>
#include <string>

#include "caseaudit/ocr/error.h"

namespace caseaudit::cli {

int exit_code_for(ocr::ErrorKind kind);

// Runs `body`; what it throws is printed as one line (a usage error with the
// command's help after it) and becomes the exit code.
int run_command(const std::string& command, const std::string& help, const std::function<int()>& body);

}  // namespace caseaudit::cli
