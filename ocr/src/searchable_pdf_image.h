// Internal (searchable PDF): the page image as it will be stored in the PDF,
// without any loss: a JPEG source (file or a PDF's DCTDecode stream) is kept
// byte for byte, so are a PNG's compressed rows and a TIFF page's G4 strip
// (see searchable_pdf_png.h, searchable_pdf_tiff.h); anything else is decoded
// and Flate-compressed (1 bit for bilevel pages, 8-bit grey, 8-bit RGB). No
// PDF library here, so pages can be prepared on worker threads.
#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "caseaudit/ocr/searchable_pdf.h"

namespace caseaudit::ocr::pdf_out {

struct StoredImage {
  std::string data;           // stream bytes as they go into the PDF
  enum class Filter {
    Dct,      // a JPEG file
    Flate,    // zlib; with PNG row filters when png_predictor
    CcittG4,  // CCITT group 4 (/K -1), 0 = black
  };
  Filter filter = Filter::Flate;
  int width = 0;
  int height = 0;
  int components = 1;         // 1 DeviceGray, 3 DeviceRGB, 4 DeviceCMYK
  int bits = 8;               // bits per component: 8, or 1 for bilevel (PNG: 1-16)
  std::string palette;        // RGB triples: an Indexed image over DeviceRGB
  bool invert_cmyk = false;   // Adobe CMYK JPEG: needs Decode [1 0 1 0 1 0 1 0]
  bool png_predictor = false; // Flate data carries PNG row filters (Predictor 15)
};

// Reads and encodes the page's image. Throws InputFailure naming the page.
StoredImage prepare_page_image(const SearchablePdfPage& page);

// Lossless Flate encoding of a decoded image (CV_8UC1 or CV_8UC3 BGR; other
// depths and channel counts are converted). A grey image holding only 0 and
// 255 is stored as 1 bit per pixel.
StoredImage encode_lossless(const cv::Mat& image);

}  // namespace caseaudit::ocr::pdf_out
