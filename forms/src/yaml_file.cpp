// The one YAML loader (see yaml_file.h).
#include "caseaudit/forms/yaml_file.h"

#include <fstream>
#include <map>
#include <sstream>

namespace caseaudit::forms {

namespace {

// No shipped data file comes near these; a file past them is not data.
constexpr std::size_t kMaxNodes = 1'000'000;  // aliases are counted each time they are used
constexpr int kMaxDepth = 64;
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

int line_of(const YAML::Node& n) { return static_cast<int>(n.Mark().line) + 1; }

struct DuplicateCheck {
  YamlProblem& problem;
  std::size_t nodes = 0;

  bool walk(const YAML::Node& n, int depth) {
    if (++nodes > kMaxNodes) {
      problem = {0, "YAML 节点过多，疑似别名炸弹 (too many YAML nodes: more than " + std::to_string(kMaxNodes) + ")"};
      return false;
    }
    if (depth > kMaxDepth) {
      problem = {line_of(n), "YAML 嵌套过深 (nested more than " + std::to_string(kMaxDepth) + " levels)"};
      return false;
    }
    if (n.IsSequence()) {
      for (const auto& item : n)
        if (!walk(item, depth + 1)) return false;
    } else if (n.IsMap()) {
      std::map<std::string, int> seen;  // key -> line first given
      for (const auto& kv : n) {
        if (kv.first.IsScalar()) {
          const std::string key = kv.first.Scalar();
          const auto [it, fresh] = seen.emplace(key, line_of(kv.first));
          if (!fresh) {
            problem = {line_of(kv.first), "键 \"" + key + "\" 重复，第 " + std::to_string(it->second) +
                                              " 行已给出 (key \"" + key + "\" given twice; first on line " +
                                              std::to_string(it->second) + ")"};
            return false;
          }
        } else if (!walk(kv.first, depth + 1)) {
          return false;
        }
        if (!walk(kv.second, depth + 1)) return false;
      }
    }
    return true;
  }
};

}  // namespace

bool parse_yaml(const std::string& text, YAML::Node& root, YamlProblem& problem) {
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    problem = {e.mark.line >= 0 ? e.mark.line + 1 : 0, "YAML 格式错误 (not valid YAML, bad YAML syntax): " + e.msg};
    return false;
  } catch (const YAML::Exception& e) {
    problem = {0, std::string("YAML 格式错误 (not valid YAML, bad YAML syntax): ") + e.what()};
    return false;
  }
  return DuplicateCheck{problem}.walk(root, 0);
}

bool read_yaml_file(const std::filesystem::path& file, std::string& text) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec || size > kMaxFileBytes) return false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return false;
  text = s.str();
  return true;
}

}  // namespace caseaudit::forms
