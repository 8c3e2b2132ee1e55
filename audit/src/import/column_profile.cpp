// Loading column profiles (audit/exports/*.yaml, format in audit/exports/README.md)
// and finding the shipped ones.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "caseaudit/forms/yaml_file.h"
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

MustFill must_fill(const fs::path& file, const YAML::Node& map) {
  const YAML::Node v = map["must_fill"];
  if (!v.IsDefined() || v.IsNull()) return MustFill::Never;
  if (!v.IsScalar()) fail(file, v, "must_fill 必须是 always、when_known、transfer、penalty、true 或 false");
  const std::string s = v.as<std::string>();
  if (const auto m = parse_must_fill(s)) return *m;
  fail(file, v, "must_fill 必须是 always、when_known、transfer、penalty、true 或 false (must_fill: always | when_known | "
                "transfer | penalty | true | false), 而不是 \"" + s + "\"");
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
  if (!n.IsMap()) fail(file, n, "列定义必须是映射 (a column must be a mapping: field, headers, required, must_fill, values)");
  static const std::set<std::string> kKeys = {"field", "headers", "required", "must_fill", "values"};
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.as<std::string>() : "";
    if (!kKeys.count(key))
      fail(file, kv.first, "未知的键 \"" + key + "\" (unknown key; allowed: field, headers, required, must_fill, values)");
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
  spec.must_fill = must_fill(file, n);
  if (const YAML::Node values = n["values"]; values.IsDefined() && !values.IsNull()) {
    if (!values.IsMap()) fail(file, values, "values 必须是映射 (values must map cell texts to texts: {是: 涉嫌犯罪移送})");
    for (const auto& kv : values) {
      const std::string from = scalar(file, kv.first, "values"), to = scalar(file, kv.second, "values");
      if (spec.field == "category" && !parse_category(to))
        fail(file, kv.second, "values: \"" + to + "\" 不是案件类别 (not a category: 行政处罚 or 涉嫌犯罪移送)");
      spec.values.emplace_back(from, to);
    }
  }
  return spec;
}

}  // namespace

ColumnProfile load_column_profile(const fs::path& folder, std::string_view name) {
  const fs::path file = folder / (std::string(name) + ".yaml");
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw DataError(file, 0, "找不到列配置文件 (column profile not found)");
  const YAML::Node root = forms::load_yaml_file<DataError>(file);
  if (!root.IsMap()) throw DataError(file, line_of(root), "列配置必须是映射 (a profile must be a mapping: name, title, columns)");
  static const std::set<std::string> kKeys = {"name", "title", "side", "defaults", "columns"};
  for (const auto& kv : root) {
    const std::string key = kv.first.IsScalar() ? kv.first.as<std::string>() : "";
    if (!kKeys.count(key))
      fail(file, kv.first, "未知的键 \"" + key + "\" (unknown key; allowed: name, title, side, defaults, columns)");
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
  if (root["side"].IsDefined()) {
    profile.side = scalar(file, root["side"], "side");
    if (profile.side != "platform" && profile.side != "register" && profile.side != "any")
      fail(file, root["side"], "side 必须是 platform、register 或 any (side must be platform, register or any)");
  }
  if (const YAML::Node d = root["defaults"]; d.IsDefined() && !d.IsNull()) {
    if (!d.IsMap()) fail(file, d, "defaults 必须是映射 (defaults must be a mapping: {category: 行政处罚})");
    for (const auto& kv : d) {
      const std::string key = kv.first.IsScalar() ? kv.first.as<std::string>() : "";
      if (key != "category") fail(file, kv.first, "defaults 只能给 category (defaults: only category), 而不是 \"" + key + "\"");
      const std::string v = scalar(file, kv.second, "defaults.category");
      profile.category = parse_category(v);
      if (!profile.category) fail(file, kv.second, "\"" + v + "\" 不是案件类别 (not a category: 行政处罚 or 涉嫌犯罪移送)");
    }
  }
  const YAML::Node columns = root["columns"];
  if (!columns.IsDefined() || !columns.IsSequence() || columns.size() == 0)
    fail(file, columns.IsDefined() ? columns : root, "columns 必须是非空列表 (columns must be a non-empty list)");
  std::set<std::string> headers;
  for (const auto& c : columns) {
    ColumnSpec spec = read_column(file, c);
    for (const auto& h : spec.headers)
      if (!headers.insert(import::fold_header(h).full).second)
        throw DataError(file, spec.line, "列名 \"" + h + "\" 用于两个字段 (header used for two fields)");
    profile.columns.push_back(std::move(spec));
  }
  return profile;
}

std::vector<ColumnProfile> load_column_profiles(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  if (ec) throw DataError(folder, 0, "无法读取列配置文件夹 (cannot read the column profiles folder)");
  std::sort(names.begin(), names.end());
  std::vector<ColumnProfile> out;
  for (const auto& n : names) out.push_back(load_column_profile(folder, n));
  return out;
}

std::vector<ColumnProfile> auto_candidates(const std::vector<ColumnProfile>& all, std::string_view side) {
  std::vector<ColumnProfile> out;
  for (const auto& p : all)
    if (p.name == side && (p.side == side || p.side == "any")) out.push_back(p);
  for (const auto& p : all)
    if (p.name != side && (p.side == side || p.side == "any")) out.push_back(p);
  return out;
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
