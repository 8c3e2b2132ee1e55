// Page classification and document split (see classify.h).
#include "classify.h"

#include <unicode/regex.h>

#include <algorithm>
#include <memory>

#include "caseaudit/forms/normalize.h"
#include "fuzzy.h"

namespace caseaudit::forms {

namespace {

constexpr int kTitleLines = 7;      // titles are among the first lines read
constexpr int kTitlePrefix = 14;    // characters allowed before a title (the agency's name)
constexpr int kTitleSuffix = 2;     // and after it

icu::UnicodeString stripped(const std::string& text) {
  icu::UnicodeString u = u16(text), out;
  for (int32_t i = 0; i < u.length(); ++i) {
    const UChar c = u.charAt(i);
    if (c != ' ' && c != 0x3000 && c != '\t') out.append(c);
  }
  return out;
}

bool regex_find(const std::string& pattern, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::RegexMatcher m(u16(pattern), text, 0, status);
  return U_SUCCESS(status) && m.find();
}

// A prose document ends with its agency and date: a page whose last lines
// hold a date has closed its document.
bool ends_with_date(const ocr::PageResult& page) {
  int seen = 0;
  for (std::size_t i = page.lines.size(); i-- > 0 && seen < 3;) {
    if (is_page_furniture(page, i)) continue;
    ++seen;
    if (parse_date(strip_spaces(page.lines[i].text))) return true;
  }
  return false;
}

// The page number printed at the foot.
int page_number(const ocr::PageResult& page) {
  for (std::size_t i = page.lines.size() > 3 ? page.lines.size() - 3 : 0; i < page.lines.size(); ++i)
    if (const int n = printed_page_number(page.lines[i].text); n > 0) return n;
  return 0;
}

struct TitleHit {
  const Template* tmpl = nullptr;
  int matched = 0;   // title characters matched
  double score = 0;  // matched / title length
  int32_t length = 0;  // the title's length
};

TitleHit best_title(const icu::UnicodeString& line, const TemplateSet& templates) {
  TitleHit best;
  for (const Template& t : templates.templates)
    for (const std::string& title : t.titles) {
      const icu::UnicodeString u = u16(title);
      const int32_t len = u.length();
      if (line.length() > len + kTitlePrefix + kTitleSuffix || line.length() < len / 2) continue;
      const int k = std::max(1, static_cast<int>(len * 0.4));
      const FuzzyMatch m = fuzzy_find(line, u, k);
      if (!m.found()) continue;
      if (line.length() - m.end > kTitleSuffix) continue;               // a title ends its line
      if (m.begin > 0 && line.charAt(m.begin - 1) == u'《') continue;    // a title cited in the text
      const int matched = len - m.edits;
      const double score = static_cast<double>(matched) / len;
      if (matched < 3 || score < 0.6) continue;
      if (matched > best.matched || (matched == best.matched && score > best.score)) best = {&t, matched, score, len};
    }
  return best;
}

}  // namespace

double marker_fraction(const Template& t, const icu::UnicodeString& flow) {
  if (t.markers.empty()) return 1;
  return 1.0 - static_cast<double>(missing_markers(t, flow).size()) / static_cast<double>(t.markers.size());
}

std::vector<const Marker*> missing_markers(const Template& t, const icu::UnicodeString& flow) {
  std::vector<const Marker*> missing;
  for (const Marker& m : t.markers) {
    bool found = false;
    for (const std::string& text : m.any_of) found = found || find_label(flow, u16(text)).found();
    if (!found) missing.push_back(&m);
  }
  return missing;
}

PageClass classify_page(const ocr::PageResult& page, const DocText& text, const TemplateSet& templates) {
  PageClass pc;
  pc.blank = text.flow().length() < 6;
  pc.page_number = page_number(page);
  if (pc.blank) return pc;
  int seen = 0;
  icu::UnicodeString previous;  // the line before, for a title broken over two
  for (const ocr::Line& line : page.lines) {
    const icu::UnicodeString s = stripped(line.text);
    if (s.length() < 2) continue;
    if (++seen > kTitleLines) break;
    const TitleHit hit = best_title(s, templates);
    if (hit.tmpl && hit.score >= 0.8) {
      pc.tmpl = hit.tmpl, pc.title_score = hit.score, pc.title = utf8(s);
      return pc;
    }
    // A self-designed title, on one line or broken over two (关于移送涉嫌… / …犯罪线索的函).
    const icu::UnicodeString joined = icu::UnicodeString(previous).append(s);
    for (const icu::UnicodeString* t_line : {&s, &joined}) {
      if (t_line->length() > 30 || (t_line == &joined && previous.isEmpty())) continue;
      for (const Template& t : templates.templates)
        for (const std::string& pattern : t.nonstandard_titles)
          if (regex_find(pattern, *t_line)) {
            pc.tmpl = &t, pc.title_score = 0.7, pc.title = utf8(*t_line), pc.nonstandard_title = true;
            return pc;
          }
    }
    previous = s;
    // A weaker match counts only when the line is little more than the title
    // (a title with two characters misread, not a sentence that resembles one).
    if (hit.tmpl && !pc.tmpl && hit.matched >= 4 && hit.score >= 0.7 && s.length() <= hit.length + 2)
      pc.tmpl = hit.tmpl, pc.title_score = hit.score, pc.title = utf8(s);
  }
  return pc;
}

namespace {

// Whether `next` holds a section of `t` that `doc` lacks.
bool lacks_sections_here(const Template& t, const DocText& doc, const DocText& next) {
  for (const Marker* m : missing_markers(t, doc.flow()))
    for (const std::string& text : m->any_of)
      if (find_label(next.flow(), u16(text)).found()) return true;
  return false;
}

}  // namespace

std::vector<DocumentPlan> split_documents(const std::vector<ocr::PageResult>& pages, const TemplateSet& templates) {
  std::vector<PageClass> classes;
  std::vector<DocText> texts;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    texts.emplace_back(std::vector<const ocr::PageResult*>{&pages[i]}, std::vector<int>{static_cast<int>(i)});
    classes.push_back(classify_page(pages[i], texts.back(), templates));
  }
  std::vector<DocumentPlan> docs;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const int id = static_cast<int>(i);
    const PageClass& pc = classes[i];
    DocumentPlan* current = docs.empty() ? nullptr : &docs.back();
    if (pc.blank) {
      docs.push_back({nullptr, true, 1.0, 0, "", false, {id}});
      continue;
    }
    if (pc.tmpl) {
      const double markers = marker_fraction(*pc.tmpl, texts[i].flow());
      docs.push_back({pc.tmpl, false, pc.title_score * (0.7 + 0.3 * markers), pc.title_score, pc.title,
                      pc.nonstandard_title, {id}});
      continue;
    }
    // No title: a continuation of a multi-page document when the page carries
    // its page number or its sections.
    if (current && current->tmpl && current->tmpl->multi_page && !current->blank) {
      const bool numbered = pc.page_number >= 2;
      const bool sections = !current->tmpl->markers.empty() && marker_fraction(*current->tmpl, texts[i].flow()) > 0;
      const bool open = current->tmpl->layout == "prose" &&
                        !ends_with_date(pages[static_cast<std::size_t>(current->pages.back())]);
      if (numbered || sections || open) {
        current->pages.push_back(id);
        continue;
      }
    }
    // No title: a one-page form that ran on to a second sheet (its opinions
    // and signatures on the next page) when this page holds sections the
    // document lacks.
    if (current && current->tmpl && !current->tmpl->multi_page && !current->blank && current->pages.size() == 1 &&
        lacks_sections_here(*current->tmpl, texts[static_cast<std::size_t>(current->pages.front())], texts[i])) {
      current->pages.push_back(id);
      continue;
    }
    // A document whose title could not be read (a seal over it, torn off):
    // known by its sections alone, over the run of untitled pages that
    // follow it with consecutive page numbers.
    std::vector<std::size_t> run{i};
    for (std::size_t j = i + 1; j < pages.size() && !classes[j].tmpl && !classes[j].blank; ++j) {
      if (classes[j].page_number < 2 || classes[j].page_number != classes[run.back()].page_number + 1) break;
      run.push_back(j);
    }
    std::vector<const ocr::PageResult*> run_pages;
    std::vector<int> run_ids;
    for (const std::size_t j : run) run_pages.push_back(&pages[j]), run_ids.push_back(static_cast<int>(j));
    const DocText run_text(run_pages, run_ids);
    const Template* best = nullptr;
    double best_fraction = 0;
    for (const Template& t : templates.templates) {
      if (t.markers.size() < 3) continue;
      const double f = marker_fraction(t, run_text.flow());
      if (f > best_fraction) best = &t, best_fraction = f;
    }
    if (best && best_fraction >= 0.75) {
      if (!best->multi_page) run_ids.resize(1);
      docs.push_back({best, false, 0.6 * best_fraction, 0, "", false, run_ids});
      i += run_ids.size() - 1;
      continue;
    }
    docs.push_back({nullptr, false, 0.0, 0, "", false, {id}});
  }
  return docs;
}

}  // namespace caseaudit::forms
