// Reading forms/templates/*.yaml into Templates (see templates.h and
// forms/templates/README.md for the format). Every problem names the file and
// the line, so a user editing a template sees where it went wrong.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "caseaudit/forms/templates.h"
#include "caseaudit/forms/yaml_file.h"

namespace caseaudit::forms {

namespace fs = std::filesystem;

namespace {

const std::map<std::string, FieldType>& type_names() {
  static const std::map<std::string, FieldType> names = {
      {"text", FieldType::Text},           {"doc_number", FieldType::DocNumber},
      {"date", FieldType::Date},           {"amount", FieldType::Amount},
      {"capital_amount", FieldType::CapitalAmount}, {"credit_code", FieldType::CreditCode},
      {"id_number", FieldType::IdNumber},  {"citations", FieldType::Citations},
      {"officers", FieldType::Officers},   {"party", FieldType::Party},
      {"seal", FieldType::Seal},           {"rows", FieldType::Rows},
      {"terms", FieldType::Terms},
  };
  return names;
}

struct Reader {
  const fs::path& file;

  [[noreturn]] void fail(const YAML::Node& n, const std::string& why) const {
    throw TemplateError(file, n.IsDefined() ? n.Mark().line + 1 : 0, why);
  }
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsDefined() || n.IsNull()) fail(n, what + " is missing");
    if (!n.IsScalar()) fail(n, what + " must be text");
    return n.as<std::string>();
  }
  std::vector<std::string> list(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (!n.IsDefined() || n.IsNull()) return out;
    if (n.IsScalar()) return {n.as<std::string>()};
    if (!n.IsSequence()) fail(n, what + " must be a list of texts");
    for (const auto& item : n) out.push_back(text(item, what));
    return out;
  }
  bool flag(const YAML::Node& n, const std::string& what, bool fallback) const {
    if (!n.IsDefined() || n.IsNull()) return fallback;
    try {
      return n.as<bool>();
    } catch (const YAML::Exception&) {
      fail(n, what + " must be true or false");
    }
  }
  void check_keys(const YAML::Node& n, const std::set<std::string>& allowed, const std::string& where) const {
    if (!n.IsMap()) fail(n, where + " must be a mapping");
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      if (!allowed.count(key)) fail(kv.first, "unknown key \"" + key + "\" in " + where);
    }
  }
  void check_regex(const YAML::Node& n, const std::string& pattern) const {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, pe, status));
    if (U_FAILURE(status)) fail(n, "bad regular expression \"" + pattern + "\": " + u_errorName(status));
  }
};

FieldLocator read_locator(const Reader& r, const YAML::Node& n) {
  r.check_keys(n, {"after", "cell", "below", "section", "until", "until_pattern", "lines", "pattern", "group", "seal", "last",
                  "region", "columns", "whole_row", "and_rows", "heads", "exclude"}, "find");
  FieldLocator loc;
  int kinds = 0;
  if (n["after"]) loc.kind = FieldLocator::Kind::After, loc.labels = r.list(n["after"], "after"), ++kinds;
  if (n["cell"]) loc.kind = FieldLocator::Kind::Cell, loc.labels = r.list(n["cell"], "cell"), ++kinds;
  if (n["section"]) loc.kind = FieldLocator::Kind::Section, loc.labels = r.list(n["section"], "section"), ++kinds;
  if (n["pattern"]) {
    loc.kind = FieldLocator::Kind::Pattern, loc.pattern = expand_pattern(r.text(n["pattern"], "pattern")), ++kinds;
    r.check_regex(n["pattern"], loc.pattern);
  }
  if (n["seal"]) loc.kind = FieldLocator::Kind::Seal, ++kinds;
  if (const YAML::Node c = n["columns"]; c.IsDefined()) {
    loc.kind = FieldLocator::Kind::Columns, ++kinds;
    if (!c.IsMap() || c.size() == 0) r.fail(c, "columns must map output names to header labels");
    for (const auto& kv : c) loc.columns.emplace_back(kv.first.as<std::string>(), r.text(kv.second, "column label"));
  }
  if (kinds != 1) r.fail(n, "find needs exactly one of after, cell, section, pattern, columns, seal");
  loc.until = r.list(n["until"], "until");
  loc.exclude = r.list(n["exclude"], "exclude");
  loc.below = r.flag(n["below"], "below", false);
  loc.whole_row = r.flag(n["whole_row"], "whole_row", false);
  loc.and_rows = r.list(n["and_rows"], "and_rows");
  if (!loc.and_rows.empty() && !loc.whole_row) r.fail(n["and_rows"], "and_rows needs whole_row");
  loc.heads = r.list(n["heads"], "heads");
  if (!loc.heads.empty() && !loc.whole_row) r.fail(n["heads"], "heads needs whole_row");
  loc.lines = r.flag(n["lines"], "lines", false);
  if (n["until_pattern"]) {
    loc.until_pattern = expand_pattern(r.text(n["until_pattern"], "until_pattern"));
    r.check_regex(n["until_pattern"], loc.until_pattern);
  }
  loc.last = r.flag(n["last"], "last", false);
  if (n["group"]) {
    try {
      loc.group = n["group"].as<int>();
    } catch (const YAML::Exception&) {
      r.fail(n["group"], "group must be a number");
    }
  }
  if (n["region"]) {
    loc.region = r.text(n["region"], "region");
    if (loc.region != "first_page" && loc.region != "last_page" && loc.region != "tail")
      r.fail(n["region"], "region must be first_page, last_page or tail");
  }
  if ((loc.kind == FieldLocator::Kind::After || loc.kind == FieldLocator::Kind::Cell ||
       loc.kind == FieldLocator::Kind::Section) && loc.labels.empty())
    r.fail(n, "a label is needed");
  if (loc.kind == FieldLocator::Kind::Section && loc.until.empty() && loc.until_pattern.empty())
    r.fail(n, "section needs until or until_pattern");
  return loc;
}

