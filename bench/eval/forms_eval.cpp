// Scoring extractions against fixture truth (see forms_eval.h).
#include "eval/forms_eval.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::eval {

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

int page_number_in_name(const std::string& stem) {
  std::string digits;
  for (const char c : stem)
    if (c >= '0' && c <= '9') digits += c;
  return digits.empty() ? 0 : std::stoi(digits);
}

std::string text_key(const std::string& s) {
  std::string folded = forms::fold_width(s);
  // Sentence punctuation read as its ASCII twin is the same text.
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "。") == 0) { out += '.'; i += 2; continue; }
    if (folded.compare(i, 3, "、") == 0) { out += ','; i += 2; continue; }
    if (folded.compare(i, 3, "“") == 0 || folded.compare(i, 3, "”") == 0) { out += '"'; i += 2; continue; }
    out += folded[i];
  }
  return out;
}

std::string show(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::vector<std::string> citation_texts(const std::string& s) {
  std::vector<std::string> out;
  for (const auto& c : forms::parse_citations(s)) out.push_back(c.text());
  return out;
}

}  // namespace

bool is_clean_variant(const std::string& v) { return v == "clean" || v == "scan" || v == "born-digital" || v.empty(); }

void Score::add(const Score& o) {
  pages += o.pages, pages_right += o.pages_right;
  documents += o.documents, documents_right += o.documents_right;
  for (const auto& [k, v] : o.by_type) by_type[k].total += v.total, by_type[k].exact += v.exact;
  cut.total += o.cut.total, cut.exact += o.cut.exact;
  cut_misses.insert(cut_misses.end(), o.cut_misses.begin(), o.cut_misses.end());
  nonstandard_truth += o.nonstandard_truth, nonstandard_found += o.nonstandard_found;
  standard_truth += o.standard_truth, standard_flagged += o.standard_flagged;
  for (const auto& [k, v] : o.by_field) by_field[k].total += v.total, by_field[k].exact += v.exact;
  for (const auto& [k, v] : o.by_variant) by_variant[k].total += v.total, by_variant[k].exact += v.exact;
  for (const auto& [k, v] : o.by_group) by_group[k].total += v.total, by_group[k].exact += v.exact;
  misses.insert(misses.end(), o.misses.begin(), o.misses.end());
}

std::vector<TruthPage> read_truth(const fs::path& dir) {
  std::vector<std::pair<int, fs::path>> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= 11 || name.compare(name.size() - 11, 11, ".truth.json") != 0) continue;
    const int n = page_number_in_name(name.substr(0, name.size() - 11));
    if (n > 0) files.emplace_back(n, e.path());  // case.truth.json is the case file's, not a page's
  }
  std::sort(files.begin(), files.end());
  std::vector<TruthPage> pages;
  int document = 0;
  for (const auto& [n, path] : files) {
    const nlohmann::json j = read_json(path);
    TruthPage t;
    t.expected_type = j.value("expected_type", j.value("doc_type", std::string()));
    t.variant = j.value("variant", "");
    if (j.contains("document")) {
      t.document = j["document"].get<int>();
    } else {
      if (j.value("page", 1) == 1) ++document;
      t.document = document;
    }
    t.page = j.value("page", 1);
    t.page_count = j.value("page_count", 1);
    t.standard = j.value("standard", true);
    t.deviation = j.value("deviation", "");
    t.fields = j.value("fields", nlohmann::json::object());
    if (j.contains("cut") && j["cut"].is_object())
      for (const auto& [k, v] : j["cut"].items())
        if (v.is_boolean() && v.get<bool>()) t.cut.insert(k);
    pages.push_back(std::move(t));
  }
  return pages;
}

bool field_matches(const forms::ExtractedField& got, const nlohmann::json& expected) {
  if (!got.parsed) return false;
  const std::string& type = got.type;
  if (type == "doc_number") {
    const auto want = forms::parse_doc_number(show(expected));
    return want && got.value == want->canonical();
  }
  if (type == "date") return got.value == expected;
  if (type == "amount" || type == "capital_amount") {
    std::optional<forms::Amount> want;
    if (expected.is_number()) {
      want = forms::Amount{static_cast<std::int64_t>(expected.get<double>() * 100 + 0.5)};
    } else {
      std::string s = show(expected);
      if (s.rfind("人民币", 0) == 0) s = s.substr(std::string("人民币").size());
      want = type == "capital_amount" ? forms::parse_capital_amount(s) : forms::parse_amount(s);
    }
    return want && got.value.is_number() &&
           static_cast<std::int64_t>(got.value.get<double>() * 100 + 0.5) == want->fen;
  }
  if (type == "citations") {
    std::vector<std::string> have;
    for (const auto& c : got.value) have.push_back(c.value("text", ""));
    return have == citation_texts(show(expected));
  }
  if (type == "officers") {
    if (!expected.is_array() || got.value.size() != expected.size()) return false;
    std::set<std::pair<std::string, std::string>> a, b;
    for (const auto& o : got.value) a.insert({o.value("name", ""), o.value("证号", "")});
    for (const auto& o : expected) b.insert({o.value("name", ""), o.value("证号", "")});
    return a == b;
  }
  if (type == "rows") {
    if (!expected.is_array() || !got.value.is_array() || got.value.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i)
      for (const auto& [k, v] : expected[i].items())
        if (!got.value[i].contains(k) || text_key(show(got.value[i][k])) != text_key(show(v))) return false;
    return true;
  }
  if (type == "party") return text_key(got.value.value("name", "")) == text_key(show(expected));
  if (type == "credit_code" || type == "id_number") return got.value == expected;
  return text_key(show(got.value)) == text_key(show(expected));
}

