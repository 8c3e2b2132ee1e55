// Characters to table cells (see table_text.h).
#include "table_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>

namespace caseaudit::forms {

namespace {

// Whether (px, py) lies in the rectangle tilted by `angle` (radians) whose
// bounding box is `b`.
bool in_tilted(const ocr::Box& b, double angle, double px, double py) {
  const double c = std::cos(angle), s = std::sin(angle);
  const double ac = std::abs(c), as = std::abs(s);
  const double den = ac * ac - as * as;
  if (den < 0.5) return true;  // near 45 degrees the inscribed rectangle is undefined: trust the box
  const double w = (b.w * ac - b.h * as) / den, h = (b.h * ac - b.w * as) / den;
  const double dx = px - (b.x + b.w / 2.0), dy = py - (b.y + b.h / 2.0);
  return std::abs(dx * c + dy * s) <= w / 2 + 1 && std::abs(-dx * s + dy * c) <= h / 2 + 1;
}

// Two items side by side in a cell, half a character's height or more apart
// (李四    王五, or a name and its number): the reading keeps them apart, as
// a space, where OCR's own spaces are dropped.
bool apart(const ocr::Box& before, const ocr::Box& next) {
  return ocr::on_one_row(before, next) && (next.x - before.right()) * 2 >= std::max(before.h, next.h);
}

}  // namespace

std::vector<CellText> cell_texts(const DocText& dt, int page, const ocr::Table& table, double skew) {
  std::vector<CellText> out(table.cells.size());
  const double angle = -skew * std::numbers::pi / 180;
  const icu::UnicodeString& s = dt.lined();
  // A text line cannot cross a ruled border: where a line runs on past the
  // table's right edge, the detected edge is short of the real one
  // (a faint border), and the rest of the line belongs to the cell it began in.
  int run_line = -1, run_cell = -1;
  for (int32_t i = 0; i < s.length(); ++i) {
    const CharSource& src = dt.lined_source(i);
    if (src.page != page) continue;
    const double px = src.box.x + src.box.w / 2.0, py = src.box.y + src.box.h / 2.0;
    int best = -1;
    double best_d = std::numeric_limits<double>::max();
    for (std::size_t k = 0; k < table.cells.size(); ++k) {
      const ocr::Box& b = table.cells[k].box;
      if (px < b.x || px >= b.right() || py < b.y || py >= b.bottom() || !in_tilted(b, angle, px, py)) continue;
      const double d = std::hypot(px - (b.x + b.w / 2.0), py - (b.y + b.h / 2.0));
      if (d < best_d) best = static_cast<int>(k), best_d = d;
    }
    if (best < 0 && src.line == run_line && run_cell >= 0) {
      const ocr::Box& b = table.cells[static_cast<std::size_t>(run_cell)].box;
      const bool past_edge = px >= table.box.right() - 2 && b.right() >= table.box.right() - 2;
      if (past_edge && py >= b.y && py < b.bottom()) best = run_cell;
    }
    run_line = src.line;
    run_cell = best;
    if (best < 0) continue;
    CellText& cell = out[static_cast<std::size_t>(best)];
    if (!cell.at.empty() && apart(dt.lined_source(cell.at.back()).box, src.box)) cell.text.append(u' ');
    cell.text.append(s.charAt(i));
    cell.at.push_back(i);
  }
  return out;
}

namespace {

bool han(UChar32 c) { return u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN; }

// Whether a line of Han characters runs on across the border between cells a
// and b (b right of a, the same rows): characters of the line on each side,
// and one across it (a quarter of its width or more on each side) or the two
// nearest closer than half a character's height, as within a word; text in
// two cells keeps the cells' padding and the rule between. A ruling line read
// as a character (1, |, 「) is not a Han character.
bool straddled(const DocText& dt, int page, const ocr::TableCell& a, const ocr::TableCell& b) {
  const int border = (a.box.right() + b.box.x) / 2;
  const int top = std::max(a.box.y, b.box.y), bottom = std::min(a.box.bottom(), b.box.bottom());
  struct Seen {
    bool across = false;
    int left_end = std::numeric_limits<int>::min(), right_start = std::numeric_limits<int>::max(), height = 0;
  };
  std::map<int, Seen> lines;
  const icu::UnicodeString& s = dt.lined();
  for (int32_t i = 0; i < s.length(); ++i) {
    const CharSource& src = dt.lined_source(i);
    if (src.page != page || src.box.w <= 0 || !han(s.charAt(i))) continue;
    const double cy = src.box.y + src.box.h / 2.0;
    if (cy < top || cy >= bottom) continue;
    const int left = border - src.box.x, right = src.box.right() - border;
    Seen& seen = lines[src.line];
    seen.height = std::max(seen.height, src.box.h);
    if (left * 4 >= src.box.w && right * 4 >= src.box.w) seen.across = true;
    else if (left > right) seen.left_end = std::max(seen.left_end, src.box.right());
    else seen.right_start = std::min(seen.right_start, src.box.x);
  }
  return std::any_of(lines.begin(), lines.end(), [](const auto& l) {
    const Seen& v = l.second;
    const bool both = v.left_end != std::numeric_limits<int>::min() && v.right_start != std::numeric_limits<int>::max();
    return both && (v.across || (v.right_start - v.left_end) * 2 < v.height);
  });
}

}  // namespace

ocr::Table join_split_cells(const DocText& dt, int page, const ocr::Table& table) {
  ocr::Table t = table;
  for (bool joined = true; joined;) {
    joined = false;
    for (std::size_t i = 0; i < t.cells.size() && !joined; ++i)
      for (std::size_t j = 0; j < t.cells.size() && !joined; ++j) {
        ocr::TableCell& a = t.cells[i];
        const ocr::TableCell& b = t.cells[j];
        if (b.row != a.row || b.rowspan != a.rowspan || b.col != a.col + a.colspan || !straddled(dt, page, a, b)) continue;
        const int right = b.box.right(), bottom = std::max(a.box.bottom(), b.box.bottom());
        a.box.y = std::min(a.box.y, b.box.y);
        a.box.w = right - a.box.x, a.box.h = bottom - a.box.y;
        a.colspan += b.colspan;
        t.cells.erase(t.cells.begin() + static_cast<std::ptrdiff_t>(j));
        joined = true;
      }
  }
  return t;
}

}  // namespace caseaudit::forms
