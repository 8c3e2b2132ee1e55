// Reading rules/packs/*.yaml (see rule_pack.h and rules/README.md).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "caseaudit/forms/yaml_file.h"
#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/rule_pack.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;

namespace {

const std::map<std::string, Rule::Check>& check_names() {
  static const std::map<std::string, Rule::Check> names = {
      {"required", Rule::Check::Required}, {"pattern", Rule::Check::Pattern},   {"check_digit", Rule::Check::CheckDigit},
      {"agree", Rule::Check::Agree},       {"count", Rule::Check::Count},       {"seal", Rule::Check::Seal},
      {"date_order", Rule::Check::DateOrder}, {"deadline", Rule::Check::Deadline}, {"documents", Rule::Check::Documents},
      {"nonstandard", Rule::Check::Nonstandard},
  };
  return names;
}

struct Reader {
  const fs::path& file;
  [[noreturn]] void fail(const YAML::Node& n, const std::string& why) const {
    throw DataError(file, n.IsDefined() ? n.Mark().line + 1 : 0, why);
  }
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsDefined() || n.IsNull()) fail(n, what + " is missing");
    if (!n.IsScalar()) fail(n, what + " must be text");
    return n.as<std::string>();
  }
  std::string optional(const YAML::Node& n, const std::string& what) const { return n.IsDefined() ? text(n, what) : ""; }
  std::vector<std::string> list(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (!n.IsDefined()) return out;
    if (!n.IsSequence()) fail(n, what + " must be a list");
    for (const auto& i : n) out.push_back(text(i, what));
    return out;
  }
  int number(const YAML::Node& n, const std::string& what) const {
    try {
      return n.as<int>();
    } catch (const YAML::Exception&) {
      fail(n, what + " must be a whole number");
    }
  }
};

void need(const Reader& r, const YAML::Node& n, bool ok, const std::string& why) {
  if (!ok) r.fail(n, why);
}

