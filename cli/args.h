// A small command-line reader shared by the sub-commands: options may come in
// any order among positional arguments; "--opt VALUE" and "--opt=VALUE" both
// work; "--" ends the options.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"

namespace caseaudit::cli {

// A bad command line (exit 2): the library's usage error, so a job that
// cannot start and a bad option are one kind.
using UsageError = ocr::UsageError;

class Args {
 public:
  explicit Args(std::vector<std::string> args) : args_(std::move(args)) {}

  // Next token, or nullopt at the end.
  std::optional<std::string> next();
  // True when `token` is the option `name` (or one of its spellings); a value
  // given as --name=VALUE is kept for value().
  bool is(const std::string& token, std::initializer_list<const char*> names);
  // The value of the option just matched: "=VALUE" or the next token.
  std::string value(const std::string& option);
  int int_value(const std::string& option, int min, int max);

 private:
  std::vector<std::string> args_;
  std::size_t pos_ = 0;
  std::optional<std::string> inline_value_;
};

}  // namespace caseaudit::cli
