// Pages made from text for the forms tests: one OCR line per string, stacked
// down an A4 page at 300 dpi, each character a word with its own box (as
// PP-OCR reports them).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::test {

inline ocr::PageResult synthetic_page(const std::vector<std::string>& lines, const std::string& file = "page.jpg") {
  ocr::PageResult page;
  page.ref.file = file;
  page.width = 2480, page.height = 3508, page.dpi = 300;
  int y = 300;
  for (const std::string& text : lines) {
    ocr::Line line;
    line.text = text, line.confidence = 0.95f;
    int x = 300;
    for (std::size_t i = 0; i < text.size();) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      const std::string ch = text.substr(i, n);
      i += n;
      if (ch == " ") {
        x += 30;
        continue;
      }
      line.words.push_back({ch, {x, y, n == 1 ? 34 : 67, 67}, 0.95f});
      x += n == 1 ? 36 : 68;
    }
    line.box = {300, y, x - 300, 67};
    page.lines.push_back(std::move(line));
    y += 115;
  }
  return page;
}

// One line of text at (x, y), laid out as synthetic_page lays out its lines.
inline ocr::Line synthetic_line(const std::string& text, int x, int y) {
  ocr::Line line = synthetic_page({text}).lines.at(0);
  for (ocr::Word& w : line.words) w.box.x += x - 300, w.box.y += y - 300;
  line.box.x += x - 300, line.box.y += y - 300;
  return line;
}

// A ruled form under a title: each row a label cell 650 px wide and one or
// more value cells sharing the rest of a four-column grid; a cell's text may
// hold several lines ("李四\n王五"), each an OCR line 100 px below the last.
inline ocr::PageResult synthetic_form(const std::string& title, const std::vector<std::vector<std::string>>& rows) {
  ocr::PageResult page;
  page.ref.file = "form.jpg";
  page.width = 2480, page.height = 3508, page.dpi = 300;
  page.lines.push_back(synthetic_line(title, 1000, 200));
  ocr::Table t;
  t.rows = static_cast<int>(rows.size()), t.cols = 4;
  int y = 340;
  for (int r = 0; r < t.rows; ++r) {
    const std::vector<std::string>& row = rows[static_cast<std::size_t>(r)];
    int lines = 1;
    for (const std::string& c : row) lines = std::max(lines, 1 + static_cast<int>(std::count(c.begin(), c.end(), '\n')));
    const int h = 40 + 100 * lines, values = static_cast<int>(row.size()) - 1;
    int x = 250, col = 0;
    for (int c = 0; c <= values; ++c) {
      const int span = c == 0 ? 1 : c < values ? 3 / values : 3 - (values - 1) * (3 / values);
      const int w = c == 0 ? 650 : 1350 * span / 3;
      t.cells.push_back({r, col, 1, span, {x, y, w, h}});
      const std::string& text = row[static_cast<std::size_t>(c)];
      int ly = y + 20;
      for (std::size_t from = 0;;) {
        const std::size_t nl = text.find('\n', from);
        const std::string part = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
        if (!part.empty()) page.lines.push_back(synthetic_line(part, x + 30, ly));
        if (nl == std::string::npos) break;
        from = nl + 1, ly += 100;
      }
      x += w, col += span;
    }
    y += h;
  }
  t.box = {250, 340, 2000, y - 340};
  page.tables.push_back(t);
  return page;
}

}  // namespace caseaudit::test
