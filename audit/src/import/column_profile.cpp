// Loading column profiles (audit/exports/*.yaml, format in audit/exports/README.md)
// and finding the shipped ones.
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>

#include "caseaudit/audit/table_import.h"
#include "caseaudit/rules/data_error.h"
#include "import/fields.h"
#include "import/header_match.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;
using rules::DataError;

namespace {

int line_of(const YAML::Node& n) { return n.IsDefined() ? static_cast<int>(n.Mark().line) + 1 : 0; }

[[noreturn]] void fail(const fs::path& file, const YAML::Node& n, const std::string& why) {
  throw DataError(file, line_of(n), why);
}

std::string scalar(const fs::path& file, const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) fail(file, n, what + " 必须是文字 (must be text)");
  return n.as<std::string>();
}

bool flag(const fs::path& file, const YAML::Node& map, const char* key) {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) return false;
  if (!v.IsScalar()) fail(file, v, std::string(key) + " 必须是 true 或 false (must be true or false)");
  const std::string s = v.as<std::string>();
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(file, v, std::string(key) + " 必须是 true 或 false (must be true or false), 而不是 \"" + s + "\"");
}

ColumnSpec read_column(const fs::path& file, const YAML::Node& n) {
  if (!n.IsMap()) fail(file, n, "列定义必须是映射 (a column must be a mapping: field, headers, required, must_fill)");
  static const std::set<std::string> kKeys = {"field", "headers", "required", "must_fill"};
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.as<std::string>() : "";
    if (!kKeys.count(key)) fail(file, kv.first, "未知的键 \"" + key + "\" (unknown key; allowed: field, headers, required, must_fill)");
  }
  ColumnSpec spec;
  spec.line = line_of(n);
  if (!n["field"].IsDefined()) fail(file, n, "缺少 field (field missing)");
  spec.field = scalar(file, n["field"], "field");
  if (!import::field_from_name(spec.field))
    fail(file, n["field"], "未知字段 \"" + spec.field + "\" (unknown field; one of: " + std::string(import::field_names()) + ")");
  const YAML::Node headers = n["headers"];
  if (!headers.IsDefined() || headers.IsNull()) fail(file, n, "列 " + spec.field + " 没有 headers (no headers)");
  if (headers.IsScalar()) {
    spec.headers.push_back(headers.as<std::string>());
  } else if (headers.IsSequence()) {
    for (const auto& h : headers) spec.headers.push_back(scalar(file, h, "headers"));
  } else {
    fail(file, headers, "headers 必须是列名列表 (headers must be a list of column names)");
  }
  for (const auto& h : spec.headers)
    if (import::fold_header(h).full.empty()) fail(file, headers, "列名为空 (empty header)");
  if (spec.headers.empty()) fail(file, headers, "列 " + spec.field + " 没有 headers (no headers)");
  spec.required = flag(file, n, "required");
  spec.must_fill = flag(file, n, "must_fill");
  return spec;
}

}  // namespace

ColumnProfile load_column_profile(const fs::path& folder, std::string_view name) {
  const fs::path file = folder / (std::string(name) + ".yaml");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw DataError(file, 0, "找不到列配置文件 (column profile not found)");
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    throw DataError(file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "YAML 格式错误 (bad YAML): " + e.msg);
  } catch (const YAML::Exception& e) {
    throw DataError(file, 0, "无法读取 (cannot read): " + std::string(e.what()));
  }
  if (!root.IsMap()) throw DataError(file, line_of(root), "列配置必须是映射 (a profile must be a mapping: name, title, columns)");
  static const std::set<std::string> kKeys = {"name", "title", "columns"};
  for (const auto& kv : root) {
    const std::string key = kv.first.IsScalar() ? kv.first.as<std::string>() : "";
    if (!kKeys.count(key)) fail(file, kv.first, "未知的键 \"" + key + "\" (unknown key; allowed: name, title, columns)");
  }
  ColumnProfile profile;
  profile.file = file;
  profile.name = std::string(name);
  if (root["name"].IsDefined()) {
    const std::string declared = scalar(file, root["name"], "name");
    if (declared != name)
      fail(file, root["name"], "name \"" + declared + "\" 与文件名不符 (does not match the file name " + std::string(name) + ")");
  }
  if (root["title"].IsDefined()) profile.title = scalar(file, root["title"], "title");
  const YAML::Node columns = root["columns"];
  if (!columns.IsDefined() || !columns.IsSequence() || columns.size() == 0)
    fail(file, columns.IsDefined() ? columns : root, "columns 必须是非空列表 (columns must be a non-empty list)");
  std::set<std::string> fields;
  std::set<std::string> headers;
  for (const auto& c : columns) {
    ColumnSpec spec = read_column(file, c);
    if (!fields.insert(spec.field).second)
      throw DataError(file, spec.line, "字段 " + spec.field + " 重复 (field given twice)");
    for (const auto& h : spec.headers)
      if (!headers.insert(import::fold_header(h).full).second)
        throw DataError(file, spec.line, "列名 \"" + h + "\" 用于两个字段 (header used for two fields)");
    profile.columns.push_back(std::move(spec));
  }
  return profile;
}

fs::path default_exports_dir() {
  if (const char* env = std::getenv("CASEAUDIT_EXPORTS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = exe.parent_path() / ".." / "audit" / "exports";
    if (fs::is_regular_file(dir / "platform.yaml", ec)) return dir.lexically_normal();
  }
  return fs::path(CASEAUDIT_AUDIT_DIR) / "exports";
}

}  // namespace caseaudit::audit
