// Internal: page clean-up before recognition. One function of (original image,
// options) -> prepared page; no state, safe to call from several threads.
//
// Steps, in order: the page's colour mode, red seal detection and ink
// suppression (on colour pages; where colour finds no seal, seals by shape
// and their grey ink lightened), border removal,
// orientation (0/90/180/270), deskew, denoise, binarisation (borders go
// before the rotations so a scanner border still touches the edge), then
// ruled-table grids found on the binary and grey page (table_grid.h). The
// analysis runs on one reduced copy, the pixel work at full resolution. The prepared
// image keeps a mapping back to the original, so boxes read on it can be
// reported in original-image coordinates.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "caseaudit/ocr/page.h"
#include "caseaudit/ocr/pipeline.h"
#include "cleanup/table_grid.h"

namespace caseaudit::ocr {

// Returns the clockwise rotation (0/90/180/270) that makes the page upright,
// given a grey page image; -1 when it cannot tell. The Tesseract engine
// supplies one based on its OSD; tests may supply their own.
using OrientationDetector = std::function<int(const cv::Mat& grey)>;

struct PreparedPage {
  cv::Mat image;        // CV_8UC1, upright, deskewed, cleaned (binary when binarize is on;
                        // otherwise it shares its pixels with `grey`)
  cv::Mat grey;         // CV_8UC1, upright and deskewed, before binarisation
  cv::Matx23d to_original;  // maps a point of `image` to the original image
  int orientation = 0;  // clockwise degrees applied
  double skew = 0;      // degrees corrected
  std::string colour_mode;  // "colour", "grey" or "bilevel" (see PageResult)
  std::vector<Seal> seals;  // in original-image coordinates
  std::vector<cleanup::TableGrid> tables;  // ruled tables, in `image` coordinates
};

// `dpi` is the file's (0 when it does not say); seals are looked for by
// their size in millimetres.
PreparedPage prepare_page(const cv::Mat& original, const CleanupOptions& options,
                          const OrientationDetector& detect_orientation = {}, int dpi = 0);

// Maps a box of the prepared image to the original image (bounding box of the
// four transformed corners, clipped to the original's size).
Box to_original_box(const PreparedPage& page, const cv::Rect& r, cv::Size original_size);
// The same for a quadrilateral of points of the prepared image (pixel (x, y)
// is the point (x, y)), such as a table cell's corners: the bounding box of
// the four mapped corners.
Box to_original_box(const PreparedPage& page, const cleanup::Quad& corners, cv::Size original_size);

}  // namespace caseaudit::ocr
