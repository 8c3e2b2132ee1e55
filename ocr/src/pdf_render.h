// Internal: PDF pages through Poppler (poppler-cpp): page sizes of files that
// PoDoFo cannot read, and rendering of any page (whole or a pixel region). Poppler
// reconstructs damaged cross-reference tables, so it is also the reader of last
// resort. Its diagnostics are silenced.
#pragma once

#include <filesystem>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "raster.h"

namespace caseaudit::ocr {

// Page size as displayed (crop box, /Rotate applied), in points.
struct PdfPageSize {
  double width = 0;
  double height = 0;
};

// Opens the PDF with Poppler. Throws InputFailure for an encrypted, unreadable
// or empty PDF.
std::vector<PdfPageSize> poppler_page_sizes(const std::filesystem::path& file);

struct RenderRequest {
  double xdpi = 300;
  double ydpi = 300;
  bool grey = false;  // 8UC1 instead of BGR
  // Optional region of the rendered page, in pixels from its top-left corner
  // (w <= 0: the whole page).
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

// Renders one page. Refuses (InputFailure) before rendering when the result
// would exceed limits.max_pixels.
Raster render_pdf_page(const std::filesystem::path& file, int page, const RenderRequest& request,
                       const InputLimits& limits);

// The page's text layer as Poppler extracts it: one Line per text run, one
// Word per character, boxes in pixels of the page rendered at `dpi` (top-left
// origin), in content order. Runs that are not upright are left out and
// counted in `*turned`. Empty for a page without text.
std::vector<Line> pdf_text_runs(const std::filesystem::path& file, int page, double dpi, int* turned);

}  // namespace caseaudit::ocr
