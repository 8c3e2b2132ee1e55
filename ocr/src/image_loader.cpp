// JPEG/PNG/TIFF pages through Leptonica, and Leptonica images to cv::Mat.
// JPEG and PNG are read into memory and structurally checked (image_checks.h)
// before decoding; TIFF pages are read from the file (libtiff output is already
// silenced by Leptonica).
#include "image_loader.h"

#include <leptonica/allheaders.h>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "file_probe.h"
#include "image_checks.h"
#include "quiet_libraries.h"

namespace caseaudit::ocr {
namespace {

// An image file larger than this is not a page scan (A0 colour TIFF, uncompressed,
// 300 dpi, is about 420 MB).
constexpr std::uint64_t kMaxImageFileBytes = 1ull << 30;

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool looks_like_text(std::string_view head) {
  std::size_t control = 0;
  for (const char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return control * 100 <= head.size();
}

struct FileContents {
  ImageFormat format = ImageFormat::Unknown;
  std::string bytes;  // JPEG and PNG only
};

// The image format of a probed file; a PDF or anything else is an InputFailure.
ImageFormat require_image_format(const FileProbe& probe) {
  const ImageFormat format = sniff_bytes(probe.head);
  if (format == ImageFormat::Pdf) throw InputFailure("这是 PDF 文件，不是图像 (a PDF, not an image)");
  if (format == ImageFormat::Unknown) throw InputFailure(unsupported_reason(probe.head));
  return format;
}

// Reads the file's head, decides its format and, for JPEG/PNG, reads it whole.
FileContents open_image(const std::filesystem::path& file) {
  FileContents out;
  out.format = require_image_format(probe_file(file));
  if (out.format == ImageFormat::Jpeg || out.format == ImageFormat::Png)
    out.bytes = read_regular_file(file, kMaxImageFileBytes);
  return out;
}

void require_single_page(int page) {
  if (page != 0) throw InputFailure("页码超出范围 (page number out of range)");
}

struct TiffHeader {
  int width = 0;
  int height = 0;
  int samples = 0;
  int dpi = 0;
  int bits_per_pixel = 0;
};

TiffHeader read_tiff_header(const std::filesystem::path& file, int page) {
  l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
  if (page < 0 || readHeaderTiff(file.c_str(), page, &w, &h, &bps, &spp, &res, &cmap, &format) != 0) {
    throw InputFailure("TIFF 页面信息无法读取 (cannot read the TIFF page header)");
  }
  return {w, h, cmap ? 3 : spp, res, cmap ? 24 : bps * spp};
}

// Leptonica 1.82 reads no tiled TIFF; OpenCV's TIFF reader (libtiff, messages
// silenced by OpenCV) does. Empty when it cannot read the page either.
Raster read_tiff_with_opencv(const std::filesystem::path& file, int page, const TiffHeader& header) {
  std::vector<cv::Mat> pages;
  const int flags = header.samples == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR;
  Raster raster;
  try {
    if (cv::imreadmulti(file.string(), pages, page, 1, flags) && pages.size() == 1 &&
        pages[0].cols == header.width && pages[0].rows == header.height) {
      raster.image = std::move(pages[0]);
      raster.dpi = header.dpi;
    }
  } catch (const cv::Exception&) {
    raster.image.release();
  }
  return raster;
}

Raster finish(PixPtr pix, const char* failure) {
  if (!pix) throw InputFailure(failure);
  Raster raster = raster_from_pix(pix.get());
  raster.dpi = pixGetXRes(pix.get());
  if (raster.dpi < 0) raster.dpi = 0;
  return raster;
}

// Copies 8-bit grey or 32-bit RGB (no colormap, no alpha) into a Mat.
// Leptonica keeps pixels in 32-bit words, most significant byte first within a
// word: on a little-endian host an 8-bit row is byte-swapped per word, and a
// 32-bit pixel 0xRRGGBBAA sits in memory as A, B, G, R.
cv::Mat copy_pix(PIX* pix) {
  const int w = static_cast<int>(pixGetWidth(pix));
  const int h = static_cast<int>(pixGetHeight(pix));
  const int wpl = static_cast<int>(pixGetWpl(pix));
  l_uint32* data = pixGetData(pix);
  const bool grey = pixGetDepth(pix) == 8;
  cv::Mat out(h, w, grey ? CV_8UC1 : CV_8UC3);
  if constexpr (std::endian::native == std::endian::little) {
    if (grey) {
      std::vector<std::uint32_t> words(static_cast<std::size_t>(wpl));
      for (int y = 0; y < h; ++y) {
        const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int i = 0; i < wpl; ++i) words[static_cast<std::size_t>(i)] = __builtin_bswap32(line[i]);
        std::memcpy(out.ptr(y), words.data(), static_cast<std::size_t>(w));
      }
    } else {
      const cv::Mat abgr(h, w, CV_8UC4, data, static_cast<std::size_t>(wpl) * 4);
      const int from_to[] = {1, 0, 2, 1, 3, 2};
      cv::mixChannels(&abgr, 1, &out, 1, from_to, 3);
    }
  } else {
    for (int y = 0; y < h; ++y) {
      const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
      auto* row = out.ptr<std::uint8_t>(y);
      for (int x = 0; x < w; ++x) {
        if (grey) {
          row[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
          continue;
        }
        const l_uint32 v = line[x];
        row[3 * x + 0] = static_cast<std::uint8_t>(v >> L_BLUE_SHIFT);
        row[3 * x + 1] = static_cast<std::uint8_t>(v >> L_GREEN_SHIFT);
        row[3 * x + 2] = static_cast<std::uint8_t>(v >> L_RED_SHIFT);
      }
    }
  }
  return out;
}

}  // namespace

ImageFormat sniff_bytes(std::string_view head) {
  if (starts_with(head, "\xFF\xD8\xFF")) return ImageFormat::Jpeg;
  if (starts_with(head, "\x89PNG\r\n\x1a\n")) return ImageFormat::Png;
  if (starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4)) ||
      starts_with(head, std::string_view("II+\0", 4)) || starts_with(head, std::string_view("MM\0+", 4))) {
    return ImageFormat::Tiff;
  }
  // The PDF header may follow a little junk (the specification allows it).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return ImageFormat::Pdf;
  return ImageFormat::Unknown;
}

