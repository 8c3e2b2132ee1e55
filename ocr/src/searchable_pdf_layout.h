// Internal (searchable PDF): page geometry. Maps image pixels (origin top-left,
// y down) to PDF points (origin bottom-left, y up) and places each text line
// along the direction its text runs in the stored, possibly turned, image.
// Pure arithmetic: no PDF library here.
#pragma once

#include <string>
#include <vector>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr::pdf_out {

struct PageGeometry {
  double width_pt = 0;    // media box of the page as the image is stored
  double height_pt = 0;
  double pt_per_px = 0;   // 72 / dpi
  int rotate = 0;         // /Rotate: 0, 90, 180 or 270, clockwise for display
  double box_scale_x = 1; // result boxes -> image pixels (1 unless sizes differ)
  double box_scale_y = 1;
};

// dpi <= 0 is not accepted here (the caller picks the default). orientation is
// PageResult::orientation, taken to the nearest multiple of 90.
PageGeometry page_geometry(int image_width, int image_height, int dpi, int orientation,
                           int result_width = 0, int result_height = 0);

// One line of the text layer in page space. A line is one string spread over
// its whole box, even when its words stand far apart (a form row "承办人：
// ... 2021年5月17日"): drawn in pieces over their words, such rows came back
// from pdftotext cell by cell in column order (CER 5.3% against the engine's
// text on a skewed form page, 0.7% as one string). The text starts at origin (on the
// line box's edge where the text starts, at the foot of the glyphs) and runs
// along (dir_x, dir_y); "up" for the glyphs is (-dir_y, dir_x). On a skewed
// page the text is kept straight, with the thickness of the slanted line
// rather than of its box, at the box's place along the text and at the
// straightened page's place across it (see place_lines).
struct LinePlacement {
  std::string text;       // what the line says, ready to draw (one line, trimmed)
  double origin_x = 0;
  double origin_y = 0;
  double dir_x = 1;
  double dir_y = 0;
  double length = 0;      // extent along the text, points
  double thickness = 0;   // extent across the text, points
};

// The thickness of a text line whose axis-aligned box (in the line's own
// direction) is box_length x box_thickness, when the page was scanned turned by
// skew_degrees (either sign): the box of a slanted line is taller than the
// line. Kept within [box_thickness / 4, box_thickness].
double line_thickness(double box_length, double box_thickness, double skew_degrees);

// The lines of a page worth drawing (non-empty text, non-empty box), in
// reading order. result.skew is the skew the engine's image was straightened
// by, counter-clockwise positive (text rising to the right), as cleanup
// measures it: lines that share a row once straightened get one baseline.
std::vector<LinePlacement> place_lines(const PageResult& result, const PageGeometry& geometry);

// Line text as drawn: control characters become spaces, ends are trimmed.
std::string clean_line_text(const std::string& text);

}  // namespace caseaudit::ocr::pdf_out
