// Internal: reading order of detected text lines on an upright page: visual
// rows top to bottom, each row left to right. That is how the case files'
// pages are read and how their ground truth is written: a two-column block (a
// form's "label  value" lines, two signatures side by side, table cells) reads
// row by row across the columns.
//
// A page can keep some skew (clean-up off, or a residual of a degree or so);
// across a two-column block that is enough to put the right column's line
// below the next left one. So the residual skew (the median angle of the long
// boxes) is removed first, and rows are formed from the boxes' middle bands in
// the unskewed frame.
#pragma once

#include <cstddef>

#include <opencv2/core.hpp>
#include <vector>

namespace caseaudit::ocr::ppocr {

// Indices of `lines` in reading order.
std::vector<std::size_t> reading_order(const std::vector<cv::RotatedRect>& lines);

// The residual skew of the lines in degrees (clockwise positive in image
// coordinates), from the boxes clearly wider than tall; 0 when there are none.
double residual_skew(const std::vector<cv::RotatedRect>& lines);

}  // namespace caseaudit::ocr::ppocr