FieldSpec read_field(const Reader& r, const YAML::Node& n) {
  r.check_keys(n, {"name", "type", "find", "required", "note", "terms"}, "field");
  FieldSpec f;
  f.name = r.text(n["name"], "field name");
  const std::string type = n["type"] ? r.text(n["type"], "type") : "text";
  const auto it = type_names().find(type);
  if (it == type_names().end()) {
    std::string known;
    for (const auto& [k, v] : type_names()) known += (known.empty() ? "" : ", ") + k;
    r.fail(n["type"], "unknown field type \"" + type + "\" (known: " + known + ")");
  }
  f.type = it->second;
  f.required = r.flag(n["required"], "required", false);
  if (n["note"]) f.note = r.text(n["note"], "note");
  f.terms = r.list(n["terms"], "terms");
  if ((f.type == FieldType::Terms) != !f.terms.empty()) r.fail(n, "field " + f.name + ": type terms goes with a terms: list");
  const YAML::Node find = n["find"];
  if (f.type == FieldType::Seal) {
    FieldLocator seal;
    seal.kind = FieldLocator::Kind::Seal;
    f.find.push_back(seal);
    return f;
  }
  if (!find.IsDefined()) r.fail(n, "field " + f.name + " has no find");
  const auto check_kind = [&](const FieldLocator& l, const YAML::Node& at) {
    if ((f.type == FieldType::Rows) != (l.kind == FieldLocator::Kind::Columns))
      r.fail(at, "field " + f.name + ": type rows goes with find: {columns: ...} and only with it");
  };
  if (find.IsMap()) {
    f.find.push_back(read_locator(r, find));
    check_kind(f.find.back(), find);
  } else if (find.IsSequence()) {
    for (const auto& item : find) {
      f.find.push_back(read_locator(r, item));
      check_kind(f.find.back(), item);
    }
  } else {
    r.fail(find, "find must be a mapping or a list of them");
  }
  return f;
}

Marker read_marker(const Reader& r, const YAML::Node& n) {
  r.check_keys(n, {"name", "any_of", "required"}, "marker");
  Marker m;
  m.name = r.text(n["name"], "marker name");
  m.any_of = r.list(n["any_of"], "any_of");
  if (m.any_of.empty()) m.any_of.push_back(m.name);
  m.required = r.flag(n["required"], "required", false);
  return m;
}

// Markers and fields of the base template, those of the same name replaced.
template <typename T>
std::vector<T> merged(const std::vector<T>& base, const std::vector<T>& own) {
  std::vector<T> out;
  for (const T& b : base) {
    const auto it = std::find_if(own.begin(), own.end(), [&](const T& o) { return o.name == b.name; });
    out.push_back(it == own.end() ? b : *it);
  }
  for (const T& o : own)
    if (std::none_of(base.begin(), base.end(), [&](const T& b) { return b.name == o.name; })) out.push_back(o);
  return out;
}

