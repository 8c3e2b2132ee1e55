// A rules data file (calendar, threshold table, profile, rule pack) that
// cannot be used: names the file, the line and why. Thrown at load time, so a
// bad file is refused before any case is checked.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace caseaudit::rules {

class DataError : public std::runtime_error {
 public:
  DataError(const std::filesystem::path& file, int line, const std::string& reason);
  const std::filesystem::path& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when the whole file is at fault

 private:
  std::filesystem::path file_;
  int line_;
};

// The folder holding the shipped data (calendars/, thresholds/, profiles/,
// packs/): $CASEAUDIT_RULES, else <executable's folder>/../rules, else the
// source tree's rules/.
std::filesystem::path default_rules_dir();

}  // namespace caseaudit::rules