ImageFormat sniff_format(const std::filesystem::path& file) { return sniff_bytes(probe_file(file).head); }

std::string unsupported_reason(std::string_view head) {
  const auto unsupported_image = [](const char* name) {
    return std::string("不支持的图像格式 ") + name + "，请转换为 JPEG、PNG 或 TIFF (unsupported image format " +
           name + "; convert it to JPEG, PNG or TIFF)";
  };
  if (starts_with(head, "PK\x03\x04")) {
    return "不是图像或 PDF 文件（是 ZIP 压缩包或 Office 文档，如 .docx）"
           " (not an image or PDF: a ZIP archive or an Office document such as .docx)";
  }
  if (starts_with(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return "不是图像或 PDF 文件（是旧版 Office 文档或 Thumbs.db 缩略图缓存）"
           " (not an image or PDF: an old Office document or a Thumbs.db thumbnail cache)";
  }
  if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) return unsupported_image("GIF");
  if (starts_with(head, "BM") && head.size() >= 14) return unsupported_image("BMP");
  if (starts_with(head, "RIFF") && head.size() >= 12 && head.substr(8, 4) == "WEBP") {
    return unsupported_image("WebP");
  }
  if (head.size() >= 12 && head.substr(4, 4) == "ftyp") {
    const std::string_view brand = head.substr(8, 4);
    if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1" || brand == "hevc") {
      return unsupported_image("HEIC");
    }
  }
  if (starts_with(head, std::string_view("\0\0\0\x0CjP  ", 8)) || starts_with(head, "\xFF\x4F\xFF\x51")) {
    return unsupported_image("JPEG 2000");
  }
  if (starts_with(head, "Rar!") || starts_with(head, "7z\xBC\xAF")) {
    return "不是图像或 PDF 文件（是压缩包） (not an image or PDF: an archive)";
  }
  if (looks_like_text(head)) return "不是图像或 PDF 文件（是文本文件） (not an image or PDF: a text file)";
  return "不是图像或 PDF 文件（无法识别的格式） (not an image or PDF: unrecognised format)";
}

void check_pixel_limit(long long width, long long height, const InputLimits& limits, int bits_per_pixel) {
  if (width <= 0 || height <= 0) throw InputFailure("图像尺寸无效 (invalid image size)");
  const auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
  const std::string size = std::to_string(width) + " x " + std::to_string(height);
  if (pixels > limits.max_pixels) {
    const std::string limit = std::to_string(limits.max_pixels);
    throw InputFailure("图像过大：" + size + " 像素，超过上限 " + limit + " 像素 (image too large: " + size +
                       " pixels, limit " + limit + ")");
  }
  const std::uint64_t bits = bits_per_pixel > 0 ? static_cast<std::uint64_t>(bits_per_pixel) : 24;
  const std::uint64_t bytes = pixels * bits / 8;
  if (bytes > limits.max_decoded_bytes) {
    const std::string mb = std::to_string(bytes / 1'000'000), limit = std::to_string(limits.max_decoded_bytes / 1'000'000);
    throw InputFailure("图像解码后过大：" + size + " 像素，每像素 " + std::to_string(bits) + " 位，约 " + mb + " MB，超过上限 " +
                       limit + " MB (image too large once decoded: " + size + " pixels at " + std::to_string(bits) +
                       " bits, about " + mb + " MB, limit " + limit + " MB)");
  }
}

