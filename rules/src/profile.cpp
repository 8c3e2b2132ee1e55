// Loading rules/profiles/<name>.yaml (see profile.h and rules/README.md).
//
// Each file is checked on its own and flattened into values keyed by their
// path (entry_deadlines.filing.deadline), each remembering its file and line;
// a profile that extends another is the other's values overlaid with its own.
// The merged values are then checked for completeness and turned into a
// Profile. A block that sets a value (a deadline, a clock, a share, a limit)
// must name its own source, so an overridden value never carries the source
// of the value it replaced.
#include "caseaudit/rules/profile.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "caseaudit/rules/data_error.h"
#include "thresholds_yaml.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;
using yaml_read::Reader;

// ---- small types ----

std::optional<Duration> Duration::parse(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t digits = i;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == i || digits - i > 5) return std::nullopt;
  const int count = std::stoi(std::string(text.substr(i, digits - i)));
  std::string_view rest = text.substr(digits);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  static const std::map<std::string_view, Unit> units = {
      {"day", Unit::Days},           {"days", Unit::Days},         {"日", Unit::Days},           {"天", Unit::Days},
      {"working day", Unit::WorkingDays}, {"working days", Unit::WorkingDays}, {"个工作日", Unit::WorkingDays},
      {"工作日", Unit::WorkingDays}, {"month", Unit::Months},      {"months", Unit::Months},     {"个月", Unit::Months},
      {"year", Unit::Years},         {"years", Unit::Years},       {"年", Unit::Years},
  };
  const auto it = units.find(rest);
  if (it == units.end() || count <= 0) return std::nullopt;
  return Duration{count, it->second};
}

std::string Duration::text() const {
  const char* names[] = {" day", " working day", " month", " year"};
  return std::to_string(count) + names[static_cast<int>(unit)] + (count == 1 ? "" : "s");
}

namespace {
constexpr std::pair<Clock, std::string_view> kClocks[] = {
    {Clock::FactsFound, "facts_found"},           {Clock::CaseFiled, "case_filed"},
    {Clock::CaseDecided, "case_decided"},
    {Clock::CaseTransferred, "case_transferred"}, {Clock::CaseWithdrawn, "case_withdrawn"},
    {Clock::RefusalObjection, "refusal_objection"}, {Clock::RevocationObjection, "revocation_objection"},
    {Clock::Consultation, "consultation"},
};
}  // namespace

std::string_view clock_name(Clock c) {
  for (const auto& [clock, name] : kClocks)
    if (clock == c) return name;
  return "?";
}

std::optional<Clock> parse_clock(std::string_view name) {
  for (const auto& [clock, n] : kClocks)
    if (n == name) return clock;
  return std::nullopt;
}

std::string ProfileSource::text() const {
  std::string s = "《" + title + "》";
  if (!number.empty()) s += "（" + number + "）";
  return s + article;
}

std::string SetAt::text() const { return file.string() + ":" + std::to_string(line); }

const EntryDeadline* Profile::entry_deadline(std::string_view kind) const {
  for (const auto& d : entry_deadlines)
    if (d.kind == kind) return &d;
  return nullptr;
}

const FindingSpec* Profile::finding(std::string_view kind) const {
  for (const auto& f : findings)
    if (f.kind == kind) return &f;
  return nullptr;
}

std::string FindingSpec::basis() const {
  std::string s;
  for (const auto& src : sources) s += (s.empty() ? "" : "；") + src.text();
  return s;
}

// ---- reading ----

