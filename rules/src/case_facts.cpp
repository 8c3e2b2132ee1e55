// The case values of a case file (see case_facts.h).
#include "caseaudit/rules/case_facts.h"

#include <cmath>

#include "caseaudit/rules/data_error.h"
#include "thresholds_yaml.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;

namespace {

std::string text_of(const forms::ExtractedField& f) {
  if (!f.parsed) return f.raw;
  if (f.value.is_string()) return f.value.get<std::string>();
  if (f.value.is_object() && f.value.contains("name") && f.value["name"].is_string()) return f.value["name"].get<std::string>();
  if (f.value.is_number_integer()) return std::to_string(f.value.get<std::int64_t>());
  return f.value.dump();
}

std::vector<FactSource> sources(const yaml_read::Reader& r, const YAML::Node& n, const std::string& where) {
  r.keys(n, {"from"}, where);
  const YAML::Node from = n["from"];
  if (!from.IsSequence() || from.size() == 0) r.fail(n, where + ": from must list type.field sources");
  std::vector<FactSource> out;
  for (const auto& s : from) {
    if (!s.IsScalar()) r.fail(s, where + ": a source must be type.field");
    const std::string ref = s.as<std::string>();
    const auto dot = ref.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == ref.size()) r.fail(s, where + ": \"" + ref + "\" must be type.field");
    out.push_back({ref.substr(0, dot), ref.substr(dot + 1)});
  }
  return out;
}

std::vector<std::string> types(const yaml_read::Reader& r, const YAML::Node& n, const std::string& where) {
  if (!n.IsDefined()) return {};
  if (!n.IsSequence()) r.fail(n, where + " must be a list of document types");
  std::vector<std::string> out;
  for (const auto& t : n) out.push_back(t.as<std::string>());
  return out;
}

}  // namespace

FactMap FactMap::load(const fs::path& rules_dir) {
  FactMap m;
  m.file = rules_dir / "facts" / "case_values.yaml";
  const YAML::Node root = yaml_read::load(m.file);
  const yaml_read::Reader r{m.file};
  r.keys(root, {"values", "category"}, "case values");
  const YAML::Node values = root["values"];
  if (!values.IsMap() || values.size() == 0) r.fail(root, "values: must map value names to their sources");
  for (const auto& kv : values) m.values.emplace_back(kv.first.as<std::string>(), sources(r, kv.second, kv.first.as<std::string>()));
  const YAML::Node category = root["category"];
  if (category.IsDefined()) {
    r.keys(category, {"transfer", "penalty"}, "category");
    m.transfer_types = types(r, category["transfer"], "category.transfer");
    m.penalty_types = types(r, category["penalty"], "category.penalty");
  }
  return m;
}

const FactValue* CaseFacts::get(const std::string& name) const {
  const auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

std::string CaseFacts::text(const std::string& name) const {
  const FactValue* v = get(name);
  return v ? v->text : std::string();
}

std::optional<forms::Date> CaseFacts::date(const std::string& name) const {
  const FactValue* v = get(name);
  return v ? forms::parse_date(v->text) : std::nullopt;
}

std::optional<std::int64_t> CaseFacts::fen(const std::string& name) const {
  const FactValue* v = get(name);
  if (!v || !v->value.is_number()) return std::nullopt;
  return std::llround(v->value.get<double>() * 100);
}

namespace {

// A case value as one document's field reads it.
FactValue reading_of(const forms::ExtractedField& f, const FactSource& s, std::size_t document) {
  FactValue v;
  v.value = f.value, v.text = text_of(f), v.raw = f.raw, v.source = s, v.document = static_cast<int>(document);
  v.certain = f.certain, v.confidence = f.confidence, v.where = f.where;
  return v;
}

}  // namespace

CaseFacts case_facts(const forms::CaseExtraction& c, const FactMap& map) {
  CaseFacts facts;
  for (const auto& [name, from] : map.values) {
    std::optional<FactValue> best;
    for (int pass = 0; pass < 2 && !best; ++pass)  // pass 0: certain readings only
      for (const FactSource& s : from) {
        for (std::size_t i = 0; i < c.documents.size() && !best; ++i) {
          const forms::Document& d = c.documents[i];
          if (d.type != s.type) continue;
          const forms::ExtractedField* f = d.field(s.field);
          if (!f || f->raw.empty() || !f->parsed || (pass == 0 && !f->certain)) continue;
          best = reading_of(*f, s, i);
        }
        if (best) break;
      }
    if (!best) continue;
    // A reading that another document's reading holds whole (管理局 of
    // 桐原县市场监督管理局: cut by a seal or the page edge) gives way to it.
    for (const FactSource& s : from)
      for (std::size_t i = 0; i < c.documents.size(); ++i) {
        const forms::Document& d = c.documents[i];
        if (d.type != s.type || best->text.empty() || !best->value.is_string()) continue;
        const forms::ExtractedField* f = d.field(s.field);
        if (!f || !f->parsed || (f->type != "text" && f->type != "party")) continue;  // never digits: 5000 in 50000
        const std::string longer = text_of(*f);
        if (longer.size() <= best->text.size() || longer.find(best->text) == std::string::npos) continue;
        best = reading_of(*f, s, i);
      }
    // Which documents read the same value (any source of this value).
    for (const FactSource& s : from)
      for (std::size_t i = 0; i < c.documents.size(); ++i) {
        const forms::Document& d = c.documents[i];
        if (d.type != s.type) continue;
        const forms::ExtractedField* f = d.field(s.field);
        if (!f || !f->parsed) continue;
        ++best->readings;
        if (text_of(*f) == best->text)
          if (std::find(best->agreeing.begin(), best->agreeing.end(), static_cast<int>(i)) == best->agreeing.end())
            best->agreeing.push_back(static_cast<int>(i));
      }
    facts.values.emplace(name, std::move(*best));
  }
  const auto holds = [&](const std::vector<std::string>& types) {
    for (const auto& d : c.documents)
      if (std::find(types.begin(), types.end(), d.type) != types.end()) return true;
    return false;
  };
  facts.kind = holds(map.transfer_types) ? CaseKind::Transfer : holds(map.penalty_types) ? CaseKind::Penalty : CaseKind::Unknown;
  return facts;
}

}  // namespace caseaudit::rules
