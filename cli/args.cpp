#include "args.h"

#include <charconv>

namespace caseaudit::cli {

std::optional<std::string> Args::next() {
  if (pos_ >= args_.size()) return std::nullopt;
  return args_[pos_++];
}

bool Args::is(const std::string& token, std::initializer_list<const char*> names) {
  const std::size_t eq = token.find('=');
  const std::string key = token.rfind("--", 0) == 0 && eq != std::string::npos ? token.substr(0, eq) : token;
  for (const char* n : names) {
    if (key == n) {
      inline_value_.reset();
      if (key.size() != token.size()) inline_value_ = token.substr(eq + 1);
      return true;
    }
  }
  return false;
}

std::string Args::value(const std::string& option) {
  if (inline_value_) {
    std::string v = *inline_value_;
    inline_value_.reset();
    return v;
  }
  if (pos_ >= args_.size()) throw UsageError("选项 " + option + " 需要一个值 (option needs a value)");
  return args_[pos_++];
}

int Args::int_value(const std::string& option, int min, int max) {
  const std::string v = value(option);
  int n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < min || n > max)
    throw UsageError("选项 " + option + " 的值 \"" + v + "\" 无效，应为 " + std::to_string(min) + "-" +
                     std::to_string(max) + " 的整数 (invalid value: expected an integer " + std::to_string(min) +
                     "-" + std::to_string(max) + ")");
  return n;
}

}  // namespace caseaudit::cli
