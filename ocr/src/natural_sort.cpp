#include <cctype>
#include <string>

#include "caseaudit/ocr/inputs.h"

namespace caseaudit::ocr {
namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

// Digit runs compare by numeric value (leading zeros ignored, then the shorter
// run of equal value first); other bytes compare as unsigned, ASCII letters
// case-insensitively. Ties fall back to plain byte order so the order is total.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && is_digit(a[ie])) ++ie;
      while (je < b.size() && is_digit(b[je])) ++je;
      std::size_t iz = i, jz = j;
      while (iz + 1 < ie && a[iz] == '0') ++iz;
      while (jz + 1 < je && b[jz] == '0') ++jz;
      const std::size_t la = ie - iz, lb = je - jz;
      if (la != lb) return la < lb;
      const int cmp = a.compare(iz, la, b, jz, lb);
      if (cmp != 0) return cmp < 0;
      if ((ie - i) != (je - j)) return (ie - i) < (je - j);
      i = ie;
      j = je;
      continue;
    }
    const auto ca = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(a[i])));
    const auto cb = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(b[j])));
    if (ca != cb) return ca < cb;
    ++i;
    ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;
}

}  // namespace caseaudit::ocr
