// Applying rule packs to a case file's extraction (see rule_pack.h). Every
// check calls a defect only on what was read with certainty; what it cannot
// judge goes to the unverified list with the reason.
#include <unicode/regex.h>

#include <algorithm>
#include <stdexcept>

#include "caseaudit/forms/normalize.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/rule_pack.h"
#include "references.h"

namespace caseaudit::rules {

namespace {

using forms::CaseExtraction;
using forms::Document;
using forms::ExtractedField;

FindingEvidence evidence_of(int doc, const Document& d, const ExtractedField* f) {
  FindingEvidence e{doc, d.type, d.pages.empty() ? -1 : d.pages.front(), {}, ""};
  if (f) {
    e.text = f->raw;
    if (!f->where.empty()) e.page = f->where.front().page, e.box = f->where.front().box;
  }
  return e;
}

FindingEvidence evidence_of_gap(int doc, const Document& d, const forms::FieldGap& g) {
  FindingEvidence e{doc, d.type, d.pages.empty() ? -1 : d.pages.front(), {}, ""};
  if (!g.where.empty()) {
    if (g.where.front().page >= 0) e.page = g.where.front().page;
    e.box = g.where.front().box;
  }
  return e;
}

Finding finding(const Rule& r, const std::string& detail, std::vector<FindingEvidence> evidence, std::string note = {}) {
  Finding f{r.id, r.severity, r.message + (detail.empty() ? "" : "：" + detail), r.basis, r.note, std::move(evidence)};
  if (!note.empty()) f.note = f.note.empty() ? note : f.note + "；" + note;
  return f;
}

// A rule that could not be judged: why, and where to look.
Finding unverified(const Rule& r, const std::string& why, std::vector<FindingEvidence> evidence) {
  Finding f{r.id, Severity::Info, "待核实：" + r.message + "——" + why, r.basis, r.note, std::move(evidence)};
  return f;
}

std::string show(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

const char* kLowConfidence = "识别置信度低，可能误识 (read with low confidence: may be a misread)";

long days_between(const forms::Date& a, const forms::Date& b) {
  return static_cast<long>(days_from_civil(b) - days_from_civil(a));
}

std::string span_text(const Rule& r, const DatedField& from, const DatedField& to) {
  return r.from + " " + from.date.iso() + " 至 " + r.to + " " + to.date.iso();
}

std::vector<FindingEvidence> both(const DatedField& from, const DatedField& to) {
  return {evidence_of(from.doc, *from.d, from.f), evidence_of(to.doc, *to.d, to.f)};
}

struct Out {
  CaseChecks& checks;
  void defect(Finding f) { checks.findings.push_back(std::move(f)); }
  void doubt(Finding f) { checks.unverified.push_back(std::move(f)); }
};

// A deadline in working days (行政处罚法 第八十五条: 日 in its short limits are
// working days, 法定节假日 not counted): the to-date must not be later than
// the N-th working day after the from-date. When calendar days already keep
// within N there is nothing to count; otherwise a missing calendar (or year)
// is said, never guessed.
void check_working_days(const Rule& r, const DatedField& from, const DatedField& to, const WorkCalendar* calendar,
                        Out& out) {
  const long days = days_between(from.date, to.date);
  if (days <= r.working_days) return;
  const std::string n = std::to_string(r.working_days);
  const auto not_checked = [&](const std::string& missing_cn, const std::string& missing_en) {
    out.doubt(unverified(r,
                         "无法核对" + n + "个工作日的期限：" + missing_cn + " (deadline of " + n +
                             " working days not checked: " + missing_en + ")：" + span_text(r, from, to),
                         both(from, to)));
  };
  if (!calendar) {
    std::string years = std::to_string(from.date.year);
    if (to.date.year != from.date.year) years += "、" + std::to_string(to.date.year);
    std::string years_en = std::to_string(from.date.year);
    if (to.date.year != from.date.year) years_en += " and " + std::to_string(to.date.year);
    not_checked("未加载工作日历，缺少 " + years + " 年的日历", "no working-day calendar loaded, " + years_en + " missing");
    return;
  }
  Date due;
  try {
    due = calendar->add_working_days(from.date, r.working_days);
  } catch (const MissingCalendarYear& e) {
    not_checked("缺少 " + std::to_string(e.year()) + " 年的工作日历", "no calendar for " + std::to_string(e.year()));
    return;
  } catch (const std::invalid_argument&) {
    return;  // an impossible date never gets here: parse_date only gives real dates
  }
  if (to.date <= due) return;
  out.defect(finding(r,
                     span_text(r, from, to) + "，" + n + "个工作日的期限于 " + due.iso() + " 届满，逾期 " +
                         std::to_string(days_between(due, to.date)) + " 日 (limit " + n + " working days, due " +
                         due.iso() + ")",
                     both(from, to)));
}

// A deadline in calendar days, or in hours: documents carry dates, not times,
// so a limit of H hours allows the to-date up to ceil(H / 24) days later.
void check_deadline(const Rule& r, const DatedField& from, const DatedField& to, const WorkCalendar* calendar, Out& out) {
  if (r.working_days > 0) return check_working_days(r, from, to, calendar, out);
  const long days = days_between(from.date, to.date);
  if (r.hours > 0) {
    const long limit = (r.hours + 23) / 24;
    if (days > limit)
      out.defect(finding(r,
                         span_text(r, from, to) + " 相隔 " + std::to_string(days) + " 日，超过 " +
                             std::to_string(r.hours) + " 小时 (" + std::to_string(days) + " days apart, limit " +
                             std::to_string(r.hours) + " hours)",
                         both(from, to)));
    return;
  }
  if (days > r.days)
    out.defect(finding(r,
                       span_text(r, from, to) + " 为 " + std::to_string(days) + " 日，超过 " + std::to_string(r.days) +
                           " 日 (" + std::to_string(days) + " days, limit " + std::to_string(r.days) + ")",
                       both(from, to)));
}

// A required field that is not there: a defect only when it is absent.
void not_found(const Rule& r, int i, const Document& d, const std::string& field, Out& out) {
  const forms::FieldGap* gap = d.gap(field);
  if (gap && !gap->absent) {
    out.doubt(unverified(r, "「" + field + "」" + gap->reason, {evidence_of_gap(i, d, *gap)}));
    return;
  }
  out.defect(finding(r, "未找到「" + field + "」(not found)" + (gap ? "；" + gap->reason : ""),
                     {gap ? evidence_of_gap(i, d, *gap) : evidence_of(i, d, nullptr)}));
}

// Whether the scan can show the document's seal: its pages were scanned in
// colour, or in grey in a case file whose other pages show their seals (a
// colour scan of a page without any red reads as grey; a grey scan shows a
// red seal as a grey ring, which the OCR finds by shape). A 1-bit scan may
// drop a red seal altogether, so it never shows that a seal is missing.
bool seal_visible(const CaseExtraction& c, const Document& d) {
  bool colour = true, grey = false;
  for (const int p : d.pages)
    if (p >= 0 && static_cast<std::size_t>(p) < c.pages.size()) {
      const std::string& mode = c.pages[static_cast<std::size_t>(p)].colour_mode;
      if (mode == "bilevel") return false;
      if (mode == "grey") colour = false, grey = true;
    }
  if (colour) return true;
  for (std::size_t p = 0; p < c.pages.size(); ++p)
    if (std::find(d.pages.begin(), d.pages.end(), static_cast<int>(p)) == d.pages.end() && c.pages[p].seals > 0 &&
        c.pages[p].colour_mode != "bilevel")
      return grey;
  return false;
}

void check_document(const Rule& r, int i, const CaseExtraction& c, Out& out) {
  using C = Rule::Check;
  const Document& d = c.documents[static_cast<std::size_t>(i)];
  const ExtractedField* f = r.field.empty() ? nullptr : d.field(r.field);
  switch (r.check) {
    case C::Required:
      if (!f) not_found(r, i, d, r.field, out);
      else if (!f->parsed)
        out.doubt(unverified(r, "「" + r.field + "」无法识别 (unreadable): " + f->raw, {evidence_of(i, d, f)}));
      return;
    case C::Pattern: {
      if (!f) return;
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString text = icu::UnicodeString::fromUTF8(f->raw);
      icu::RegexMatcher m(icu::UnicodeString::fromUTF8(r.pattern), text, 0, status);
      if (U_FAILURE(status) || m.matches(status)) return;
      if (!f->certain) out.doubt(unverified(r, "「" + r.field + "」为 " + f->raw + "，" + kLowConfidence, {evidence_of(i, d, f)}));
      else out.defect(finding(r, "「" + r.field + "」为 " + f->raw, {evidence_of(i, d, f)}));
      return;
    }
    case C::CheckDigit: {
      if (!f || !f->parsed || !f->value.is_string()) return;
      const std::string code = f->value.get<std::string>();
      const forms::CodeCheck check = f->type == "id_number" ? forms::check_id_number(code) : forms::check_credit_code(code);
      if (check.check_ok) return;
      std::string note;
      if (!check.possible_misread.empty())
        note = "可能为识别错误，应为 " + check.possible_misread + " (possible OCR misread of " + check.possible_misread + ")";
      const std::string detail = "「" + r.field + "」" + code + " 校验位不符 (check character fails)";
      if (!f->certain || !check.possible_misread.empty())
        out.doubt(unverified(r, detail + "；" + (note.empty() ? kLowConfidence : note), {evidence_of(i, d, f)}));
      else out.defect(finding(r, detail, {evidence_of(i, d, f)}, f->problem));
      return;
    }
    case C::Agree: {
      const ExtractedField* g = d.field(r.other);
      if (!f || !g || !f->parsed || !g->parsed || f->value == g->value) return;
      const std::string detail = "「" + r.field + "」" + show(f->value) + " 与「" + r.other + "」" + show(g->value) + " 不一致";
      if (!f->certain || !g->certain)
        out.doubt(unverified(r, detail + "，" + kLowConfidence, {evidence_of(i, d, f), evidence_of(i, d, g)}));
      else out.defect(finding(r, detail, {evidence_of(i, d, f), evidence_of(i, d, g)}));
      return;
    }
    case C::Count: {
      if (!f) {
        if (const forms::FieldGap* gap = d.gap(r.field); gap && gap->absent)
          out.defect(finding(r, "未载明「" + r.field + "」(none named)", {evidence_of_gap(i, d, *gap)}));
        else if (gap)
          out.doubt(unverified(r, "「" + r.field + "」" + gap->reason, {evidence_of_gap(i, d, *gap)}));
        return;
      }
      int complete = 0;
      if (f->parsed && f->value.is_array())
        for (const auto& item : f->value) {
          bool all = true;
          for (const std::string& k : r.keys) all = all && item.contains(k) && !show(item[k]).empty();
          complete += all;
        }
      if (complete >= r.min) return;
      const std::string detail = "「" + r.field + "」只有 " + std::to_string(complete) + " 项完整 (only " +
                                 std::to_string(complete) + ")：" + f->raw;
      if (!f->certain || !f->problem.empty())
        out.doubt(unverified(r, detail + "；" + (f->problem.empty() ? kLowConfidence : f->problem), {evidence_of(i, d, f)}));
      else out.defect(finding(r, detail, {evidence_of(i, d, f)}));
      return;
    }
    case C::Seal: {
      const ExtractedField* seal = d.field(r.field.empty() ? "印章" : r.field);
      if (seal && seal->value == true) return;
      if (!seal_visible(c, d))
        out.doubt(unverified(r, "灰度或黑白扫描件上无法确认印章，请查看原件 (a grey or 1-bit scan cannot show a red seal: look at the paper)",
                             {evidence_of(i, d, seal)}));
      else out.defect(finding(r, "", {evidence_of(i, d, seal)}));
      return;
    }
    case C::Nonstandard: {
      for (const forms::Deviation& v : d.deviations)
        if (v.code == "title")
          out.defect(finding(r, "《" + d.title + "》代替《" + d.type + "》；" + v.message, {evidence_of(i, d, nullptr)}));
      return;
    }
    default:
      return;
  }
}

bool holds(const CaseExtraction& c, const std::string& type) {
  for (const Document& d : c.documents)
    if (d.type == type) return true;
  return false;
}

// The date at a reference, or why it cannot be used: a date read with low
// confidence makes the rule unverified rather than a guess.
bool usable(const Rule& r, const std::optional<DatedField>& a, const std::optional<DatedField>& b, Out& out) {
  if (!a || !b) return false;
  if (a->f->certain && b->f->certain) return true;
  for (const DatedField* x : {&*a, &*b})
    if (!x->f->certain) {
      out.doubt(unverified(r, x->d->type + "的日期「" + x->f->raw + "」" + kLowConfidence, {evidence_of(x->doc, *x->d, x->f)}));
      break;
    }
  return false;
}

void check_case_rule(const Rule& r, const CaseExtraction& c, const WorkCalendar* calendar, Out& out) {
  using C = Rule::Check;
  if (!r.when.empty() && !holds(c, r.when)) return;
  switch (r.check) {
    case C::DateOrder: {
      std::optional<DatedField> prev;
      std::string prev_ref;
      for (const std::string& ref : r.sequence) {
        const auto cur = dated(c, ref);
        if (!cur) continue;
        if (prev && cur->date < prev->date && usable(r, prev, cur, out))
          out.defect(finding(r, prev_ref + " " + prev->date.iso() + " 晚于 " + ref + " " + cur->date.iso(),
                             {evidence_of(prev->doc, *prev->d, prev->f), evidence_of(cur->doc, *cur->d, cur->f)}));
        prev = cur, prev_ref = ref;
      }
      return;
    }
    case C::Deadline: {
      const auto from = dated(c, r.from), to = dated(c, r.to);
      if (!from || !to) return;
      CaseChecks scratch;
      Out probe{scratch};
      check_deadline(r, *from, *to, calendar, probe);
      // Only a deadline that is missed needs its dates to be sure.
      if (scratch.findings.empty()) {
        for (auto& u : scratch.unverified) out.doubt(std::move(u));
        return;
      }
      if (!usable(r, from, to, out)) return;
      for (auto& f : scratch.findings) out.defect(std::move(f));
      return;
    }
    case C::Documents: {
      std::string missing;
      for (const std::string& type : r.documents)
        if (!holds(c, type)) missing += (missing.empty() ? "" : "、") + type;
      if (!missing.empty()) out.defect(finding(r, "缺少 " + missing + " (missing)", {FindingEvidence{-1, "", -1, {}, ""}}));
      return;
    }
    default:
      return;
  }
}

}  // namespace

CaseChecks check_case(const CaseExtraction& c, const std::vector<RulePack>& packs, const WorkCalendar* calendar) {
  CaseChecks checks;
  Out out{checks};
  for (const RulePack& p : packs)
    for (const Rule& r : p.rules) {
      if (r.applies_to == "case") {
        check_case_rule(r, c, calendar, out);
        continue;
      }
      for (std::size_t i = 0; i < c.documents.size(); ++i)
        if (r.applies_to == "any" ? c.documents[i].type != forms::kUnknownType : c.documents[i].type == r.applies_to)
          check_document(r, static_cast<int>(i), c, out);
    }
  return checks;
}

}  // namespace caseaudit::rules
