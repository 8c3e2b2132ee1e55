// Internal (searchable PDF): a line's text in spans. A line is drawn as one
// string (so pdftotext puts no spaces between its characters) unless its words
// stand far apart in the image, as in a form row "承办人：        2021年5月17日":
// then each group of close words is drawn over its own words, instead of one
// string stretched over the blank between them.
#pragma once

#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr::pdf_out {

struct Span {
  std::string text;  // a piece of Line::text, separators at the cuts dropped
  Box box;           // union of its words' boxes; the line's box for a whole line
};

// quarter_turns: the page's orientation / 90 (the words' reading direction in
// the stored image). Words further apart than max_gap_px (along the text) start
// a new span. The line stays whole when it has no words or its words cannot be
// found in order in its text.
std::vector<Span> split_line(const Line& line, int quarter_turns, double max_gap_px);

}  // namespace caseaudit::ocr::pdf_out
