// Building a DocText from OCR lines (see doc_text.h).
#include "doc_text.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>

namespace caseaudit::forms {

namespace {

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x3000; }

struct TextChar {
  UChar32 c;
  CharSource src;
};

// Where the characters of a line stand apart, half a character's height or
// more and at least twice as far as the line's usual spacing (李四  王五 after
// a label), a space between them. OCR's own spaces fall anywhere between
// Chinese characters; evenly spaced characters (送 达 人) are not apart.
void keep_wide_gaps(std::vector<TextChar>& chars, int height) {
  if (chars.size() < 3 || height <= 0) return;
  std::vector<int> gaps;
  for (std::size_t i = 1; i < chars.size(); ++i) gaps.push_back(chars[i].src.box.x - chars[i - 1].src.box.right());
  std::vector<int> sorted = gaps;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
  const int usual = std::max(sorted[sorted.size() / 2], height / 10);
  std::vector<TextChar> out;
  out.reserve(chars.size() + 2);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i > 0 && gaps[i - 1] * 2 >= height && gaps[i - 1] >= 2 * usual) {
      CharSource space = chars[i].src;
      space.box.x = chars[i - 1].src.box.right();
      space.box.w = gaps[i - 1];
      out.push_back({U' ', space});
    }
    out.push_back(chars[i]);
  }
  chars = std::move(out);
}

// A line's characters, each with an even share of its word's box (a line
// without words shares the line box); OCR's spaces dropped.
std::vector<TextChar> line_chars(const ocr::Line& line, int page, int index) {
  std::vector<TextChar> out;
  const auto add_run = [&](const std::string& text, const ocr::Box& box, float conf) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    std::vector<UChar32> chars;
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      if (!is_space(c)) chars.push_back(c);
      i += U16_LENGTH(c);
    }
    const int n = static_cast<int>(chars.size());
    for (int i = 0; i < n; ++i) {
      ocr::Box b = box;
      b.x = box.x + box.w * i / n;
      b.w = std::max(1, box.w / n);
      out.push_back({chars[i], {page, index, b, conf}});
    }
  };
  if (line.words.empty()) {
    add_run(line.text, line.box, line.confidence);
  } else {
    for (const ocr::Word& w : line.words) add_run(w.text, w.box, w.confidence);
  }
  return out;
}

int overlap(int a0, int a1, int b0, int b1) { return std::min(a1, b1) - std::max(a0, b0); }

// `next` continues the row of `prev` and starts inside it: two pieces the
// detector cut from one row with some ink in both.
bool starts_inside(const ocr::Box& prev, const ocr::Box& next) {
  return ocr::on_one_row(prev, next) && next.x > prev.x && next.x < prev.right();
}

// Where the last character of one piece and the first of the next cover the
// same ink (at least half the narrower one), it was read twice: the reading
// with less confidence goes (明 over 月, 由 over 日, 群 over 羊).
void drop_read_twice(std::vector<TextChar>& prev, std::vector<TextChar>& next) {
  const ocr::Box& a = prev.back().src.box;
  const ocr::Box& b = next.front().src.box;
  if (overlap(a.x, a.x + a.w, b.x, b.x + b.w) * 2 < std::min(a.w, b.w)) return;
  if (prev.back().src.confidence >= next.front().src.confidence)
    next.erase(next.begin());
  else
    prev.pop_back();
}

}  // namespace

int printed_page_number(const std::string& line_text) {
  icu::UnicodeString s;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(line_text);
  for (int32_t i = 0; i < u.length(); ++i)
    if (!is_space(u.charAt(i))) s.append(u.charAt(i));
  if (s.isEmpty() || s.length() > 12) return 0;
  UErrorCode status = U_ZERO_ERROR;
  icu::RegexMatcher m(icu::UnicodeString::fromUTF8("^(?:[—\\-－–一_~]{0,3}([0-9]{1,3})[—\\-－–一_~]{0,3}|第([0-9]{1,3})页.*)$"), s, 0,
                      status);
  if (U_FAILURE(status) || !m.matches(status)) return 0;
  icu::UnicodeString digits = m.group(1, status);
  if (digits.isEmpty()) digits = m.group(2, status);
  std::string d;
  digits.toUTF8String(d);
  return d.empty() ? 0 : std::stoi(d);
}

