// Scoring against the trust set (see trust_eval.h).
#include "eval/trust_eval.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "caseaudit/forms/extract.h"
#include "caseaudit/forms/normalize.h"

namespace caseaudit::eval {

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

std::string text(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// A 文号 in its canonical form (〔〕, ASCII digits), or as given when unreadable.
std::string canonical(const std::string& number) {
  if (number.empty()) return number;
  const auto parsed = forms::parse_doc_number(number);
  return parsed ? parsed->canonical() : number;
}

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Document- and case-level findings are matched by case file, platform ones
// without a case file by unit (and 文号 for entries without a case file).
bool unit_level(const std::string& kind) { return kind == "platform.selective"; }
bool entry_level(const std::string& kind) { return kind == "platform.orphan"; }

}  // namespace

std::string finding_case(const nlohmann::json& f) {
  if (f.contains("case") && f["case"].is_string()) return f["case"].get<std::string>();
  static const std::string kMark = "案卷 ";
  if (f.contains("evidence") && f["evidence"].is_array())
    for (const auto& e : f["evidence"]) {
      if (!e.is_string()) continue;
      const std::string s = e.get<std::string>();
      const std::size_t at = s.find(kMark);
      if (at == std::string::npos) continue;
      const std::size_t from = at + kMark.size();
      std::size_t to = s.find_first_of(" :：(（「", from);
      if (to == std::string::npos) to = s.size();
      std::string name = s.substr(from, to - from);
      for (const char* ext : {".pdf", ".tif", ".tiff"})
        if (name.size() > std::string(ext).size() && name.ends_with(ext)) name.resize(name.size() - std::string(ext).size());
      if (!name.empty()) return name;
    }
  return "";
}

std::vector<std::string> causes_for(const std::string& kind) {
  const auto ends = [&](const char* tail) { return kind.size() > std::string(tail).size() && kind.ends_with(tail); };
  if (ends(".seal")) return {"seal-grey", "seal-bilevel", "seal-black", "field-under-seal", "poor-page"};
  if (ends(".officers")) return {"officer-style", "poor-page", "field-cut"};
  if (ends(".credit-code") || ends(".id-number") || kind.find("code-missing") != std::string::npos)
    return {"code-on-poor-page", "poor-page", "field-under-seal", "field-cut"};
  if (kind == "case.service-7-days" || kind == "case.date-order")
    return {"service-reference", "chinese-date", "no-filing-form", "field-under-seal", "poor-page"};
  if (kind == "case.decision-90-days") return {"chinese-date", "no-filing-form", "field-under-seal", "poor-page"};
  if (kind == "platform.incomplete") return {"no-amount", "no-filing-form"};
  if (kind == "platform.late") return {"no-filing-form", "chinese-date", "poor-page"};
  if (starts(kind, "platform.")) return {"unit-name-variant", "poor-page", "field-cut"};
  if (starts(kind, "criminal.")) return {"no-filing-form", "no-amount", "poor-page"};
  if (kind == "document.nonstandard") return {"poor-page", "field-cut", "field-under-seal"};
  // A field read as absent: under a seal, cut, on a poor page, or a date in Chinese numerals.
  return {"field-under-seal", "field-cut", "poor-page", "chinese-date", "unit-name-variant"};
}

std::string field_of(const std::string& kind) {
  const auto ends = [&](const char* tail) { return kind.size() > std::string(tail).size() && kind.ends_with(tail); };
  if (ends(".officers")) return "执法人员";
  if (ends(".credit-code")) return "统一社会信用代码";
  if (ends(".id-number")) return "身份证号";
  if (kind == "decision.date") return "决定日期";
  if (kind == "filing.date") return "立案日期";
  if (kind == "transfer.date") return "移送日期";
  if (kind == "decision.address") return "地址";
  if (kind == "decision.number") return "文号";
  if (kind == "decision.party") return "当事人";
  if (kind == "decision.agency") return "机关名称";
  return "";
}

KindScore TrustScore::all() const {
  KindScore k;
  for (const auto& [kind, s] : kinds) {
    k.found += s.found;
    k.matched += s.matched;
    if (planted_kinds.count(kind)) k.truth += s.truth;
  }
  return k;
}

TrustScore score_trust(const fs::path& trust_dir, const fs::path& extract_dir, const fs::path& audit_json,
                       const forms::TemplateSet& templates, const TrustOptions& options) {
  const nlohmann::json truth = read_json(trust_dir / "truth.json");
  TrustScore out;
  out.family = options.family;
  const auto in_family = [&](const std::string& family) { return options.family == "all" || family == options.family; };

  // Units and case files of the family.
  std::map<std::string, std::string> unit_family;  // unit name -> family
  for (const auto& u : truth["units"]) unit_family[text(u, "name")] = text(u, "family");
  std::map<std::string, std::string> case_family;  // folder -> family
  std::map<std::string, std::string> folder_by_number;
  for (const auto& c : truth["cases"]) {
    case_family[text(c, "folder")] = text(c, "family");
    folder_by_number[text(c, "unit") + "|" + canonical(text(c, "number"))] = text(c, "folder");
  }
  std::map<std::string, std::vector<std::string>> traps;  // folder -> causes in order
  for (const auto& t : truth["traps"]) traps[text(t, "case")].push_back(text(t, "cause"));
  std::map<std::string, std::set<std::string>> cut;  // folder -> fields the page edge cuts

  // Documents and fields.
  ScoreOptions score_options;
  score_options.aliases["送达回证"]["送达人"] = "执法人员";
  for (const auto& [folder, family] : case_family) {
    if (!in_family(family)) continue;
    ++out.cases;
    const auto pages = read_truth(trust_dir / "cases" / (folder + ".truth"));
    out.pages += static_cast<int>(pages.size());
    for (const auto& p : pages) cut[folder].insert(p.cut.begin(), p.cut.end());
    const fs::path file = extract_dir / (folder + ".extract.json");
    forms::CaseExtraction got;
    if (fs::exists(file)) got = forms::extraction_from_json(read_json(file));
    else out.missing_extractions.push_back(folder);
    out.fields.add(score_case(folder, got, pages, templates, score_options));
  }

  // Findings: the truth's and the audit's, keyed alike.
  const auto key_of = [&](const TrustFinding& f) {
    if (unit_level(f.kind)) return f.kind + "|" + f.unit;
    if (entry_level(f.kind)) return f.kind + "|" + f.unit + "|" + f.number;
    return f.kind + "|" + f.folder;
  };
  std::map<std::string, std::vector<TrustFinding>> planted;  // key -> findings (a kind may repeat on a case: counted once)
  for (const auto& f : truth["findings"]) {
    TrustFinding t{text(f, "kind"), text(f, "unit"), f["case"].is_string() ? f["case"].get<std::string>() : "",
                   f["number"].is_string() ? canonical(f["number"].get<std::string>()) : "", text(f, "what")};
    const std::string family = t.folder.empty() ? unit_family[t.unit] : case_family[t.folder];
    if (!in_family(family)) continue;
    out.planted_kinds.insert(t.kind);
    planted[key_of(t)].push_back(t);
  }
  for (const auto& [key, list] : planted) out.kinds[list.front().kind].truth += 1;

  const nlohmann::json audit = read_json(audit_json);
  std::set<std::string> matched_keys, reported_keys;
  for (const auto& f : audit.value("findings", nlohmann::json::array())) {
    const std::string severity = text(f, "severity");
    if (!options.all_severities && severity == "info") continue;
    TrustFinding a{text(f, "kind"), text(f, "unit"), finding_case(f), canonical(text(f, "number")), text(f, "message")};
    if (!entry_level(a.kind) && !unit_level(a.kind) && a.folder.empty()) {  // no case file named: by unit and 文号
      const auto it = folder_by_number.find(a.unit + "|" + a.number);
      if (it != folder_by_number.end()) a.folder = it->second;
    }
    // The family of a reported finding: its case file's, else its unit's (a unit
    // the truth does not know is counted in every family: it is false anyway).
    std::string family = !a.folder.empty() && case_family.count(a.folder) ? case_family[a.folder]
                         : unit_family.count(a.unit)                       ? unit_family[a.unit]
                                                                           : "";
    if (!family.empty() && !in_family(family)) continue;
    const std::string key = key_of(a);
    if (!reported_keys.insert(key).second) continue;  // the same finding twice (two documents) counts once
    KindScore& k = out.kinds[a.kind];
    ++k.found;
    if (planted.count(key)) {
      ++k.matched;
      matched_keys.insert(key);
      continue;
    }
    out.false_findings.push_back(a);
    std::string cause = a.folder.empty() ? "(no case file)" : "(no trap)";
    const auto& mine = traps[a.folder];
    const std::string field = field_of(a.kind);
    if (!field.empty() && cut[a.folder].count(field)) {
      cause = "field-cut";  // the field it is about is cut by the page edge
    } else {
      for (const std::string& c : causes_for(a.kind))
        if (std::find(mine.begin(), mine.end(), c) != mine.end()) {
          cause = c;
          break;
        }
    }
    ++out.false_by_cause[cause];
  }
  for (const auto& [key, list] : planted)
    if (!matched_keys.count(key)) out.missed_findings.push_back(list.front());
  return out;
}

}  // namespace caseaudit::eval
