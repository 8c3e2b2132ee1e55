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
  icu::UnicodeString text;  // with a space between items side by side a character or more apart
  std::vector<int32_t> at;  // each character's index in DocText::lined() (not the spaces)
};

// One entry per table.cells[i]. `skew` is the page's PageResult::skew.
std::vector<CellText> cell_texts(const DocText& dt, int page, const ocr::Table& table, double skew);

// The table with the cells a printed character straddles joined: a character
// cannot cross a ruled border, so a border the grid shows through the middle
// of a label (办案人员 cut at 人 on a 1-bit scan, where the strokes of a
// column of characters look like a rule) is not there in that row. The cell
// on the left takes the one on its right (box and colspan).
ocr::Table join_split_cells(const DocText& dt, int page, const ocr::Table& table);

// A table of a document's page, its split cells joined, with each cell's text.
struct TableView {
  ocr::Table table;
  std::vector<CellText> cells;  // one per table.cells[i]
};

}  // namespace caseaudit::forms
