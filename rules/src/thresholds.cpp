// Loading rules/thresholds/*.yaml into a ThresholdTable (see thresholds.h and
// rules/README.md for the format). Every problem names the file and the line.
#include "caseaudit/rules/thresholds.h"

#include <algorithm>
#include <map>
#include <set>

#include "caseaudit/rules/data_error.h"
#include "thresholds_yaml.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;
using yaml_read::Reader;

// ---- units, names ----

std::string_view unit_name(Unit u) {
  switch (u) {
    case Unit::Yuan: return "元";
    case Unit::Mu: return "亩";
    case Unit::Zhi: return "支";
    case Unit::Percent: return "%";
    case Unit::Times: return "次";
  }
  return "?";
}

std::optional<Unit> parse_unit(std::string_view text) {
  for (Unit u : {Unit::Yuan, Unit::Mu, Unit::Zhi, Unit::Percent, Unit::Times})
    if (text == unit_name(u)) return u;
  return std::nullopt;
}

std::string_view who_name(Who w) {
  switch (w) {
    case Who::Person: return "person";
    case Who::Organisation: return "unit";
    case Who::Any: return "any";
  }
  return "?";
}

std::string_view comparison_name(Comparison c) { return c == Comparison::AtLeast ? "at_least" : "more_than"; }

std::string_view level_name(Level l) {
  switch (l) {
    case Level::Below: return "below";
    case Level::Near: return "near";
    case Level::Reached: return "reached";
  }
  return "?";
}

// ---- quantities ----

