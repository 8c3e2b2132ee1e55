// Internal: what one PDF page draws, read with PoDoFo. A page is PdfImage when
// its content draws exactly one image XObject, upright, covering (nearly) the
// whole visible page, with no visible text, no vector drawing, no form XObject,
// no inline image and no markup annotation, and the page is not rotated; then
// the image's pixel grid is the page's. Anything else is PdfRendered.
// Callers hold the PoDoFo lock (pdf_reader.cpp).
#pragma once

#include <string>
#include <vector>

#include "caseaudit/ocr/inputs.h"

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
}  // namespace PoDoFo

namespace caseaudit::ocr {

// A rectangle in PDF user space (points, y up).
struct PdfBox {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

struct PdfImageProps {
  long long width = 0;
  long long height = 0;
  int bits = 0;
  int components = 0;  // 1 grey, 3 RGB, 4 CMYK, 0 other/unknown
  bool image_mask = false;
  bool soft_mask = false;
  bool mask = false;
  bool decode = false;   // a /Decode array is present
  bool indexed = false;
  std::vector<std::string> filters;
  int predictor = 1;
};

struct PdfPageScan {
  SourceKind kind = SourceKind::PdfRendered;
  PdfBox page_box;  // crop box within media box
  int rotation = 0;
  // PdfImage pages only:
  PoDoFo::PdfObject* image = nullptr;
  PdfImageProps props;
  PdfBox image_box;  // where the image is drawn
};

// Classifies page `index` (page-tree order). Never throws for odd content: what
// cannot be understood is PdfRendered. Throws InputFailure only when the page
// itself cannot be found.
PdfPageScan scan_pdf_page(PoDoFo::PdfMemDocument& doc, int index);

}  // namespace caseaudit::ocr
