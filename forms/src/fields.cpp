// Locating a field's text and normalising it (see fields.h).
#include "fields.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include "caseaudit/forms/normalize.h"
#include "fuzzy.h"
#include "table_text.h"

namespace caseaudit::forms {

namespace {

struct Hit {
  icu::UnicodeString text;
  SpanInfo span;
};

bool is_colon(UChar c) { return c == u'：' || c == ':' || c == u'∶'; }

// A label occurrence that is part of another label (承办人 in 承办人意见).
bool excluded(const icu::UnicodeString& text, const std::vector<std::string>& exclude) {
  for (const std::string& e : exclude)
    if (text.indexOf(u16(e)) >= 0) return true;
  return false;
}

// Punctuation that ends a value but is not part of it.
icu::UnicodeString trim_value(icu::UnicodeString s) {
  // '|' is a table rule read as text.
  static const icu::UnicodeString lead = u16("：:，,。；;、 |｜丨·");
  // An opening bracket at the end was the start of what a stop cut off:
  // 某公司（统一社会信用代码…）.
  static const icu::UnicodeString trail = u16("，,。；;、： |｜丨·（(");
  int32_t b = 0, e = s.length();
  while (b < e && lead.indexOf(s.charAt(b)) >= 0) ++b;
  while (e > b && trail.indexOf(s.charAt(e - 1)) >= 0) --e;
  return icu::UnicodeString(s, b, e - b);
}

int32_t first_stop(const icu::UnicodeString& text, int32_t from, int32_t limit, const std::vector<std::string>& until) {
  int32_t end = limit;
  for (const std::string& u : until) {
    const int32_t at = text.indexOf(u16(u), from);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}

// A label's qualifier in brackets before its colon (当事人名称（姓名）：,
// 住所(经营场所)：), or an alternative after a slash (统一社会信用代码/注册号：):
// where the value starts is after it.
int32_t skip_qualifier(const icu::UnicodeString& s, int32_t at) {
  // An alternative label after a slash (统一社会信用代码/注册号：, 住所/经营场所：).
  if (at < s.length() && (s.charAt(at) == u'/' || s.charAt(at) == u'／')) {
    for (int32_t i = at + 1; i < s.length() && i <= at + 8; ++i) {
      const UChar c = s.charAt(i);
      if (is_colon(c)) return i;
      if (c == u'\n' || u_isdigit(c)) return at;
    }
    return at;
  }
  if (at >= s.length() || (s.charAt(at) != u'（' && s.charAt(at) != u'(')) return at;
  for (int32_t i = at + 1; i < s.length() && i <= at + 8; ++i) {
    const UChar c = s.charAt(i);
    if (c == u'\n') return at;
    if (c == u'）' || c == u')') return i + 1 < s.length() && is_colon(s.charAt(i + 1)) ? i + 1 : at;
  }
  return at;
}

// The length of a cell's text without its bracketed qualifiers (法定代表人（负责人）: 5).
int32_t bare_length(const icu::UnicodeString& t) {
  int32_t n = 0, depth = 0;
  for (int32_t i = 0; i < t.length(); ++i) {
    const UChar c = t.charAt(i);
    if (c == u'（' || c == u'(') ++depth;
    else if ((c == u'）' || c == u')') && depth > 0) --depth;
    else if (depth == 0) ++n;
  }
  return n;
}

bool is_comma(UChar c) { return c == u'，' || c == u','; }

// Where a line ends in the first part of a stop label broken by the line end
// ("…有限公司，统一社会信" / "用代码：…"): the value ends there. Two characters
// of the label are needed, or one after a comma ("…门面房，法" / "定代表人").
int32_t broken_stop(const icu::UnicodeString& s, int32_t from, int32_t eol, const std::vector<std::string>& until) {
  int32_t end = eol;
  for (const std::string& stop : until) {
    const icu::UnicodeString u = u16(stop);
    for (int32_t k = std::min(u.length() - 1, eol - from); k >= 1; --k) {
      const int32_t at = eol - k;
      if (s.compare(at, k, u, 0, k) != 0) continue;
      if (k >= 2 || (at > from && is_comma(s.charAt(at - 1)))) end = std::min(end, at);
      break;
    }
  }
  return end;
}

// A value that runs to the end of its line and goes on in the next one
// ("住所：…黄河路" / "234号，法定代表人：…"): the next line's text up to a
// comma that a stop label follows belongs to it. A line that ends a clause
// (a comma or a full stop) does not go on.
int32_t continued_value(const icu::UnicodeString& s, int32_t eol, const std::vector<std::string>& until) {
  if (eol <= 0 || eol >= s.length()) return eol;
  const UChar last = s.charAt(eol - 1);
  if (is_comma(last) || last == u'。' || last == u'；' || last == u';' || last == u'：' || last == u':') return eol;
  const int32_t next = eol + 1;
  int32_t next_eol = s.indexOf(u'\n', next);
  if (next_eol < 0) next_eol = s.length();
  const int32_t stop = first_stop(s, next, next_eol, until);
  if (stop == next_eol || stop - next < 2 || stop - next > 12 || !is_comma(s.charAt(stop - 1))) return eol;
  return stop;
}

// Officers are read where wide gaps are kept (two names side by side).
const DocText& region_text(const DocView& v, const FieldLocator& loc, FieldType type) {
  if (loc.region == "first_page") return v.first;
  if (loc.region == "last_page") return v.last;
  if (loc.region == "tail") return v.tail;
  return type == FieldType::Officers ? v.gapped : v.all;
}

// Every label the template reads fields after (after, cell, section).
std::vector<icu::UnicodeString> template_labels(const Template& t) {
  std::vector<icu::UnicodeString> labels;
  for (const FieldSpec& f : t.fields)
    for (const FieldLocator& l : f.find)
      if (l.kind == FieldLocator::Kind::After || l.kind == FieldLocator::Kind::Cell || l.kind == FieldLocator::Kind::Section)
        for (const std::string& label : l.labels) labels.push_back(u16(label));
  return labels;
}

// A near-miss of a label that is, letter for letter, another label of the
// form (受案时间 is not a misread of 立案时间 on a form that has both).
bool is_other_label(const icu::UnicodeString& read, const FuzzyMatch& m, const std::vector<icu::UnicodeString>& labels) {
  if (m.edits == 0) return false;
  const icu::UnicodeString text(read, m.begin, m.end - m.begin);
  for (const auto& l : labels)
    if (l == text) return true;
  return false;
}

std::optional<Hit> locate_after(const FieldLocator& loc, const DocText& dt, const std::vector<std::string>& extra_until,
                                const std::vector<icu::UnicodeString>& others, bool anywhere = true) {
  std::vector<std::string> until = loc.until;
  until.insert(until.end(), extra_until.begin(), extra_until.end());
  std::optional<Hit> found;
  // Pass 0 takes labels followed by a colon, any label before the next (被处罚人：
  // before a wrapped line of prose that starts 当事人应当…); pass 1 labels
  // starting a line; pass 2 a label followed by a colon in the flowing text,
  // where a line end broke it ("法" / "定代表人：董伟"); pass 3 any occurrence.
  for (int pass = 0; pass < (anywhere ? 4 : 3) && !found; ++pass) {
    const bool flow = pass == 2;
    const icu::UnicodeString& s = flow ? dt.flow() : dt.lined();
    for (const std::string& label : loc.labels) {
      const icu::UnicodeString u = u16(label);
      for (int32_t from = 0; from < s.length();) {
        const FuzzyMatch m = find_label(s, u, from);
        if (!m.found()) break;
        from = m.end;
        if (!loc.exclude.empty() && excluded(icu::UnicodeString(s, m.begin, m.end - m.begin + 4), loc.exclude)) continue;
        if (is_other_label(s, m, others)) continue;
        const int32_t after = skip_qualifier(s, m.end);
        const bool colon = after < s.length() && is_colon(s.charAt(after));
        const bool line_start = starts_line(s, m);
        if (pass == 0 && !colon) continue;
        if (pass == 1 && !line_start) continue;
        if (pass == 2 && (!colon || m.edits > 0)) continue;
        if (pass == 3 && m.edits > 0) continue;  // a near-miss anywhere in the text is not a label
        int32_t start = skip_qualifier(s, m.end);
        while (start < s.length() && (is_colon(s.charAt(start)) || s.charAt(start) == ' ')) ++start;
        int32_t end = 0;
        if (flow) {
          // No line ends here: the value runs to a stop, a full stop, or 60 characters.
          int32_t limit = std::min(s.length(), start + 60);
          if (const int32_t dot = s.indexOf(u'。', start); dot >= 0 && dot < limit) limit = dot;
          end = first_stop(s, start, limit, until);
        } else {
          if (start < s.length() && s.charAt(start) == '\n') ++start;  // value on the next line
          int32_t eol = s.indexOf(u'\n', start);
          if (eol < 0) eol = s.length();
          end = first_stop(s, start, eol, until);
          if (end == eol) end = broken_stop(s, start, eol, until);
          if (end == eol) end = continued_value(s, eol, until);
        }
        icu::UnicodeString value = trim_value(icu::UnicodeString(s, start, end - start));
        value.findAndReplace(u"\n", u"");
        if (value.isEmpty()) continue;
        found = Hit{value, flow ? dt.flow_span(start, end) : dt.lined_span(start, end)};
        if (!loc.last) break;
      }
      if (found && !loc.last) break;
    }
  }
  return found;
}

std::optional<Hit> locate_section(const FieldLocator& loc, const DocText& dt) {
  const icu::UnicodeString& s = loc.lines ? dt.lined() : dt.flow();
  for (const std::string& label : loc.labels) {
    const FuzzyMatch m = find_label(s, u16(label));
    if (!m.found()) continue;
    int32_t start = m.end;
    while (start < s.length() && is_colon(s.charAt(start))) ++start;
    int32_t end = first_stop(s, start, s.length(), loc.until);
    if (!loc.until_pattern.empty()) {
      UErrorCode status = U_ZERO_ERROR;
      icu::RegexMatcher stop(u16(loc.until_pattern), s, 0, status);
      if (U_SUCCESS(status) && stop.find(start, status) && U_SUCCESS(status)) end = std::min(end, stop.start(status));
    }
    icu::UnicodeString value = trim_value(icu::UnicodeString(s, start, end - start));
    value.findAndReplace(u"\n", u"");
    if (!value.isEmpty()) return Hit{value, loc.lines ? dt.lined_span(start, end) : dt.flow_span(start, end)};
  }
  return std::nullopt;
}

std::optional<Hit> locate_pattern(const FieldLocator& loc, const DocText& dt) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString& s = loc.lines ? dt.lined() : dt.flow();
  icu::RegexMatcher m(u16(loc.pattern), s, loc.lines ? UREGEX_MULTILINE : 0, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::optional<Hit> found;
  while (m.find()) {
    const int32_t b = m.start(loc.group, status), e = m.end(loc.group, status);
    if (U_FAILURE(status) || b < 0) continue;
    found = Hit{trim_value(icu::UnicodeString(s, b, e - b)), loc.lines ? dt.lined_span(b, e) : dt.flow_span(b, e)};
    if (!loc.last) break;
  }
  if (found && found->text.isEmpty()) return std::nullopt;
  return found;
}

// Labels of the template's table cells: where an unruled (or undetected)
// table's value ends.
std::vector<std::string> cell_labels(const Template& t) {
  std::vector<std::string> labels;
  for (const FieldSpec& f : t.fields)
    for (const FieldLocator& l : f.find)
      if (l.kind == FieldLocator::Kind::Cell) labels.insert(labels.end(), l.labels.begin(), l.labels.end());
  return labels;
}

// A whole-row label's value where no ruled table was found: from the label at
// the start of a line over the lines below it (names on one, 执法证件号 and
// the numbers on the next, or a line an officer) up to the next label of the
// form, an opinion (…意见) or a date on its own line; six lines at most.
std::optional<Hit> locate_rows_as_text(const FieldLocator& loc, const DocText& dt, const std::vector<icu::UnicodeString>& others) {
  const icu::UnicodeString& s = dt.lined();
  static const icu::UnicodeString kOpinion = u16("意见");
  for (const std::string& label : loc.labels) {
    const icu::UnicodeString u = u16(label);
    for (int32_t from = 0; from < s.length();) {
      const FuzzyMatch m = find_label(s, u, from);
      if (!m.found()) break;
      from = m.end;
      if (!starts_line(s, m) || m.edits > 0 || is_other_label(s, m, others)) continue;
      int32_t eol = s.indexOf(u'\n', m.end);
      if (eol < 0) eol = s.length();
      if (!loc.exclude.empty() && excluded(icu::UnicodeString(s, m.begin, eol - m.begin), loc.exclude)) continue;
      int32_t start = skip_qualifier(s, m.end);
      while (start < eol && (is_colon(s.charAt(start)) || s.charAt(start) == ' ')) ++start;
      int32_t end = eol;
      for (int lines = 0; lines < 6 && end < s.length(); ++lines) {
        const int32_t next = end + 1;
        int32_t next_eol = s.indexOf(u'\n', next);
        if (next_eol < 0) next_eol = s.length();
        const icu::UnicodeString line(s, next, next_eol - next);
        bool and_row = false;
        for (const std::string& l : loc.and_rows) and_row = and_row || line.startsWith(u16(l));
        bool stop = line.indexOf(kOpinion) >= 0 || parse_date(utf8(line)).has_value();
        for (const auto& other : others) stop = stop || (!and_row && line.startsWith(other) && line.length() <= other.length() + 1);
        // Another label with its colon (备注：), not one of the field's own.
        const int32_t wide = line.indexOf(u'：'), narrow = line.indexOf(u':');
        const int32_t colon = wide < 0 ? narrow : narrow < 0 ? wide : std::min(wide, narrow);
        if (!and_row && colon >= 2 && colon <= 8 && !has_any_label(icu::UnicodeString(line, 0, colon), loc.labels)) {
          bool words = true;
          for (int32_t k = 0; k < colon; ++k) words = words && u_hasBinaryProperty(line.char32At(k), UCHAR_IDEOGRAPHIC);
          stop = stop || words;
        }
        if (stop) break;
        end = next_eol;
      }
      icu::UnicodeString value(s, start, end - start);
      value = trim_value(value.findAndReplace(u"\n", u"、"));
      if (value.isEmpty()) continue;
      return Hit{value, dt.lined_span(start, end)};
    }
  }
  return std::nullopt;
}

// The mean confidence of the characters of the cells a value is read from.
struct CellConfidence {
  double sum = 0;
  std::size_t n = 0;
  void add(const DocText& dt, const CellText& cell) {
    for (const int32_t a : cell.at) sum += dt.lined_source(a).confidence, ++n;
  }
  float mean() const { return n ? static_cast<float>(sum / static_cast<double>(n)) : 0.f; }
};

// Whether a cell's text is one of the column headings (姓名, 执法证号).
bool is_heading(const icu::UnicodeString& text, const std::vector<std::string>& heads) {
  icu::UnicodeString t = trim_value(text);
  t.findAndReplace(u" ", u"");
  for (const std::string& h : heads)
    if (t == u16(h)) return true;
  return false;
}

// The label's block read under column headings: the cells right of the label
// in its first row are all headings (姓名 | 执法证号), and each row below,
// while the label's column is the label's (merged) or empty, is one entry, its
// cells joined by spaces (李四 41130325419、王五 41130907120).
std::optional<Hit> rows_under_headings(const FieldLocator& loc, const TableView& tv, std::size_t label, int page,
                                       const DocText& dt) {
  const ocr::Table& table = tv.table;
  const ocr::TableCell& lc = table.cells[label];
  const int first_col = lc.col + lc.colspan;
  bool headed = false;
  for (std::size_t j = 0; j < table.cells.size(); ++j) {
    const ocr::TableCell& c = table.cells[j];
    if (c.row != lc.row || c.col < first_col || trim_value(tv.cells[j].text).isEmpty()) continue;
    if (!is_heading(tv.cells[j].text, loc.heads)) return std::nullopt;
    headed = true;
  }
  if (!headed) return std::nullopt;
  Hit hit;
  CellConfidence conf;
  for (int r = lc.row + 1; r < table.rows; ++r) {
    bool ours = r < lc.row + lc.rowspan;
    icu::UnicodeString entry;
    for (std::size_t j = 0; j < table.cells.size(); ++j) {
      const ocr::TableCell& c = table.cells[j];
      if (c.row != r) continue;
      if (c.col <= lc.col && lc.col < c.col + c.colspan) {
        ours = ours || trim_value(tv.cells[j].text).isEmpty();
        continue;
      }
      const icu::UnicodeString t = trim_value(tv.cells[j].text);
      if (c.col < first_col || t.isEmpty()) continue;
      if (!entry.isEmpty()) entry.append(u' ');
      entry.append(t);
      hit.span.where.push_back({page, c.box});
      conf.add(dt, tv.cells[j]);
    }
    if (!ours || entry.isEmpty()) break;
    if (!hit.text.isEmpty()) hit.text.append(u'、');
    hit.text.append(entry);
  }
  if (hit.text.isEmpty()) return std::nullopt;
  hit.span.confidence = conf.mean();
  return hit;
}

// `plain`: the document's text where no table holds the label.
std::optional<Hit> locate_cell(const FieldLocator& loc, const DocView& v, const DocText& plain) {
  const DocText& dt = v.all;
  const std::vector<icu::UnicodeString> others = template_labels(*v.tmpl);
  for (std::size_t p = 0; p < v.pages.size(); ++p)
    for (const TableView& tv : v.tables[p]) {
      const ocr::Table& table = tv.table;
      const std::vector<CellText>& cells = tv.cells;
      for (const std::string& label : loc.labels) {
        const icu::UnicodeString u = u16(label);
        for (std::size_t i = 0; i < table.cells.size(); ++i) {
          if (bare_length(cells[i].text) > u.length() + 4) continue;
          const FuzzyMatch at = find_label(cells[i].text, u);
          if (!at.found() || excluded(cells[i].text, loc.exclude) || is_other_label(cells[i].text, at, others)) continue;
          const ocr::TableCell& lc = table.cells[i];
          if (loc.whole_row && !loc.heads.empty())
            if (auto under = rows_under_headings(loc, tv, i, v.ids[p], dt)) return under;
          if (loc.whole_row) {
            // Every cell right of the label in the rows it spans, top to bottom,
            // left to right; the rows right below labelled with one of `and_rows`;
            // and the rows of the same column labelled with one of the labels
            // (承办人 on one row an officer, or 主办人 and 协办人).
            std::vector<std::size_t> row;
            std::vector<std::pair<int, int>> spans{{lc.row, lc.row + lc.rowspan}};
            for (std::size_t k = 0; k < table.cells.size(); ++k) {
              const ocr::TableCell& other = table.cells[k];
              if (k == i || other.col != lc.col || bare_length(cells[k].text) > u.length() + 4) continue;
              if (excluded(cells[k].text, loc.exclude)) continue;
              if (has_any_label(cells[k].text, loc.labels)) spans.push_back({other.row, other.row + other.rowspan});
            }
            for (int below = lc.row + lc.rowspan; !loc.and_rows.empty();) {
              const auto next = std::find_if(table.cells.begin(), table.cells.end(), [&](const ocr::TableCell& c) {
                return c.row == below && c.col == lc.col;
              });
              if (next == table.cells.end()) break;
              const auto k = static_cast<std::size_t>(next - table.cells.begin());
              if (!has_any_label(cells[k].text, loc.and_rows) || cells[k].text.length() > 12) break;
              row.push_back(k);
              spans.push_back({next->row, next->row + next->rowspan});
              below = next->row + next->rowspan;
            }
            for (std::size_t j = 0; j < table.cells.size(); ++j) {
              const ocr::TableCell& c = table.cells[j];
              if (j == i || c.col < lc.col + lc.colspan) continue;
              for (const auto& [top, bottom] : spans)
                if (c.row < bottom && top < c.row + c.rowspan) {
                  row.push_back(j);
                  break;
                }
            }
            std::sort(row.begin(), row.end(), [&](std::size_t a, std::size_t b) {
              return std::tie(table.cells[a].row, table.cells[a].col) < std::tie(table.cells[b].row, table.cells[b].col);
            });
            Hit hit;
            CellConfidence conf;
            for (const std::size_t j : row) {
              const icu::UnicodeString t = trim_value(cells[j].text);
              if (t.isEmpty()) continue;
              if (!hit.text.isEmpty()) hit.text.append(u'、');
              hit.text.append(t);
              hit.span.where.push_back({v.ids[p], table.cells[j].box});
              conf.add(dt, cells[j]);
            }
            if (hit.text.isEmpty()) continue;
            hit.span.confidence = conf.mean();
            return hit;
          }
          for (std::size_t j = 0; j < table.cells.size(); ++j) {
            const ocr::TableCell& c = table.cells[j];
            const bool right = !loc.below && c.col == lc.col + lc.colspan && c.row <= lc.row && lc.row < c.row + c.rowspan;
            const bool below = loc.below && c.row == lc.row + lc.rowspan && c.col <= lc.col && lc.col < c.col + c.colspan;
            if (!right && !below) continue;
            // The cell's text, up to a stop word (张三，男，身份证号码…: the name).
            icu::UnicodeString text = trim_value(cells[j].text);
            text = trim_value(icu::UnicodeString(text, 0, first_stop(text, 1, text.length(), loc.until)));
            if (text.isEmpty()) break;
            Hit hit{text, {}};
            hit.span.where.push_back({v.ids[p], c.box});
            CellConfidence conf;
            conf.add(dt, cells[j]);
            hit.span.confidence = conf.mean();
            return hit;
          }
        }
      }
    }
  // No ruled table found (or the label is not in one): read the row as text,
  // the value running up to the next label of the form; a form's label starts
  // its row or has a colon (当事人 inside the 简要案情 is not one).
  if (loc.whole_row)
    if (auto rows = locate_rows_as_text(loc, plain, others)) return rows;
  return locate_after(loc, plain, cell_labels(*v.tmpl), others, false);
}

// Table rows under the header row that holds the column labels; each row an
// object keyed by the template's column names. Rows end at the first row
// whose cells are all empty or at a cell spanning the whole table.
std::optional<ExtractedField> locate_rows(const FieldLocator& loc, const DocView& v, ExtractedField f) {
  for (std::size_t p = 0; p < v.pages.size(); ++p)
    for (const TableView& tv : v.tables[p]) {
      const ocr::Table& table = tv.table;
      std::map<std::pair<int, int>, icu::UnicodeString> text;  // (row, col) -> text
      const std::vector<CellText>& cells = tv.cells;
      for (std::size_t k = 0; k < table.cells.size(); ++k)
        text[{table.cells[k].row, table.cells[k].col}] = trim_value(cells[k].text);
      for (int header = 0; header < table.rows; ++header) {
        std::vector<int> cols;
        for (const auto& [key, label] : loc.columns) {
          int col = -1;
          for (int c = 0; c < table.cols && col < 0; ++c) {
            const auto it = text.find({header, c});
            if (it != text.end() && it->second.length() <= static_cast<int32_t>(u16(label).length()) + 2 &&
                find_label(it->second, u16(label)).found())
              col = c;
          }
          cols.push_back(col);
        }
        if (std::count(cols.begin(), cols.end(), -1) * 2 > static_cast<long>(cols.size())) continue;
        nlohmann::json rows = nlohmann::json::array();
        std::string raw;
        for (int r = header + 1; r < table.rows; ++r) {
          const bool spanning = std::any_of(table.cells.begin(), table.cells.end(),
                                            [&](const ocr::TableCell& c) { return c.row == r && c.colspan >= table.cols - 1; });
          if (spanning) break;
          nlohmann::json row = nlohmann::json::object();
          bool any = false;
          for (std::size_t k = 0; k < cols.size(); ++k) {
            const auto it = cols[k] < 0 ? text.end() : text.find({r, cols[k]});
            const std::string value = it == text.end() ? std::string() : utf8(it->second);
            any = any || !value.empty();
            row[loc.columns[k].first] = fold_width(value);
          }
          if (!any) break;
          raw += (raw.empty() ? "" : "；") + row.dump();
          rows.push_back(std::move(row));
        }
        if (rows.empty()) continue;
        f.raw = raw, f.value = rows, f.parsed = true, f.confidence = 1;
        f.where.push_back({v.ids[p], table.box});
        return f;
      }
    }
  return std::nullopt;
}

}  // namespace

DocView make_view(const Template* tmpl, const std::vector<ocr::PageResult>& pages, const std::vector<int>& ids) {
  DocView v;
  v.tmpl = tmpl;
  v.ids = ids;
  for (const int id : ids) v.pages.push_back(&pages[static_cast<std::size_t>(id)]);
  v.all = DocText(v.pages, ids);
  v.gapped = DocText(v.pages, ids, 0, true);
  v.first = DocText({v.pages.front()}, {ids.front()});
  v.last = DocText({v.pages.back()}, {ids.back()});
  v.tail = DocText({v.pages.back()}, {ids.back()}, 8);
  for (std::size_t p = 0; p < v.pages.size(); ++p) {
    std::vector<TableView>& tables = v.tables.emplace_back();
    for (const ocr::Table& detected : v.pages[p]->tables) {
      TableView tv{join_split_cells(v.all, v.ids[p], detected), {}};
      tv.cells = cell_texts(v.all, v.ids[p], tv.table, v.pages[p]->skew);
      tables.push_back(std::move(tv));
    }
  }
  return v;
}

icu::UnicodeString cells_text(const DocView& v) {
  icu::UnicodeString out;
  for (const auto& tables : v.tables)
    for (const TableView& tv : tables)
      for (const CellText& c : tv.cells)
        if (!c.text.isEmpty()) out.append(c.text).append(u'\n');
  return out;
}

std::optional<ExtractedField> extract_field(const FieldSpec& spec, const DocView& v) {
  ExtractedField f;
  f.name = spec.name;
  f.type = to_string(spec.type);
  if (spec.type == FieldType::Seal) {
    bool any = false;
    for (std::size_t p = 0; p < v.pages.size(); ++p)
      for (const ocr::Seal& s : v.pages[p]->seals) {
        any = true;
        f.where.push_back({v.ids[p], s.box});
        f.confidence = std::max(f.confidence, static_cast<float>(s.confidence));
      }
    f.value = any, f.parsed = true, f.raw = any ? "有印章" : "无印章";
    if (!any) f.confidence = 1;
    return f;
  }
  if (spec.type == FieldType::Rows) {
    for (const FieldLocator& loc : spec.find)
      if (auto rows = locate_rows(loc, v, f)) return rows;
    return std::nullopt;
  }
  // The first locator whose text reads as the field's type wins; text that
  // does not read is kept (flagged) only when no locator does better.
  std::optional<ExtractedField> unread;
  for (const FieldLocator& loc : spec.find) {
    std::optional<Hit> hit;
    const DocText& dt = region_text(v, loc, spec.type);
    switch (loc.kind) {
      case FieldLocator::Kind::After: hit = locate_after(loc, dt, {}, template_labels(*v.tmpl)); break;
      case FieldLocator::Kind::Section: hit = locate_section(loc, dt); break;
      case FieldLocator::Kind::Pattern: hit = locate_pattern(loc, dt); break;
      case FieldLocator::Kind::Cell: hit = locate_cell(loc, v, dt); break;
      case FieldLocator::Kind::Seal:
      case FieldLocator::Kind::Columns: break;
    }
    if (!hit) continue;
    ExtractedField g = f;
    g.raw = utf8(hit->text);
    g.where = hit->span.where;
    g.confidence = hit->span.confidence;
    normalise_field(g, spec);
    if (g.parsed) return g;
    if (!unread) unread = std::move(g);
  }
  return unread;
}

}  // namespace caseaudit::forms