namespace {

// "50000", "12.5", "20万": digits, at most two decimals, an optional 万.
std::optional<std::int64_t> parse_hundredths(std::string_view s) {
  bool wan = false;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "万") wan = true, s.remove_suffix(3);
  std::int64_t whole = 0, frac = 0;
  int whole_digits = 0, frac_digits = 0;
  bool dot = false;
  for (char c : s) {
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (dot) {
      if (++frac_digits > 2) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (++whole_digits > 13) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (whole_digits == 0 || (dot && frac_digits == 0)) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  std::int64_t v = whole * 100 + frac;
  if (wan) v *= 10000;
  return v;
}

}  // namespace

std::optional<Quantity> Quantity::parse(std::string_view number, Unit u) {
  if (number.empty() || number.front() == '-') return std::nullopt;
  if (auto h = parse_hundredths(number)) return Quantity{*h, u};
  if (u == Unit::Yuan)
    if (auto a = forms::parse_arabic_amount(number)) return Quantity::money(*a);
  return std::nullopt;
}

std::string Quantity::text() const {
  const std::int64_t abs = hundredths < 0 ? -hundredths : hundredths;
  std::string s = (hundredths < 0 ? "-" : "") + std::to_string(abs / 100);
  if (const std::int64_t frac = abs % 100; frac != 0) {
    s += '.';
    s += static_cast<char>('0' + frac / 10);
    if (frac % 10) s += static_cast<char>('0' + frac % 10);
  }
  return s + std::string(unit_name(unit));
}

std::string Source::text() const {
  std::string s = "《" + title + "》";
  if (!number.empty()) s += "（" + number + "）";
  return s + article;
}

bool Threshold::in_force_on(const forms::Date& d) const {
  return effective_from <= d && (!effective_to || d <= *effective_to);
}

bool Threshold::applies_to(Who party) const { return party == Who::Any || who == Who::Any || who == party; }

std::string Threshold::where() const { return file.string() + ":" + std::to_string(line); }

// ---- loading ----

namespace {

struct Document {
  std::string title, number;
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

Unit read_unit(const Reader& r, const YAML::Node& map, const std::string& where) {
  const std::string s = r.text(map, "unit", where);
  const auto u = parse_unit(s);
  if (!u) r.fail(map["unit"], where + ": unknown unit \"" + s + "\" (元, 亩, 支, % or 次)");
  return *u;
}

Comparison read_comparison(const Reader& r, const YAML::Node& map, const std::string& where) {
  const std::string s = r.text(map, "comparison", where);
  if (s == "at_least") return Comparison::AtLeast;
  if (s == "more_than") return Comparison::MoreThan;
  r.fail(map["comparison"], where + ": unknown comparison \"" + s + "\" (at_least or more_than)");
}

Quantity read_value(const Reader& r, const YAML::Node& map, Unit u, const std::string& where) {
  const std::string s = r.text(map, "value", where);
  if (!s.empty() && s.front() == '-') r.fail(map["value"], where + ": negative value " + s);
  const auto q = Quantity::parse(s, u);
  if (!q) r.fail(map["value"], where + ": value \"" + s + "\" is not a number (at most two decimals)");
  if (q->hundredths == 0) r.fail(map["value"], where + ": value must be more than zero");
  return *q;
}

// "3 × 销售金额 + 货值金额"
std::vector<std::pair<std::int64_t, std::string>> parse_formula(const Reader& r, const YAML::Node& n,
                                                                 const std::string& text) {
  std::vector<std::pair<std::int64_t, std::string>> terms;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t plus = text.find('+', start);
    std::string term = trim(std::string_view(text).substr(start, plus == std::string::npos ? std::string::npos : plus - start));
    std::int64_t factor = 1;
    std::size_t digits = 0;
    while (digits < term.size() && term[digits] >= '0' && term[digits] <= '9') ++digits;
    if (digits > 0) {
      if (digits > 6) r.fail(n, "formula factor too large in \"" + text + "\"");
      factor = std::stoll(term.substr(0, digits));
      std::string rest = trim(std::string_view(term).substr(digits));
      if (rest.rfind("×", 0) == 0) rest = trim(std::string_view(rest).substr(std::string("×").size()));
      else if (rest.rfind("*", 0) == 0) rest = trim(std::string_view(rest).substr(1));
      else r.fail(n, "formula term \"" + term + "\" needs × between the factor and the measure");
      term = rest;
    }
    if (term.empty() || factor == 0) r.fail(n, "formula \"" + text + "\" has an empty or zero term");
    terms.emplace_back(factor, term);
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return terms;
}

std::vector<Measure> load_measures(const fs::path& file) {
  const YAML::Node root = yaml_read::load(file);
  const Reader r{file};
  if (!root.IsDefined() || root.IsNull()) throw DataError(file, 0, "the file is empty");
  r.keys(root, {"measures", "note"}, "measures.yaml");
  const YAML::Node list = root["measures"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0) r.fail(root, "measures must be a list of measures");
  std::vector<Measure> out;
  std::vector<std::pair<std::string, YAML::Node>> formulas;
  for (const auto& n : list) {
    r.keys(n, {"name", "unit", "meaning", "formula", "history"}, "a measure");
    Measure m;
    m.name = r.text(n, "name", "a measure");
    const std::string where = "measure " + m.name;
    m.unit = read_unit(r, n, where);
    m.meaning = r.text(n, "meaning", where);
    m.file = file;
    m.line = yaml_read::line_of(n);
    for (const auto& other : out)
      if (other.name == m.name) r.fail(n, "measure " + m.name + " is defined twice (first at line " + std::to_string(other.line) + ")");
    if (Reader::given(n, "formula")) {
      const std::string f = r.text(n, "formula", where);
      m.formula = parse_formula(r, n["formula"], f);
    }
    if (Reader::given(n, "history")) {
      const YAML::Node h = n["history"];
      r.keys(h, {"within_years"}, where + ": history");
      try {
        m.history_years = h["within_years"].as<int>();
      } catch (const YAML::Exception&) {
        r.fail(h, where + ": history needs within_years: a whole number of years");
      }
      if (m.history_years <= 0) r.fail(h, where + ": history within_years must be above 0");
      if (m.unit != Unit::Times) r.fail(n["unit"], where + ": a history measure counts penalties, in 次");
    }
    out.push_back(std::move(m));
  }
  for (const auto& m : out)
    for (const auto& [factor, name] : m.formula) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Measure& x) { return x.name == name; });
      const YAML::Node at = list[static_cast<std::size_t>(&m - out.data())]["formula"];
      if (it == out.end()) r.fail(at, "measure " + m.name + ": formula uses unknown measure \"" + name + "\"");
      if (!it->formula.empty()) r.fail(at, "measure " + m.name + ": formula uses the derived measure " + name);
      if (it->unit != m.unit) r.fail(at, "measure " + m.name + ": formula term " + name + " is in " + std::string(unit_name(it->unit)));
    }
  return out;
}

