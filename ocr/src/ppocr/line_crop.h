// Internal: cutting a text line out of the page for the recogniser. A rotated
// box becomes an upright strip of fixed height (perspective-corrected: the
// box's corners map to the strip's corners), and the strip keeps the mapping
// back, so a column range of the strip (a character) can be boxed on the page.
#pragma once

#include <opencv2/core.hpp>

namespace caseaudit::ocr::ppocr {

struct LineCrop {
  cv::Mat strip;        // CV_8UC1, `height` rows, width in proportion to the box
  cv::Matx33d to_page;  // maps a strip point (x, y) to page coordinates
};

// Orders the box so that its longer side runs left to right (text lines are
// horizontal on an upright page; a box much taller than wide is turned so it
// reads top to bottom), then warps it to a strip `height` pixels high and at
// most `max_width` wide.
LineCrop crop_line(const cv::Mat& grey, const cv::RotatedRect& box, int height, int max_width);

// Page-coordinate bounding box of the strip columns [x0, x1) over its full height.
cv::Rect2d strip_span_on_page(const LineCrop& crop, double x0, double x1);

}  // namespace caseaudit::ocr::ppocr
