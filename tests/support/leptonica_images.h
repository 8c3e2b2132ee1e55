// Test support: small page images made with Leptonica, for the ingest tests.
#pragma once

#include <leptonica/allheaders.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace caseaudit::test {

// White page with a black block at the top left and (32-bit colour only) a
// pure red block; resolution set to dpi. The caller owns the PIX.
PIX* page_pix(int w, int h, int depth, int dpi);

// Encodes p as IFF_JFIF_JPEG (quality 90), IFF_PNG or IFF_TIFF_G4 and destroys it.
std::string encode_pix(PIX* p, int format);

// A multi-page CCITT G4 TIFF; page i is sizes[i] (width, height).
void write_g4_tiff(const std::filesystem::path& file, const std::vector<std::pair<int, int>>& sizes, int dpi);

}  // namespace caseaudit::test
