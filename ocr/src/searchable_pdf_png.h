// Internal (searchable PDF): PNG files whose compressed pixel data can go into
// a PDF as is. A PNG's IDAT stream is a zlib stream of predictor-filtered rows,
// which is exactly what a FlateDecode stream with /Predictor 15 holds, so a
// non-interlaced grey, RGB or palette PNG is stored without decoding it.
#pragma once

#include <optional>
#include <string_view>

#include "searchable_pdf_image.h"

namespace caseaudit::ocr::pdf_out {

// The image as stored in the PDF, or empty when the file needs decoding
// instead: interlaced, with alpha or transparency, a failed chunk checksum, no
// IEND (truncated), or 8-bit grey (decoded so bilevel pages drop to 1 bit).
std::optional<StoredImage> png_as_flate(std::string_view png);

// Same for data written by our own encoder (no checksum pass, 8-bit grey kept).
std::optional<StoredImage> png_as_flate_trusted(std::string_view png);

}  // namespace caseaudit::ocr::pdf_out
