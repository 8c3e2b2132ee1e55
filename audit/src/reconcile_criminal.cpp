// The criminal-law side of the reconciliation (see reconcile.h): fined cases
// whose amounts reach a criminal filing threshold without a transfer (以罚代刑 /
// 有案不移), cases at the early-intervention share (提前介入), and the police
// follow-up of transferred cases.
#include <cmath>

#include "history.h"
#include "reconcile_parts.h"

namespace caseaudit::audit::detail {

namespace {

template <class T>
std::optional<T> either(const std::optional<T>& a, const std::optional<T>& b) {
  return a ? a : b;
}

rules::TransferScreening screen_record(const CaseRecord& r, const std::optional<std::int64_t>& amount,
                                       const PartyHistory& history, const AuditContext& ctx, Offences& offences) {
  rules::ScreeningInput in;
  in.cause = r.cause + " " + r.name;
  const rules::OffenceLink* link = offences.of(r);
  in.offence = link;
  if (link && amount && !link->case_amount.empty())
    in.measured.emplace(link->case_amount, rules::Quantity{*amount, rules::Unit::Yuan});
  in.measured.insert(history.measured.begin(), history.measured.end());
  in.conduct = r.filed ? r.filed : r.decided;
  rules::TransferScreening s = rules::screen(in, ctx.offences, ctx.thresholds, ctx.profile.early_intervention.share);
  add_history_notes(s, history, ctx);
  return s;
}

std::string threshold_words(const rules::TransferScreening& s) {
  return s.threshold ? s.threshold->measure + " " + s.measured.text() + "，标准 " + s.threshold->value.text() : "";
}

// Whether a police status says the investigation is still open.
bool open_status(const std::string& status) {
  for (const char* closed : {"终结", "移送起诉", "起诉", "判决", "撤销", "撤案", "不予立案", "结案"})
    if (status.find(closed) != std::string::npos) return false;
  return status.find("侦查") != std::string::npos || status == "已立案";
}

void police_findings(const CaseRecord& file, const CaseRecord* entry, std::size_t fi, const AuditContext& ctx,
                     const ReconcileOptions& o, ReconcileResult& r) {
  const CaseRecord empty;
  const CaseRecord& e = entry ? *entry : empty;
  const Category cat = file.category != Category::Unknown ? file.category : e.category;
  const auto transferred = either(file.transferred, e.transferred);
  const auto police_filed = either(file.police_filed, e.police_filed);
  const auto police_refused = either(file.police_refused, e.police_refused);
  const auto decided = police_filed ? police_filed : police_refused;  // either decision answers the transfer
  const std::string status = file.status.empty() ? e.status : file.status;
  const rules::Profile& p = ctx.profile;
  if (cat == Category::Transfer && transferred) {
    const forms::Date decide_by = rules::add_calendar_days(*transferred, p.police_decision_after_transfer.limit.count);
    const forms::Date called_out = rules::add_months(*transferred, p.police_filing_after_transfer.limit.count);
    const forms::Date until = decided ? *decided : o.as_of;
    if (until > decide_by) {
      const bool long_over = until > called_out;
      const int days = static_cast<int>(rules::days_from_civil(until) - rules::days_from_civil(*transferred));
      const std::string limit = p.police_decision_after_transfer.limit.text(), past = p.police_filing_after_transfer.limit.text();
      const std::string detail =
          decided ? "公安机关于移送后 " + std::to_string(days) + " 日才作出" + (police_filed ? "立案" : "不予立案") + "决定（期限 " +
                        limit + "）" + (long_over ? "，超过 " + past : "") + " (police decided " + std::to_string(days) +
                        " days after the transfer)"
                  : "移送公安机关已 " + std::to_string(days) + " 日，未见立案或不予立案决定（期限 " + limit + "）" +
                        (long_over ? "，超过 " + past : "") + " (no police decision " + std::to_string(days) +
                        " days after the transfer)";
      AuditFinding f = make_finding(ctx, kind::kPoliceDecision, file, detail,
                                    {p.police_decision_after_transfer.source.text(),
                                     long_over ? p.police_filing_after_transfer.source.text() : ""});
      const rules::FindingSpec& spec = ctx.finding(kind::kPoliceDecision);
      if (long_over && spec.escalated) f.severity = *spec.escalated;
      f.evidence = {where_file(file) + " 移送日期 " + transferred->iso(),
                    police_filed     ? "公安立案日期 " + police_filed->iso()
                    : police_refused ? "不予立案决定日期 " + police_refused->iso()
                                     : "公安立案日期 空 (blank); 截至 as of " + o.as_of.iso()};
      f.file = fi;
      r.findings.push_back(std::move(f));
    }
  }
  if (police_filed && open_status(status)) {
    const forms::Date limit = rules::add_months(*police_filed, 12 * p.investigation_open.limit.count);
    if (o.as_of > limit) {
      AuditFinding f = make_finding(ctx, kind::kInvestigationOpen, file,
                                    "公安机关 " + police_filed->iso() + " 立案，至 " + o.as_of.iso() + " 仍为“" + status +
                                        "”，侦查超过" + p.investigation_open.limit.text() + " (investigation open for over " +
                                        p.investigation_open.limit.text() + ")",
                                    {p.investigation_open.source.text()});
      f.evidence = {(entry ? where_entry(*entry) : where_file(file)) + " 状态 " + status};
      f.file = fi;
      r.findings.push_back(std::move(f));
    }
  }
}

}  // namespace

void criminal_findings(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                       const std::vector<std::optional<std::size_t>>& entry_of, const AuditContext& ctx,
                       const ReconcileOptions& options,
                       const std::vector<std::optional<rules::TransferScreening>>& screenings,
                       std::vector<PairStats>& stats, ReconcileResult& r) {
  std::vector<bool> unscreened(files.size(), true);  // the others were screened from their documents
  for (std::size_t fi = 0; fi < files.size() && fi < screenings.size(); ++fi) unscreened[fi] = !screenings[fi];
  Offences offences(ctx);
  const std::vector<PartyHistory> history = party_histories(files, entries, ctx, offences, unscreened);
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const CaseRecord& file = files[fi];
    const CaseRecord* entry = entry_of[fi] ? &entries[*entry_of[fi]] : nullptr;
    const auto amount = either(file.case_amount, entry ? entry->case_amount : std::nullopt);
    if (amount) stats[fi].amount = static_cast<double>(*amount) / 100.0;
    if (const auto fine = either(file.fine, entry ? entry->fine : std::nullopt)) stats[fi].fine = static_cast<double>(*fine) / 100.0;
    const rules::TransferScreening s =
        fi < screenings.size() && screenings[fi] ? *screenings[fi] : screen_record(file, amount, history[fi], ctx, offences);
    stats[fi].near_threshold = s.call == rules::TransferCall::Due || s.call == rules::TransferCall::Early;
    const bool transferred = file.category == Category::Transfer || file.transferred.has_value();
    stats[fi].transfer = transferred;
    if (!transferred && (s.call == rules::TransferCall::Due || s.call == rules::TransferCall::Early)) {
      const bool due = s.call == rules::TransferCall::Due;
      AuditFinding f = due ? make_finding(ctx, kind::kFineInstead, file, s.message + "；未移送公安机关",
                                          {s.threshold->source.text()})
                           : make_finding(ctx, kind::kEarly, file, s.message,
                                          {ctx.profile.early_intervention.source.text(), s.threshold->source.text()});
      for (const auto& n : s.notes) f.note += (f.note.empty() ? "" : "；") + n;
      f.evidence = {where_file(file) + " 案由 " + file.cause + "，" + threshold_words(s)};
      f.file = fi;
      r.findings.push_back(std::move(f));
    }
    police_findings(file, entry, fi, ctx, options, r);
  }
}

}  // namespace caseaudit::audit::detail
