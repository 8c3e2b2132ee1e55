// Linking case files to platform entries (see link.h).
//
// Pass 1 links a canonical 文号 found on exactly one file and one entry,
// unless everything else about the two disagrees (see contradicts()).
// Pass 2 scores candidate pairs from the blocks (link_blocks.h) and links a
// pair when each is the other's best by at least the margin among what is not
// yet linked, and the score reaches `accept`. Linking a pair only removes
// competitors of other pairs, so repeating this until nothing changes reaches
// one fixed point whatever the order: the same input gives the same links.
// A file still left with a candidate at or above `accept` is ambiguous.
#include "caseaudit/audit/link.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "link_blocks.h"
#include "link_score.h"
#include "link_view.h"

namespace caseaudit::audit {

using namespace link_detail;

std::string_view link_field_name(LinkField f) {
  switch (f) {
    case LinkField::Number: return "文号";
    case LinkField::Party: return "当事人";
    case LinkField::Category: return "案件类别";
    case LinkField::Filed: return "立案日期";
    case LinkField::Decided: return "处罚决定日期";
    case LinkField::Transferred: return "移送日期";
    case LinkField::Withdrawn: return "撤案日期";
    case LinkField::CaseAmount: return "涉案金额";
    case LinkField::Fine: return "罚款金额";
  }
  return "";
}

std::string_view link_field_key(LinkField f) {
  switch (f) {
    case LinkField::Number: return "number";
    case LinkField::Party: return "party";
    case LinkField::Category: return "category";
    case LinkField::Filed: return "filed";
    case LinkField::Decided: return "decided";
    case LinkField::Transferred: return "transferred";
    case LinkField::Withdrawn: return "withdrawn";
    case LinkField::CaseAmount: return "case_amount";
    case LinkField::Fine: return "fine";
  }
  return "";
}

std::string Link::explain() const {
  std::string out;
  if (by_number) {
    out = "按文号关联";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", score);
    out = std::string("按评分关联（得分 ") + buf + "）";
  }
  if (!agreed.empty()) {
    out += "；一致：";
    for (std::size_t i = 0; i < agreed.size(); ++i) {
      std::string_view item = agreed[i];
      constexpr std::string_view kSuffix = "一致";
      if (item.ends_with(kSuffix)) item.remove_suffix(kSuffix.size());
      out += (i ? "、" : "") + std::string(item);
    }
  }
  if (!differences.empty()) {
    out += "；不一致：";
    for (std::size_t i = 0; i < differences.size(); ++i) {
      const LinkDifference& d = differences[i];
      out += (i ? "、" : "") + std::string(link_field_name(d.field));
      if (d.likely_misread) out += "相近，可能为识别误差";
      out += "（案卷 " + d.file_value + " / 平台 " + d.entry_value + "）";
    }
  } else if (agreed.empty()) {
    out += "；无可比较的字段";
  }
  return out;
}

namespace {

constexpr double kEps = 1e-9;

// An exact 文号 whose other fields (party, dates, amounts...) all but
// disagree: a misread serial can hit another case's 文号, so such a pair is
// scored like the rest instead of being linked on the 文号 alone.
bool contradicts(const CaseRecord& file, const LinkView& fv, const CaseRecord& entry, const LinkView& ev) {
  constexpr double kRestAtLeast = 0.4;
  const bool evidence = (!fv.party.empty() && !ev.party.empty()) || (fv.best_date && ev.best_date);
  return evidence && score_pair(file, fv, entry, ev, /*use_number=*/false, /*min_evidence=*/0.0) < kRestAtLeast;
}

struct Scored {
  std::uint32_t file, entry;
  double score;
};

// The scored pass over candidate pairs; see the file comment.
class Matcher {
 public:
  Matcher(std::vector<Scored> pairs, std::size_t n_files, std::size_t n_entries, const LinkOptions& options)
      : pairs_(std::move(pairs)), options_(options), file_linked_(n_files, false), entry_linked_(n_entries, false) {
    // pairs_ is sorted by (file, entry): files' ranges are contiguous; entries get an index.
    file_begin_.assign(n_files + 1, 0);
    for (const Scored& p : pairs_) ++file_begin_[p.file + 1];
    for (std::size_t i = 0; i < n_files; ++i) file_begin_[i + 1] += file_begin_[i];
    entry_begin_.assign(n_entries + 1, 0);
    for (const Scored& p : pairs_) ++entry_begin_[p.entry + 1];
    for (std::size_t i = 0; i < n_entries; ++i) entry_begin_[i + 1] += entry_begin_[i];
    by_entry_.resize(pairs_.size());
    std::vector<std::size_t> fill(entry_begin_.begin(), entry_begin_.end() - 1);
    for (std::size_t i = 0; i < pairs_.size(); ++i) by_entry_[fill[pairs_[i].entry]++] = i;
  }

