// The sub-commands. Each parses its own options, runs a library job and
// returns an exit code (exit_codes.h).
#pragma once

#include <string>
#include <vector>

namespace caseaudit::cli {

int ocr_command(const std::vector<std::string>& args);
int extract_command(const std::vector<std::string>& args);
int calendar_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int sample_command(const std::vector<std::string>& args);
int audit_command(const std::vector<std::string>& args);

}  // namespace caseaudit::cli
