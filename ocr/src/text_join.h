// Internal: joining recognised words into a line of text. Chinese has no
// spaces between words; Latin runs (文号 digits, credit codes, amounts) keep
// the space the engine saw between two Latin words.
#pragma once

#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

std::string join_words(const std::vector<Word>& words);

// True for CJK ideographs, CJK punctuation and full-width forms.
bool is_cjk(char32_t c);

}  // namespace caseaudit::ocr
