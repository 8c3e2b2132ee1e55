// Internal (searchable PDF): cutting a line at wide gaps between its words.
#include "searchable_pdf_spans.h"

#include <cstddef>

namespace caseaudit::ocr::pdf_out {
namespace {

// Blank between two consecutive words along the reading direction, in pixels
// of the stored image (text runs +x, -y, -x, +y for 0..3 quarter turns).
int gap_between(const Box& before, const Box& after, int quarter_turns) {
  switch (quarter_turns) {
    case 0: return after.x - before.right();
    case 1: return before.y - after.bottom();
    case 2: return before.x - after.right();
    default: return after.y - before.bottom();
  }
}

}  // namespace

std::vector<Span> split_line(const Line& line, int quarter_turns, double max_gap_px) {
  const std::vector<Span> whole{{line.text, line.box}};
  struct Found {
    std::size_t begin = 0, end = 0;
    Box box;
  };
  std::vector<Found> found;
  std::size_t pos = 0;
  for (const Word& word : line.words) {
    if (word.text.empty() || word.box.empty()) continue;
    const std::size_t at = line.text.find(word.text, pos);
    if (at == std::string::npos) return whole;
    found.push_back({at, at + word.text.size(), word.box});
    pos = at + word.text.size();
  }
  if (found.size() < 2) return whole;

  std::vector<Span> spans;
  std::size_t first = 0;  // first word of the current span
  for (std::size_t i = 1; i <= found.size(); ++i) {
    const bool cut = i == found.size() || gap_between(found[i - 1].box, found[i].box, quarter_turns) > max_gap_px;
    if (!cut) continue;
    Span span;
    // The first span takes any text before the first word, the last any after.
    const std::size_t begin = spans.empty() ? 0 : found[first].begin;
    const std::size_t end = i == found.size() ? line.text.size() : found[i - 1].end;
    span.text = line.text.substr(begin, end - begin);
    for (std::size_t k = first; k < i; ++k) span.box = unite(span.box, found[k].box);
    spans.push_back(std::move(span));
    first = i;
  }
  return spans.size() == 1 ? whole : spans;
}

}  // namespace caseaudit::ocr::pdf_out
