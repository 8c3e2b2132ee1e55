// Transfer screening (see screening.h): loading rules/screening/offences.yaml,
// matching a case's cause to an offence, and the call against its thresholds.
#include "caseaudit/rules/screening.h"

#include <cmath>
#include <set>

#include "caseaudit/rules/data_error.h"
#include "thresholds_yaml.h"

namespace caseaudit::rules {

namespace fs = std::filesystem;
using yaml_read::Reader;

namespace {

std::vector<std::string> text_list(const Reader& r, const YAML::Node& map, const char* key, const std::string& where) {
  std::vector<std::string> out;
  if (!Reader::given(map, key)) return out;
  const YAML::Node n = map[key];
  if (!n.IsSequence()) r.fail(n, where + ": " + key + " must be a list");
  for (const auto& item : n) {
    if (!item.IsScalar() || item.as<std::string>().empty()) r.fail(item, where + ": " + key + " entries must be text");
    out.push_back(item.as<std::string>());
  }
  return out;
}

// Removes the spaces OCR and typists put between characters.
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  for (const std::string full_space = "\u3000";;) {
    const auto p = out.find(full_space);
    if (p == std::string::npos) break;
    out.erase(p, full_space.size());
  }
  return out;
}

// YAML's folded texts (>) end with a line break.
std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

}  // namespace

OffenceMap OffenceMap::load(const fs::path& folder, const ThresholdTable& table) {
  const fs::path file = folder / "offences.yaml";
  const YAML::Node root = yaml_read::load(file);
  const Reader r{file};
  r.keys(root, {"offences"}, "the file");
  const YAML::Node list = root["offences"];
  if (!list.IsSequence() || list.size() == 0) r.fail(list, "offences must be a non-empty list");
  OffenceMap map;
  for (const auto& n : list) {
    const std::string where = "offence at line " + std::to_string(yaml_read::line_of(n));
    r.keys(n, {"offence", "causes", "cites", "case_amount", "labels", "basis", "note"}, where);
    OffenceLink link;
    link.offence = r.text(n, "offence", where);
    link.causes = text_list(r, n, "causes", where);
    link.cites = text_list(r, n, "cites", where);
    if (link.causes.empty() && link.cites.empty()) r.fail(n, where + ": give causes or cites (what points at the offence)");
    link.case_amount = r.opt_text(n, "case_amount", where);
    link.basis = trimmed(r.text(n, "basis", where));
    link.note = trimmed(r.opt_text(n, "note", where));
    link.file = file;
    link.line = yaml_read::line_of(n);
    // The offence must be one the threshold table knows, in some version.
    bool known = false;
    for (const auto& t : table.all())
      if (t.id == link.offence || t.offence == link.offence || t.conduct == link.offence) known = true;
    if (!known) r.fail(n["offence"], where + ": no threshold in rules/thresholds names \"" + link.offence + "\"");
    if (!link.case_amount.empty() && !table.measure(link.case_amount))
      r.fail(n["case_amount"], where + ": unknown measure \"" + link.case_amount + "\" (see thresholds/measures.yaml)");
    if (Reader::given(n, "labels")) {
      const YAML::Node labels = n["labels"];
      if (!labels.IsMap()) r.fail(labels, where + ": labels must map words to measures");
      for (const auto& kv : labels) {
        const std::string word = kv.first.as<std::string>(), measure = kv.second.as<std::string>("");
        if (!table.measure(measure)) r.fail(kv.second, where + ": unknown measure \"" + measure + "\" for label " + word);
        link.labels.emplace_back(word, measure);
      }
    }
    map.links_.push_back(std::move(link));
  }
  return map;
}

const OffenceLink* OffenceMap::match(std::string_view cause, std::string_view basis) const {
  const std::string c = squeeze(cause), b = squeeze(basis);
  for (const auto& l : links_)
    for (const auto& w : l.causes)
      if (!c.empty() && c.find(w) != std::string::npos) return &l;
  for (const auto& l : links_)
    for (const auto& w : l.cites)
      if (!b.empty() && b.find(w) != std::string::npos) return &l;
  return nullptr;
}

std::string_view transfer_call_name(TransferCall c) {
  switch (c) {
    case TransferCall::None: return "none";
    case TransferCall::Below: return "below";
    case TransferCall::Early: return "early";
    case TransferCall::Due: return "due";
  }
  return "?";
}

TransferScreening screen(const ScreeningInput& in, const OffenceMap& offences, const ThresholdTable& table,
                         double near_share) {
  TransferScreening s;
  const OffenceLink* link = in.offence ? in.offence : offences.match(in.cause, in.basis);
  if (!link) {
    s.message = "案由未对应到已收录的犯罪立案追诉标准 (no filing threshold applies to this cause)";
    return s;
  }
  s.offence = link->offence;
  if (!link->note.empty()) s.notes.push_back(link->note);
  if (!in.conduct) {
    s.message = "无法确定行为日期，未作移送研判 (no date to pick the threshold in force)";
    return s;
  }
  s.conduct = *in.conduct;
  const std::vector<Evaluation> all = table.evaluate(link->offence, s.conduct, in.measured, in.party, near_share);
  const Evaluation* best = strongest(all);
  if (!best) {
    s.message = "涉嫌" + link->offence + "，但未读到可比较的涉案数额 (no amount to measure)";
    return s;
  }
  s.threshold = *best->threshold;
  s.measured = best->measured;
  s.ratio = best->ratio;
  const Threshold& t = *best->threshold;
  const std::string what = t.measure + " " + best->measured.text();
  const std::string standard = t.value.text() + "（" + t.source.text() + "）";
  const std::string ratio = percent(best->ratio);
  switch (best->level) {
    case Level::Reached:
      s.call = TransferCall::Due;
      s.message = "涉嫌" + t.offence + "：" + what + "，达到立案追诉标准 " + standard +
                  "，应当移送公安机关 (meets the criminal filing threshold: a transfer looks due)";
      break;
    case Level::Near:
      s.call = TransferCall::Early;
      s.message = "涉嫌" + t.offence + "：" + what + "，为立案追诉标准 " + standard + " 的 " + ratio +
                  "，达到提前介入比例 " + percent(near_share) + " (at " + ratio + " of the threshold: early intervention)";
      break;
    case Level::Below:
      s.call = TransferCall::Below;
      s.message = "涉嫌" + t.offence + "：" + what + "，为立案追诉标准 " + standard + " 的 " + ratio +
                  "，未达提前介入比例 (below " + percent(near_share) + " of the threshold)";
      break;
  }
  if (!best->unknown.empty())
    s.notes.push_back("另需核实：" + best->unknown.front() + " 等条件 (further conditions to check by hand)");
  return s;
}

}  // namespace caseaudit::rules
