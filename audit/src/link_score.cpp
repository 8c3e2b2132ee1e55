// Pair scores and link descriptions (see link_score.h).
#include "link_score.h"

#include "caseaudit/forms/lookalikes.h"

#include <algorithm>
#include <cstdlib>

#include "link_similarity.h"

namespace caseaudit::audit::link_detail {

namespace {

constexpr double kNumberWeight = 0.30, kPartyWeight = 0.25, kDateWeight = 0.20, kAmountWeight = 0.12,
                 kCategoryWeight = 0.05, kUnitWeight = 0.08, kDatesApart = 0.8,
                 kOtherParty = 0.85;

using DateField = std::optional<forms::Date> CaseRecord::*;
using AmountField = std::optional<std::int64_t> CaseRecord::*;

struct DateSlot {
  LinkField field;
  DateField member;
};
constexpr DateSlot kDates[] = {{LinkField::Filed, &CaseRecord::filed},
                               {LinkField::Decided, &CaseRecord::decided},
                               {LinkField::Transferred, &CaseRecord::transferred},
                               {LinkField::Withdrawn, &CaseRecord::withdrawn}};
struct AmountSlot {
  LinkField field;
  AmountField member;
};
constexpr AmountSlot kAmounts[] = {{LinkField::CaseAmount, &CaseRecord::case_amount}, {LinkField::Fine, &CaseRecord::fine}};

// Units: the same text, else a character similarity (the platform may abbreviate the bureau's name).
double unit_similarity(const LinkView& a, const LinkView& b) {
  if (a.unit_key == b.unit_key) return 1;
  const std::size_t longest = std::max(a.unit.size(), b.unit.size());
  return std::max(0.0, 1.0 - forms::edit_distance(a.unit, b.unit, false) / static_cast<double>(longest));
}

}  // namespace

double score_pair(const CaseRecord& file, const LinkView& fv, const CaseRecord& entry, const LinkView& ev,
                  bool use_number, double min_evidence) {
  double total = 0, weights = 0;
  if (use_number && !fv.number_folded.empty() && !ev.number_folded.empty()) {
    total += kNumberWeight * number_similarity(fv, ev);
    weights += kNumberWeight;
  }
  bool other_party = false;
  if (!fv.party.empty() && !ev.party.empty()) {
    const double party = party_similarity(fv, ev);
    other_party = party < 0.75 && !party_likely_misread(fv, ev);
    total += kPartyWeight * party;
    weights += kPartyWeight;
  }
  double sum = 0;
  int n = 0;
  for (const DateSlot& d : kDates)
    if ((file.*d.member) && (entry.*d.member)) sum += date_similarity(*(file.*d.member), *(entry.*d.member)), ++n;
  const bool dates_apart = n > 0 && sum <= 0.2 * n + 1e-9;
  if (n > 0) {
    total += kDateWeight * sum / n;
    weights += kDateWeight;
  }
  sum = 0, n = 0;
  for (const AmountSlot& a : kAmounts)
    if ((file.*a.member) && (entry.*a.member)) sum += amount_similarity(*(file.*a.member), *(entry.*a.member)), ++n;
  if (n > 0) {
    total += kAmountWeight * sum / n;
    weights += kAmountWeight;
  }
  if (file.category != Category::Unknown && entry.category != Category::Unknown) {
    total += kCategoryWeight * (file.category == entry.category ? 1.0 : 0.0);
    weights += kCategoryWeight;
  }
  if (!fv.unit_key.empty() && !ev.unit_key.empty()) {
    total += kUnitWeight * unit_similarity(fv, ev);
    weights += kUnitWeight;
  }
  if (weights <= 0) return 0;
  return total / std::max(weights, min_evidence) * (dates_apart ? kDatesApart : 1.0) * (other_party ? kOtherParty : 1.0);
}

std::string format_amount(std::int64_t fen) {
  const bool negative = fen < 0;
  const std::int64_t v = std::llabs(fen);
  std::string s = (negative ? "-" : "") + std::to_string(v / 100);
  if (v % 100 != 0) {
    const std::int64_t f = v % 100;
    s += "." + std::string(f < 10 ? "0" : "") + std::to_string(f);
  }
  return s + "元";
}

namespace {

void agree(Link& link, LinkField field) { link.agreed.push_back(std::string(link_field_name(field)) + "一致"); }

void differ(Link& link, LinkField field, std::string file_value, std::string entry_value, bool misread) {
  std::string text(link_field_name(field));
  text += misread ? "相近（可能为识别误差）: 案卷 " : ": 案卷 ";
  text += file_value + " / 平台 " + entry_value;
  link.differed.push_back(std::move(text));
  link.differences.push_back({field, std::move(file_value), std::move(entry_value), misread});
}

std::string shown_number(const CaseRecord& r, const LinkView& v) { return r.number.empty() ? std::string(v.number_key) : r.number; }

}  // namespace

void describe(Link& link, const CaseRecord& file, const LinkView& fv, const CaseRecord& entry, const LinkView& ev) {
  if (!fv.number_folded.empty() && !ev.number_folded.empty()) {
    const bool same = (!fv.number_key.empty() && fv.number_key == ev.number_key) ||
                      (fv.number_key.empty() && ev.number_key.empty() && fv.number_folded == ev.number_folded);
    if (same) agree(link, LinkField::Number);
    else differ(link, LinkField::Number, shown_number(file, fv), shown_number(entry, ev), number_likely_misread(fv, ev));
  }
  if (!fv.party.empty() && !ev.party.empty()) {
    if (fv.party_key == ev.party_key) agree(link, LinkField::Party);
    else differ(link, LinkField::Party, file.party.empty() ? std::string(fv.party_key) : file.party,
                entry.party.empty() ? std::string(ev.party_key) : entry.party, party_likely_misread(fv, ev));
  }
  if (file.category != Category::Unknown && entry.category != Category::Unknown) {
    if (file.category == entry.category) agree(link, LinkField::Category);
    else differ(link, LinkField::Category, std::string(category_name(file.category)),
                std::string(category_name(entry.category)), false);
  }
  for (const DateSlot& d : kDates) {
    const auto& a = file.*d.member;
    const auto& b = entry.*d.member;
    if (!a || !b) continue;
    if (*a == *b) agree(link, d.field);
    else differ(link, d.field, a->iso(), b->iso(), false);
  }
  for (const AmountSlot& s : kAmounts) {
    const auto& a = file.*s.member;
    const auto& b = entry.*s.member;
    if (!a || !b) continue;
    if (*a == *b) agree(link, s.field);
    else differ(link, s.field, format_amount(*a), format_amount(*b), false);
  }
}

}  // namespace caseaudit::audit::link_detail
