// Internal (searchable PDF): pixels to points and line placement per orientation.
#include "searchable_pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace caseaudit::ocr::pdf_out {
namespace {

int quarter_turns(int orientation) {
  const int nearest = static_cast<int>(std::lround(orientation / 90.0));
  return ((nearest % 4) + 4) % 4;
}

// How far a line centred at (cx, cy) moves along (up_x, up_y) when the page
// is turned by -skew degrees (counter-clockwise positive) about its centre.
// Lines sharing a row on the straightened page (form cells side by side) then
// share a baseline, which is how pdftotext groups them into one output line;
// kept straight and at the box, a row of cells on a page skewed 7 degrees came
// back out of order (CER 5-9% on the fixture pages), and text drawn slanted
// along the skew was worse (poppler orders slanted lines badly: CER 15-80%).
// The price: a cell away from the page centre sits off its image text by
// about its distance from the centre times sin(skew).
double straightening_shift(double cx, double cy, double up_x, double up_y, double skew, const PageGeometry& g) {
  if (std::abs(skew) < 1e-3) return 0;
  const double a = -skew * std::numbers::pi / 180;
  const double dx = cx - g.width_pt / 2, dy = cy - g.height_pt / 2;
  const double rx = dx * std::cos(a) - dy * std::sin(a);
  const double ry = dx * std::sin(a) + dy * std::cos(a);
  return up_x * (rx - dx) + up_y * (ry - dy);
}

struct PtBox {
  double x0, y0, x1, y1;  // page points, y up
};

PtBox to_points(const Box& box, const PageGeometry& g) {
  const double sx = g.pt_per_px * g.box_scale_x;
  const double sy = g.pt_per_px * g.box_scale_y;
  return {box.x * sx, g.height_pt - box.bottom() * sy, box.right() * sx, g.height_pt - box.y * sy};
}

// Extent of a box along a unit axis-aligned direction: [min, max] of d . p.
std::pair<double, double> extent(const PtBox& b, double dx, double dy) {
  const double a = dx * b.x0 + dy * b.y0;
  const double c = dx * b.x1 + dy * b.y1;
  return {std::min(a, c), std::max(a, c)};
}

}  // namespace

double line_thickness(double box_length, double box_thickness, double skew_degrees) {
  // A line of length L and thickness t turned by a has the bounding box
  // W = L cos a + t sin a, H = L sin a + t cos a; solved for t.
  const double a = std::min(std::abs(skew_degrees), 20.0) * std::numbers::pi / 180.0;
  if (a < 1e-6) return box_thickness;
  const double t = (box_thickness * std::cos(a) - box_length * std::sin(a)) / std::cos(2 * a);
  return std::clamp(t, box_thickness / 4, box_thickness);
}

PageGeometry page_geometry(int image_width, int image_height, int dpi, int orientation,
                           int result_width, int result_height) {
  PageGeometry g;
  g.pt_per_px = 72.0 / dpi;
  g.width_pt = image_width * g.pt_per_px;
  g.height_pt = image_height * g.pt_per_px;
  g.rotate = quarter_turns(orientation) * 90;
  if (result_width > 0 && result_height > 0) {
    g.box_scale_x = static_cast<double>(image_width) / result_width;
    g.box_scale_y = static_cast<double>(image_height) / result_height;
  }
  return g;
}

std::string clean_line_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7F) ? ' ' : c;
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

std::vector<LinePlacement> place_lines(const PageResult& result, const PageGeometry& g) {
  std::vector<LinePlacement> out;
  const int turns = g.rotate / 90;
  // The page is shown turned `rotate` degrees clockwise; text that reads left
  // to right once shown runs, in page space, along the x axis turned the same
  // angle counter-clockwise. "Up" for the glyphs is that turned a further 90.
  static constexpr double kDir[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
  const double dir_x = kDir[turns][0], dir_y = kDir[turns][1];
  const double up_x = -dir_y, up_y = dir_x;

  for (const Line& line : result.lines) {
    std::string text = clean_line_text(line.text);
    if (line.box.empty() || text.empty()) continue;
    const PtBox box = to_points(line.box, g);
    const auto [along_min, along_max] = extent(box, dir_x, dir_y);
    const auto [across_min, across_max] = extent(box, up_x, up_y);
    const double box_thickness = across_max - across_min;
    const double thickness = line_thickness(along_max - along_min, box_thickness, result.skew);
    // Centred across the box, then moved across to where the straightened
    // page has the line; the glyphs' feet are at `feet`.
    const double feet = across_min + (box_thickness - thickness) / 2 +
                        straightening_shift((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, up_x, up_y,
                                            result.skew, g);

    LinePlacement p;
    p.text = std::move(text);
    p.dir_x = dir_x;
    p.dir_y = dir_y;
    // The point with along = start of the text and across = feet.
    p.origin_x = dir_x * along_min + up_x * feet;
    p.origin_y = dir_y * along_min + up_y * feet;
    p.length = along_max - along_min;
    p.thickness = thickness;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace caseaudit::ocr::pdf_out
