// Reconciliation of case files with platform entries (see reconcile.h): the
// per-case findings. Criminal-law findings are in reconcile_criminal.cpp, the
// per-unit statistics and the selective-entry test in unit_stats.cpp.
#include "caseaudit/audit/reconcile.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "caseaudit/forms/lookalikes.h"
#include "caseaudit/forms/normalize.h"
#include "caseaudit/rules/data_error.h"
#include "link_view.h"
#include "reconcile_parts.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

AuditContext AuditContext::load(const fs::path& rules_dir, const std::string& profile) {
  const fs::path dir = rules_dir.empty() ? rules::default_rules_dir() : rules_dir;
  AuditContext c{rules::load_profile(dir / "profiles", profile), rules::WorkCalendar::load(dir / "calendars"),
                 rules::ThresholdTable::load(dir / "thresholds"), {}, {}, rules::FactMap::load(dir)};
  c.offences = rules::OffenceMap::load(dir / "screening", c.thresholds);
  for (auto& pack : rules::load_rule_packs(dir / "packs"))
    if (std::find(c.profile.rule_packs.begin(), c.profile.rule_packs.end(), pack.name) != c.profile.rule_packs.end())
      c.packs.push_back(std::move(pack));
  std::string known;
  for (const char* k : kind::kAll) known += (known.empty() ? "" : ", ") + std::string(k);
  for (const auto& f : c.profile.findings)
    if (std::find_if(std::begin(kind::kAll), std::end(kind::kAll), [&](const char* k) { return f.kind == k; }) ==
        std::end(kind::kAll))
      throw rules::DataError(f.set_at.file, f.set_at.line,
                             "findings: unknown finding kind \"" + f.kind + "\" (the audit reports " + known + ")");
  const fs::path file = dir / "profiles" / (profile + ".yaml");
  for (const char* k : kind::kAll)
    if (!c.profile.finding(k))
      throw rules::DataError(file, 0, std::string("findings: ") + k +
                                          " is missing (in this profile and every profile it extends)");
  return c;
}

const rules::FindingSpec& AuditContext::finding(const std::string& k) const {
  if (const rules::FindingSpec* f = profile.finding(k)) return *f;
  throw std::logic_error("finding kind not in the profile: " + k);  // load() checks every kind
}

namespace detail {

std::string yuan(std::int64_t fen) {
  std::string s = std::to_string(fen / 100);
  if (fen % 100) s += "." + std::to_string(100 + fen % 100).substr(1);
  return s + "元";
}

std::string where_file(const CaseRecord& r) { return r.origin.row == 0 ? r.origin.text() : "台账 " + r.origin.text(); }
std::string where_entry(const CaseRecord& r) { return "平台 " + r.origin.text(); }

std::string case_number(const CaseRecord& r) { return r.number_key.empty() ? r.number : r.number_key; }

AuditFinding base_finding(const char* k, const CaseRecord& r) {
  AuditFinding f;
  f.kind = k;
  f.unit = r.unit;
  f.number = case_number(r);
  f.party = r.party;
  return f;
}

AuditFinding make_finding(const AuditContext& ctx, const char* k, const CaseRecord& r, const std::string& detail,
                          const std::vector<std::string>& more_basis) {
  const rules::FindingSpec& spec = ctx.finding(k);
  AuditFinding f = base_finding(k, r);
  f.title = spec.title;
  f.severity = spec.severity;
  f.message = spec.message + (detail.empty() ? "" : "：" + detail);
  std::vector<std::string> parts;
  for (const auto& s : spec.sources) parts.push_back(s.text());
  for (const auto& b : more_basis)
    if (!b.empty() && std::find(parts.begin(), parts.end(), b) == parts.end()) parts.push_back(b);
  for (const auto& b : parts) f.basis += (f.basis.empty() ? "" : "；") + b;
  if (f.basis.empty()) f.basis = "—";
  f.note = spec.note;
  while (!f.note.empty() && (f.note.back() == '\n' || f.note.back() == ' ')) f.note.pop_back();
  return f;
}

Clocks entry_clocks(const CaseRecord& file, const CaseRecord& entry, const rules::Profile& profile) {
  const Category cat = file.category != Category::Unknown ? file.category : entry.category;
  Clocks out;
  auto gather = [&](bool transfer) {
    for (const rules::EntryDeadline& d : profile.entry_deadlines) {
      std::optional<forms::Date> CaseRecord::*field = nullptr;
      const char* what = nullptr;
      if (transfer && d.clock == rules::Clock::CaseTransferred) field = &CaseRecord::transferred, what = "移送日期";
      else if (!transfer && d.clock == rules::Clock::CaseFiled) field = &CaseRecord::filed, what = "立案日期";
      else if (!transfer && d.clock == rules::Clock::CaseDecided) field = &CaseRecord::decided, what = "决定日期";
      if (!what) continue;
      const auto& date = file.*field ? file.*field : entry.*field;
      if (date) out.clocks.push_back(Clock{&d, what, *date, (file.*field).has_value()});
      else if (std::find(out.lacking.begin(), out.lacking.end(), what) == out.lacking.end()) out.lacking.push_back(what);
    }
  };
  // A transfer whose transfer date is unknown is judged as a penalty case (by its filing or decision).
  if (cat == Category::Transfer) gather(true);
  if (out.clocks.empty()) gather(false);
  return out;
}

}  // namespace detail

