// Applying rule packs to a case file's extraction (see rule_pack.h).
#include <unicode/regex.h>

#include <sstream>
#include <stdexcept>

#include "caseaudit/forms/normalize.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/rule_pack.h"

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

Finding finding(const Rule& r, const std::string& detail, std::vector<FindingEvidence> evidence, std::string note = {}) {
  Finding f{r.id, r.severity, r.message + (detail.empty() ? "" : "：" + detail), r.basis, r.note, std::move(evidence)};
  if (!note.empty()) f.note = f.note.empty() ? note : f.note + "；" + note;
  return f;
}

std::string show(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// type.field -> the first document of that type whose field reads as a date.
struct DatedField {
  int doc = -1;
  const Document* d = nullptr;
  const ExtractedField* f = nullptr;
  forms::Date date;
};

// A reference is type.field, or type[field=value].field to pick one document
// of a type (送达回证[送达文书=行政处罚决定书].送达日期).
std::optional<DatedField> dated(const CaseExtraction& c, const std::string& ref) {
  const auto dot = ref.rfind('.');
  std::string type = ref.substr(0, dot);
  const std::string name = ref.substr(dot + 1);
  std::string key, want;
  if (const auto open = type.find('['); open != std::string::npos && type.back() == ']') {
    const std::string cond = type.substr(open + 1, type.size() - open - 2);
    const auto eq = cond.find('=');
    key = cond.substr(0, eq), want = eq == std::string::npos ? "" : cond.substr(eq + 1);
    type = type.substr(0, open);
  }
  for (std::size_t i = 0; i < c.documents.size(); ++i) {
    const Document& d = c.documents[i];
    if (d.type != type) continue;
    if (!key.empty()) {
      const ExtractedField* k = d.field(key);
      if (!k || !k->parsed || show(k->value) != want) continue;
    }
    const ExtractedField* f = d.field(name);
    if (!f || !f->parsed || !f->value.is_string()) continue;
    if (const auto date = forms::parse_date(f->value.get<std::string>())) return DatedField{static_cast<int>(i), &d, f, *date};
  }
  return std::nullopt;
}

long days_between(const forms::Date& a, const forms::Date& b) {
  return static_cast<long>(days_from_civil(b) - days_from_civil(a));
}

std::string span_text(const Rule& r, const DatedField& from, const DatedField& to) {
  return r.from + " " + from.date.iso() + " 至 " + r.to + " " + to.date.iso();
}

std::vector<FindingEvidence> both(const DatedField& from, const DatedField& to) {
  return {evidence_of(from.doc, *from.d, from.f), evidence_of(to.doc, *to.d, to.f)};
}

// A deadline in working days (行政处罚法 第八十五条: 日 in its short limits are
// working days, 法定节假日 not counted): the to-date must not be later than
// the N-th working day after the from-date. When calendar days already keep
// within N there is nothing to count; otherwise a missing calendar (or year)
// is said in an info finding, never guessed.
void check_working_days(const Rule& r, const DatedField& from, const DatedField& to, const WorkCalendar* calendar,
                        std::vector<Finding>& out) {
  const long days = days_between(from.date, to.date);
  if (days <= r.working_days) return;
  const std::string n = std::to_string(r.working_days);
  const auto not_checked = [&](const std::string& missing_cn, const std::string& missing_en) {
    Finding f{r.id, Severity::Info,
              "无法核对" + n + "个工作日的期限：" + missing_cn + " (deadline of " + n + " working days not checked: " +
                  missing_en + ")",
              r.basis, r.note, both(from, to)};
    f.message += "：" + span_text(r, from, to);
    out.push_back(std::move(f));
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
  out.push_back(finding(r,
                        span_text(r, from, to) + "，" + n + "个工作日的期限于 " + due.iso() + " 届满，逾期 " +
                            std::to_string(days_between(due, to.date)) + " 日 (limit " + n + " working days, due " +
                            due.iso() + ")",
                        both(from, to)));
}

// A deadline in calendar days, or in hours: documents carry dates, not times,
// so a limit of H hours allows the to-date up to ceil(H / 24) days later.
void check_deadline(const Rule& r, const DatedField& from, const DatedField& to, const WorkCalendar* calendar,
                    std::vector<Finding>& out) {
  if (r.working_days > 0) return check_working_days(r, from, to, calendar, out);
  const long days = days_between(from.date, to.date);
  if (r.hours > 0) {
    const long limit = (r.hours + 23) / 24;
    if (days > limit)
      out.push_back(finding(r,
                            span_text(r, from, to) + " 相隔 " + std::to_string(days) + " 日，超过 " +
                                std::to_string(r.hours) + " 小时 (" + std::to_string(days) + " days apart, limit " +
                                std::to_string(r.hours) + " hours)",
                            both(from, to)));
    return;
  }
  if (days > r.days)
    out.push_back(finding(r,
                          span_text(r, from, to) + " 为 " + std::to_string(days) + " 日，超过 " + std::to_string(r.days) +
                              " 日 (" + std::to_string(days) + " days, limit " + std::to_string(r.days) + ")",
                          both(from, to)));
}

void check_document(const Rule& r, int i, const Document& d, std::vector<Finding>& out) {
  using C = Rule::Check;
  const ExtractedField* f = r.field.empty() ? nullptr : d.field(r.field);
  switch (r.check) {
    case C::Required:
      if (!f) out.push_back(finding(r, "未找到「" + r.field + "」(not found)", {evidence_of(i, d, nullptr)}));
      else if (!f->parsed) out.push_back(finding(r, "「" + r.field + "」无法识别 (unreadable): " + f->raw, {evidence_of(i, d, f)}));
      return;
    case C::Pattern: {
      if (!f) return;
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString text = icu::UnicodeString::fromUTF8(f->raw);
      icu::RegexMatcher m(icu::UnicodeString::fromUTF8(r.pattern), text, 0, status);
      if (U_SUCCESS(status) && !m.matches(status))
        out.push_back(finding(r, "「" + r.field + "」为 " + f->raw, {evidence_of(i, d, f)}));
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
      out.push_back(finding(r, "「" + r.field + "」" + code + " 校验位不符 (check character fails)", {evidence_of(i, d, f)}, note));
      return;
    }
    case C::Agree: {
      const ExtractedField* g = d.field(r.other);
      if (!f || !g || !f->parsed || !g->parsed || f->value == g->value) return;
      out.push_back(finding(r, "「" + r.field + "」" + show(f->value) + " 与「" + r.other + "」" + show(g->value) + " 不一致",
                            {evidence_of(i, d, f), evidence_of(i, d, g)}));
      return;
    }
    case C::Count: {
      int complete = 0;
      if (f && f->parsed && f->value.is_array())
        for (const auto& item : f->value) {
          bool all = true;
          for (const std::string& k : r.keys) all = all && item.contains(k) && !show(item[k]).empty();
          complete += all;
        }
      if (complete < r.min)
        out.push_back(finding(r, "「" + r.field + "」只有 " + std::to_string(complete) + " 项完整 (only " + std::to_string(complete) + ")",
                              {evidence_of(i, d, f)}));
      return;
    }
    case C::Seal: {
      const ExtractedField* seal = d.field(r.field.empty() ? "印章" : r.field);
      if (!seal || seal->value != true) out.push_back(finding(r, "", {evidence_of(i, d, seal)}));
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

void check_case_rule(const Rule& r, const CaseExtraction& c, const WorkCalendar* calendar, std::vector<Finding>& out) {
  using C = Rule::Check;
  if (!r.when.empty() && !holds(c, r.when)) return;
  switch (r.check) {
    case C::DateOrder: {
      std::optional<DatedField> prev;
      std::string prev_ref;
      for (const std::string& ref : r.sequence) {
        const auto cur = dated(c, ref);
        if (!cur) continue;
        if (prev && cur->date < prev->date)
          out.push_back(finding(r, prev_ref + " " + prev->date.iso() + " 晚于 " + ref + " " + cur->date.iso(),
                                {evidence_of(prev->doc, *prev->d, prev->f), evidence_of(cur->doc, *cur->d, cur->f)}));
        prev = cur, prev_ref = ref;
      }
      return;
    }
    case C::Deadline: {
      const auto from = dated(c, r.from), to = dated(c, r.to);
      if (!from || !to) return;
      check_deadline(r, *from, *to, calendar, out);
      return;
    }
    case C::Documents: {
      std::string missing;
      for (const std::string& type : r.documents)
        if (!holds(c, type)) missing += (missing.empty() ? "" : "、") + type;
      if (!missing.empty()) out.push_back(finding(r, "缺少 " + missing + " (missing)", {FindingEvidence{-1, "", -1, {}, ""}}));
      return;
    }
    default:
      return;
  }
}

}  // namespace

std::vector<Finding> check_case(const CaseExtraction& c, const std::vector<RulePack>& packs, const WorkCalendar* calendar) {
  std::vector<Finding> out;
  for (const RulePack& p : packs)
    for (const Rule& r : p.rules) {
      if (r.applies_to == "case") {
        check_case_rule(r, c, calendar, out);
        continue;
      }
      for (std::size_t i = 0; i < c.documents.size(); ++i)
        if (c.documents[i].type == r.applies_to) check_document(r, static_cast<int>(i), c.documents[i], out);
    }
  return out;
}

}  // namespace caseaudit::rules
