// Turning what the user names on the command line into a list of pages.
//
// An input is a case file: a folder (its image and PDF files in natural name
// order, "2.jpg" before "10.jpg"; sub-folders are not descended), a PDF, or a
// single image file (JPEG, PNG, TIFF incl. multi-page and CCITT G4). Files that
// cannot be used (empty, not an image, unreadable, encrypted PDF, ...) become
// InputErrors; everything else is listed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

enum class SourceKind {
  Image,        // a JPEG/PNG/TIFF page (ref.index selects the TIFF page)
  PdfImage,     // a PDF page that is one image: its stream is used as is
  PdfRendered,  // any other PDF page: rendered by Poppler
};

struct PageSource {
  PageRef ref;
  SourceKind kind = SourceKind::Image;
  std::string file_hash;  // SHA-256 (hex) of the whole file's bytes
};

struct CaseInput {
  std::filesystem::path path;      // as given by the user
  std::string name;                // folder or file name without extension
  std::vector<PageSource> pages;   // in reading order
};

struct InputSet {
  std::vector<CaseInput> cases;
  std::vector<InputError> errors;

  std::size_t page_count() const;
};

struct InputLimits {
  // Larger images are refused before decoding (a 30000 x 30000 page would need
  // 2.7 GB as colour): A0 at 300 dpi is about 140 million pixels.
  std::uint64_t max_pixels = 150'000'000;
  // And by the size decoded (width x height x bits per pixel, from the header):
  // A0 at 300 dpi in 8-bit colour is about 420 MB; a 12000 x 12000 16-bit
  // colour PNG (864 MB) is refused.
  std::uint64_t max_decoded_bytes = 450'000'000;
};

InputSet enumerate_inputs(const std::vector<std::filesystem::path>& inputs,
                          const InputLimits& limits = {});

// Natural order of file names: digit runs compare by value ("p2" < "p10").
bool natural_less(const std::string& a, const std::string& b);

}  // namespace caseaudit::ocr
