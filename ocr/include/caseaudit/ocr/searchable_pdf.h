// Searchable PDF: each page is the original page image (JPEG streams copied
// byte for byte, other images losslessly compressed) with the recognised text
// as an invisible layer placed over the line boxes, so text selection, search
// and `pdftotext` work.
#pragma once

#include <filesystem>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

struct SearchablePdfPage {
  PageSource source;   // where the image comes from
  PageResult result;   // what was read on it
};

struct SearchablePdfOptions {
  // A plain TrueType font with CJK glyphs (PoDoFo cannot subset .ttc or CFF).
  std::filesystem::path font;  // empty: the default (fonts-arphic-gbsn00lp)
  int default_dpi = 300;       // for images that do not state their resolution
};

// Writes out; throws InputFailure (naming the page) or EnvironmentError (font).
void write_searchable_pdf(const std::vector<SearchablePdfPage>& pages,
                          const std::filesystem::path& out,
                          const SearchablePdfOptions& options = {});

}  // namespace caseaudit::ocr
