// Internal (searchable PDF): reading a JPEG file's header without decoding it,
// so the file can be embedded in a PDF byte for byte as a DCTDecode stream.
#pragma once

#include <optional>
#include <string_view>

namespace caseaudit::ocr::pdf_out {

struct JpegHeader {
  int width = 0;
  int height = 0;
  int components = 0;       // 1 grey, 3 colour (YCbCr/RGB), 4 CMYK/YCCK
  int bits = 8;             // sample precision (PDF readers take 8; 12 is refused)
  bool adobe_marker = false;  // APP14 "Adobe": 4-component data is stored inverted
};

// True when the bytes start like a JPEG file (SOI followed by a marker).
bool looks_like_jpeg(std::string_view bytes);

// The frame header of a baseline, extended or progressive JPEG. Empty when the
// bytes are not a JPEG a PDF reader can show as is (no frame header, lossless
// or arithmetic coding, 12-bit samples, zero size, 2 components).
std::optional<JpegHeader> read_jpeg_header(std::string_view bytes);

}  // namespace caseaudit::ocr::pdf_out
