// Internal (searchable PDF): the PoDoFo side. Streams pages into a PDF file:
// each page draws its stored image over the whole page, then the text lines
// invisibly (rendering mode 3) in a subset of a CJK TrueType font, each line
// one string scaled (Tz) so its glyph advances span the line box exactly. That
// keeps pdftotext from inserting spaces inside a line. Lines with characters
// the font lacks also carry /ActualText so they still extract exactly.
//
// Not thread-safe; one writer per output file.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <vector>

#include "searchable_pdf_image.h"
#include "searchable_pdf_layout.h"

namespace caseaudit::ocr::pdf_out {

class DocumentWriter {
 public:
  // Writes the PDF to `out` (the atomic writer's stream, which checks every
  // write) and loads the font. Throws EnvironmentError when the font cannot
  // be used.
  DocumentWriter(std::ostream& out, const std::filesystem::path& font);
  ~DocumentWriter();
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;

  void add_page(const StoredImage& image, const PageGeometry& geometry,
                const std::vector<LinePlacement>& lines);

  // Embeds the font subset and writes the cross-reference table.
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace caseaudit::ocr::pdf_out
