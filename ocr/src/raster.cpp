// load_raster: one page to pixels, by where the page comes from.
#include "raster.h"

#include "image_loader.h"
#include "pdf_reader.h"
#include "quiet_libraries.h"

namespace caseaudit::ocr {

Raster load_raster(const PageSource& source, const InputLimits& limits) {
  quiet_libraries();
  switch (source.kind) {
    case SourceKind::Image:
      return load_image(source.ref.file, source.ref.index, limits);
    case SourceKind::PdfImage:
    case SourceKind::PdfRendered:
      break;
  }
  return load_pdf_page(source.ref.file, source.ref.index, source.kind, limits);
}

}  // namespace caseaudit::ocr
