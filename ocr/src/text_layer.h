// Internal: a PDF page's own text in place of OCR. A page a bureau exported
// from Word or WPS carries its text exactly, where OCR can only come close and
// costs about a second a page. The text layer is used only when it can be
// trusted (text_layer_doubt, checked_lines and print_outside_text); otherwise
// the page is read like a scan.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

// Poppler's runs as lines in reading order: runs of one row (half their
// height in common) top to bottom, left to right, neighbours closer than
// about a character joined; a wide gap (a table's next cell) keeps two lines,
// as OCR would see them.
std::vector<Line> text_layer_lines(std::vector<Line> runs);

// Why the text layer cannot stand for the page as it is ("" when it can):
// too little text, turned text, glyphs without a Unicode meaning (a font
// without a ToUnicode map extracts as U+FFFD, private-use or control codes).
std::string text_layer_doubt(const std::vector<Line>& lines, int turned_runs);

// The lines to read back from the rendered page: up to `n` of the longest.
std::vector<std::size_t> checked_lines(const std::vector<Line>& lines, std::size_t n);

// Share of `layer`'s characters that `read` gets wrong (edit distance over
// length), spaces ignored and full-width ASCII folded: 0 agrees, 1 nothing alike.
double text_disagreement(const std::string& layer, const std::string& read);

// Character-sized marks of print on `binary` (ink 0 on paper 255, the page's
// pixels) outside every line of the layer and every seal, after ruling lines
// are taken out: text drawn as an image or as outlines, which the layer lacks.
int print_outside_text(const cv::Mat& binary, const std::vector<Line>& lines, const std::vector<Seal>& seals);

}  // namespace caseaudit::ocr