namespace {

// A value at a path, with where it was set. Lists (rule_packs) keep items.
struct Value {
  std::string text;
  std::vector<std::string> items;
  SetAt at;
};
using Values = std::map<std::string, Value>;

struct Flat {
  Values values;
  std::vector<std::string> kinds;  // entry deadline kinds in file order
  std::vector<std::string> finding_kinds;  // finding kinds in file order
  std::string extends;
  int extends_line = 0;
};

bool valid_key(const std::string& k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// A finding kind: keys joined by dots, at least two (platform.missing, criminal.fine_instead).
bool valid_finding_kind(const std::string& k) {
  std::size_t start = 0, parts = 0;
  while (true) {
    const std::size_t dot = k.find('.', start);
    if (!valid_key(k.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) return false;
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts >= 2;
}

class FileReader {
 public:
  FileReader(const fs::path& file, Flat& out) : file_(file), r_{file_}, out_(out) {}

  void read(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) throw DataError(file_, 0, "the file is empty");
    r_.keys(root, {"name", "title", "extends", "note", "sources", "entry_deadlines", "deadline_counting",
                   "early_intervention", "police", "rule_packs", "findings"},
            "a profile");
    if (Reader::given(root, "name")) {
      const std::string name = r_.text(root, "name", "profile");
      if (name != file_.stem().string())
        r_.fail(root["name"], "profile name \"" + name + "\" differs from the file name " + file_.filename().string());
    }
    put(root, "title", "title");
    put(root, "note", "note");
    if (Reader::given(root, "extends")) {
      out_.extends = r_.text(root, "extends", "profile");
      out_.extends_line = yaml_read::line_of(root["extends"]);
    }
    if (Reader::given(root, "sources")) read_sources(root["sources"]);
    if (Reader::given(root, "entry_deadlines")) {
      const YAML::Node d = root["entry_deadlines"];
      r_.keys(d, all_keys(d), "entry_deadlines");
      for (const auto& kv : d) read_deadline(kv.first.as<std::string>(), kv.first, kv.second);
    }
    if (Reader::given(root, "deadline_counting")) {
      const YAML::Node b = root["deadline_counting"];
      block(b, key_line(root, "deadline_counting"), "deadline_counting", {"first_day_counts"}, {});
      if (Reader::given(b, "first_day_counts")) {
        const std::string s = r_.text(b, "first_day_counts", "deadline_counting");
        if (s != "true" && s != "false") r_.fail(b["first_day_counts"], "deadline_counting: first_day_counts must be true or false");
      }
    }
    if (Reader::given(root, "early_intervention")) {
      const YAML::Node b = root["early_intervention"];
      block(b, key_line(root, "early_intervention"), "early_intervention", {"share"}, {});
      if (Reader::given(b, "share")) {
        const std::string s = r_.text(b, "share", "early_intervention");
        if (!s.empty() && s.front() == '-') r_.fail(b["share"], "early_intervention: negative share " + s);
        double v = 0;
        try {
          v = b["share"].as<double>();
        } catch (const YAML::Exception&) {
          r_.fail(b["share"], "early_intervention: share \"" + s + "\" is not a number");
        }
        if (!(v > 0 && v <= 1)) r_.fail(b["share"], "early_intervention: share must be more than 0 and at most 1");
      }
    }
    if (Reader::given(root, "police")) {
      const YAML::Node p = root["police"];
      r_.keys(p, {"decision_after_transfer", "filing_after_transfer", "investigation_open"}, "police");
      for (const auto& kv : p) {
        const std::string path = "police." + kv.first.as<std::string>();
        block(kv.second, yaml_read::line_of(kv.first), path, {"limit"}, {});
        if (Reader::given(kv.second, "limit")) duration(kv.second, path, "limit");
      }
    }
    if (Reader::given(root, "rule_packs")) {
      const YAML::Node l = root["rule_packs"];
      if (!l.IsSequence()) r_.fail(l, "rule_packs must be a list of pack names");
      Value v{"", {}, {file_, yaml_read::line_of(l)}};
      for (const auto& item : l) {
        if (!item.IsScalar() || !valid_key(item.as<std::string>()))
          r_.fail(item, "rule_packs: a pack name is lower-case letters, digits, - and _");
        v.items.push_back(item.as<std::string>());
      }
      out_.values["rule_packs"] = v;
    }
    if (Reader::given(root, "findings")) read_findings(root["findings"]);
  }

 private:
  static std::set<std::string> all_keys(const YAML::Node& map) {
    std::set<std::string> keys;
    if (map.IsMap())
      for (const auto& kv : map)
        if (kv.first.IsScalar()) keys.insert(kv.first.as<std::string>());
    return keys;
  }

  void put(const YAML::Node& map, const char* key, const std::string& path) {
    if (!Reader::given(map, key)) return;
    out_.values[path] = Value{r_.text(map, key, path.substr(0, path.rfind('.'))), {}, {file_, yaml_read::line_of(map[key])}};
  }

  void read_sources(const YAML::Node& s) {
    r_.keys(s, all_keys(s), "sources");
    for (const auto& kv : s) {
      const std::string key = kv.first.as<std::string>();
      if (!valid_key(key)) r_.fail(kv.first, "a source key is lower-case letters, digits, - and _");
      const std::string where = "source " + key;
      r_.keys(kv.second, {"title", "number", "date", "url", "note"}, where);
      r_.text(kv.second, "title", where);
      r_.opt_date(kv.second, "date", where);
      const std::string path = "sources." + key;
      out_.values[path] = Value{key, {}, {file_, yaml_read::line_of(kv.first)}};
      put(kv.second, "title", path + ".title");
      put(kv.second, "number", path + ".number");
    }
  }

  // A block with value keys, descriptive keys, note and source. Setting a
  // value needs a source in the same block.
  // The line of a key in a mapping (a block is reported at its key's line).
  static int key_line(const YAML::Node& map, const char* key) {
    for (const auto& kv : map)
      if (kv.first.as<std::string>() == key) return yaml_read::line_of(kv.first);
    return yaml_read::line_of(map);
  }

  void block(const YAML::Node& b, int line, const std::string& path, const std::set<std::string>& value_keys,
             const std::set<std::string>& text_keys, const std::set<std::string>& other_keys = {}) {
    std::set<std::string> allowed = {"source", "note"};
    allowed.insert(value_keys.begin(), value_keys.end());
    allowed.insert(text_keys.begin(), text_keys.end());
    allowed.insert(other_keys.begin(), other_keys.end());
    r_.keys(b, allowed, path);
    out_.values[path] = Value{"", {}, {file_, line}};
    bool sets_value = false;
    for (const auto& k : value_keys) {
      if (Reader::given(b, k.c_str())) sets_value = true;
      put(b, k.c_str(), path + "." + k);
    }
    for (const auto& k : text_keys) put(b, k.c_str(), path + "." + k);
    put(b, "note", path + ".note");
    if (Reader::given(b, "source")) {
      const YAML::Node s = b["source"];
      r_.keys(s, {"document", "article"}, path + ": source");
      put(s, "document", path + ".source.document");
      r_.text(s, "document", path + ": source");
      r_.text(s, "article", path + ": source");
      put(s, "article", path + ".source.article");
    } else if (sets_value) {
      throw DataError(file_, line, path + ": a value set here needs its source (source: {document, article})");
    }
  }

  void duration(const YAML::Node& b, const std::string& path, const char* key) {
    const std::string s = r_.text(b, key, path);
    if (!s.empty() && s.front() == '-') r_.fail(b[key], path + ": negative " + key + " " + s);
    if (!Duration::parse(s))
      r_.fail(b[key], path + ": " + key + " \"" + s + "\" is not a length of time (7 working days, 3 days, 6 months, 1 year)");
  }

  void read_deadline(const std::string& kind, const YAML::Node& key_node, const YAML::Node& b) {
    if (!valid_key(kind)) r_.fail(key_node, "an information kind is lower-case letters, digits, - and _");
    const std::string path = "entry_deadlines." + kind;
    // A clock set with its own clock_source does not need `source` (the
    // deadline's); a deadline always does.
    const bool own_clock_source = b.IsMap() && Reader::given(b, "clock_source");
    std::set<std::string> values = {"deadline"}, texts = {"information", "clock_text"};
    (own_clock_source ? texts : values).insert("clock");
    block(b, yaml_read::line_of(key_node), path, values, texts, {"clock_source"});
    if (own_clock_source) source_ref(b["clock_source"], path + ".clock_source", path + ": clock_source");
    if (Reader::given(b, "deadline")) duration(b, path, "deadline");
    if (Reader::given(b, "clock")) {
      const std::string c = r_.text(b, "clock", path);
      if (!parse_clock(c)) {
        std::string names;
        for (const auto& [clock, name] : kClocks) names += (names.empty() ? "" : ", ") + std::string(name);
        r_.fail(b["clock"], path + ": unknown clock \"" + c + "\" (" + names + ")");
      }
    }
    out_.kinds.push_back(kind);
  }

  // {document, article}, stored under `path`.document and `path`.article.
  void source_ref(const YAML::Node& s, const std::string& path, const std::string& where) {
    r_.keys(s, {"document", "article"}, where);
    r_.text(s, "document", where);
    r_.text(s, "article", where);
    put(s, "document", path + ".document");
    put(s, "article", path + ".article");
  }

  // findings: kind -> {title, severity, message, source (one or a list), note}.
  void read_findings(const YAML::Node& f) {
    r_.keys(f, all_keys(f), "findings");
    for (const auto& kv : f) {
      const std::string kind = kv.first.as<std::string>();
      if (!valid_finding_kind(kind))
        r_.fail(kv.first, "a finding kind is lower-case names joined by dots (platform.missing), not \"" + kind + "\"");
      const std::string path = "findings." + kind;
      const YAML::Node b = kv.second;
      r_.keys(b, {"title", "severity", "severity_escalated", "message", "source", "note"}, path);
      out_.values[path] = Value{"", {}, {file_, yaml_read::line_of(kv.first)}};
      put(b, "title", path + ".title");
      put(b, "message", path + ".message");
      put(b, "note", path + ".note");
      for (const char* key : {"severity", "severity_escalated"})
        if (Reader::given(b, key)) {
          const std::string s = r_.text(b, key, path);
          if (s != "error" && s != "warning" && s != "info")
            r_.fail(b[key], path + ": " + key + " must be error, warning or info");
          put(b, key, path + "." + key);
        }
      if (b["source"].IsDefined()) {
        const YAML::Node s = b["source"];
        std::vector<YAML::Node> items;
        if (s.IsMap()) items.push_back(s);
        else if (s.IsSequence())
          for (const auto& item : s) items.push_back(item);
        else
          r_.fail(s, path + ": source must be {document, article} or a list of them ([] for none)");
        out_.values[path + ".source"] = Value{std::to_string(items.size()), {}, {file_, yaml_read::line_of(s)}};
        for (std::size_t i = 0; i < items.size(); ++i)
          source_ref(items[i], path + ".source." + std::to_string(i), path + ": source");
      }
      if (std::find(out_.finding_kinds.begin(), out_.finding_kinds.end(), kind) == out_.finding_kinds.end())
        out_.finding_kinds.push_back(kind);
    }
  }

  fs::path file_;
  Reader r_;
  Flat& out_;
};

struct Chain {
  Values values;
  std::vector<std::string> kinds;
  std::vector<std::string> finding_kinds;
  std::vector<std::string> names;  // from the base profile to the requested one
  std::vector<fs::path> files;
};

Chain load_chain(const fs::path& folder, const std::string& name, std::vector<std::string>& visiting) {
  const fs::path file = folder / (name + ".yaml");
  Flat flat;
  FileReader(file, flat).read(yaml_read::load(file));
  Chain chain;
  if (!flat.extends.empty()) {
    if (std::find(visiting.begin(), visiting.end(), flat.extends) != visiting.end())
      throw DataError(file, flat.extends_line, "profile " + name + " extends " + flat.extends + ", which extends it back");
    std::error_code ec;
    if (!valid_key(flat.extends) || !fs::is_regular_file(folder / (flat.extends + ".yaml"), ec))
      throw DataError(file, flat.extends_line, "extends unknown profile \"" + flat.extends + "\" (no " + flat.extends +
                                                   ".yaml in " + folder.string() + ")");
    visiting.push_back(flat.extends);
    chain = load_chain(folder, flat.extends, visiting);
  }
  // A block given a new source drops the note inherited with the old one.
  const std::string source_key = ".source.document";
  for (const auto& [path, v] : flat.values)
    if (path.size() > source_key.size() && path.compare(path.size() - source_key.size(), source_key.size(), source_key) == 0) {
      const std::string block = path.substr(0, path.size() - source_key.size());
      if (!flat.values.count(block + ".note")) chain.values.erase(block + ".note");
    }
  // A finding kind given a new source list drops the inherited list (and its
  // note); an entry deadline whose clock is set here without a clock_source
  // drops the inherited clock_source, and one given a clock_source drops the
  // inherited note.
  auto erase_prefix = [&](const std::string& prefix) {
    for (auto it = chain.values.lower_bound(prefix); it != chain.values.end() && it->first.rfind(prefix, 0) == 0;)
      it = chain.values.erase(it);
  };
  for (const auto& kind : flat.finding_kinds) {
    const std::string block = "findings." + kind;
    if (!flat.values.count(block + ".source")) continue;
    erase_prefix(block + ".source.");
    if (!flat.values.count(block + ".note")) chain.values.erase(block + ".note");
  }
  for (const auto& kind : flat.kinds) {
    const std::string block = "entry_deadlines." + kind;
    const bool own = flat.values.count(block + ".clock_source.document") > 0;
    if (flat.values.count(block + ".clock") && !own) erase_prefix(block + ".clock_source.");
    if (own && !flat.values.count(block + ".note")) chain.values.erase(block + ".note");
  }
  for (const auto& [path, v] : flat.values) {
    if (path.rfind("sources.", 0) == 0 && std::count(path.begin(), path.end(), '.') == 1) {
      if (auto it = chain.values.find(path); it != chain.values.end())
        throw DataError(v.at.file, v.at.line, "source " + v.text + " is already defined at " + it->second.at.text() +
                                                  "; give the new document a new key");
    }
    chain.values[path] = v;
  }
  for (const auto& k : flat.kinds)
    if (std::find(chain.kinds.begin(), chain.kinds.end(), k) == chain.kinds.end()) chain.kinds.push_back(k);
  for (const auto& k : flat.finding_kinds)
    if (std::find(chain.finding_kinds.begin(), chain.finding_kinds.end(), k) == chain.finding_kinds.end())
      chain.finding_kinds.push_back(k);
  chain.names.push_back(name);
  chain.files.push_back(file);
  return chain;
}

class Builder {
 public:
  explicit Builder(const Chain& c) : c_(c) {}

  const Value& need(const std::string& path, const std::string& block_path) const {
    if (auto it = c_.values.find(path); it != c_.values.end()) return it->second;
    if (auto it = c_.values.find(block_path); it != c_.values.end())
      throw DataError(it->second.at.file, it->second.at.line, block_path + ": " + path.substr(block_path.size() + 1) + " is missing");
    throw DataError(c_.files.back(), 0, block_path + " is missing (in this profile and every profile it extends)");
  }
  std::string opt(const std::string& path) const {
    auto it = c_.values.find(path);
    return it == c_.values.end() ? std::string() : it->second.text;
  }
  SetAt at(const std::string& path) const { return c_.values.at(path).at; }

  // The source stored under `prefix`.document / .article (prefix: block.source).
  ProfileSource source_at(const std::string& prefix, const std::string& block) const {
    const Value& doc = need(prefix + ".document", block);
    const Value& article = need(prefix + ".article", block);
    const std::string key = "sources." + doc.text;
    if (!c_.values.count(key))
      throw DataError(doc.at.file, doc.at.line, block + ": source document \"" + doc.text + "\" is not in sources");
    return ProfileSource{doc.text, opt(key + ".title"), opt(key + ".number"), article.text};
  }
  ProfileSource source(const std::string& block) const { return source_at(block + ".source", block); }
  bool has(const std::string& path) const { return c_.values.count(path) > 0; }

  Limit limit(const std::string& block) const {
    const Value& v = need(block + ".limit", block);
    return Limit{*Duration::parse(v.text), source(block), opt(block + ".note"), v.at};
  }

 private:
  const Chain& c_;
};

}  // namespace

Profile load_profile(const fs::path& folder, std::string_view name) {
  const std::string n(name);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw DataError(folder, 0, "no such profiles folder");
  if (!valid_key(n) || !fs::is_regular_file(folder / (n + ".yaml"), ec))
    throw DataError(folder / (n + ".yaml"), 0, "no such profile \"" + n + "\"");
  std::vector<std::string> visiting = {n};
  const Chain c = load_chain(folder, n, visiting);
  const Builder b(c);

  Profile p;
  p.name = n;
  p.chain.assign(c.names.rbegin(), c.names.rend());
  p.title = b.need("title", "title").text;
  p.note = b.opt("note");
  for (const auto& kind : c.kinds) {
    const std::string block = "entry_deadlines." + kind;
    EntryDeadline d;
    d.kind = kind;
    d.information = b.need(block + ".information", block).text;
    const Value& deadline = b.need(block + ".deadline", block);
    d.deadline = *Duration::parse(deadline.text);
    d.set_at = deadline.at;
    d.clock = *parse_clock(b.need(block + ".clock", block).text);
    d.clock_text = b.need(block + ".clock_text", block).text;
    d.source = b.source(block);
    if (b.has(block + ".clock_source.document")) d.clock_source = b.source_at(block + ".clock_source", block);
    d.note = b.opt(block + ".note");
    p.entry_deadlines.push_back(std::move(d));
  }
  if (p.entry_deadlines.empty()) throw DataError(c.files.back(), 0, "entry_deadlines is missing (in this profile and every profile it extends)");
  {
    const Value& v = b.need("deadline_counting.first_day_counts", "deadline_counting");
    p.counting = DeadlineCounting{v.text == "true", b.source("deadline_counting"), b.opt("deadline_counting.note"), v.at};
  }
  {
    const Value& v = b.need("early_intervention.share", "early_intervention");
    p.early_intervention = EarlyIntervention{std::stod(v.text), b.source("early_intervention"), b.opt("early_intervention.note"), v.at};
  }
  p.police_decision_after_transfer = b.limit("police.decision_after_transfer");
  p.police_filing_after_transfer = b.limit("police.filing_after_transfer");
  p.investigation_open = b.limit("police.investigation_open");
  p.rule_packs = b.need("rule_packs", "rule_packs").items;
  for (const auto& kind : c.finding_kinds) {
    const std::string block = "findings." + kind;
    FindingSpec f;
    f.kind = kind;
    f.title = b.need(block + ".title", block).text;
    auto severity = [](const std::string& s) {
      return s == "info" ? Severity::Info : s == "warning" ? Severity::Warning : Severity::Error;
    };
    f.severity = severity(b.need(block + ".severity", block).text);
    if (b.has(block + ".severity_escalated")) f.escalated = severity(b.opt(block + ".severity_escalated"));
    f.message = b.need(block + ".message", block).text;
    const int count = b.has(block + ".source") ? std::stoi(b.opt(block + ".source")) : 0;
    for (int i = 0; i < count; ++i) f.sources.push_back(b.source_at(block + ".source." + std::to_string(i), block));
    f.note = b.opt(block + ".note");
    f.set_at = b.at(block);
    p.findings.push_back(std::move(f));
  }
  return p;
}

Profile load_default_profile(std::string_view name) { return load_profile(default_rules_dir() / "profiles", name); }

std::vector<std::string> profile_names(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace caseaudit::rules
