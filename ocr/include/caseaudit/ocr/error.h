// Errors, for every module and front end. One exception type, `Error`, says
// what kind of problem stopped a job (the command line maps the kind to the
// documented exit code in one place, cli/errors.cpp) and, where known, the
// file and line at fault. Problems with one input inside a batch are not
// thrown across it: they are collected as `InputError`s and the batch goes on.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace caseaudit::ocr {

enum class ErrorKind {
  Usage,        // the request cannot start: bad command line or job settings
  Input,        // an input cannot be read (file named); other inputs may still be processed
  Environment,  // the machine cannot do the job: models or language data missing, output not writable, disk full
  Data,         // a data file (template, rules, calendar, column profile, ...) cannot be used: file and line named
};

class Error : public std::runtime_error {
 public:
  // `message` is the whole one-line text (Chinese first, English after);
  // `file` and `line` say where, when known (line 1-based, 0 for none).
  Error(ErrorKind kind, const std::string& message, std::filesystem::path file = {}, int line = 0)
      : std::runtime_error(message), kind_(kind), file_(std::move(file)), line_(line) {}
  ErrorKind kind() const { return kind_; }
  const std::filesystem::path& file() const { return file_; }
  int line() const { return line_; }

 private:
  ErrorKind kind_;
  std::filesystem::path file_;
  int line_;
};

// "file:line: reason" (no ":line" for line 0), the file shown readably
// (readable_text.h).
std::string located(const std::filesystem::path& file, int line, const std::string& reason);

// A request that cannot start (no inputs, no output folder, a bad option).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

// Thrown when the environment cannot do the job at all (language data or model
// missing, output not writable, disk full): the whole run stops.
class EnvironmentError : public Error {
 public:
  explicit EnvironmentError(const std::string& message, std::filesystem::path file = {})
      : Error(ErrorKind::Environment, message, std::move(file)) {}
};

// Thrown inside the module for a problem with one input; caught by the batch
// layer and turned into an InputError.
class InputFailure : public Error {
 public:
  explicit InputFailure(const std::string& reason) : Error(ErrorKind::Input, reason) {}
};

struct InputError {
  std::filesystem::path file;
  int page = -1;          // 0-based page inside file, -1 for the whole file
  std::string reason;     // one line, Chinese first, English after: "文件为空 (empty file)"

  // "path/to/file.pdf: 第3页 (page 3): reason" on one line, the file shown
  // readably (readable_text.h).
  std::string message() const;
};

}  // namespace caseaudit::ocr