Who read_who(const Reader& r, const YAML::Node& map, const std::string& where) {
  const std::string s = r.text(map, "who", where);
  if (s == "person") return Who::Person;
  if (s == "unit") return Who::Organisation;
  if (s == "any") return Who::Any;
  r.fail(map["who"], where + ": unknown who \"" + s + "\" (person, unit or any)");
}

const Measure& known_measure(const Reader& r, const std::vector<Measure>& measures, const YAML::Node& map,
                             const std::string& where) {
  const std::string name = r.text(map, "measure", where);
  for (const auto& m : measures)
    if (m.name == name) return m;
  r.fail(map["measure"], where + ": unknown measure \"" + name + "\" (not in measures.yaml)");
}

void load_thresholds(const fs::path& file, const std::vector<Measure>& measures, std::vector<Threshold>& out) {
  const YAML::Node root = yaml_read::load(file);
  const Reader r{file};
  if (!root.IsDefined() || root.IsNull()) throw DataError(file, 0, "the file is empty");
  r.keys(root, {"documents", "thresholds", "note"}, "a thresholds file");

  std::map<std::string, Document> documents;
  const YAML::Node docs = root["documents"];
  if (!docs.IsDefined() || !docs.IsMap() || docs.size() == 0)
    r.fail(docs.IsDefined() ? docs : root, "documents must map a key to each source document");
  for (const auto& kv : docs) {
    const std::string key = kv.first.as<std::string>();
    const std::string where = "document " + key;
    r.keys(kv.second, {"title", "number", "issued", "effective_from", "url", "note"}, where);
    Document d{r.text(kv.second, "title", where), r.opt_text(kv.second, "number", where)};
    r.opt_date(kv.second, "issued", where);
    r.opt_date(kv.second, "effective_from", where);
    if (!documents.emplace(key, d).second) r.fail(kv.first, "document " + key + " is defined twice");
  }

  const YAML::Node list = root["thresholds"];
  if (!list.IsDefined() || !list.IsSequence() || list.size() == 0)
    r.fail(list.IsDefined() ? list : root, "thresholds must be a list of thresholds");
  for (const auto& n : list) {
    r.keys(n, {"id", "offence", "conduct", "article", "measure", "who", "value", "unit", "comparison", "also",
               "source", "effective_from", "effective_to", "note"},
           "a threshold");
    Threshold t;
    t.file = file;
    t.line = yaml_read::line_of(n);
    t.id = r.text(n, "id", "a threshold");
    const std::string where = "threshold " + t.id;
    if (!valid_id(t.id)) r.fail(n["id"], where + ": an id is lower-case letters, digits and -");
    t.offence = r.text(n, "offence", where);
    t.conduct = r.opt_text(n, "conduct", where);
    t.law_article = r.text(n, "article", where);
    const Measure& m = known_measure(r, measures, n, where);
    t.measure = m.name;
    t.who = read_who(r, n, where);
    const Unit u = read_unit(r, n, where);
    if (u != m.unit)
      r.fail(n["unit"], where + ": unit " + std::string(unit_name(u)) + " does not fit measure " + m.name + ", which is in " +
                            std::string(unit_name(m.unit)));
    t.value = read_value(r, n, u, where);
    t.comparison = read_comparison(r, n, where);

    if (Reader::given(n, "also")) {
      const YAML::Node also = n["also"];
      if (!also.IsSequence()) r.fail(also, where + ": also must be a list of conditions");
      for (const auto& c : also) {
        const std::string cw = where + ", condition";
        r.keys(c, {"measure", "value", "unit", "comparison", "required"}, cw);
        Condition cond;
        const Measure& cm = known_measure(r, measures, c, cw);
        cond.measure = cm.name;
        const Unit cu = read_unit(r, c, cw);
        if (cu != cm.unit)
          r.fail(c["unit"], cw + ": unit " + std::string(unit_name(cu)) + " does not fit measure " + cm.name);
        cond.value = read_value(r, c, cu, cw);
        cond.comparison = read_comparison(r, c, cw);
        if (Reader::given(c, "required")) {
          try {
            cond.required = c["required"].as<bool>();
          } catch (const YAML::Exception&) {
            r.fail(c["required"], cw + ": required must be true or false");
          }
        }
        cond.line = yaml_read::line_of(c);
        t.also.push_back(std::move(cond));
      }
    }

    const YAML::Node src = n["source"];
    if (!src.IsDefined() || src.IsNull()) r.fail(n, where + ": source is missing");
    r.keys(src, {"document", "article"}, where + ": source");
    t.source.document = r.text(src, "document", where + ": source");
    t.source.article = r.text(src, "article", where + ": source");
    const auto doc = documents.find(t.source.document);
    if (doc == documents.end())
      r.fail(src["document"], where + ": source document \"" + t.source.document + "\" is not in this file's documents");
    t.source.title = doc->second.title;
    t.source.number = doc->second.number;

    t.effective_from = r.date(n, "effective_from", where);
    t.effective_to = r.opt_date(n, "effective_to", where);
    if (t.effective_to && *t.effective_to < t.effective_from)
      r.fail(n["effective_to"], where + ": effective_to " + t.effective_to->iso() + " is before effective_from " +
                                    t.effective_from.iso());
    t.note = r.opt_text(n, "note", where);
    out.push_back(std::move(t));
  }
}

