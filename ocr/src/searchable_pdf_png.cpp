// Internal (searchable PDF): PNG chunk walk, IHDR/PLTE/IDAT to a FlateDecode image.
#include "searchable_pdf_png.h"

#include "image_checks.h"

#include <array>
#include <cstdint>

namespace caseaudit::ocr::pdf_out {
namespace {

constexpr std::string_view kSignature{"\x89PNG\r\n\x1a\n", 8};

std::uint32_t be32(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

std::optional<StoredImage> convert(std::string_view png, bool trusted) {
  if (png.substr(0, kSignature.size()) != kSignature) return std::nullopt;
  StoredImage out;
  out.png_predictor = true;
  int colour_type = -1;
  bool ended = false;
  std::size_t pos = kSignature.size();
  while (pos + 12 <= png.size()) {
    const std::size_t length = be32(png, pos);
    if (length > png.size() - pos - 12) return std::nullopt;  // truncated
    const std::string_view type = png.substr(pos + 4, 4);
    const std::string_view data = png.substr(pos + 8, length);
    if (!trusted && png_crc32(png.substr(pos + 4, 4 + length)) != be32(png, pos + 8 + length)) return std::nullopt;
    if (type == "IHDR") {
      if (length < 13) return std::nullopt;
      out.width = static_cast<int>(be32(data, 0));
      out.height = static_cast<int>(be32(data, 4));
      out.bits = static_cast<unsigned char>(data[8]);
      colour_type = static_cast<unsigned char>(data[9]);
      const bool interlaced = data[12] != 0;
      if (interlaced || (colour_type != 0 && colour_type != 2 && colour_type != 3)) return std::nullopt;
      out.components = colour_type == 2 ? 3 : 1;
    } else if (type == "PLTE") {
      out.palette = std::string(data);
    } else if (type == "tRNS") {
      return std::nullopt;  // transparency would need a soft mask
    } else if (type == "IDAT") {
      out.data.append(data);
    } else if (type == "IEND") {
      ended = true;
      break;
    }
    pos += 12 + length;
  }
  if (!ended || colour_type < 0 || out.width <= 0 || out.height <= 0 || out.data.empty()) return std::nullopt;
  if (colour_type == 3 && (out.palette.empty() || out.palette.size() % 3 != 0 || out.bits > 8)) return std::nullopt;
  if (colour_type != 3) out.palette.clear();  // a suggested palette for a true-colour image
  if (!trusted && colour_type == 0 && out.bits == 8) return std::nullopt;
  return out;
}

}  // namespace

std::optional<StoredImage> png_as_flate(std::string_view png) { return convert(png, false); }

std::optional<StoredImage> png_as_flate_trusted(std::string_view png) { return convert(png, true); }

}  // namespace caseaudit::ocr::pdf_out