int image_page_count(const std::filesystem::path& file) {
  quiet_libraries();
  if (require_image_format(probe_file(file)) != ImageFormat::Tiff) return 1;
  FILE* fp = std::fopen(file.c_str(), "rb");
  if (!fp) throw InputFailure("无法打开文件 (cannot open file)");
  l_int32 count = 0;
  const l_ok failed = tiffGetCount(fp, &count);
  std::fclose(fp);
  if (failed != 0 || count <= 0) throw InputFailure("TIFF 文件已损坏，读不到页面 (corrupt TIFF: no readable pages)");
  return count;
}

void check_image_header(const std::filesystem::path& file, int page, const InputLimits& limits) {
  quiet_libraries();
  const FileContents contents = open_image(file);
  switch (contents.format) {
    case ImageFormat::Jpeg: {
      require_single_page(page);
      const ImageGeometry g = check_jpeg_structure(contents.bytes);
      check_pixel_limit(g.width, g.height, limits, g.bits_per_pixel);
      return;
    }
    case ImageFormat::Png: {
      require_single_page(page);
      const ImageGeometry g = check_png_structure(contents.bytes, nullptr);
      check_pixel_limit(g.width, g.height, limits, g.bits_per_pixel);
      return;
    }
    default: {
      const TiffHeader header = read_tiff_header(file, page);
      check_pixel_limit(header.width, header.height, limits, header.bits_per_pixel);
      return;
    }
  }
}

Raster decode_jpeg_bytes(std::string_view bytes, const InputLimits& limits) {
  quiet_libraries();
  const ImageGeometry g = check_jpeg_structure(bytes);
  check_pixel_limit(g.width, g.height, limits, g.bits_per_pixel);
  l_int32 warnings = 0;
  PixPtr pix(pixReadMemJpeg(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), 0, 1, &warnings, 0));
  if (pix && warnings > 0) pix.reset();
  return finish(std::move(pix), "JPEG 图像数据已损坏，无法解码 (corrupt JPEG image data)");
}

Raster load_image(const std::filesystem::path& file, int page, const InputLimits& limits) {
  quiet_libraries();
  FileContents contents = open_image(file);
  switch (contents.format) {
    case ImageFormat::Jpeg:
      require_single_page(page);
      return decode_jpeg_bytes(contents.bytes, limits);
    case ImageFormat::Png: {
      require_single_page(page);
      std::string decodable;
      const ImageGeometry g = check_png_structure(contents.bytes, &decodable);
      check_pixel_limit(g.width, g.height, limits, g.bits_per_pixel);
      contents.bytes.clear();
      PixPtr pix(pixReadMemPng(reinterpret_cast<const l_uint8*>(decodable.data()), decodable.size()));
      return finish(std::move(pix), "PNG 图像数据已损坏，无法解码 (corrupt PNG image data)");
    }
    default: {
      const TiffHeader header = read_tiff_header(file, page);
      check_pixel_limit(header.width, header.height, limits, header.bits_per_pixel);
      PixPtr pix(pixReadTiff(file.c_str(), page));
      if (!pix) {
        Raster raster = read_tiff_with_opencv(file, page, header);
        if (!raster.image.empty()) return raster;
      }
      return finish(std::move(pix), "TIFF 页面无法解码 (cannot decode the TIFF page)");
    }
  }
}

Raster raster_from_pix(Pix* source) {
  PIX* pix = source;
  PixPtr owned;
  const auto replace = [&](PIX* next) {
    if (!next) throw InputFailure("图像格式转换失败 (image conversion failed)");
    owned.reset(next);
    pix = next;
  };
  if (pixGetColormap(pix)) replace(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  switch (pixGetDepth(pix)) {
    case 1:
      replace(pixConvert1To8(nullptr, pix, 255, 0));
      break;
    case 2:
    case 4:
      replace(pixConvertTo8(pix, 0));
      break;
    case 16:
      replace(pixConvert16To8(pix, L_MS_BYTE));
      break;
    case 24:
      replace(pixConvert24To32(pix));
      break;
    default:
      break;
  }
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) replace(pixAlphaBlendUniform(pix, 0xffffff00));
  const l_int32 depth = pixGetDepth(pix);
  if (depth != 8 && depth != 32) throw InputFailure("不支持的图像位深 (unsupported image bit depth)");
  Raster raster;
  raster.image = copy_pix(pix);
  return raster;
}

}  // namespace caseaudit::ocr