  void mark_linked(std::size_t file, std::size_t entry) { file_linked_[file] = entry_linked_[entry] = true; }

  // Links every pair that is mutually best by the margin, until nothing changes.
  std::vector<Scored> run(const std::vector<std::uint32_t>& files) {
    std::vector<Scored> links;
    std::deque<std::uint32_t> queue(files.begin(), files.end());
    std::vector<bool> queued(file_linked_.size(), false);
    for (std::uint32_t f : files) queued[f] = true;
    while (!queue.empty()) {
      const std::uint32_t f = queue.front();
      queue.pop_front();
      queued[f] = false;
      if (file_linked_[f]) continue;
      const Best fb = best_for_file(f);
      if (!fb.found || fb.score < options_.accept - kEps || fb.score - fb.runner_up < options_.margin - kEps) continue;
      const Best eb = best_for_entry(pairs_[fb.pair].entry);
      if (eb.pair != fb.pair || eb.score - eb.runner_up < options_.margin - kEps) continue;
      const std::uint32_t e = pairs_[fb.pair].entry;
      mark_linked(f, e);
      links.push_back(pairs_[fb.pair]);
      // Files that competed for e, and files competing for entries f competed for, may now be clear.
      auto requeue = [&](std::uint32_t g) {
        if (!file_linked_[g] && !queued[g]) queued[g] = true, queue.push_back(g);
      };
      for (std::size_t k = entry_begin_[e]; k < entry_begin_[e + 1]; ++k) requeue(pairs_[by_entry_[k]].file);
      for (std::size_t k = file_begin_[f]; k < file_begin_[f + 1]; ++k) {
        const std::uint32_t other = pairs_[k].entry;
        for (std::size_t m = entry_begin_[other]; m < entry_begin_[other + 1]; ++m) requeue(pairs_[by_entry_[m]].file);
      }
    }
    return links;
  }

  // For a file left unlinked: its candidates within the margin of its best
  // (at or above accept), and the other files within the margin on them.
  std::optional<Ambiguity> ambiguity(std::uint32_t f) const {
    const Best fb = best_for_file(f);
    if (!fb.found || fb.score < options_.accept - kEps) return std::nullopt;
    Ambiguity a;
    a.file = f;
    std::vector<std::pair<double, std::uint32_t>> within;
    for (std::size_t k = file_begin_[f]; k < file_begin_[f + 1]; ++k)
      if (!entry_linked_[pairs_[k].entry] && fb.score - pairs_[k].score < options_.margin - kEps)
        within.push_back({pairs_[k].score, pairs_[k].entry});
    std::sort(within.begin(), within.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    for (const auto& [score, e] : within) {
      a.entries.push_back(e);
      a.scores.push_back(score);
      for (std::size_t k = entry_begin_[e]; k < entry_begin_[e + 1]; ++k) {
        const Scored& p = pairs_[by_entry_[k]];
        if (p.file != f && !file_linked_[p.file] && p.score > score - options_.margin + kEps) a.rival_files.push_back(p.file);
      }
    }
    std::sort(a.rival_files.begin(), a.rival_files.end());
    a.rival_files.erase(std::unique(a.rival_files.begin(), a.rival_files.end()), a.rival_files.end());
    return a;
  }

 private:
  struct Best {
    bool found = false;
    std::size_t pair = 0;
    double score = 0;
    double runner_up = 0;
  };

  // Highest score (ties: lowest index) and the next score among unlinked partners.
  template <typename Index>
  Best best_of(std::size_t begin, std::size_t end, Index pair_at, bool by_file) const {
    Best b;
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t i = pair_at(k);
      const Scored& p = pairs_[i];
      if (by_file ? entry_linked_[p.entry] : file_linked_[p.file]) continue;
      if (!b.found || p.score > b.score) {
        if (b.found) b.runner_up = b.score;
        b.found = true, b.pair = i, b.score = p.score;
      } else if (p.score > b.runner_up) {
        b.runner_up = p.score;
      }
    }
    return b;
  }
  Best best_for_file(std::uint32_t f) const {
    return best_of(file_begin_[f], file_begin_[f + 1], [](std::size_t k) { return k; }, true);
  }
  Best best_for_entry(std::uint32_t e) const {
    return best_of(entry_begin_[e], entry_begin_[e + 1], [this](std::size_t k) { return by_entry_[k]; }, false);
  }

