// JPEG marker walk and PNG chunk/CRC walk (see image_checks.h).
#include "image_checks.h"

#include <array>
#include <cstdint>

#include "caseaudit/ocr/error.h"

namespace caseaudit::ocr {
namespace {

std::uint8_t byte_at(std::string_view b, std::size_t i) { return static_cast<std::uint8_t>(b[i]); }

std::uint32_t be16(std::string_view b, std::size_t i) {
  return (static_cast<std::uint32_t>(byte_at(b, i)) << 8) | byte_at(b, i + 1);
}

std::uint32_t be32(std::string_view b, std::size_t i) { return (be16(b, i) << 16) | be16(b, i + 2); }

[[noreturn]] void jpeg_truncated() {
  throw InputFailure("JPEG 文件不完整（数据被截断） (truncated JPEG: premature end of data)");
}

[[noreturn]] void jpeg_corrupt(const char* what) {
  throw InputFailure(std::string("JPEG 文件已损坏 (corrupt JPEG: ") + what + ")");
}

bool is_sof(std::uint8_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool keep_png_chunk(std::string_view type) {
  return type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "pHYs" || type == "IDAT" ||
         type == "IEND";
}

}  // namespace

ImageGeometry check_jpeg_structure(std::string_view b) {
  const std::size_t n = b.size();
  if (n < 4 || byte_at(b, 0) != 0xFF || byte_at(b, 1) != 0xD8) jpeg_corrupt("no SOI marker");
  ImageGeometry geometry;
  bool have_frame = false;
  bool have_scan = false;
  std::size_t pos = 2;
  for (;;) {
    // Skip to the next marker; stray bytes between segments are tolerated.
    while (pos < n && byte_at(b, pos) != 0xFF) ++pos;
    while (pos < n && byte_at(b, pos) == 0xFF) ++pos;
    if (pos >= n) jpeg_truncated();
    const std::uint8_t marker = byte_at(b, pos++);
    if (marker == 0xD9) break;  // EOI
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // standalone markers
    if (marker == 0xD8) jpeg_corrupt("second SOI marker");
    if (pos + 2 > n) jpeg_truncated();
    const std::size_t length = be16(b, pos);
    if (length < 2) jpeg_corrupt("bad segment length");
    if (pos + length > n) jpeg_truncated();
    if (is_sof(marker)) {
      if (length < 8) jpeg_corrupt("short SOF segment");
      // libjpeg-turbo decodes 8-bit baseline, extended, progressive and
      // arithmetic-coded frames; anything else would fail noisily inside it.
      const bool supported = marker == 0xC0 || marker == 0xC1 || marker == 0xC2 || marker == 0xC9 || marker == 0xCA;
      if (!supported || byte_at(b, pos + 2) != 8) {
        throw InputFailure("不支持的 JPEG 类型 (unsupported JPEG: 12-bit, lossless or hierarchical)");
      }
      geometry.height = be16(b, pos + 3);
      geometry.width = be16(b, pos + 5);
      geometry.bits_per_pixel = 8 * byte_at(b, pos + 7);  // 8 bits per component
      have_frame = true;
    }
    pos += length;
    if (marker == 0xDA) {  // SOS: entropy-coded data follows up to the next real marker
      if (!have_frame) jpeg_corrupt("scan before frame header");
      have_scan = true;
      for (;;) {
        if (pos + 1 >= n) jpeg_truncated();
        if (byte_at(b, pos) == 0xFF) {
          const std::uint8_t next = byte_at(b, pos + 1);
          if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) break;
        }
        ++pos;
      }
    }
  }
  if (!have_frame || !have_scan) jpeg_corrupt("no image data");
  if (geometry.width <= 0 || geometry.height <= 0) jpeg_corrupt("zero image size");
  return geometry;
}

ImageGeometry check_png_structure(std::string_view b, std::string* decodable) {
  static constexpr std::string_view kSignature{"\x89PNG\r\n\x1a\n", 8};
  if (b.size() < 8 || b.substr(0, 8) != kSignature) {
    throw InputFailure("PNG 文件已损坏 (corrupt PNG: bad signature)");
  }
  ImageGeometry geometry;
  std::size_t pos = 8;
  bool first = true;
  bool have_data = false;
  if (decodable) {
    decodable->clear();
    decodable->append(kSignature);
  }
  for (;;) {
    if (pos + 12 > b.size()) throw InputFailure("PNG 文件不完整（数据被截断） (truncated PNG)");
    const std::uint32_t length = be32(b, pos);
    if (length > 0x7FFFFFFFu) throw InputFailure("PNG 文件已损坏 (corrupt PNG: bad chunk length)");
    if (pos + 12 + length > b.size()) throw InputFailure("PNG 文件不完整（数据被截断） (truncated PNG)");
    const std::string_view type = b.substr(pos + 4, 4);
    const std::string_view type_and_data = b.substr(pos + 4, 4 + length);
    if (png_crc32(type_and_data) != be32(b, pos + 8 + length)) {
      throw InputFailure("PNG 文件已损坏：" + std::string(type) + " 数据块校验和错误 (corrupt PNG: bad CRC in " +
                         std::string(type) + " chunk)");
    }
    if (first) {
      if (type != "IHDR" || length != 13) throw InputFailure("PNG 文件已损坏 (corrupt PNG: IHDR missing)");
      geometry.width = be32(b, pos + 8);
      geometry.height = be32(b, pos + 12);
      {
        // Bit depth times the channels of the colour type; a palette image
        // decodes to colour.
        const int depth = byte_at(b, pos + 16), colour_type = byte_at(b, pos + 17);
        const int channels = colour_type == 0 ? 1 : colour_type == 2 ? 3 : colour_type == 4 ? 2 : colour_type == 6 ? 4 : 3;
        geometry.bits_per_pixel = colour_type == 3 ? 24 : depth * channels;
      }
      first = false;
    }
    const bool critical = (static_cast<std::uint8_t>(type[0]) & 0x20) == 0;
    if (critical && !keep_png_chunk(type)) {
      throw InputFailure("不支持的 PNG 格式 (unsupported PNG: unknown critical chunk " + std::string(type) + ")");
    }
    if (type == "IDAT") have_data = true;
    if (decodable && keep_png_chunk(type)) decodable->append(b.substr(pos, 12 + length));
    pos += 12 + length;
    if (type == "IEND") break;
  }
  if (!have_data) throw InputFailure("PNG 文件已损坏 (corrupt PNG: no image data)");
  if (geometry.width <= 0 || geometry.height <= 0) {
    throw InputFailure("PNG 文件已损坏 (corrupt PNG: zero image size)");
  }
  return geometry;
}

std::uint32_t png_crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (const char ch : data) c = table[(c ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

}  // namespace caseaudit::ocr
