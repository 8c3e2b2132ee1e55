// The text of a run of pages as forms reads it: OCR lines with their spaces
// removed (OCR puts spaces between Chinese characters at random), in two
// forms: `lined` keeps a '\n' between lines, `flow` joins them (Chinese prose
// wraps anywhere). Every UTF-16 unit maps back to the page, line and box of
// the character it came from, so any span of text gives its evidence.
#pragma once

#include <unicode/unistr.h>

#include <vector>

#include "caseaudit/forms/document.h"
#include "caseaudit/ocr/page.h"

namespace caseaudit::forms {

struct CharSource {
  int page = -1;  // case-file page index; -1 for the '\n' between lines
  int line = -1;  // line index on that page
  ocr::Box box;   // the character's box (its share of the word box)
  float confidence = 0;
};

struct SpanInfo {
  std::vector<Evidence> where;  // one box per (page, line) touched
  float confidence = 0;         // mean over the characters
};

// The number of a page-number line ("— 2 —", "-2-", "第2页", "第2页 共3页"),
// 0 when the line is something else.
int printed_page_number(const std::string& line_text);

// Page furniture that is not part of the document's text: a page-number line
// among the last three lines of the page.
bool is_page_furniture(const ocr::PageResult& page, std::size_t line);

class DocText {
 public:
  DocText() = default;
  // `pages[i]` is case-file page `ids[i]`. `tail_lines` > 0 keeps only the
  // last that many lines of each page (page furniture aside): the signature
  // block where an agency puts its name and date. `keep_gaps`: a space where
  // a line's characters stand apart (李四  王五), for reading officers.
  DocText(const std::vector<const ocr::PageResult*>& pages, const std::vector<int>& ids, std::size_t tail_lines = 0,
          bool keep_gaps = false);

  const icu::UnicodeString& lined() const { return lined_; }
  const icu::UnicodeString& flow() const { return flow_; }
  SpanInfo lined_span(int32_t begin, int32_t end) const { return span(lined_src_, begin, end); }
  SpanInfo flow_span(int32_t begin, int32_t end) const { return span(flow_src_, begin, end); }
  const CharSource& lined_source(int32_t at) const { return sources_[lined_src_[at]]; }
  // How well the text was read: the mean character confidence, and the share
  // of characters read below `below`. 0 and 1 for no text.
  float mean_confidence() const;
  double share_below(float below) const;

 private:
  SpanInfo span(const std::vector<int32_t>& map, int32_t begin, int32_t end) const;
  std::vector<CharSource> sources_;
  icu::UnicodeString lined_, flow_;
  std::vector<int32_t> lined_src_, flow_src_;  // UTF-16 unit -> sources_ index
};

}  // namespace caseaudit::forms
