// Reconciliation of case files with platform entries (see reconcile.h): the
// per-case findings. Criminal-law findings are in reconcile_criminal.cpp, the
// per-unit statistics and the selective-entry test in unit_stats.cpp.
#include "caseaudit/audit/reconcile.h"

#include <algorithm>

#include "caseaudit/rules/data_error.h"
#include "reconcile_parts.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

AuditContext AuditContext::load(const fs::path& rules_dir, const std::string& profile) {
  const fs::path dir = rules_dir.empty() ? rules::default_rules_dir() : rules_dir;
  AuditContext c{rules::load_profile(dir / "profiles", profile), rules::WorkCalendar::load(dir / "calendars"),
                 rules::ThresholdTable::load(dir / "thresholds"), {}, {}};
  c.offences = rules::OffenceMap::load(dir / "screening", c.thresholds);
  for (auto& pack : rules::load_rule_packs(dir / "packs"))
    if (std::find(c.profile.rule_packs.begin(), c.profile.rule_packs.end(), pack.name) != c.profile.rule_packs.end())
      c.packs.push_back(std::move(pack));
  return c;
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

// The date the entry deadline runs from, and the profile's deadline kind:
// 移送日期 for a transfer, 撤案日期 for a withdrawn case, else 立案日期. The
// case file's date wins; the entry's own is used when the file has none.
std::optional<Clock> entry_clock(const CaseRecord& file, const CaseRecord& entry) {
  const Category cat = file.category != Category::Unknown ? file.category : entry.category;
  auto pick = [&](std::optional<forms::Date> CaseRecord::*date) { return file.*date ? file.*date : entry.*date; };
  if (cat == Category::Transfer)
    if (auto d = pick(&CaseRecord::transferred)) return Clock{"transfer", "移送日期", *d};
  if (auto d = pick(&CaseRecord::filed)) return Clock{"filing", "立案日期", *d};
  return std::nullopt;
}

}  // namespace detail

