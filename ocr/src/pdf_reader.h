// Internal: PDF pages. Scanned pages (one image covering the page) give their
// image stream as stored; any other page is rendered by Poppler at 300 dpi.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "raster.h"

namespace caseaudit::ocr {

struct PdfPageInfo {
  SourceKind kind = SourceKind::PdfRendered;
};

// Opens the PDF and classifies each page. Throws InputFailure for a corrupt,
// encrypted or empty PDF.
std::vector<PdfPageInfo> inspect_pdf(const std::filesystem::path& file);

// The page's image: decoded stream for PdfImage pages, a rendering otherwise.
Raster load_pdf_page(const std::filesystem::path& file, int page, SourceKind kind,
                     const InputLimits& limits);

// The raw bytes of a PdfImage page's image stream and its filter, for writing
// the searchable PDF without re-encoding ("DCTDecode" streams are JPEG files).
struct EncodedImage {
  std::string bytes;
  std::string filter;  // "DCTDecode", "FlateDecode", ... or "" for raw
  int width = 0;
  int height = 0;
};
EncodedImage pdf_page_image_stream(const std::filesystem::path& file, int page);

}  // namespace caseaudit::ocr
