// Internal: repairs of confusions the PP-OCRv4 recogniser is known to make on
// these documents, applied to the characters of one line before they become
// words. Each rule only restores what the page most likely shows:
//   - 丶 (a radical, not used in running text) -> 、 (enumeration comma);
//   - a 文号 year whose brackets came out mismatched, one tortoise-shell
//     bracket and one square or round one around four digits (〔2023] or
//     ［2023〕) -> 〔2023〕 (matched square or round pairs are left alone:
//     some 文号 are printed that way);
//   - O, o or 0 (half or full width) between two Chinese numerals, as in the
//     dates 二O二三年 -> 〇;
//   - 参 next to a capital numeral or unit of an amount (仟参佰) -> 叁.
#pragma once

#include <vector>

#include "ppocr/ctc_recognizer.h"

namespace caseaudit::ocr::ppocr {

void fix_known_confusions(std::vector<ReadChar>& chars);

}  // namespace caseaudit::ocr::ppocr
