// Internal: structural checks of JPEG and PNG bytes before any codec sees them.
// A truncated JPEG or a PNG with a bad CRC is refused here with a clear reason
// (the codecs would print to stderr and, for JPEG, could return a half-grey page).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caseaudit::ocr {

struct ImageGeometry {
  long long width = 0;
  long long height = 0;
  int bits_per_pixel = 0;  // as decoded: 16-bit RGB is 48
};

// Walks the JPEG marker segments and entropy-coded data up to EOI. Returns the
// frame size from the SOF segment. Throws InputFailure (truncated / corrupt).
ImageGeometry check_jpeg_structure(std::string_view bytes);

// Verifies the PNG signature, every chunk's length and CRC, IHDR first and IEND
// present. Returns the size from IHDR and, in *decodable, the file reduced to the
// chunks the decoder needs (IHDR PLTE tRNS pHYs IDAT IEND): dropping ancillary
// chunks such as iCCP keeps libpng from printing warnings. Throws InputFailure.
ImageGeometry check_png_structure(std::string_view bytes, std::string* decodable);

// CRC-32 as PNG defines it (ISO 3309, reflected, polynomial 0xEDB88320).
std::uint32_t png_crc32(std::string_view data);

}  // namespace caseaudit::ocr
