// Telling an absent field from an unreadable one (see field_gaps.h).
#include "field_gaps.h"

#include <unicode/regex.h>

#include "fuzzy.h"

namespace caseaudit::forms {

namespace {

// The document read well enough that text not found is not there.
bool read_well(const DocText& t) { return t.mean_confidence() >= 0.90f && t.share_below(kCertainConfidence) <= 0.05; }

bool is_colon(UChar c) { return c == u'：' || c == ':' || c == u'∶'; }

// Where a labelled field's label stands as a label (followed by a colon, at a
// line start, or alone in a table cell), or nullopt.
std::optional<SpanInfo> label_seen(const FieldSpec& spec, const DocView& v) {
  const icu::UnicodeString& s = v.all.lined();
  for (const FieldLocator& loc : spec.find) {
    if (loc.kind != FieldLocator::Kind::After && loc.kind != FieldLocator::Kind::Cell &&
        loc.kind != FieldLocator::Kind::Section)
      continue;
    for (const std::string& label : loc.labels) {
      const icu::UnicodeString u = u16(label);
      for (int32_t from = 0; from < s.length();) {
        const FuzzyMatch m = find_label(s, u, from);
        if (!m.found()) break;
        from = m.end;
        const bool colon = m.end < s.length() && is_colon(s.charAt(m.end));
        const bool line_start = starts_line(s, m);
        const bool line_end = m.end >= s.length() || s.charAt(m.end) == '\n';
        if (colon || (line_start && line_end) || (loc.kind == FieldLocator::Kind::Section && line_start))
          return v.all.lined_span(m.begin, m.end);
      }
    }
  }
  return std::nullopt;
}

// Text in the locator's region that looks like the field's type but did not
// read as it: a date that did not parse, a broken 文号.
bool hint_of(FieldType type, const icu::UnicodeString& text) {
  const char* pattern = nullptr;
  switch (type) {
    // A date line that did not read: a short line of its own (a signature
    // date), not a date inside a sentence of the text.
    case FieldType::Date:
      pattern = "^[^\\n]{0,4}(?:[0-9０-９〇○OoQ二一三四五六七八九百]{2,4}\\s*年|年[^\\n]{0,4}月|月[^\\n]{0,4}[日曰])[^\\n]{0,8}$";
      break;
    case FieldType::DocNumber: pattern = "(?:[〔\\[(（【「［｛{﹝][0-9０-９OoIl]{2,4}|[0-9０-９]+号)"; break;
    // Officers may stand under a label this template does not know: any
    // officer word or certificate number on the page is a reason to look.
    case FieldType::Officers: pattern = "(?:执法证|证号|执法人员|承办人|办案人|经办人|调查人|检查人|送达人|[0-9]{6,})"; break;
    default: return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::RegexMatcher m(icu::UnicodeString::fromUTF8(pattern), text, UREGEX_MULTILINE, status);
  return U_SUCCESS(status) && m.find();
}

const DocText& region_of(const DocView& v, const std::string& region) {
  if (region == "first_page") return v.first;
  if (region == "last_page") return v.last;
  if (region == "tail") return v.tail;
  return v.all;
}

// Whether a seal on the page may hide text under it. On a grey or 1-bit scan
// the seal's ink is as dark as the text; on a colour scan the red ink is
// taken off before reading, so black text under it reads, and a seal hides
// something only where what was read inside it read poorly.
bool seal_may_hide_text(const ocr::PageResult& page) {
  if (page.seals.empty()) return false;
  if (page.colour_mode != "colour") return true;
  for (const ocr::Seal& s : page.seals)
    for (const ocr::Line& l : page.lines) {
      const double cx = l.box.x + l.box.w / 2.0, cy = l.box.y + l.box.h / 2.0;
      const bool inside = cx >= s.box.x && cx < s.box.right() && cy >= s.box.y && cy < s.box.bottom();
      if (inside && l.confidence < kCertainConfidence) return true;
    }
  return false;
}

}  // namespace

FieldGap classify_gap(const FieldSpec& spec, const DocView& v) {
  FieldGap g;
  g.name = spec.name;
  const int last_page = v.ids.empty() ? -1 : v.ids.back();
  if (const auto label = label_seen(spec, v)) {
    g.absent = true;
    g.reason = "「" + spec.name + "」一栏为空 (the label is there and empty)";
    g.where = label->where;
    return g;
  }
  bool hint = false;
  bool in_signature = false;  // a locator reads the signature block (the last page, its last lines)
  for (const FieldLocator& loc : spec.find) {
    if (loc.kind == FieldLocator::Kind::Pattern) in_signature = in_signature || loc.region == "last_page" || loc.region == "tail";
    hint = hint || hint_of(spec.type, region_of(v, loc.region).lined());
  }
  // A seal over the last page's signature block may hide the agency's name and date.
  const bool sealed_signature = in_signature && seal_may_hide_text(*v.pages.back());
  g.where.push_back({last_page, {}});
  if (hint) {
    g.reason = "有疑似「" + spec.name + "」的文字但无法识别 (something like it is there but could not be read)";
  } else if (sealed_signature) {
    g.reason = "落款处有印章，「" + spec.name + "」可能被印章遮盖 (a seal over the signature block may hide it)";
    g.where.back().box = v.pages.back()->seals.back().box;
  } else if (!read_well(v.all)) {
    g.reason = "文书识别质量不足，无法确认是否载明「" + spec.name + "」 (the document did not read well enough to say)";
  } else {
    g.absent = true;
    g.reason = "文书识别良好，未见「" + spec.name + "」 (the document read well and it is not there)";
  }
  return g;
}

void mark_certainty(ExtractedField& f) {
  // A value read only after repairing a misread character (repair_date) is a
  // good guess, not a reading to call a defect on.
  f.certain = f.parsed && f.confidence >= kCertainConfidence && f.corrected_from.empty();
  if (f.parsed && !f.corrected_from.empty() && f.problem.empty())
    f.problem = "「" + f.corrected_from + "」经字形校正读作 " + (f.value.is_string() ? f.value.get<std::string>() : f.raw) +
                "，请核对 (read after correcting a misread character: check it)";
  if (f.parsed && !f.certain && f.problem.empty())
    f.problem = "识别置信度低，请核对 (read with low confidence: check it)";
}

}  // namespace caseaudit::forms
