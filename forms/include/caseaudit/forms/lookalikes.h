// OCR look-alikes: the one place that says which characters OCR reads one for
// another. Codes (统一社会信用代码, 身份证号) use the directional Latin/digit
// substitutions; 文号, party and unit names use the symmetric groups (digits
// with their letter look-alikes, brackets, and Chinese characters of similar
// shape) through a cheap substitution cost in an edit distance.
//
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caseaudit::forms {

// True when OCR reads `a` for `b` (or the reverse) often enough that a
// difference between them may be a misread: 0/O/D/Q/〇, 1/I/l/7, 2/Z, 5/S/6,
// 6/8/B, 3/8, 0/8/9, the bracket kinds (〔 [ ( 【 read as C or L), and Chinese
// characters of similar shape (宛/菀, 卖/英, 场/扬, 管/菅 ..., 一 and the dashes). Equal characters
// are look-alikes of themselves.
bool lookalike(char32_t a, char32_t b);

// Upper-case Latin letters and digits a code character (as read, before
// upper-casing) may stand for: O/D/Q -> 0, I -> 1, Z -> 2, S -> 5, B -> 8,
// l -> 1, and 0 -> O, 1 -> I, 2 -> Z, 5 -> S, 8 -> B.
std::vector<char> code_confusables(char c);

// Levenshtein distance over code points; with `ocr_costs`, substituting a
// look-alike costs 0.3 instead of 1.
double edit_distance(std::u32string_view a, std::u32string_view b, bool ocr_costs);

// 1 - edit_distance / longer length, in [0, 1] (1 for two empty strings).
double similarity(std::u32string_view a, std::u32string_view b, bool ocr_costs);

}  // namespace caseaudit::forms
