// Internal (searchable PDF): TIFF directory walk to a page's single G4 strip.
#include "searchable_pdf_tiff.h"

#include <algorithm>
#include <cstdint>
#include <istream>
#include <map>
#include <string>

namespace caseaudit::ocr::pdf_out {
namespace {

// Little- or big-endian reads at offsets of a file, without loading it: a
// multi-page colour TIFF can be gigabytes, and only a page's directory and
// strip are needed.
class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {
    in_.seekg(0, std::ios::end);
    size_ = static_cast<std::uint64_t>(std::max<std::streamoff>(0, in_.tellg()));
    little_ = bytes(0, 1) == "I";
  }
  bool has(std::uint64_t pos, std::uint64_t n) const { return pos <= size_ && n <= size_ - pos; }
  std::uint32_t u16(std::uint64_t pos) { return number(pos, 2); }
  std::uint32_t u32(std::uint64_t pos) { return number(pos, 4); }
  // n bytes at pos (the caller checked has(pos, n)); short on a read error.
  std::string bytes(std::uint64_t pos, std::uint64_t n) {
    std::string out(n, '\0');
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(pos));
    in_.read(out.data(), static_cast<std::streamsize>(n));
    out.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in_.gcount())));
    return out;
  }

 private:
  std::uint32_t number(std::uint64_t pos, int n) {
    if (!has(pos, static_cast<std::uint64_t>(n))) return 0;
    const std::string b = bytes(pos, static_cast<std::uint64_t>(n));
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
      const auto byte = static_cast<std::uint32_t>(static_cast<unsigned char>(b[i]));
      v |= little_ ? byte << (8 * i) : byte << (8 * (b.size() - 1 - i));
    }
    return v;
  }
  std::istream& in_;
  std::uint64_t size_ = 0;
  bool little_ = true;
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

std::optional<StoredImage> g4_page_as_ccitt(std::istream& tiff, int page) {
  if (page < 0) return std::nullopt;
  Reader r(tiff);
  if (!r.has(0, 8) || !looks_like_tiff(r.bytes(0, 8))) return std::nullopt;
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
  out.data = r.bytes(tags[kStripOffsets], tags[kStripByteCounts]);
  if (out.data.size() != tags[kStripByteCounts]) return std::nullopt;
  out.width = static_cast<int>(tags[kWidth]);
  out.height = static_cast<int>(tags[kHeight]);
  out.components = 1;
  out.bits = 1;
  return out;
}

}  // namespace caseaudit::ocr::pdf_out