Rule read_rule(const Reader& r, const YAML::Node& n) {
  static const std::set<std::string> keys = {"id", "applies_to", "when", "check", "severity", "message", "basis", "note",
                                             "field", "other", "pattern", "min", "keys", "sequence", "from", "to", "days",
                                             "working_days", "hours", "documents"};
  if (!n.IsMap()) r.fail(n, "a rule must be a mapping");
  for (const auto& kv : n)
    if (!keys.count(kv.first.as<std::string>())) r.fail(kv.first, "unknown key \"" + kv.first.as<std::string>() + "\" in rule");
  Rule rule;
  rule.line = n.Mark().line + 1;
  rule.id = r.text(n["id"], "id");
  rule.applies_to = r.text(n["applies_to"], "applies_to");
  rule.when = r.optional(n["when"], "when");
  const std::string check = r.text(n["check"], "check");
  const auto it = check_names().find(check);
  if (it == check_names().end()) r.fail(n["check"], "unknown check \"" + check + "\"");
  rule.check = it->second;
  const std::string severity = n["severity"] ? r.text(n["severity"], "severity") : "error";
  if (severity == "error") rule.severity = Severity::Error;
  else if (severity == "warning") rule.severity = Severity::Warning;
  else if (severity == "info") rule.severity = Severity::Info;
  else r.fail(n["severity"], "severity must be error, warning or info");
  rule.message = r.text(n["message"], "message");
  rule.basis = r.text(n["basis"], "basis");
  rule.note = r.optional(n["note"], "note");
  rule.field = r.optional(n["field"], "field");
  rule.other = r.optional(n["other"], "other");
  rule.pattern = r.optional(n["pattern"], "pattern");
  if (n["min"]) rule.min = r.number(n["min"], "min");
  rule.keys = r.list(n["keys"], "keys");
  rule.sequence = r.list(n["sequence"], "sequence");
  rule.from = r.optional(n["from"], "from");
  rule.to = r.optional(n["to"], "to");
  // A deadline is counted in exactly one unit: calendar days, working days or hours.
  std::vector<std::string> units;
  for (const char* unit : {"days", "working_days", "hours"})
    if (n[unit]) units.push_back(unit);
  if (units.size() > 1)
    r.fail(n[units[1]], "give only one of days:, working_days: and hours: (found " + units[0] + ": and " + units[1] + ":)");
  if (n["days"]) rule.days = r.number(n["days"], "days");
  if (n["working_days"]) rule.working_days = r.number(n["working_days"], "working_days");
  if (n["hours"]) rule.hours = r.number(n["hours"], "hours");
  rule.documents = r.list(n["documents"], "documents");
  const bool on_case = rule.applies_to == "case";
  using C = Rule::Check;
  switch (rule.check) {
    case C::Required: case C::CheckDigit: need(r, n, !rule.field.empty() && !on_case, "needs field: and a document type"); break;
    case C::Pattern: need(r, n, !rule.field.empty() && !rule.pattern.empty() && !on_case, "needs field: and pattern:"); break;
    case C::Agree: need(r, n, !rule.field.empty() && !rule.other.empty() && !on_case, "needs field: and other:"); break;
    case C::Count: need(r, n, !rule.field.empty() && rule.min > 0 && !on_case, "needs field: and min: above 0"); break;
    case C::Seal: need(r, n, !on_case, "applies to a document type"); break;
    case C::DateOrder: need(r, n, on_case && rule.sequence.size() >= 2, "applies to case and needs a sequence of two or more type.field"); break;
    case C::Deadline:
      need(r, n, on_case && !rule.from.empty() && !rule.to.empty(), "applies to case and needs from: and to:");
      need(r, n, !units.empty(), "a deadline needs one of days:, working_days: or hours:");
      need(r, n[units.front()], rule.days > 0 || rule.working_days > 0 || rule.hours > 0, units.front() + ": must be above 0");
      break;
    case C::Documents: need(r, n, on_case && !rule.documents.empty(), "applies to case and needs documents:"); break;
    case C::Nonstandard: need(r, n, !on_case, "applies to a document type or any"); break;
  }
  for (const std::string* ref : {&rule.from, &rule.to})
    if (!ref->empty() && ref->find('.') == std::string::npos) r.fail(n, "\"" + *ref + "\" must be type.field");
  for (const std::string& ref : rule.sequence)
    if (ref.find('.') == std::string::npos) r.fail(n, "\"" + ref + "\" must be type.field");
  return rule;
}

}  // namespace

RulePack load_rule_pack(const fs::path& file) {
  const YAML::Node root = forms::load_yaml_file<DataError>(file);
  const Reader r{file};
  if (!root.IsMap()) throw DataError(file, 1, "a rule pack must be a mapping (name:, title:, rules:)");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "name" && key != "title" && key != "rules") r.fail(kv.first, "unknown key \"" + key + "\" in rule pack");
  }
  RulePack pack;
  pack.file = file;
  pack.name = root["name"] ? r.text(root["name"], "name") : file.stem().string();
  pack.title = r.optional(root["title"], "title");
  const YAML::Node rules = root["rules"];
  if (!rules.IsSequence() || rules.size() == 0) r.fail(rules.IsDefined() ? rules : root, "rules: a list of rules is needed");
  std::set<std::string> ids;
  for (const auto& n : rules) {
    Rule rule = read_rule(r, n);
    rule.file = file;
    if (!ids.insert(rule.id).second) r.fail(n, "rule id " + rule.id + " is used twice");
    pack.rules.push_back(std::move(rule));
  }
  return pack;
}

std::vector<RulePack> load_rule_packs(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw DataError(folder, 0, "规则包目录不存在 (rule pack folder not found)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<RulePack> packs;
  std::map<std::string, fs::path> ids;
  for (const auto& f : files) {
    RulePack p = load_rule_pack(f);
    for (const Rule& rule : p.rules) {
      if (const auto it = ids.find(rule.id); it != ids.end())
        throw DataError(f, rule.line, "rule id " + rule.id + " is already used in " + it->second.filename().string());
      ids[rule.id] = f;
    }
    packs.push_back(std::move(p));
  }
  return packs;
}

}  // namespace caseaudit::rules
