// Operational problems with inputs (unreadable file, corrupt PDF, image too
// large). They are collected, not thrown across the batch: the rest of the batch
// goes on, and the front end decides the exit code.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace caseaudit::ocr {

struct InputError {
  std::filesystem::path file;
  int page = -1;          // 0-based page inside file, -1 for the whole file
  std::string reason;     // one line, Chinese first, English after: "文件为空 (empty file)"

  // "path/to/file.pdf: 第3页 (page 3): reason" on one line.
  std::string message() const;
};

// Thrown inside the module for a problem with one input; caught by the batch
// layer and turned into an InputError.
class InputFailure : public std::runtime_error {
 public:
  explicit InputFailure(std::string reason) : std::runtime_error(std::move(reason)) {}
};

// Thrown when the environment cannot do the job at all (language data or model
// missing, output not writable): the whole run stops.
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace caseaudit::ocr