void resolve_extends(TemplateSet& set) {
  for (Template& t : set.templates) {
    if (t.extends.empty()) continue;
    const Template* base = set.find(t.extends);
    if (!base) throw TemplateError(t.file, 1, "extends \"" + t.extends + "\": no such template");
    if (!base->extends.empty())
      throw TemplateError(t.file, 1, "extends \"" + t.extends + "\", which itself extends another template (one level only)");
    t.markers = merged(base->markers, t.markers);
    t.fields = merged(base->fields, t.fields);
  }
}

}  // namespace

std::string to_string(FieldType t) {
  for (const auto& [name, type] : type_names())
    if (type == t) return name;
  return "text";
}

const Template* TemplateSet::find(const std::string& type) const {
  for (const auto& t : templates)
    if (t.type == type || t.slug == type) return &t;
  return nullptr;
}

Template parse_template(const std::string& yaml_text, const fs::path& file) {
  const YAML::Node root = load_yaml_text<TemplateError>(yaml_text, file);
  const Reader r{file};
  if (!root.IsMap()) throw TemplateError(file, 1, "a template must be a mapping (type:, titles:, fields: ...)");
  r.check_keys(root, {"type", "slug", "layout", "multi_page", "furniture", "titles", "nonstandard_titles", "markers",
                      "fields", "sources", "extends"},
               "template");
  Template t;
  t.file = file;
  t.type = r.text(root["type"], "type");
  t.slug = root["slug"] ? r.text(root["slug"], "slug") : file.stem().string();
  if (root["layout"]) {
    t.layout = r.text(root["layout"], "layout");
    if (t.layout != "prose" && t.layout != "table") r.fail(root["layout"], "layout must be prose or table");
  }
  t.multi_page = r.flag(root["multi_page"], "multi_page", false);
  if (root["extends"]) t.extends = r.text(root["extends"], "extends");
  t.furniture = r.flag(root["furniture"], "furniture", false);
  t.titles = r.list(root["titles"], "titles");
  if (t.titles.empty()) r.fail(root, "titles: at least one title is needed");
  t.nonstandard_titles = r.list(root["nonstandard_titles"], "nonstandard_titles");
  for (std::size_t i = 0; i < t.nonstandard_titles.size(); ++i) r.check_regex(root["nonstandard_titles"][i], t.nonstandard_titles[i]);
  t.sources = r.list(root["sources"], "sources");
  if (t.sources.empty() && !t.furniture) r.fail(root, "sources: name the 格式范本 or provision the template follows");
  if (const YAML::Node m = root["markers"]; m.IsDefined()) {
    if (!m.IsSequence()) r.fail(m, "markers must be a list");
    for (const auto& item : m) t.markers.push_back(read_marker(r, item));
  }
  if (const YAML::Node f = root["fields"]; f.IsDefined()) {
    if (!f.IsSequence()) r.fail(f, "fields must be a list");
    std::set<std::string> seen;
    for (const auto& item : f) {
      FieldSpec spec = read_field(r, item);
      if (!seen.insert(spec.name).second) r.fail(item, "field " + spec.name + " is defined twice");
      t.fields.push_back(std::move(spec));
    }
  }
  return t;
}

TemplateSet load_templates(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw TemplateError(dir, 0, "模板目录不存在 (templates folder not found)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw TemplateError(dir, 0, "没有模板文件 *.yaml (no template files)");
  TemplateSet set;
  std::map<std::string, fs::path> types;
  for (const auto& file : files) {
    std::string text;
    if (!read_yaml_file(file, text)) throw TemplateError(file, 0, "无法读取文件 (cannot read the file)");
    Template t = parse_template(text, file);
    if (const auto it = types.find(t.type); it != types.end())
      throw TemplateError(file, 1, "type " + t.type + " is already defined in " + it->second.filename().string());
    types[t.type] = file;
    set.templates.push_back(std::move(t));
  }
  resolve_extends(set);
  return set;
}

fs::path default_templates_dir() {
  if (const char* env = std::getenv("CASEAUDIT_TEMPLATES"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / ".." / "forms" / "templates",
                                      exe.parent_path() / ".." / "share" / "caseaudit" / "templates"})
      if (fs::is_directory(candidate, ec)) return candidate.lexically_normal();
  }
  return CASEAUDIT_TEMPLATES_DIR;
}

}  // namespace caseaudit::forms