namespace {

using namespace detail;

void late_finding(const CaseRecord& file, const CaseRecord& entry, const AuditContext& ctx, std::size_t fi,
                  std::size_t ei, PairStats& stats, std::vector<AuditFinding>& out, std::vector<std::string>& notes) {
  const auto clock = entry_clock(file, entry);
  if (!clock || !entry.entered) return;
  const rules::EntryDeadline* deadline = ctx.profile.entry_deadline(clock->kind);
  if (!deadline) return;
  // A region may state its deadline in working days (漯河: 7) or calendar days; months and years are not
  // entry deadlines anyone uses, and are not judged.
  const bool working = deadline->deadline.unit == rules::Duration::Unit::WorkingDays;
  if (!working && deadline->deadline.unit != rules::Duration::Unit::Days) return;
  const int allowed = deadline->deadline.count - (ctx.profile.counting.first_day_counts ? 1 : 0);
  int days = 0;
  forms::Date due;
  try {
    days = working ? ctx.calendar.working_days_between(clock->date, *entry.entered)
                   : static_cast<int>(rules::days_from_civil(*entry.entered) - rules::days_from_civil(clock->date));
    due = working ? ctx.calendar.add_working_days(clock->date, allowed) : rules::add_calendar_days(clock->date, allowed);
  } catch (const rules::MissingCalendarYear& e) {
    notes.push_back(case_number(file) + "：迟录无法判断 (lateness not judged): " + e.what());
    return;
  }
  const std::string unit = working ? " 个工作日" : " 日";
  stats.delay = days;  // in the deadline's own unit
  stats.on_time = days <= allowed;
  if (days <= allowed) return;
  AuditFinding f = base_finding(kind::kLate, file);
  f.message = deadline->information + "迟录：" + clock->what + " " + clock->date.iso() + "，应于 " + due.iso() +
              " 前录入，实际录入 " + entry.entered->iso() + "，相隔 " + std::to_string(days) + unit + "（期限 " +
              deadline->deadline.text() + "） (entered " + std::to_string(days) + (working ? " working" : "") +
              " days after the " + clock->kind + " date; limit " + deadline->deadline.text() + ")";
  f.basis = deadline->source.text();
  f.evidence = {where_entry(entry) + " 录入日期 " + entry.entered->iso(), where_file(file) + " " + clock->what + " " + clock->date.iso()};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

void incomplete_finding(const CaseRecord& file, const CaseRecord& entry, std::size_t fi, std::size_t ei,
                        std::vector<AuditFinding>& out) {
  if (entry.blank.empty()) return;
  AuditFinding f = base_finding(kind::kIncomplete, file);
  std::string cols;
  for (const auto& c : entry.blank) cols += (cols.empty() ? "" : "、") + c;
  f.message = "平台录入信息不全：" + cols + " 未填 (required columns left blank)";
  f.basis = "漯河市《关于进一步加强行政执法与刑事司法衔接工作的实施意见》三（应当录入的信息）";
  f.evidence = {where_entry(entry) + " " + cols + " 为空"};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

void mismatch_finding(const CaseRecord& file, const Link& link, std::vector<AuditFinding>& out) {
  std::string what, ev;
  for (const auto& d : link.differences) {
    if (d.likely_misread || d.field == LinkField::Number || d.field == LinkField::Category) continue;
    if (d.file_value.empty() || d.entry_value.empty()) continue;  // blank is "incomplete", not a disagreement
    const std::string name(link_field_name(d.field));
    what += (what.empty() ? "" : "；") + name + "：案卷 " + d.file_value + " / 平台 " + d.entry_value;
  }
  if (what.empty()) return;
  AuditFinding f = base_finding(kind::kMismatch, file);
  f.message = "平台录入与案卷不一致 (entry disagrees with the case file)：" + what;
  f.basis = "录入信息应当真实、准确（漯河市实施意见三；麻城“录入信息不全、数据不实”）";
  f.evidence = {where_file(file), link.explain()};
  f.file = link.file, f.entry = link.entry;
  out.push_back(std::move(f));
}

void category_finding(const CaseRecord& file, const CaseRecord& entry, std::size_t fi, std::size_t ei,
                      std::vector<AuditFinding>& out) {
  if (file.category == Category::Unknown || entry.category == Category::Unknown || file.category == entry.category) return;
  AuditFinding f = base_finding(kind::kCategory, file);
  f.message = "案件类别录入错误：案卷为" + std::string(category_name(file.category)) + "，平台录为" +
              std::string(category_name(entry.category)) + " (category entered wrongly)";
  f.basis = "麻城市“将刑事案件作为行政处罚案件录入，造成数据不实”";
  f.evidence = {where_file(file) + " " + std::string(category_name(file.category)),
                where_entry(entry) + " 案件类别 " + std::string(category_name(entry.category))};
  f.file = fi, f.entry = ei;
  out.push_back(std::move(f));
}

}  // namespace

ReconcileResult reconcile(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                          const AuditContext& ctx, const ReconcileOptions& options,
                          const std::vector<std::optional<rules::TransferScreening>>& screenings,
                          const std::map<std::string, int>& population) {
  ReconcileResult r;
  r.linking = link_records(files, entries, options.link);
  std::vector<PairStats> stats(files.size());
  std::vector<std::optional<std::size_t>> entry_of(files.size());

  for (const Link& l : r.linking.links) {
    const CaseRecord &file = files[l.file], &entry = entries[l.entry];
    entry_of[l.file] = l.entry;
    stats[l.file].entered = true;
    late_finding(file, entry, ctx, l.file, l.entry, stats[l.file], r.findings, r.notes);
    incomplete_finding(file, entry, l.file, l.entry, r.findings);
    mismatch_finding(file, l, r.findings);
    category_finding(file, entry, l.file, l.entry, r.findings);
  }
  for (std::size_t fi : r.linking.files_unlinked) {
    AuditFinding f = base_finding(kind::kMissing, files[fi]);
    f.message = "漏录：案卷未在平台录入 (case file not entered on the platform)";
    f.basis = "漯河市实施意见三：行政执法机关应当自信息产生之日起7个工作日内录入";
    f.evidence = {where_file(files[fi])};
    f.file = fi;
    r.findings.push_back(std::move(f));
  }
  for (const Ambiguity& a : r.linking.ambiguous) {
    AuditFinding f = base_finding(kind::kAmbiguous, files[a.file]);
    f.severity = rules::Severity::Warning;
    f.message = "无法确定对应的平台录入，请人工核对 (more than one entry could be this case: check by hand)";
    f.basis = "—";
    f.evidence = {where_file(files[a.file])};
    for (std::size_t e : a.entries) f.evidence.push_back("候选 candidate: " + where_entry(entries[e]) + " " + entries[e].number);
    f.file = a.file;
    r.findings.push_back(std::move(f));
  }
  for (std::size_t ei : r.linking.entries_unlinked) {
    AuditFinding f = base_finding(kind::kOrphan, entries[ei]);
    f.severity = rules::Severity::Warning;
    f.message = "平台有录入而未见案卷 (entry without a case file)";
    f.basis = "录入信息应当与案卷一致";
    f.evidence = {where_entry(entries[ei])};
    f.entry = ei;
    r.findings.push_back(std::move(f));
  }
  criminal_findings(files, entries, entry_of, ctx, options, screenings, stats, r);
  unit_statistics(files, entries, stats, options, population, r);
  std::stable_sort(r.findings.begin(), r.findings.end(), [](const AuditFinding& a, const AuditFinding& b) {
    return std::tie(a.unit, a.number, a.kind) < std::tie(b.unit, b.number, b.kind);
  });
  return r;
}

}  // namespace caseaudit::audit
