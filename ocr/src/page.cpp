#include "caseaudit/ocr/page.h"

#include <algorithm>

namespace caseaudit::ocr {

Box unite(const Box& a, const Box& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const int x = std::min(a.x, b.x);
  const int y = std::min(a.y, b.y);
  return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

bool on_one_row(const Box& a, const Box& b) {
  const int common = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return common * 2 >= std::min(a.h, b.h);
}

std::string PageRef::label() const {
  std::string name = file.filename().string();
  if (count <= 1) return name;
  return name + " p." + std::to_string(index + 1) + "/" + std::to_string(count);
}

std::string PageResult::text() const {
  std::string out;
  for (const Line& line : lines) {
    if (!out.empty()) out += '\n';
    out += line.text;
  }
  return out;
}

namespace {
// Code points in a UTF-8 string (continuation bytes are not counted).
std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

float PageResult::mean_confidence() const {
  double sum = 0;
  std::size_t chars = 0;
  for (const Line& line : lines) {
    const std::size_t n = utf8_length(line.text);
    sum += static_cast<double>(line.confidence) * static_cast<double>(n);
    chars += n;
  }
  return chars == 0 ? 0.0f : static_cast<float>(sum / static_cast<double>(chars));
}

}  // namespace caseaudit::ocr
