// Internal: PDF pages. Scanned pages (one image covering the page) give their
// image stream as stored; any other page is rendered by Poppler at 300 dpi.
// PoDoFo reads the structure; when it cannot (damaged cross-reference table,
// unsupported encryption) Poppler, which reconstructs damaged files, reads the
// file instead and every page is rendered.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "raster.h"

namespace caseaudit::ocr {

struct PdfPageInfo {
  SourceKind kind = SourceKind::PdfRendered;
  // The raster load_pdf_page will produce: the image's own pixel size for
  // PdfImage pages, the page at 300 dpi for rendered ones.
  long long width = 0;
  long long height = 0;
  int dpi = 0;
};

// Opens the PDF and classifies each page. Throws InputFailure for a corrupt,
// encrypted or empty PDF.
std::vector<PdfPageInfo> inspect_pdf(const std::filesystem::path& file);

// Throws InputFailure (with the pixel size) when the page's raster would be over
// the limits.
void check_pdf_page_limits(const PdfPageInfo& info, const InputLimits& limits);

// The page's image: decoded stream for PdfImage pages, a rendering otherwise.
// PdfImage pages always come out at the image's pixel size: streams that are not
// plain 8-bit grey/RGB (CCITT, JPX, masks, Indexed, 16-bit, CMYK) are rendered by
// Poppler over the image's area at its native resolution.
Raster load_pdf_page(const std::filesystem::path& file, int page, SourceKind kind,
                     const InputLimits& limits);

// The raw bytes of a PdfImage page's image stream and its filter, for writing
// the searchable PDF without re-encoding ("DCTDecode" streams are JPEG files).
// A chain of filters is given as their names separated by spaces
// ("FlateDecode DCTDecode"). Throws InputFailure for a page that is not PdfImage.
struct EncodedImage {
  std::string bytes;
  std::string filter;  // "DCTDecode", "FlateDecode", ... or "" for raw
  int width = 0;
  int height = 0;
};
EncodedImage pdf_page_image_stream(const std::filesystem::path& file, int page);

}  // namespace caseaudit::ocr
