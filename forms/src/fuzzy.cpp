// Sellers' approximate matching (see fuzzy.h).
#include "fuzzy.h"

#include <algorithm>
#include <vector>

namespace caseaudit::forms {

icu::UnicodeString u16(const std::string& s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

int label_tolerance(int32_t length) { return length < 4 ? 0 : length < 8 ? 1 : 2; }

FuzzyMatch fuzzy_find(const icu::UnicodeString& hay, const icu::UnicodeString& needle, int max_edits, int32_t from) {
  FuzzyMatch best;
  const int32_t m = needle.length();
  const int32_t n = hay.length();
  if (m == 0 || from >= n) return best;
  // col[i]: edits to match needle[0, i) ending at the current haystack position;
  // start[i]: where that alignment starts in the haystack.
  std::vector<int> col(m + 1), prev(m + 1);
  std::vector<int32_t> start(m + 1), prev_start(m + 1);
  for (int i = 0; i <= m; ++i) prev[i] = i, prev_start[i] = from;
  for (int32_t j = from; j < n; ++j) {
    col[0] = 0, start[0] = j + 1;
    const UChar c = hay.charAt(j);
    for (int32_t i = 1; i <= m; ++i) {
      const int sub = prev[i - 1] + (needle.charAt(i - 1) == c ? 0 : 1);
      const int del = prev[i] + 1;    // haystack char skipped
      const int ins = col[i - 1] + 1;  // needle char missing
      if (sub <= del && sub <= ins) {
        col[i] = sub, start[i] = i == 1 ? j : prev_start[i - 1];
      } else if (ins <= del) {
        col[i] = ins, start[i] = start[i - 1];
      } else {
        col[i] = del, start[i] = prev_start[i];
      }
    }
    if (col[m] <= max_edits && (!best.found() || col[m] < best.edits)) {
      best = {start[m], j + 1, col[m]};
      if (col[m] == 0) return best;
    }
    std::swap(col, prev);
    std::swap(start, prev_start);
  }
  return best;
}

FuzzyMatch find_label(const icu::UnicodeString& hay, const icu::UnicodeString& label, int32_t from) {
  const int32_t at = hay.indexOf(label, from);
  if (at >= 0) return {at, at + label.length(), 0};
  const int k = label_tolerance(label.length());
  if (k == 0) return {};
  return fuzzy_find(hay, label, k, from);
}

bool has_any_label(const icu::UnicodeString& text, const std::vector<std::string>& labels) {
  for (const std::string& l : labels)
    if (find_label(text, u16(l)).found()) return true;
  return false;
}

}  // namespace caseaudit::forms