  std::vector<Scored> pairs_;
  LinkOptions options_;
  std::vector<bool> file_linked_, entry_linked_;
  std::vector<std::size_t> file_begin_, entry_begin_, by_entry_;
};

}  // namespace

Linking link_records(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const LinkOptions& options) {
  // The two sides' views at once, one on each core (a builder each: its
  // caches are its own, and the views point into them).
  ViewBuilder file_builder, entry_builder;
  std::vector<LinkView> fv, ev;
  auto views = [](const std::vector<CaseRecord>& records, ViewBuilder& builder, std::vector<LinkView>& out) {
    out.reserve(records.size());
    for (const CaseRecord& r : records) out.push_back(builder.build(r));
  };
  std::thread entry_views(views, std::cref(entries), std::ref(entry_builder), std::ref(ev));
  try {
    views(files, file_builder, fv);
  } catch (...) {
    entry_views.join();
    throw;
  }
  entry_views.join();

  std::vector<bool> file_free(files.size(), true), entry_free(entries.size(), true);
  std::vector<Scored> linked;

  // Pass 1: a canonical 文号 on exactly one file and one entry.
  struct Group {
    std::size_t files = 0, entries = 0, file = 0, entry = 0;
  };
  std::unordered_map<std::string_view, Group> groups;
  groups.reserve(files.size() + entries.size());
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!fv[i].number_key.empty()) {
      Group& g = groups[fv[i].number_key];
      ++g.files, g.file = i;
    }
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (!ev[i].number_key.empty()) {
      auto it = groups.find(ev[i].number_key);
      if (it != groups.end()) ++it->second.entries, it->second.entry = i;
    }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (fv[i].number_key.empty()) continue;
    const Group& g = groups.at(fv[i].number_key);
    if (g.files == 1 && g.entries == 1 && !contradicts(files[i], fv[i], entries[g.entry], ev[g.entry])) {
      linked.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(g.entry), 1.0});
      file_free[i] = entry_free[g.entry] = false;
    }
  }
  const std::size_t by_number = linked.size();

  // Pass 2: scored candidates from the blocks.
  std::vector<Scored> scored;
  for (const CandidatePair& c : candidate_pairs(files, fv, file_free, entries, ev, entry_free)) {
    const double s = score_pair(files[c.file], fv[c.file], entries[c.entry], ev[c.entry]);
    if (s > 0 && s >= options.accept - options.margin - kEps) scored.push_back({c.file, c.entry, s});
  }
  Matcher matcher(std::move(scored), files.size(), entries.size(), options);
  std::vector<std::uint32_t> open_files;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (file_free[i]) open_files.push_back(static_cast<std::uint32_t>(i));
  for (const Scored& l : linked) matcher.mark_linked(l.file, l.entry);
  for (const Scored& l : matcher.run(open_files)) {
    linked.push_back(l);
    file_free[l.file] = entry_free[l.entry] = false;
  }

  Linking out;
  out.links.reserve(linked.size());
  for (std::size_t i = 0; i < linked.size(); ++i) {
    Link link;
    link.file = linked[i].file;
    link.entry = linked[i].entry;
    link.score = linked[i].score;
    link.by_number = i < by_number;
    describe(link, files[link.file], fv[link.file], entries[link.entry], ev[link.entry]);
    out.links.push_back(std::move(link));
  }
  std::sort(out.links.begin(), out.links.end(), [](const Link& a, const Link& b) { return a.file < b.file; });

  std::vector<bool> entry_held(entries.size(), false);
  for (std::uint32_t f : open_files) {
    if (!file_free[f]) continue;
    if (auto a = matcher.ambiguity(f)) {
      for (std::size_t e : a->entries) entry_held[e] = true;
      out.ambiguous.push_back(std::move(*a));
    } else {
      out.files_unlinked.push_back(f);
    }
  }
  for (std::size_t e = 0; e < entries.size(); ++e)
    if (entry_free[e] && !entry_held[e]) out.entries_unlinked.push_back(e);
  return out;
}

}  // namespace caseaudit::audit
