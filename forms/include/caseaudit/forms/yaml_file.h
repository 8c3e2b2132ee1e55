// The one YAML loader for every data file (templates, rule packs, calendars,
// thresholds, profiles, case-value maps, column profiles): reads the file,
// parses it, and refuses what yaml-cpp would silently accept: a key given
// twice in any mapping at any depth (yaml-cpp keeps the first value), an alias
// bomb (bounded node count) and runaway nesting. Each problem is thrown as the
// caller's error type, `Fail(file, line, reason)` (rules::DataError,
// forms::TemplateError), so a bad file is refused naming its file and line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

namespace caseaudit::forms {

struct YamlProblem {
  int line = 0;  // 1-based; 0 when the whole file is at fault
  std::string reason;
};

// Parses `text`; returns false and fills `problem` when it is not valid YAML
// or breaks the rules above.
bool parse_yaml(const std::string& text, YAML::Node& root, YamlProblem& problem);
// Reads `file` whole; false when it cannot be read.
bool read_yaml_file(const std::filesystem::path& file, std::string& text);

template <class Fail>
YAML::Node load_yaml_text(const std::string& text, const std::filesystem::path& file) {
  YAML::Node root;
  YamlProblem problem;
  if (!parse_yaml(text, root, problem)) throw Fail(file, problem.line, problem.reason);
  return root;
}

template <class Fail>
YAML::Node load_yaml_file(const std::filesystem::path& file) {
  std::string text;
  if (!read_yaml_file(file, text)) throw Fail(file, 0, "无法读取文件 (cannot read the file)");
  return load_yaml_text<Fail>(text, file);
}

}  // namespace caseaudit::forms