bool is_page_furniture(const ocr::PageResult& page, std::size_t line) {
  return line + 3 >= page.lines.size() && printed_page_number(page.lines[line].text) > 0;
}

DocText::DocText(const std::vector<const ocr::PageResult*>& pages, const std::vector<int>& ids, std::size_t tail_lines,
                 bool keep_gaps) {
  const auto push = [&](UChar32 c, const CharSource& src) {
    const int32_t index = static_cast<int32_t>(sources_.size());
    sources_.push_back(src);
    const int units = U16_LENGTH(c);
    lined_.append(c);
    for (int u = 0; u < units; ++u) lined_src_.push_back(index);
    if (src.page >= 0) {
      flow_.append(c);
      for (int u = 0; u < units; ++u) flow_src_.push_back(index);
    }
  };
  // A line's characters are held back until the next line is seen: where the
  // detector cut one row into two overlapping pieces, the ink at the cut is
  // read twice (田德明 + 月(执法证号…), 利群 + 羊(新版)).
  std::vector<TextChar> held;
  const ocr::Box* held_box = nullptr;
  const auto flush = [&] {
    if (held.empty()) return;
    if (!lined_.isEmpty()) push('\n', {});
    for (const TextChar& c : held) push(c.c, c.src);
    held.clear();
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const ocr::PageResult& page = *pages[p];
    std::size_t first = 0;
    if (tail_lines > 0) {
      std::size_t kept = 0;
      for (std::size_t l = page.lines.size(); l-- > 0 && kept < tail_lines;)
        if (!is_page_furniture(page, l)) ++kept, first = l;
    }
    for (std::size_t l = first; l < page.lines.size(); ++l) {
      if (is_page_furniture(page, l)) continue;
      std::vector<TextChar> chars = line_chars(page.lines[l], ids[p], static_cast<int>(l));
      if (keep_gaps) keep_wide_gaps(chars, page.lines[l].box.h);
      if (held_box && !held.empty() && !chars.empty() && starts_inside(*held_box, page.lines[l].box))
        drop_read_twice(held, chars);
      flush();
      held = std::move(chars);
      held_box = &page.lines[l].box;
    }
    flush();
    held_box = nullptr;
  }
}

float DocText::mean_confidence() const {
  double sum = 0;
  int n = 0;
  for (const CharSource& c : sources_)
    if (c.page >= 0) sum += c.confidence, ++n;
  return n ? static_cast<float>(sum / n) : 0.f;
}

double DocText::share_below(float below) const {
  int low = 0, n = 0;
  for (const CharSource& c : sources_)
    if (c.page >= 0) low += c.confidence < below, ++n;
  return n ? static_cast<double>(low) / n : 1.0;
}

SpanInfo DocText::span(const std::vector<int32_t>& map, int32_t begin, int32_t end) const {
  SpanInfo info;
  std::map<std::pair<int, int>, ocr::Box> boxes;
  std::vector<std::pair<int, int>> order;
  double conf = 0;
  int n = 0;
  int32_t last = -1;
  for (int32_t i = std::max(0, begin); i < end && i < static_cast<int32_t>(map.size()); ++i) {
    if (map[i] == last) continue;
    last = map[i];
    const CharSource& s = sources_[map[i]];
    if (s.page < 0) continue;
    const auto key = std::make_pair(s.page, s.line);
    if (!boxes.count(key)) order.push_back(key);
    boxes[key] = ocr::unite(boxes[key], s.box);
    conf += s.confidence, ++n;
  }
  for (const auto& key : order) info.where.push_back({key.first, boxes[key]});
  info.confidence = n ? static_cast<float>(conf / n) : 0.f;
  return info;
}

}  // namespace caseaudit::forms
