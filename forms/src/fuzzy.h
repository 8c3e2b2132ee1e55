// Approximate string search for text read by OCR: a needle found in a
// haystack with at most k character edits (Sellers' algorithm over UTF-16
// units; every character forms use is in the BMP).
#pragma once

#include <unicode/unistr.h>

#include <string>
#include <vector>

namespace caseaudit::forms {

struct FuzzyMatch {
  int32_t begin = -1, end = -1;  // [begin, end) in the haystack; begin < 0: not found
  int edits = 0;
  bool found() const { return begin >= 0; }
};

// Best (fewest edits, then leftmost) occurrence of `needle` in `haystack`
// from `from` on, with at most `max_edits` edits.
FuzzyMatch fuzzy_find(const icu::UnicodeString& haystack, const icu::UnicodeString& needle, int max_edits,
                      int32_t from = 0);

// Exact search first, then fuzzy with the edits a label of this length can
// afford (none under 4 characters, one up to 7, two from 8).
FuzzyMatch find_label(const icu::UnicodeString& haystack, const icu::UnicodeString& label, int32_t from = 0);
int label_tolerance(int32_t length);
// Whether any of `labels` is found in `text` (find_label).
bool has_any_label(const icu::UnicodeString& text, const std::vector<std::string>& labels);
// Whether a match begins a line of `text` (at its start or after a '\n').
inline bool starts_line(const icu::UnicodeString& text, const FuzzyMatch& m) {
  return m.begin == 0 || (m.begin > 0 && text.charAt(m.begin - 1) == '\n');
}

icu::UnicodeString u16(const std::string& utf8);
std::string utf8(const icu::UnicodeString& s);

}  // namespace caseaudit::forms
