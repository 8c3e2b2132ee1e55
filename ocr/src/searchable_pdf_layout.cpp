// Internal (searchable PDF): pixels to points and line placement per orientation.
#include "searchable_pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace caseaudit::ocr::pdf_out {
namespace {

int quarter_turns(int orientation) {
  const int nearest = static_cast<int>(std::lround(orientation / 90.0));
  return ((nearest % 4) + 4) % 4;
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
  for (const Line& line : result.lines) {
    if (line.box.empty()) continue;
    std::string text = clean_line_text(line.text);
    if (text.empty()) continue;

    // The box in page points, y up.
    const double sx = g.pt_per_px * g.box_scale_x;
    const double sy = g.pt_per_px * g.box_scale_y;
    const double x0 = line.box.x * sx;
    const double x1 = line.box.right() * sx;
    const double y1 = g.height_pt - line.box.y * sy;
    const double y0 = g.height_pt - line.box.bottom() * sy;

    // The page is shown turned `rotate` degrees clockwise; text that reads
    // left to right once shown runs, in page space, along the x axis turned
    // the same angle counter-clockwise.
    LinePlacement p;
    p.text = std::move(text);
    switch (turns) {
      case 0:  // reads along +x, feet towards -y
        p.dir_x = 1, p.dir_y = 0, p.origin_x = x0, p.origin_y = y0;
        break;
      case 1:  // reads along +y (upwards), feet towards +x
        p.dir_x = 0, p.dir_y = 1, p.origin_x = x1, p.origin_y = y0;
        break;
      case 2:  // reads along -x, feet towards +y
        p.dir_x = -1, p.dir_y = 0, p.origin_x = x1, p.origin_y = y1;
        break;
      default:  // reads along -y (downwards), feet towards -x
        p.dir_x = 0, p.dir_y = -1, p.origin_x = x0, p.origin_y = y1;
        break;
    }
    const bool across = turns % 2 == 1;
    p.length = across ? y1 - y0 : x1 - x0;
    const double box_thickness = across ? x1 - x0 : y1 - y0;
    p.thickness = line_thickness(p.length, box_thickness, result.skew);
    // Centre the line across its box: move the foot edge in by half the slack.
    const double inset = (box_thickness - p.thickness) / 2;
    p.origin_x += -p.dir_y * inset;
    p.origin_y += p.dir_x * inset;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace caseaudit::ocr::pdf_out
