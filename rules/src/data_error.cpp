// Where the shipped rules data lives (see data_error.h).
#include "caseaudit/rules/data_error.h"

#include <cstdlib>

namespace caseaudit::rules {

namespace fs = std::filesystem;

fs::path default_rules_dir() {
  if (const char* env = std::getenv("CASEAUDIT_RULES"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && fs::is_directory(exe.parent_path() / ".." / "rules" / "calendars", ec))
    return (exe.parent_path() / ".." / "rules").lexically_normal();
  return CASEAUDIT_RULES_DIR;
}

}  // namespace caseaudit::rules
