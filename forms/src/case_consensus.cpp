// One case file, one truth (see case_consensus.h).
#include "case_consensus.h"

#include <algorithm>
#include <map>

#include "caseaudit/forms/code_points.h"
#include "caseaudit/forms/lookalikes.h"
#include "caseaudit/forms/normalize.h"

namespace caseaudit::forms {

namespace {

// The police's documents name the police, not the agency, as their 机关名称.
bool by_police(const Document& d) { return d.type == "立案通知书" || d.type == "不予立案通知书"; }

std::string text_of(const ExtractedField& f) {
  if (f.value.is_string()) return f.value.get<std::string>();
  if (f.value.is_object() && f.value.contains("name") && f.value["name"].is_string()) return f.value["name"].get<std::string>();
  return f.raw;
}

bool code_field(const ExtractedField& f) { return f.type == "credit_code" || f.type == "id_number"; }

bool code_valid(const ExtractedField& f) {
  const std::string code = text_of(f);
  return (f.type == "id_number" ? check_id_number(code) : check_credit_code(code)).check_ok;
}

// Every differing character is a look-alike of the other's: a misread, not another value.
bool only_lookalikes(const std::u32string& a, const std::u32string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && !lookalike(a[i], b[i])) return false;
  return true;
}

struct Reading {
  Document* doc;
  ExtractedField* field;
  std::string text;
};

// How much a reading counts in the vote: a certain one more than a doubtful
// one; a code that passes its check character more than one that does not.
double weight(const Reading& r) {
  double w = r.field->certain ? 1.0 : 0.35;
  if (code_field(*r.field)) w *= code_valid(*r.field) ? 2.0 : 0.5;
  return w;
}

// Whether `r` is a misreading of the value `best` that the file shows better.
bool misreads(const Reading& r, const std::string& best, const ExtractedField& best_field, int support) {
  const std::u32string a = to_u32(r.text), b = to_u32(best);
  if (code_field(*r.field)) {
    if (code_valid(*r.field) || !code_valid(best_field) || a.size() != b.size()) return false;
    // The check character fails here and passes there: a misread when the text
    // read poorly, or when an OCR confusion of a code character explains it.
    const CodeCheck c = r.field->type == "id_number" ? check_id_number(r.text) : check_credit_code(r.text);
    return !r.field->certain || c.possible_misread == best;
  }
  if (r.field->type == "date") return only_lookalikes(a, b) && support >= 2;  // 2023-10-07 for 2023-10-08 ...
  if (r.field->type == "text" || r.field->type == "party") {
    // The start or the end of the value only (平县烟草专卖局, 管理局, 桐原县): the rest cut
    // off by a seal, the page edge or a rule, where another document reads it whole.
    const bool cut = a.size() >= 2 && a.size() < b.size() &&
                     (b.compare(0, a.size(), a) == 0 || b.compare(b.size() - a.size(), a.size(), a) == 0);
    if (cut) return true;
  }
  if (r.field->type == "doc_number" || r.field->type == "text" || r.field->type == "party") {
    if (similarity(a, b, true) < 0.75) return false;
    if (only_lookalikes(a, b) && support >= 2) return true;
    return !r.field->certain && support >= 1;
  }
  return false;
}

void vote(std::vector<Reading>& readings) {
  if (readings.size() < 2) return;
  std::map<std::string, double> score;
  std::map<std::string, int> support;
  std::map<std::string, const Reading*> example;
  for (const Reading& r : readings) {
    score[r.text] += weight(r);
    support[r.text] += r.field->certain ? 1 : 0;
    if (!example.count(r.text) || (r.field->certain && !example[r.text]->field->certain)) example[r.text] = &r;
  }
  const auto best = std::max_element(score.begin(), score.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const Reading& winner = *example[best->first];
  if (!winner.field->certain) return;  // nothing read well enough to correct others by
  for (Reading& r : readings) {
    if (r.text == best->first || !misreads(r, best->first, *winner.field, support[best->first])) continue;
    ExtractedField& f = *r.field;
    f.corrected_from = f.raw;
    f.value = winner.field->value;
    f.certain = true;
    f.problem = "按案卷其他文书校正：本文书读作「" + f.raw + "」 (corrected by the file's other documents: read here as " + f.raw + ")";
  }
}

// An officer's certificate number as another document reads it whole, with
// the province or bureau letters before it cut off (烟执167755 for 豫烟执167755).
bool cut_number(const std::u32string& read, const std::u32string& whole) {
  return read.size() >= 6 && read.size() < whole.size() && whole.size() - read.size() <= 3 &&
         whole.compare(whole.size() - read.size(), read.size(), read) == 0;
}

// Officers: one officer's certificate number is one value across the file.
// Where documents that name the same officer read the number differently and
// two or more certain readings agree, a reading that is theirs cut short or
// misread by look-alikes takes their value.
void reconcile_officers(CaseExtraction& c) {
  struct Entry {
    ExtractedField* field;
    nlohmann::json* officer;
  };
  std::map<std::string, std::vector<Entry>> by_name;
  for (Document& d : c.documents)
    for (ExtractedField& f : d.fields)
      if (f.type == "officers" && f.parsed && f.value.is_array())
        for (nlohmann::json& o : f.value)
          if (o.is_object() && o.value("name", "").size() >= 6 && !o.value("证号", "").empty())
            by_name[o["name"].get<std::string>()].push_back({&f, &o});
  for (auto& [name, entries] : by_name) {
    std::map<std::string, int> support;  // number -> certain readings
    for (const Entry& e : entries)
      if (e.field->certain) ++support[(*e.officer)["证号"].get<std::string>()];
    const auto best = std::max_element(support.begin(), support.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best == support.end() || best->second < 2) continue;
    const std::u32string whole = to_u32(best->first);
    for (const Entry& e : entries) {
      const std::string number = (*e.officer)["证号"].get<std::string>();
      const std::u32string read = to_u32(number);
      if (number == best->first || !(cut_number(read, whole) || only_lookalikes(read, whole))) continue;
      (*e.officer)["证号"] = best->first;
      const std::string note = "按案卷其他文书校正：" + name + "的证号本文书读作「" + number + "」 (corrected by the file's other documents: read here as " + number + ")";
      e.field->problem = e.field->problem.empty() ? note : e.field->problem + "；" + note;
    }
  }
}

}  // namespace

void reconcile_case_fields(CaseExtraction& c) {
  reconcile_officers(c);
  // Identity fields: every document that names the party or the agency.
  for (const char* name : {"当事人", "统一社会信用代码", "身份证号", "法定代表人", "机关名称"}) {
    std::vector<Reading> readings;
    for (Document& d : c.documents) {
      if (std::string(name) == "机关名称" && by_police(d)) continue;
      for (ExtractedField& f : d.fields)
        if (f.name == name && f.parsed && !text_of(f).empty()) readings.push_back({&d, &f, text_of(f)});
    }
    vote(readings);
  }
  // 文号: a document's own and every reference to it (送达文书文号, the closing
  // form's 处罚决定书文号) are one value, voted within the same year and serial.
  std::map<std::pair<int, int>, std::vector<Reading>> numbers;
  for (Document& d : c.documents)
    for (ExtractedField& f : d.fields)
      if (f.type == "doc_number" && f.parsed && f.value.is_string())
        if (const auto n = parse_doc_number(f.value.get<std::string>()))
          numbers[{n->year, n->serial}].push_back({&d, &f, f.value.get<std::string>()});
  for (auto& [key, readings] : numbers) vote(readings);
  // Dates one event carries on several documents (the 立案 on its form and in
  // the decision's text, the 告知书's own date and the decision's reference to
  // it): a digit misread on one is outvoted by two that agree; where nothing
  // outvotes a difference, every reading in it is in doubt, never one taken.
  for (const char* name : {"立案日期", "告知日期", "决定日期", "移送日期"}) {
    std::vector<Reading> readings;
    for (Document& d : c.documents)
      for (ExtractedField& f : d.fields)
        if (f.name == name && f.type == "date" && f.parsed && f.value.is_string())
          readings.push_back({&d, &f, f.value.get<std::string>()});
    vote(readings);
    // Certain readings that still disagree: two that agree outweigh one, and
    // the one is in doubt; otherwise every one of them is.
    std::map<std::string, int> support;
    for (const Reading& r : readings)
      if (r.field->certain) ++support[r.text];
    if (support.size() < 2) continue;
    std::string top;
    int most = 0, ties = 0;
    for (const auto& [value, n] : support) {
      if (n > most) top = value, most = n, ties = 1;
      else if (n == most) ++ties;
    }
    const bool majority = most >= 2 && ties == 1;
    for (Reading& r : readings) {
      if (!r.field->certain || (majority && r.text == top)) continue;
      std::string others;
      for (const auto& [value, n] : support)
        if (value != r.text) others += (others.empty() ? "" : "、") + value;
      r.field->certain = false;
      r.field->problem = "与本案卷其他文书所载「" + std::string(name) + "」" + others + " 不一致，可能为识别误差 "
                         "(another document of the file reads " + others + ": a possible misread)";
    }
  }
}

}  // namespace caseaudit::forms
