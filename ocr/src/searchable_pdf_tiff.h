// Internal (searchable PDF): CCITT G4 pages of a TIFF file go into the PDF as
// they are. A G4 strip is exactly what a CCITTFaxDecode stream with /K -1
// holds, so a bilevel scan keeps its size (about 40 KB for an A4 page at
// 300 dpi, against about 80 KB as 1-bit Flate) and costs no decoding.
#pragma once

#include <istream>
#include <optional>
#include <string_view>

#include "searchable_pdf_image.h"

namespace caseaudit::ocr::pdf_out {

// True when the bytes start like a (classic, not Big) TIFF file.
bool looks_like_tiff(std::string_view bytes);

// Page `page` (0-based) of a TIFF file as a CCITTFaxDecode image, when it is
// G4-compressed in one strip, 1 bit, white-is-zero, first-bit-is-high and
// stored upright; empty otherwise (the page is then decoded and re-encoded).
// Reads only the directories and the strip.
std::optional<StoredImage> g4_page_as_ccitt(std::istream& tiff, int page);

}  // namespace caseaudit::ocr::pdf_out
