#include "text_join.h"

namespace caseaudit::ocr {
namespace {

// First and last code point of a UTF-8 string (0 for empty).
char32_t decode_at(const std::string& s, std::size_t i, std::size_t* len) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  *len = static_cast<std::size_t>(n);
  return cp;
}

char32_t first_cp(const std::string& s) {
  if (s.empty()) return 0;
  std::size_t len;
  return decode_at(s, 0, &len);
}

char32_t last_cp(const std::string& s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t len;
  return decode_at(s, i, &len);
}

}  // namespace

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) ||   // radicals, CJK punctuation, kana, ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||   // compatibility ideographs
         (c >= 0xFF00 && c <= 0xFFEF) ||   // full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);   // extension ideographs
}

std::string join_words(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (w.text.empty()) continue;
    if (!out.empty() && !is_cjk(last_cp(out)) && !is_cjk(first_cp(w.text))) out += ' ';
    out += w.text;
  }
  return out;
}

}  // namespace caseaudit::ocr