Score score_case(const std::string& name, const forms::CaseExtraction& got, const std::vector<TruthPage>& truth,
                 const forms::TemplateSet& templates, const ScoreOptions& options) {
  Score s;
  // Which extracted document holds each page.
  std::vector<const forms::Document*> holder(truth.size(), nullptr);
  for (const auto& d : got.documents)
    for (const int p : d.pages)
      if (p >= 0 && static_cast<std::size_t>(p) < holder.size()) holder[static_cast<std::size_t>(p)] = &d;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    ++s.pages;
    const std::string type = holder[i] ? holder[i]->type : forms::kUnknownType;
    if (type == truth[i].expected_type) {
      ++s.pages_right;
    } else {
      s.misses.push_back({name + " p." + std::to_string(i + 1) + " 类型 type", truth[i].expected_type, type});
    }
  }
  // Truth documents: their pages, fields, variant and standard flag.
  std::map<int, std::vector<std::size_t>> docs;
  for (std::size_t i = 0; i < truth.size(); ++i) docs[truth[i].document].push_back(i);
  for (const auto& [index, pages] : docs) {
    const TruthPage& first = truth[pages.front()];
    const forms::Document* d = holder[pages.front()];
    const std::string where = name + " doc " + std::to_string(index) + " " + first.expected_type;
    ++s.documents;
    s.documents_right += (d ? d->type : std::string(forms::kUnknownType)) == first.expected_type;
    if (!first.standard) {
      ++s.nonstandard_truth;
      if (d && !d->standard) ++s.nonstandard_found;
      else s.misses.push_back({where + " 非标准 non-standard", "non-standard", "standard"});
    } else if (first.expected_type != forms::kUnknownType && static_cast<int>(pages.size()) == first.page_count) {
      // Only a whole document can be judged standard: a lone page of a
      // three-page decision lacks the sections of the other two.
      ++s.standard_truth;
      if (d && !d->standard) {
        ++s.standard_flagged;
        s.misses.push_back({where + " 误报非标准 flagged", "standard", d->deviations.empty() ? "" : d->deviations[0].message});
      }
    }
    const forms::Template* t = templates.find(first.expected_type);
    if (!t || !d || d->type != first.expected_type) continue;
    nlohmann::json fields = nlohmann::json::object();
    std::set<std::string> cut;
    std::string variant = first.variant;
    for (const std::size_t p : pages) {
      for (const auto& [k, v] : truth[p].fields.items()) fields[k] = v;
      cut.insert(truth[p].cut.begin(), truth[p].cut.end());
      if (!is_clean_variant(truth[p].variant)) variant = truth[p].variant;
    }
    const auto aliases = options.aliases.find(first.expected_type);
    if (aliases != options.aliases.end())
      for (const auto& [field, from] : aliases->second)
        if (!fields.contains(field) && fields.contains(from)) {
          fields[field] = fields[from];
          if (cut.count(from)) cut.insert(field);
        }
    for (const auto& spec : t->fields) {
      // The truth may give a served document as {名称, 文号}: the template
      // reads them as two fields, X and X文号.
      const std::string base = spec.name.size() > 6 && spec.name.compare(spec.name.size() - 6, 6, "文号") == 0
                                   ? spec.name.substr(0, spec.name.size() - 6)
                                   : "";
      nlohmann::json want;
      if (fields.contains(spec.name)) {
        want = spec.type == forms::FieldType::DocNumber && fields.contains(spec.name + "_规范") ? fields[spec.name + "_规范"]
                                                                                               : fields[spec.name];
        if (want.is_object() && want.contains("名称")) want = want["名称"];
      } else if (!base.empty() && fields.contains(base) && fields[base].is_object() && fields[base].contains("文号")) {
        want = fields[base]["文号"];
      } else {
        continue;
      }
      const forms::ExtractedField* f = d->field(spec.name);
      const bool ok = f && field_matches(*f, want);
      const Mismatch miss{where + " " + spec.name, show(want), f ? (f->parsed ? show(f->value) : "「" + f->raw + "」") : "(none)"};
      if (cut.count(spec.name) || (!base.empty() && cut.count(base))) {  // cut by the page edge: counted apart
        ++s.cut.total;
        s.cut.exact += ok;
        if (!ok) s.cut_misses.push_back(miss);
        continue;
      }
      for (auto* score : {&s.by_field[spec.name], &s.by_variant[variant],
                          &s.by_group[is_clean_variant(variant) ? "clean" : "degraded"], &s.by_type[first.expected_type]}) {
        ++score->total;
        score->exact += ok;
      }
      if (!ok) s.misses.push_back(miss);
    }
  }
  return s;
}

}  // namespace caseaudit::eval
