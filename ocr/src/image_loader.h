// Internal: JPEG/PNG/TIFF through Leptonica.
#pragma once

#include <filesystem>

#include "caseaudit/ocr/inputs.h"
#include "raster.h"

namespace caseaudit::ocr {

enum class ImageFormat { Unknown, Jpeg, Png, Tiff, Pdf };

// Sniffs the first bytes of the file (never the extension alone).
ImageFormat sniff_format(const std::filesystem::path& file);

// Pages in an image file (TIFF may have many). Throws InputFailure.
int image_page_count(const std::filesystem::path& file);

// Checks the header's size against limits without decoding. Throws InputFailure.
void check_image_header(const std::filesystem::path& file, int page, const InputLimits& limits);

// Decodes page `page` of an image file. Throws InputFailure.
Raster load_image(const std::filesystem::path& file, int page, const InputLimits& limits);

}  // namespace caseaudit::ocr
