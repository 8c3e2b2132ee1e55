// The text of each cell of a ruled table. Cell boxes are bounding boxes in
// the original image, so on a skewed page neighbouring boxes overlap; each
// character goes to the one cell whose tilted rectangle (inscribed in its box
// at the page's skew) holds it, the nearest cell centre breaking ties.
#pragma once

#include <unicode/unistr.h>

#include <vector>

#include "caseaudit/ocr/page.h"
#include "doc_text.h"

namespace caseaudit::forms {

struct CellText {
  icu::UnicodeString text;
  std::vector<int32_t> at;  // each character's index in DocText::lined()
};

// One entry per table.cells[i]. `skew` is the page's PageResult::skew.
std::vector<CellText> cell_texts(const DocText& dt, int page, const ocr::Table& table, double skew);

}  // namespace caseaudit::forms
