// Internal (searchable PDF): JPEG marker walk up to the frame header.
#include "searchable_pdf_jpeg.h"

#include <cstddef>
#include <cstdint>

namespace caseaudit::ocr::pdf_out {
namespace {

unsigned byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

unsigned be16(std::string_view s, std::size_t i) { return (byte_at(s, i) << 8) | byte_at(s, i + 1); }

// Markers that stand alone (no length field follow them).
bool standalone(unsigned marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
}

}  // namespace

bool looks_like_jpeg(std::string_view bytes) {
  return bytes.size() >= 4 && byte_at(bytes, 0) == 0xFF && byte_at(bytes, 1) == 0xD8 &&
         byte_at(bytes, 2) == 0xFF;
}

std::optional<JpegHeader> read_jpeg_header(std::string_view bytes) {
  if (!looks_like_jpeg(bytes)) return std::nullopt;
  JpegHeader header;
  std::size_t pos = 2;
  while (pos + 4 <= bytes.size()) {
    if (byte_at(bytes, pos) != 0xFF) return std::nullopt;  // not at a marker: corrupt
    unsigned marker = byte_at(bytes, pos + 1);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (standalone(marker)) {
      pos += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // EOI or scan before any frame
    const std::size_t length = be16(bytes, pos + 2);
    const std::size_t body = pos + 4;
    if (length < 2 || pos + 2 + length > bytes.size()) return std::nullopt;

    if (marker == 0xEE && length >= 2 + 12 && bytes.substr(body, 5) == "Adobe") {
      header.adobe_marker = true;
    }
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      // Baseline, extended sequential and progressive Huffman only: lossless,
      // hierarchical and arithmetic-coded files are not shown by every reader.
      if (marker > 0xC2 || length < 2 + 6) return std::nullopt;
      header.bits = static_cast<int>(byte_at(bytes, body));
      header.height = static_cast<int>(be16(bytes, body + 1));
      header.width = static_cast<int>(be16(bytes, body + 3));
      header.components = static_cast<int>(byte_at(bytes, body + 5));
      const bool usable = header.bits == 8 && header.width > 0 && header.height > 0 &&
                          (header.components == 1 || header.components == 3 || header.components == 4);
      if (!usable) return std::nullopt;
      // An APP14 segment normally precedes SOF; look a little further for one.
      std::size_t next = pos + 2 + length;
      while (next + 4 <= bytes.size() && byte_at(bytes, next) == 0xFF) {
        const unsigned m = byte_at(bytes, next + 1);
        if (m == 0xDA || m == 0xD9 || standalone(m) || m == 0xFF) break;
        const std::size_t len = be16(bytes, next + 2);
        if (len < 2 || next + 2 + len > bytes.size()) break;
        if (m == 0xEE && len >= 2 + 12 && bytes.substr(next + 4, 5) == "Adobe") header.adobe_marker = true;
        next += 2 + len;
      }
      return header;
    }
    pos += 2 + length;
  }
  return std::nullopt;
}

}  // namespace caseaudit::ocr::pdf_out