std::string range_text(const Threshold& t) {
  return t.effective_from.iso() + " to " + (t.effective_to ? t.effective_to->iso() : std::string("now"));
}

// The same id is the same rule in every version; two versions of one rule (or
// two rules for one offence, measure and party) may not be in force together.
void check_consistency(const std::vector<Threshold>& all) {
  for (std::size_t j = 0; j < all.size(); ++j) {
    const Threshold& b = all[j];
    for (std::size_t i = 0; i < j; ++i) {
      const Threshold& a = all[i];
      if (a.id == b.id && (a.offence != b.offence || a.conduct != b.conduct || a.measure != b.measure || a.who != b.who))
        throw DataError(b.file, b.line, "threshold " + b.id + " differs in offence, conduct, measure or who from " + a.id +
                                            " at " + a.where() + ": a new rule needs a new id");
      // Conditions on other measures make another rule (a repeat offender's lower figure).
      const auto conditions = [](const Threshold& t) {
        std::set<std::string> m;
        for (const auto& c : t.also) m.insert(c.measure);
        return m;
      };
      const bool same_rule = a.offence == b.offence && a.conduct == b.conduct && a.measure == b.measure &&
                             (a.who == b.who || a.who == Who::Any || b.who == Who::Any) && conditions(a) == conditions(b);
      if (!same_rule) continue;
      const forms::Date start = std::max(a.effective_from, b.effective_from);
      const bool overlap = (!a.effective_to || start <= *a.effective_to) && (!b.effective_to || start <= *b.effective_to);
      if (overlap)
        throw DataError(b.file, b.line, "threshold " + b.id + " (" + range_text(b) + ") overlaps " + a.id + " at " + a.where() +
                                            " (" + range_text(a) + "): both in force on " + start.iso() + " for " + b.offence +
                                            (b.conduct.empty() ? "" : " (" + b.conduct + ")") + ", " + b.measure + ", " +
                                            std::string(who_name(b.who)));
    }
  }
}

}  // namespace

ThresholdTable ThresholdTable::load(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw DataError(folder, 0, "no such thresholds folder");
  const fs::path measures_file = folder / "measures.yaml";
  if (!fs::is_regular_file(measures_file, ec)) throw DataError(measures_file, 0, "the thresholds folder needs measures.yaml");
  ThresholdTable table;
  table.measures_ = load_measures(measures_file);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.is_regular_file() && e.path().extension() == ".yaml" && e.path().filename() != "measures.yaml")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw DataError(folder, 0, "no threshold files (*.yaml) besides measures.yaml");
  for (const auto& f : files) load_thresholds(f, table.measures_, table.thresholds_);
  check_consistency(table.thresholds_);
  return table;
}

ThresholdTable ThresholdTable::load_default() { return load(default_rules_dir() / "thresholds"); }

const Measure* ThresholdTable::measure(std::string_view name) const {
  for (const auto& m : measures_)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace caseaudit::rules
