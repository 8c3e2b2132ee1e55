// Internal (searchable PDF): choosing how each page image is stored, and the
// lossless encoder (OpenCV's PNG writer, whose rows go into the PDF as they are).
#include "searchable_pdf_image.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "caseaudit/ocr/error.h"
#include "pdf_reader.h"
#include "raster.h"
#include "searchable_pdf_jpeg.h"
#include "searchable_pdf_png.h"
#include "searchable_pdf_tiff.h"

namespace caseaudit::ocr::pdf_out {
namespace {

bool is_bilevel(const cv::Mat& grey) {
  cv::Mat middle;
  cv::inRange(grey, 1, 254, middle);
  return cv::countNonZero(middle) == 0;
}

// The file's bytes when it is a JPEG or PNG file; its first 8 bytes otherwise.
std::string read_jpeg_or_png(std::ifstream& in) {
  std::string head(8, '\0');
  if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) return {};
  if (!looks_like_jpeg(head) && head != std::string_view("\x89PNG\r\n\x1a\n", 8)) return head;
  return head + std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Boxes are in the frame of the image the engine saw; a loader that applied
// an EXIF turn would give other sizes: then store what the engine saw.
bool same_frame(const PageResult& result, int width, int height) {
  return result.width <= 0 || result.height <= 0 || (result.width == width && result.height == height);
}

// The JPEG as is, when it is one a PDF reader shows and its size is the page's.
std::optional<StoredImage> keep_jpeg(std::string bytes, const PageResult& result) {
  const auto header = read_jpeg_header(bytes);
  if (!header || !same_frame(result, header->width, header->height)) return std::nullopt;
  StoredImage out;
  out.data = std::move(bytes);
  out.filter = StoredImage::Filter::Dct;
  out.width = header->width;
  out.height = header->height;
  out.components = header->components;
  out.bits = 8;
  out.invert_cmyk = header->components == 4 && header->adobe_marker;
  return out;
}

// The source's own compressed data, when it can be stored without decoding.
std::optional<StoredImage> try_source_as_is(const SearchablePdfPage& page) {
  const PageSource& source = page.source;
  if (source.kind == SourceKind::Image) {
    std::ifstream in(source.ref.file, std::ios::binary);
    std::string bytes = read_jpeg_or_png(in);
    std::optional<StoredImage> kept;
    if (looks_like_tiff(bytes)) {
      kept = g4_page_as_ccitt(in, source.ref.index);
    } else if (source.ref.index != 0) {
      return std::nullopt;
    } else if (looks_like_jpeg(bytes)) {
      return keep_jpeg(std::move(bytes), page.result);
    } else {
      kept = png_as_flate(bytes);
    }
    if (kept && !same_frame(page.result, kept->width, kept->height)) return std::nullopt;
    return kept;
  }
  if (source.kind == SourceKind::PdfImage) {
    EncodedImage encoded;
    try {
      encoded = pdf_page_image_stream(source.ref.file, source.ref.index);
    } catch (const InputFailure&) {
      return std::nullopt;  // decode it instead; a real failure is reported there
    }
    if (encoded.filter != "DCTDecode") return std::nullopt;
    return keep_jpeg(std::move(encoded.bytes), page.result);
  }
  return std::nullopt;
}

}  // namespace

StoredImage encode_lossless(const cv::Mat& image) {
  cv::Mat pixels = image;
  if (pixels.depth() != CV_8U) {
    const double scale = pixels.depth() == CV_16U ? 1.0 / 257.0 : 1.0;
    pixels.convertTo(pixels, CV_8U, scale);
  }
  if (pixels.channels() == 4) cv::cvtColor(pixels, pixels, cv::COLOR_BGRA2BGR);
  if (pixels.channels() == 2) cv::cvtColor(pixels, pixels, cv::COLOR_BGR5652BGR);
  if (pixels.channels() != 1 && pixels.channels() != 3) {
    throw std::runtime_error("unsupported channel count " + std::to_string(pixels.channels()));
  }
  // OpenCV's PNG defaults are tuned for speed (SUB row filter, zlib level 1,
  // run-length strategy). On a noisy A4 300-dpi colour scan they took 0.42 s
  // for 11.0 MB against 1.05 s for 12.6 MB with an explicit level 1 (adaptive
  // row filters) and 0.92 s for 12.2 MB at level 3. Bilevel data is small and
  // quick at any level, so it gets the best.
  std::vector<int> params;
  if (pixels.channels() == 1 && is_bilevel(pixels)) {
    params = {cv::IMWRITE_PNG_BILEVEL, 1, cv::IMWRITE_PNG_COMPRESSION, 9};
  }
  std::vector<unsigned char> png;
  if (!cv::imencode(".png", pixels, png, params)) throw std::runtime_error("PNG encoding failed");
  auto stored = png_as_flate_trusted(std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
  if (!stored) throw std::runtime_error("unexpected PNG layout from the encoder");
  return std::move(*stored);
}

StoredImage prepare_page_image(const SearchablePdfPage& page) {
  const std::string name = page.source.ref.label();
  try {
    if (auto as_is = try_source_as_is(page)) return std::move(*as_is);
    const Raster raster = load_raster(page.source, InputLimits{});
    if (raster.image.empty()) throw InputFailure("空图像 (empty image)");
    return encode_lossless(raster.image);
  } catch (const InputFailure& e) {
    throw InputFailure(name + ": 无法读取页面图像 (cannot read the page image): " + e.what());
  } catch (const cv::Exception& e) {
    throw InputFailure(name + ": 无法保存页面图像 (cannot store the page image): " + e.what());
  } catch (const std::runtime_error& e) {
    throw InputFailure(name + ": 无法保存页面图像 (cannot store the page image): " + e.what());
  }
}

}  // namespace caseaudit::ocr::pdf_out
