// Internal: ruled tables (审批表, 送达回证, 物品清单, 卷内目录) found from their
// grid lines on the cleaned, upright, deskewed page.
//
// Long horizontal and vertical rules are extracted at about 150 dpi as runs of
// ink (the binary page plus the grey page's faint ink, so thin or JPEG-broken
// rules survive; gaps from noise or seal suppression bridged; lengths relative
// to the page). Pieces with ink close beside them (chains of strokes along a
// line of bold text) are dropped; the rest are grouped into tables where they
// touch and clustered into row and column rule positions along the table's
// own residual slope. A rule candidate is kept only when it runs along at
// least one whole cell edge, reaching both crossings, so text, underlines and
// signatures inside cells add no rows or columns. Cells are the grid's
// rectangles merged wherever the inner rule between them is missing. Groups
// with fewer than 2 rows or 2 columns are kept only when large (a ruled
// single-cell form such as 卷内备考表) and not a frame round the whole page;
// small grids (a character such as 田) are dropped.
#pragma once

#include <array>
#include <vector>

#include <opencv2/core.hpp>

namespace caseaudit::ocr::cleanup {

// Corner points are on the rule centre lines, in pixel-centre coordinates of
// the image searched (pixel (x, y) is the point (x, y)), in the order
// top-left, top-right, bottom-right, bottom-left.
using Quad = std::array<cv::Point2d, 4>;

struct GridCell {
  int row = 0, col = 0;
  int rowspan = 1, colspan = 1;
  Quad corners;
};

struct TableGrid {
  int rows = 0, cols = 0;
  Quad corners;                 // the outer frame
  std::vector<GridCell> cells;  // row-major by top-left grid position
};

// Tables of a CV_8UC1 binary page (paper 255, ink 0), top to bottom. `grey`,
// when given, is the same page before binarisation (CV_8UC1, same size): its
// faint ink is added, so thin rules the binarisation broke up still count.
std::vector<TableGrid> find_tables(const cv::Mat& binary, const cv::Mat& grey = {});

}  // namespace caseaudit::ocr::cleanup
