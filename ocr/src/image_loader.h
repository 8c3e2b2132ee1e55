// Internal: JPEG/PNG/TIFF through Leptonica.
//
// Leptonica's codecs (libjpeg, libpng) print to stderr on damaged data, so every
// JPEG and PNG is checked structurally first (JPEG markers up to EOI, PNG chunk
// CRCs up to IEND): truncated or corrupt files are refused here, silently, with a
// clear reason, before a codec sees them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "caseaudit/ocr/inputs.h"
#include "raster.h"

struct Pix;  // Leptonica

namespace caseaudit::ocr {

enum class ImageFormat { Unknown, Jpeg, Png, Tiff, Pdf };

// Sniffs the first bytes of the file (never the extension alone).
ImageFormat sniff_format(const std::filesystem::path& file);
ImageFormat sniff_bytes(std::string_view head);

// For a file whose format is Unknown: why it cannot be used, one line, Chinese
// then English ("不是图像或 PDF 文件（ZIP/Office 文档）(not an image or PDF: ...)").
std::string unsupported_reason(std::string_view head);

// Pages in an image file (TIFF may have many). Throws InputFailure.
int image_page_count(const std::filesystem::path& file);

// Checks the header's size against limits without decoding (JPEG/PNG are also
// checked for truncation and bad CRCs). Throws InputFailure.
void check_image_header(const std::filesystem::path& file, int page, const InputLimits& limits);

// Decodes page `page` of an image file. Throws InputFailure.
Raster load_image(const std::filesystem::path& file, int page, const InputLimits& limits);

// Decodes a JPEG held in memory (e.g. a PDF's DCTDecode stream) after the same
// structural and size checks. Throws InputFailure.
Raster decode_jpeg_bytes(std::string_view bytes, const InputLimits& limits);

// Throws InputFailure when width x height is over the limit (or not positive).
// `bits_per_pixel` as decoded, 0 when not known (counted as 8-bit colour).
void check_pixel_limit(long long width, long long height, const InputLimits& limits, int bits_per_pixel = 0);

// Copies a Leptonica image into a Raster: 8UC1 for 1/2/4/8/16-bit grey (bilevel
// as 0/255), 8UC3 BGR for colour; colormaps expanded, alpha composited on white.
Raster raster_from_pix(Pix* pix);

}  // namespace caseaudit::ocr
