// Pages made from text for the forms tests: one OCR line per string, stacked
// down an A4 page at 300 dpi, each character a word with its own box (as
// PP-OCR reports them).
#pragma once

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

}  // namespace caseaudit::test
