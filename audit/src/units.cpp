// Resolving scanned case files' units to known units (see units.h).
#include "caseaudit/audit/units.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "caseaudit/audit/table_import.h"
#include "caseaudit/forms/lookalikes.h"
#include "import/cells.h"
#include "caseaudit/ocr/text_encoding.h"
#include "link_view.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

namespace {

using link_detail::fold_to_u32;

// A loose 文号 prefix this close (OCR look-alikes cheap) counts as the same prefix.
constexpr double kPrefixSame = 0.85;

struct Known {
  std::string name;       // as the source writes it
  std::u32string folded;  // party_key(name) as code points
  int source = 0;         // 0 platform export, 1 the user's list, 2 a register
  std::size_t canonical;  // the known unit this one stands for (itself, or the platform's longer/shorter name)
};

// Two names of one unit: one is the other with the place above it in front
// (宛城区市场监督管理局, 南阳市宛城区市场监督管理局), at least three quarters of
// it. A name with words after the other's (…市场监督管理局城关所) is a part of
// that unit, not the unit.
bool alias_names(const std::u32string& a, const std::u32string& b) {
  const std::u32string& shorter = a.size() <= b.size() ? a : b;
  const std::u32string& longer = a.size() <= b.size() ? b : a;
  return shorter.size() >= 5 && shorter.size() * 4 >= longer.size() * 3 && shorter.size() < longer.size() &&
         longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

// Whether `read` is `known` with some characters lost (under a seal, faint).
bool drops_of(const std::u32string& read, const std::u32string& known) {
  std::size_t j = 0;
  for (char32_t c : known)
    if (j < read.size() && read[j] == c) ++j;
  return j == read.size();
}

// How like a known unit's name a name read from a case file is, in [0, 1]:
// the edit distance with OCR look-alikes cheap, as a similarity. Counted as a
// misreading only what OCR does: the other name of one unit (alias_names: the
// city left out) is 0.9; otherwise one character misread (any), look-alikes,
// or up to two characters lost (a fifth of the name at most). Two characters
// read as others that are not look-alikes, or characters added (南阳市多城区…
// against 南阳市市场监督管理局: a district bureau against the city's), are
// another unit's name: the similarity is capped below any threshold (0.5).
double name_similarity(const std::u32string& read, const std::u32string& known) {
  if (read == known) return 1;
  const double s = forms::similarity(read, known, true);
  if (alias_names(read, known)) return std::max(s, 0.9);
  const double d = forms::edit_distance(read, known, true);
  const std::size_t lost = known.size() > read.size() ? known.size() - read.size() : 0;
  const bool ocr_like = (d <= 1.3 && read.size() + 1 >= known.size() && read.size() <= known.size() + 1) ||
                        (drops_of(read, known) && lost <= 2 && lost * 5 <= known.size());
  return ocr_like ? s : std::min(s, 0.5);
}

bool aliases(const Known& a, const Known& b) { return alias_names(a.folded, b.folded); }

std::u32string loose_prefix(const CaseRecord& r) {
  const auto loose = link_detail::read_loose_number(fold_to_u32(r.number.empty() ? r.number_key : r.number));
  return loose.ok ? loose.prefix : std::u32string();
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

class Resolver {
 public:
  Resolver(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
           const std::vector<std::string>& listed, const UnitOptions& o)
      : o_(o) {
    for (const auto& e : entries) add(e.unit, 0);
    for (const auto& u : listed) add(u, 1);
    for (const auto& f : files)
      if (f.origin.row != 0) add(f.unit, 2);
    // Another source's name for a platform unit (one contains the other) stands for the platform's.
    for (std::size_t i = 0; i < known_.size(); ++i)
      for (std::size_t j = 0; j < known_.size(); ++j)
        if (known_[i].source != 0 && known_[j].source == 0 && known_[i].canonical == i && aliases(known_[i], known_[j]))
          known_[i].canonical = j;
    // Which units' cases carry which 文号 prefix (typed records only).
    auto index = [&](const CaseRecord& r) {
      const auto it = by_key_.find(party_key(r.unit));
      const std::u32string p = loose_prefix(r);
      if (it != by_key_.end() && !p.empty()) ++prefixes_[p][known_[it->second].canonical];
    };
    for (const auto& e : entries) index(e);
    for (const auto& f : files)
      if (f.origin.row != 0) index(f);
  }

  bool empty() const { return known_.empty(); }
  const std::string& name(std::size_t k) const { return known_[known_[k].canonical].name; }
  std::size_t canonical(std::size_t k) const { return known_[k].canonical; }
  std::optional<std::size_t> find(const std::string& unit) const {
    const auto it = by_key_.find(party_key(unit));
    if (it == by_key_.end()) return std::nullopt;
    return known_[it->second].canonical;
  }

  // Text: the best known unit (canonical index) and its score, the runner-up's
  // score among other units, and whether the best is clear.
  struct Text {
    std::optional<std::size_t> best;
    double score = 0, second = 0;
    std::optional<std::size_t> second_unit;
    bool clear = false;
  };
  Text text(const std::string& unit) const {
    Text t;
    const std::u32string folded = fold_to_u32(party_key(unit));
    if (folded.empty()) return t;
    std::map<std::size_t, double> score;  // per canonical unit, its best-scoring name
    for (std::size_t k = 0; k < known_.size(); ++k) {
      double& s = score[known_[k].canonical];
      s = std::max(s, name_similarity(folded, known_[k].folded));
    }
    for (const auto& [k, s] : score)
      if (!t.best || s > t.score) {
        if (t.best) t.second = t.score, t.second_unit = t.best;
        t.best = k, t.score = s;
      } else if (s > t.second) {
        t.second = s, t.second_unit = k;
      }
    t.clear = t.best && t.score >= o_.accept && t.score - t.second >= o_.margin;
    return t;
  }
  double similarity_to(const std::string& unit, std::size_t k) const {
    const std::u32string folded = fold_to_u32(party_key(unit));
    double s = 0;
    for (std::size_t i = 0; i < known_.size(); ++i)
      if (known_[i].canonical == k) s = std::max(s, name_similarity(folded, known_[i].folded));
    return s;
  }

  // The unit whose other cases share the record's 文号 prefix, when only one does.
  std::optional<std::size_t> prefix_vote(const CaseRecord& r) const {
    const std::u32string p = loose_prefix(r);
    if (p.size() < 2) return std::nullopt;
    std::map<std::size_t, int> units;
    for (const auto& [prefix, counts] : prefixes_)
      if (prefix == p || forms::similarity(prefix, p, true) >= kPrefixSame)
        for (const auto& [k, n] : counts) units[k] += n;
    if (units.size() != 1) return std::nullopt;
    return units.begin()->first;
  }

 private:
  void add(const std::string& unit, int source) {
    std::string key = party_key(unit);
    if (key.empty() || by_key_.count(key)) return;
    by_key_[key] = known_.size();
    known_.push_back({unit, fold_to_u32(key), source, known_.size()});
  }

  UnitOptions o_;
  std::vector<Known> known_;
  std::map<std::string, std::size_t> by_key_;
  std::map<std::u32string, std::map<std::size_t, int>> prefixes_;
};

}  // namespace

std::vector<UnitResolution> resolve_units(std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                                          const std::vector<std::string>& listed, const LinkOptions& link,
                                          const UnitOptions& o) {
  if (std::none_of(files.begin(), files.end(), [](const CaseRecord& f) { return f.origin.row == 0; })) return {};
  const Resolver known(files, entries, listed, o);
  // A clue (the 文号 prefix, the linked entry) may name the unit when the name
  // as read does not contradict it: nothing read, or the clue's unit is about
  // as similar as the best match and not below the floor.
  auto fits = [&](const std::string& read, std::size_t k, double best) {
    if (party_key(read).empty()) return true;
    return known.similarity_to(read, k) >= std::max(o.floor, best - o.margin);
  };
  std::vector<UnitResolution> out;
  std::vector<std::size_t> pending;  // index into out: not settled by the text and the 文号 prefix
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].origin.row != 0) continue;
    UnitResolution u;
    u.file = i;
    u.read = u.unit = files[i].unit;
    if (known.empty()) {
      u.how = "没有已知单位可比对（平台导出无录入单位、未给单位名单），按原文 (no known units to compare with: kept as read)";
      out.push_back(std::move(u));
      continue;
    }
    if (const auto k = known.find(u.read)) {
      u.unit = known.name(*k), u.resolved = true, u.score = 1;
      u.how = "与已知单位一致 (a known unit)";
      out.push_back(std::move(u));
      continue;
    }
    const auto t = known.text(u.read);
    const auto prefix = known.prefix_vote(files[i]);
    u.score = t.score;
    if (t.best) u.closest = known.name(*t.best);
    if (t.clear && (!prefix || *prefix == *t.best)) {
      u.unit = known.name(*t.best), u.resolved = true;
      u.how = "形近字匹配，相似度 " + fixed2(t.score) + (prefix ? "，文号前缀相同" : "") +
              " (matched allowing OCR look-alikes" + std::string(prefix ? "; the 文号 prefix agrees" : "") + ")";
    } else if (t.clear) {
      u.how = "名称近似“" + known.name(*t.best) + "”（" + fixed2(t.score) + "），但文号前缀属“" + known.name(*prefix) +
              "” (the name and the 文号 prefix point at different units)";
    } else if (prefix && fits(u.read, *prefix, t.score)) {
      // The name alone does not decide (unread, or close to two units); the
      // 文号 prefix its unit's other cases share does, when the name fits it.
      u.unit = known.name(*prefix), u.resolved = true, u.score = known.similarity_to(u.read, *prefix);
      u.how = std::string(u.read.empty() ? "单位名称未识别" : "名称相似度 " + fixed2(u.score)) +
              "，文号前缀与该单位其他案件相同 (resolved by the 文号 prefix its other cases share)";
    } else {
      pending.push_back(out.size());
    }
    out.push_back(std::move(u));
  }
  // What the name and the prefix left open: the unit of the entry the case links to.
  if (!pending.empty()) {
    const Linking linking = link_records(files, entries, link);
    std::map<std::size_t, std::size_t> entry_of;
    for (const Link& l : linking.links) entry_of[l.file] = l.entry;
    for (std::size_t p : pending) {
      UnitResolution& u = out[p];
      const auto t = known.text(u.read);
      const auto it = entry_of.find(u.file);
      const auto k = it == entry_of.end() ? std::nullopt : known.find(entries[it->second].unit);
      if (k && fits(u.read, *k, t.score)) {
        u.unit = known.name(*k), u.resolved = true, u.score = known.similarity_to(u.read, *k);
        u.how = std::string(u.read.empty() ? "单位名称未识别" : "名称相似度 " + fixed2(u.score)) +
                "，按关联的平台录入 " + entries[it->second].origin.text() + " 的录入单位 (resolved by the linked entry's unit)";
      } else if (t.best && t.score >= o.accept) {
        u.how = "与“" + known.name(*t.best) + "”（" + fixed2(t.score) + "）" +
                (t.second_unit ? "和“" + known.name(*t.second_unit) + "”（" + fixed2(t.second) + "）" : std::string()) +
                "都相近，无法确定 (close to more than one known unit)";
      } else {
        u.how = u.read.empty() ? "单位名称未识别，也无文号前缀或关联录入可依 (no name read, no other clue)"
                               : "与已知单位均不相近" + (u.closest.empty() ? "" : "（最接近“" + u.closest + "”，" +
                                                                              fixed2(u.score) + "）") +
                                     " (not close to any known unit)";
      }
    }
  }
  for (UnitResolution& u : out) {
    CaseRecord& f = files[u.file];
    if (u.unit != f.unit) {
      f.unit_read = f.unit;
      f.unit = u.unit;
    }
  }
  return out;
}

std::vector<std::string> read_unit_list(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportError(file, "无法打开单位名单 (cannot open the unit list)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  std::string text;
  ocr::Utf8Checker utf8;
  std::size_t complete = 0;
  if (utf8.check(bytes, complete) && complete == bytes.size()) {
    text = bytes;
  } else {
    ocr::Gb18030Decoder decoder;
    ocr::Gb18030Plausibility plausible;
    plausible.feed(bytes);
    if (!decoder.decode(bytes, true, text) || !plausible.plausible()) throw ImportError(file, ocr::kEncodingProblem);
  }
  std::vector<std::string> units;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::string_view t = import::trim(line);
    if (t.empty() || t.front() == '#') continue;
    units.emplace_back(t);
  }
  return units;
}

}  // namespace caseaudit::audit
