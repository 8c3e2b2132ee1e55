// Internal (searchable PDF): TIFF directory walk to a page's single G4 strip.
#include "searchable_pdf_tiff.h"

#include <cstdint>
#include <map>

namespace caseaudit::ocr::pdf_out {
namespace {

class Reader {
 public:
  Reader(std::string_view bytes, bool little) : bytes_(bytes), little_(little) {}
  bool has(std::uint64_t pos, std::uint64_t n) const { return pos <= bytes_.size() && n <= bytes_.size() - pos; }
  std::uint32_t u16(std::uint64_t pos) const { return get(pos, 2); }
  std::uint32_t u32(std::uint64_t pos) const { return get(pos, 4); }

 private:
  std::uint32_t get(std::uint64_t pos, int n) const {
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i) {
      const auto b = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes_[pos + static_cast<std::uint64_t>(i)]));
      v |= little_ ? b << (8 * i) : b << (8 * (n - 1 - i));
    }
    return v;
  }
  std::string_view bytes_;
  bool little_;
};

// Tags this reader looks at.
enum Tag : std::uint32_t {
  kWidth = 256, kHeight = 257, kBitsPerSample = 258, kCompression = 259, kPhotometric = 262,
  kFillOrder = 266, kStripOffsets = 273, kOrientation = 274, kSamplesPerPixel = 277,
  kRowsPerStrip = 278, kStripByteCounts = 279, kT6Options = 293, kTileWidth = 322,
};

constexpr std::uint32_t kCompressionG4 = 4;
constexpr std::uint32_t kWhiteIsZero = 0;

}  // namespace

bool looks_like_tiff(std::string_view bytes) {
  return bytes.size() >= 8 && (bytes.substr(0, 4) == std::string_view("II*\0", 4) ||
                               bytes.substr(0, 4) == std::string_view("MM\0*", 4));
}

std::optional<StoredImage> g4_page_as_ccitt(std::string_view tiff, int page) {
  if (!looks_like_tiff(tiff) || page < 0) return std::nullopt;
  const Reader r(tiff, tiff[0] == 'I');
  std::uint64_t ifd = r.u32(4);
  for (int i = 0; i < page; ++i) {  // follow the chain to the page's directory
    if (ifd == 0 || !r.has(ifd, 2)) return std::nullopt;
    const std::uint64_t next = ifd + 2 + 12 * std::uint64_t{r.u16(ifd)};
    if (!r.has(next, 4)) return std::nullopt;
    ifd = r.u32(next);
  }
  if (ifd == 0 || !r.has(ifd, 2)) return std::nullopt;

  // Single-valued SHORT or LONG entries (multi-valued ones are refused: one
  // strip only). Absent tags take TIFF's defaults.
  std::map<std::uint32_t, std::uint32_t> tags{{kBitsPerSample, 1}, {kPhotometric, kWhiteIsZero},
                                              {kFillOrder, 1},     {kOrientation, 1},
                                              {kSamplesPerPixel, 1}, {kT6Options, 0}};
  const std::uint32_t entries = r.u16(ifd);
  if (!r.has(ifd + 2, 12 * std::uint64_t{entries})) return std::nullopt;
  for (std::uint32_t e = 0; e < entries; ++e) {
    const std::uint64_t at = ifd + 2 + 12 * std::uint64_t{e};
    const std::uint32_t tag = r.u16(at), type = r.u16(at + 2), count = r.u32(at + 4);
    if (tag == kTileWidth) return std::nullopt;
    const bool known = tag == kWidth || tag == kHeight || tag == kBitsPerSample || tag == kCompression ||
                       tag == kPhotometric || tag == kFillOrder || tag == kStripOffsets || tag == kOrientation ||
                       tag == kSamplesPerPixel || tag == kRowsPerStrip || tag == kStripByteCounts ||
                       tag == kT6Options;
    if (!known) continue;
    if (count != 1 || (type != 3 && type != 4)) return std::nullopt;
    tags[tag] = type == 3 ? r.u16(at + 8) : r.u32(at + 8);
  }
  for (Tag needed : {kWidth, kHeight, kCompression, kStripOffsets, kStripByteCounts}) {
    if (!tags.contains(needed)) return std::nullopt;
  }
  const bool plain_g4 = tags[kCompression] == kCompressionG4 && tags[kBitsPerSample] == 1 &&
                        tags[kSamplesPerPixel] == 1 && tags[kPhotometric] == kWhiteIsZero &&
                        tags[kFillOrder] == 1 && tags[kOrientation] == 1 && (tags[kT6Options] & 2) == 0;
  if (!plain_g4 || tags[kWidth] == 0 || tags[kHeight] == 0) return std::nullopt;
  if (tags.contains(kRowsPerStrip) && tags[kRowsPerStrip] < tags[kHeight]) return std::nullopt;
  if (!r.has(tags[kStripOffsets], tags[kStripByteCounts]) || tags[kStripByteCounts] == 0) return std::nullopt;

  StoredImage out;
  out.filter = StoredImage::Filter::CcittG4;
  out.data = std::string(tiff.substr(tags[kStripOffsets], tags[kStripByteCounts]));
  out.width = static_cast<int>(tags[kWidth]);
  out.height = static_cast<int>(tags[kHeight]);
  out.components = 1;
  out.bits = 1;
  return out;
}

}  // namespace caseaudit::ocr::pdf_out
