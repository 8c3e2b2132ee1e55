// A rules data file (calendar, threshold table, profile, rule pack) that
// cannot be used: names the file, the line and why. Thrown at load time, so a
// bad file is refused before any case is checked.
#pragma once

#include <filesystem>
#include <string>

#include "caseaudit/ocr/error.h"

namespace caseaudit::rules {

// file() and line() (1-based; 0 when the whole file is at fault) from ocr::Error.
class DataError : public ocr::Error {
 public:
  DataError(const std::filesystem::path& file, int line, const std::string& reason)
      : ocr::Error(ocr::ErrorKind::Data, ocr::located(file, line, reason), file, line) {}
};

// The folder holding the shipped data (calendars/, thresholds/, profiles/,
// packs/): $CASEAUDIT_RULES, else <executable's folder>/../rules, else the
// source tree's rules/.
std::filesystem::path default_rules_dir();

}  // namespace caseaudit::rules
