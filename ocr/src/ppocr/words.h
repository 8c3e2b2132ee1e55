// Internal: from the characters the recogniser read on one line to the page
// data's Line and Words. A CJK character (ideograph, CJK or full-width
// punctuation) is a word of its own; a run of other characters (digits, Latin
// letters, ASCII punctuation) is one word, split at spaces. The line's text is
// the words joined as the Tesseract engine joins them (text_join.h).
#pragma once

#include <functional>
#include <vector>

#include "caseaudit/ocr/page.h"
#include "ppocr/ctc_recognizer.h"

namespace caseaudit::ocr::ppocr {

// `span_box(x0, x1)` boxes strip columns [x0, x1) on the page. The line's own
// box is left for the caller; its confidence is the mean over its characters.
Line make_line(const std::vector<ReadChar>& chars, const std::function<Box(double, double)>& span_box);

}  // namespace caseaudit::ocr::ppocr