namespace {

using namespace detail;

// What the per-case checks could not judge, counted for the notes.
struct Unjudged {
  std::map<std::string, int> lacking_clock;  // 立案日期 -> cases whose lateness could not be judged for want of it
  int no_entry_date = 0;                     // linked entries without 录入日期
};

void late_finding(const CaseRecord& file, const CaseRecord& entry, const AuditContext& ctx, std::size_t fi,
                  std::size_t ei, PairStats& stats, std::vector<AuditFinding>& out, std::vector<std::string>& notes,
                  Unjudged& unjudged) {
  const Clocks clocks = entry_clocks(file, entry, ctx.profile);
  if (clocks.clocks.empty()) {
    std::string what;
    for (const auto& w : clocks.lacking) what += (what.empty() ? "" : "/") + w;
    if (!what.empty()) ++unjudged.lacking_clock[what];
    return;
  }
  if (!entry.entered) {
    ++unjudged.no_entry_date;
    return;
  }
  // Of the deadlines that apply, the one due first binds. A region may state
  // its deadline in working days (漯河: 7) or calendar days; months and years
  // are not entry deadlines anyone uses, and are not judged.
  struct Judged {
    const Clock* clock;
    bool working;
    int allowed, days;
    forms::Date due;
  };
  std::optional<Judged> binding;
  for (const Clock& clock : clocks.clocks) {
    const rules::EntryDeadline& deadline = *clock.deadline;
    const bool working = deadline.deadline.unit == rules::Duration::Unit::WorkingDays;
    if (!working && deadline.deadline.unit != rules::Duration::Unit::Days) continue;
    const int allowed = deadline.deadline.count - (ctx.profile.counting.first_day_counts ? 1 : 0);
    try {
      Judged j{&clock, working, allowed, 0, {}};
      j.days = working ? ctx.calendar.working_days_between(clock.date, *entry.entered)
                       : static_cast<int>(rules::days_from_civil(*entry.entered) - rules::days_from_civil(clock.date));
      j.due = working ? ctx.calendar.add_working_days(clock.date, allowed) : rules::add_calendar_days(clock.date, allowed);
      if (!binding || j.due < binding->due) binding = j;
    } catch (const rules::MissingCalendarYear& e) {
      notes.push_back(case_number(file) + "：迟录无法判断 (lateness not judged): " + e.what());
      return;
    }
  }
  if (!binding) return;
  const Judged& j = *binding;
  const rules::EntryDeadline& deadline = *j.clock->deadline;
  stats.delay = j.days;  // in the deadline's own unit
  stats.on_time = j.days <= j.allowed;
  if (j.days <= j.allowed) return;
  const std::string unit = j.working ? " 个工作日" : " 日";
  const std::string detail =
      deadline.information + "：" + j.clock->what + " " + j.clock->date.iso() + "，应于 " + j.due.iso() + " 前录入，实际录入 " +
      entry.entered->iso() + "，相隔 " + std::to_string(j.days) + unit + "（期限 " + deadline.deadline.text() + "） (entered " +
      std::to_string(j.days) + (j.working ? " working" : "") + " days after the " + std::string(rules::clock_name(deadline.clock)) +
      " date; limit " + deadline.deadline.text() + ")";
  AuditFinding f = make_finding(ctx, kind::kLate, file, detail,
                                {deadline.source.text(), deadline.clock_source ? deadline.clock_source->text() : ""});
  f.evidence = {where_entry(entry) + " 录入日期 " + entry.entered->iso(),
                (j.clock->from_file ? where_file(file) : where_entry(entry)) + " " + j.clock->what + " " +
                    j.clock->date.iso()};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

// A record's value of a field, as shown in messages; "" when it has none.
std::string shown_value(const CaseRecord& r, const std::string& field) {
  auto date = [](const std::optional<forms::Date>& d) { return d ? d->iso() : std::string(); };
  auto amount = [](const std::optional<std::int64_t>& a) { return a ? yuan(*a) : std::string(); };
  if (field == "unit") return r.unit;
  if (field == "number") return r.number.empty() ? r.number_key : r.number;
  if (field == "name") return r.name;
  if (field == "party") return r.party;
  if (field == "cause") return r.cause;
  if (field == "status") return r.status;
  if (field == "category") return r.category == Category::Unknown ? "" : std::string(category_name(r.category));
  if (field == "filed") return date(r.filed);
  if (field == "decided") return date(r.decided);
  if (field == "transferred") return date(r.transferred);
  if (field == "withdrawn") return date(r.withdrawn);
  if (field == "police_filed") return date(r.police_filed);
  if (field == "police_refused") return date(r.police_refused);
  if (field == "case_amount") return amount(r.case_amount);
  if (field == "fine") return amount(r.fine);
  return "";
}

// 录入信息不全: a blank column is incomplete when the case file (or register
// row) shows a value for it, or when its profile requires it for the case's
// category whatever the file shows (must_fill: always, transfer, penalty).
void incomplete_finding(const CaseRecord& file, const CaseRecord& entry, const AuditContext& ctx, std::size_t fi,
                        std::size_t ei, std::vector<AuditFinding>& out) {
  const Category cat = file.category != Category::Unknown ? file.category : entry.category;
  const std::string side = file.origin.row == 0 ? "案卷" : "台账";
  std::string what, cols;
  for (const BlankColumn& b : entry.blank) {
    const std::string shown = shown_value(file, b.field);
    const bool required = b.rule == MustFill::Always || (b.rule == MustFill::Transfer && cat == Category::Transfer) ||
                          (b.rule == MustFill::Penalty && cat == Category::Penalty);
    if (!required && (b.rule == MustFill::Never || shown.empty())) continue;
    std::string item = b.column + " 未填";
    if (!shown.empty()) item += "，" + side + "载明 " + shown;
    else item += "（" + std::string(b.rule == MustFill::Always ? "必填项" : b.rule == MustFill::Transfer ? "涉嫌犯罪移送案件必填"
                                                                                                : "行政处罚案件必填") +
                 "，" + side + "亦未载明）";
    what += (what.empty() ? "" : "；") + item;
    cols += (cols.empty() ? "" : "、") + b.column;
  }
  if (what.empty()) return;
  AuditFinding f = make_finding(ctx, kind::kIncomplete, file, what + " (blank on the platform: " + cols + ")");
  f.evidence = {where_entry(entry) + " " + cols + " 为空", where_file(file)};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

// When the case file's 当事人 is read well enough to say the platform mistyped
// it (platform.party_typo), rather than that OCR slipped: read with high
// confidence, or with fair confidence and the same on two documents of the
// file; and the names differ by one or two characters none of which OCR
// confuses with the other (forms::lookalike: a document printed in one font
// may be misread the same way twice, while a typist's slip is a homophone, not
// a look-alike). A register row is typed, not read: which side mistyped cannot
// be told. Anything less says nothing.
constexpr float kHighConfidence = 0.95f, kAgreedConfidence = 0.85f;

bool party_typo(const CaseRecord& file, const CaseRecord& entry) {
  if (file.origin.row != 0) return false;
  const bool sure = file.party_confidence >= kHighConfidence ||
                    (file.party_sources >= 2 && file.party_confidence >= kAgreedConfidence);
  if (!sure) return false;
  const std::u32string a = link_detail::fold_to_u32(file.party_key), b = link_detail::fold_to_u32(entry.party_key);
  const std::size_t shorter = std::min(a.size(), b.size());
  // A character missing from one side is what OCR does to a character it
  // does not know (a rare place name: 漯河市郾城区 read 漯河市城区): a typist's
  // slip is a wrong character, not a lost one.
  if (shorter < 3 || a == b || a.size() != b.size()) return false;
  const double plain = forms::edit_distance(a, b, false);
  if (plain > 2.0 || plain > static_cast<double>(shorter) / 3.0) return false;  // another party, not a typo
  return forms::edit_distance(a, b, true) >= plain - 1e-9;                     // no look-alike in the difference
}

void mismatch_finding(const CaseRecord& file, const CaseRecord& entry, const Link& link, const AuditContext& ctx,
                      std::vector<AuditFinding>& out) {
  std::string what;
  for (const auto& d : link.differences) {
    if (d.field == LinkField::Number || d.field == LinkField::Category) continue;
    if (d.file_value.empty() || d.entry_value.empty()) continue;  // blank is "incomplete", not a disagreement
    if (d.field == LinkField::Party && party_typo(file, entry)) {
      AuditFinding f = make_finding(ctx, kind::kPartyTypo, file,
                                    "案卷 " + d.file_value + " / 平台 " + d.entry_value + " (case file / platform)");
      std::string conf = std::to_string(static_cast<int>(std::lround(file.party_confidence * 100)));
      f.evidence = {where_file(file) + " 当事人「" + d.file_value + "」（识别置信度 " + conf + "%" +
                        (file.party_sources >= 2 ? "，" + std::to_string(file.party_sources) + " 份文书一致" : "") + "）",
                    where_entry(entry) + " 当事人「" + d.entry_value + "」"};
      f.file = link.file, f.entry = link.entry;
      out.push_back(std::move(f));
      continue;
    }
    if (d.likely_misread || file.unsure.count(std::string(link_field_key(d.field)))) continue;
    if (d.field == LinkField::CaseAmount && entry.case_amount &&
        std::ranges::count(file.stated_amounts, *entry.case_amount) > 0)
      continue;  // the platform took another amount the facts state
    const std::string name(link_field_name(d.field));
    what += (what.empty() ? "" : "；") + name + "：案卷 " + d.file_value + " / 平台 " + d.entry_value;
  }
  if (what.empty()) return;
  AuditFinding f = make_finding(ctx, kind::kMismatch, file, what);
  f.evidence = {where_file(file), link.explain()};
  f.file = link.file, f.entry = link.entry;
  out.push_back(std::move(f));
}

void category_finding(const CaseRecord& file, const CaseRecord& entry, const AuditContext& ctx, std::size_t fi,
                      std::size_t ei, std::vector<AuditFinding>& out) {
  if (file.category == Category::Unknown || entry.category == Category::Unknown || file.category == entry.category) return;
  AuditFinding f = make_finding(ctx, kind::kCategory, file,
                                "案卷为" + std::string(category_name(file.category)) + "，平台录为" +
                                    std::string(category_name(entry.category)));
  f.evidence = {where_file(file) + " " + std::string(category_name(file.category)),
                where_entry(entry) + " 案件类别 " + std::string(category_name(entry.category))};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

// What an unlinked record is compared on when it looks like another: its
// 文号's year and serial, and its party folded; read once per record.
struct Likeness {
  std::optional<forms::DocNumber> number;
  std::u32string party;
};

Likeness likeness(const CaseRecord& r) {
  return {forms::parse_doc_number(r.number), r.party_key.empty() ? std::u32string() : link_detail::fold_to_u32(r.party_key)};
}

// The same 文号 year and serial, or parties that differ by what OCR does.
bool look_alike(const Likeness& a, const Likeness& b) {
  if (a.number && b.number && a.number->year == b.number->year && a.number->serial == b.number->serial) return true;
  if (a.party.empty() || b.party.empty()) return false;
  return forms::similarity(a.party, b.party, true) >= 0.7;
}

// Unlinked (scanned case file, entry) pairs of one unit that look alike, each
// the other's only match.
std::vector<std::pair<std::size_t, std::size_t>> possible_pairs(const std::vector<CaseRecord>& files,
                                                                const std::vector<CaseRecord>& entries, const Linking& l) {
  std::map<std::string, std::vector<std::pair<std::size_t, Likeness>>> by_unit;  // unlinked entries
  for (std::size_t ei : l.entries_unlinked) by_unit[entries[ei].unit].push_back({ei, likeness(entries[ei])});
  std::map<std::size_t, std::vector<std::size_t>> of_file, of_entry;
  for (std::size_t fi : l.files_unlinked) {
    if (files[fi].origin.row != 0) continue;  // scanned case files only
    const auto unit = by_unit.find(files[fi].unit);
    if (unit == by_unit.end()) continue;
    const Likeness file = likeness(files[fi]);
    for (const auto& [ei, entry] : unit->second)
      if (look_alike(file, entry)) of_file[fi].push_back(ei), of_entry[ei].push_back(fi);
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& [fi, es] : of_file)
    if (es.size() == 1 && of_entry[es.front()].size() == 1) out.push_back({fi, es.front()});
  return out;
}

}  // namespace

ReconcileResult reconcile(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                          const AuditContext& ctx, const ReconcileOptions& options,
                          const std::vector<std::optional<rules::TransferScreening>>& screenings,
                          const std::map<std::string, int>& population, ocr::StageTimes* times) {
  ReconcileResult r;
  ocr::StageTimes own;
  ocr::StageClock clock(times ? *times : own);
  r.linking = link_records(files, entries, options.link);
  clock.lap("link");
  std::vector<PairStats> stats(files.size());
  std::vector<std::optional<std::size_t>> entry_of(files.size());

  Unjudged unjudged;
  for (const Link& l : r.linking.links) {
    const CaseRecord &file = files[l.file], &entry = entries[l.entry];
    entry_of[l.file] = l.entry;
    stats[l.file].entered = true;
    late_finding(file, entry, ctx, l.file, l.entry, stats[l.file], r.findings, r.notes, unjudged);
    incomplete_finding(file, entry, ctx, l.file, l.entry, r.findings);
    mismatch_finding(file, entry, l, ctx, r.findings);
    category_finding(file, entry, ctx, l.file, l.entry, r.findings);
  }
  for (const auto& [what, n] : unjudged.lacking_clock)
    r.notes.push_back(std::to_string(n) + " 件已关联的案件无" + what + "（案卷/台账与平台均无），迟录无法判断 (lateness not judged for " +
                      std::to_string(n) + " linked cases: no " + what + ")");
  if (unjudged.no_entry_date)
    r.notes.push_back(std::to_string(unjudged.no_entry_date) + " 条平台录入无录入日期，迟录无法判断 (lateness not judged: no entry date)");
  const auto possible = possible_pairs(files, entries, r.linking);
  for (const auto& [fi, ei] : possible) {
    AuditFinding f = make_finding(ctx, kind::kMissing, files[fi], "");
    f.message = "待核实：未能确认关联，案卷可能即平台 " + where_entry(entries[ei]) + "（" + entries[ei].number + "，" +
                entries[ei].party + "），请核对后再认定漏录或有录入无案卷 (not linked surely: the case file may be this entry; "
                "confirm before calling it missing or an orphan)";
    f.evidence = {where_file(files[fi]), where_entry(entries[ei])};
    f.file = fi, f.entry = ei;
    r.to_verify.push_back(std::move(f));
  }
  const auto paired_file = [&](std::size_t fi) {
    return std::any_of(possible.begin(), possible.end(), [&](const auto& p) { return p.first == fi; });
  };
  const auto paired_entry = [&](std::size_t ei) {
    return std::any_of(possible.begin(), possible.end(), [&](const auto& p) { return p.second == ei; });
  };
  for (std::size_t fi : r.linking.files_unlinked) {
    if (paired_file(fi)) continue;
    AuditFinding f = make_finding(ctx, kind::kMissing, files[fi], "");
    f.evidence = {where_file(files[fi])};
    f.file = fi;
    r.findings.push_back(std::move(f));
  }
  for (const Ambiguity& a : r.linking.ambiguous) {
    AuditFinding f = make_finding(ctx, kind::kAmbiguous, files[a.file], "");
    f.evidence = {where_file(files[a.file])};
    for (std::size_t e : a.entries) f.evidence.push_back("候选 candidate: " + where_entry(entries[e]) + " " + entries[e].number);
    f.file = a.file;
    r.findings.push_back(std::move(f));
  }
  for (std::size_t ei : r.linking.entries_unlinked) {
    if (paired_entry(ei)) continue;
    AuditFinding f = make_finding(ctx, kind::kOrphan, entries[ei], "");
    f.evidence = {where_entry(entries[ei])};
    f.entry = ei;
    r.findings.push_back(std::move(f));
  }
  clock.lap("reconcile linked and unlinked");
  criminal_findings(files, entries, entry_of, ctx, options, screenings, stats, r);
  clock.lap("criminal findings");
  unit_statistics(files, entries, stats, ctx, options, population, r);
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const AuditFinding& a, const AuditFinding& b) {
    return std::tie(a.unit, a.number, a.kind) < std::tie(b.unit, b.number, b.kind);
  });
  clock.lap("unit statistics, sort");
  return r;
}

}  // namespace caseaudit::audit
