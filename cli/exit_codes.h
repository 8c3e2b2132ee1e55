// The CLI's exit codes: a stable, documented table (README.md, "Exit codes").
#pragma once

namespace caseaudit::cli {

enum ExitCode : int {
  kOk = 0,             // everything was processed
  kInternal = 1,       // a bug: unexpected exception
  kUsage = 2,          // bad command line
  kInputFailed = 3,    // some inputs or pages failed; the rest was processed and written
  kEnvironment = 4,    // cannot run at all: language data/model missing, output not writable
  kFindings = 5,       // check: a finding at error severity (everything was processed)
};

}  // namespace caseaudit::cli
