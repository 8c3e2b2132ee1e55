// Reading YAML data files strictly, for the thresholds and profile loaders:
// every problem is a DataError with the file and the 1-based line of the node
// at fault (the enclosing mapping's line when a key is missing).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "caseaudit/forms/normalize.h"
#include "caseaudit/forms/yaml_file.h"
#include "caseaudit/rules/data_error.h"

namespace caseaudit::rules::yaml_read {

inline int line_of(const YAML::Node& n) { return n.IsDefined() ? static_cast<int>(n.Mark().line) + 1 : 0; }

// Parses the file through the one YAML loader (forms/yaml_file.h); a syntax
// error or a key given twice is a DataError at its line.
inline YAML::Node load(const std::filesystem::path& file) { return forms::load_yaml_file<DataError>(file); }

struct Reader {
  const std::filesystem::path& file;

  [[noreturn]] void fail(const YAML::Node& n, const std::string& why) const { throw DataError(file, line_of(n), why); }

  // n must be a mapping whose keys are all in `allowed`, each once.
  void keys(const YAML::Node& n, const std::set<std::string>& allowed, const std::string& where) const {
    if (!n.IsMap()) fail(n, where + " must be a mapping");
    std::set<std::string> seen;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) fail(kv.first, "a key in " + where + " must be a name");
      const std::string key = kv.first.as<std::string>();
      if (!allowed.count(key)) fail(kv.first, "unknown key \"" + key + "\" in " + where);
      if (!seen.insert(key).second) fail(kv.first, "key \"" + key + "\" given twice in " + where);
    }
  }

  static bool given(const YAML::Node& map, const char* key) {
    const YAML::Node v = map[key];
    return v.IsDefined() && !v.IsNull();
  }

  std::string text(const YAML::Node& map, const char* key, const std::string& where) const {
    const YAML::Node v = map[key];
    if (!v.IsDefined() || v.IsNull()) fail(map, where + ": " + key + " is missing");
    if (!v.IsScalar()) fail(v, where + ": " + key + " must be text");
    std::string s = v.as<std::string>();
    if (s.empty()) fail(v, where + ": " + key + " is empty");
    return s;
  }

  std::string opt_text(const YAML::Node& map, const char* key, const std::string& where) const {
    return given(map, key) ? text(map, key, where) : std::string();
  }

  forms::Date date(const YAML::Node& map, const char* key, const std::string& where) const {
    const std::string s = text(map, key, where);
    const auto d = forms::parse_date(s);
    if (!d) fail(map[key], where + ": " + key + " \"" + s + "\" is not a date (YYYY-MM-DD)");
    return *d;
  }

  std::optional<forms::Date> opt_date(const YAML::Node& map, const char* key, const std::string& where) const {
    if (!given(map, key)) return std::nullopt;
    return date(map, key, where);
  }
};

}  // namespace caseaudit::rules::yaml_read
