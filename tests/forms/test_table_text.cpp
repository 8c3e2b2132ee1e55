// Table cells and their text: a grid line the detector finds through the
// middle of a printed label (a column of 1-bit strokes looks like a rule) is
// not a border in that row; a ruling line read as a character is no reason to
// join two cells.
#include <catch2/catch.hpp>

#include "doc_text.h"
#include "synthetic_page.h"
#include "table_text.h"

using namespace caseaudit;
using namespace caseaudit::forms;

namespace {

// Characters sit at x = 300 + 68 i (67 wide) on line i, y = 300 + 115 i (synthetic_page).
ocr::TableCell cell(int row, int col, int x, int right, int line) {
  return {row, col, 1, 1, {x, 300 + 115 * line - 20, right - x, 110}};
}

// Two rows of three columns with vertical borders at `first` and 900.
ocr::Table grid(int first) {
  ocr::Table t;
  t.rows = 2, t.cols = 3;
  t.box = {250, 280, 2000, 230};
  for (int r = 0; r < 2; ++r) {
    t.cells.push_back(cell(r, 0, 250, first, r));
    t.cells.push_back(cell(r, 1, first, 900, r));
    t.cells.push_back(cell(r, 2, 900, 2250, r));
  }
  return t;
}

std::string text_of(const DocText& dt, const ocr::Table& t, int row, int col) {
  const std::vector<CellText> cells = cell_texts(dt, 0, t, 0);
  for (std::size_t i = 0; i < t.cells.size(); ++i)
    if (t.cells[i].row == row && t.cells[i].col == col) {
      std::string s;
      cells[i].text.toUTF8String(s);
      return s;
    }
  return "(no cell)";
}

}  // namespace

TEST_CASE("a label the grid cuts in two reads whole, in one cell spanning both columns") {
  // 办 300-367, 案 368-435: a border at 400 runs through 案.
  const ocr::PageResult page = test::synthetic_page({"办案人员", "执法证件号"});
  const DocText dt({&page}, {0});
  const ocr::Table split = grid(400);
  CHECK(text_of(dt, split, 0, 0) == "办");
  const ocr::Table joined = join_split_cells(dt, 0, split);
  REQUIRE(joined.cells.size() == 4);
  CHECK(text_of(dt, joined, 0, 0) == "办案人员");
  CHECK(text_of(dt, joined, 1, 0) == "执法证件号");
  CHECK(joined.cells[0].colspan == 2);
  CHECK(joined.cells[0].box.right() == 900);
}

TEST_CASE("cells are not joined for a border between words, nor for a ruling line read as a character") {
  // A border at 580 falls between 员 (504-571) and the next column.
  ocr::PageResult page = test::synthetic_page({"办案人员", "受案日期"});
  const DocText clean({&page}, {0});
  CHECK(join_split_cells(clean, 0, grid(580)).cells.size() == 6);
  // "1" (300-333) read from the rule at 320, Han characters right of it only;
  // and 日 cut at the end of a line with nothing beyond the border.
  page = test::synthetic_page({"1二〇二三年", "受案日期"});
  const DocText rule({&page}, {0});
  CHECK(join_split_cells(rule, 0, grid(320)).cells.size() == 6);
  const ocr::Table end = join_split_cells(rule, 0, grid(530));
  for (const ocr::TableCell& c : end.cells)
    if (c.row == 1) CHECK(c.colspan == 1);
}

TEST_CASE("a border between two characters of one word joins the cells, a label and its value apart do not") {
  // 受 300-367, 案 368-435, 日 436-503: a border at 436 falls in the gap inside 受案日期 (a
  // 1-bit scan's grid through a party's name); the second line's two spaces keep 法定代表人
  // (300-639) 61 px from 张三, more than half a character's height.
  const ocr::PageResult page = test::synthetic_page({"受案日期", "法定代表人  张三"});
  const DocText dt({&page}, {0});
  const ocr::Table joined = join_split_cells(dt, 0, grid(436));
  CHECK(text_of(dt, joined, 0, 0) == "受案日期");
  CHECK(join_split_cells(dt, 0, grid(670)).cells.size() == 6);
}

