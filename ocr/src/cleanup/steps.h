// Internal: the individual clean-up steps, each a plain function, so each can be
// tested and measured on its own. Input images are CV_8UC1 unless stated.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr::cleanup {

// Grey image for recognition from a colour page: the red channel where red
// seal ink was found (so seal ink turns light and the black text under it
// stays), otherwise the usual luminance.
cv::Mat grey_for_text(const cv::Mat& bgr, bool suppress_red);

// Red seals on a colour (CV_8UC3) page; empty for grey pages.
std::vector<Seal> detect_seals(const cv::Mat& bgr);

// Round seals by shape (ring with a star and/or an arc of text inside), any
// colour, on an 8-bit grey or BGR page; `dpi` as the file states it (0 when
// unknown: the page is then taken for A4). found_by = "shape".
std::vector<Seal> detect_seals_by_shape(const cv::Mat& image, int dpi);

// What prepare_page finds: red seals on a colour page, else seals by shape.
std::vector<Seal> find_seals(const cv::Mat& image, int dpi);

// How the page was scanned, from its pixels (8-bit grey or BGR): "colour"
// (chroma present), "grey", or "bilevel" (two grey levels, as a 1-bit scan).
std::string colour_mode(const cv::Mat& image);

// Cheap orientation check from text-line direction: 0 for horizontal lines,
// 90 for vertical ones (the page was turned a quarter), -1 when it cannot
// tell. It cannot tell 180 from 0 nor 270 from 90: that needs a script-aware
// detector (Tesseract OSD).
int guess_orientation(const cv::Mat& grey);

// Skew angle in degrees, counter-clockwise positive (text lines that rise to
// the right give a positive angle), within +-max_degrees; 0 when there is too
// little text to tell. Straighten with rotate_keep_all(grey, -skew).
double estimate_skew(const cv::Mat& grey, double max_degrees);

// Rotates counter-clockwise by `degrees` (as cv::getRotationMatrix2D) about the
// centre onto a canvas large enough to keep every pixel, filling with white.
// `forward` receives the 2x3 matrix used (input pixel -> output pixel).
cv::Mat rotate_keep_all(const cv::Mat& grey, double degrees, cv::Matx23d* forward);

// Turns dark regions touching the page edge (scanner borders, shadows) white.
void remove_borders(cv::Mat& grey);

// Removes isolated specks (salt-and-pepper) without thinning strokes.
void denoise(cv::Mat& grey);

// Binary (0/255) image robust to grey backgrounds, uneven light and faint print.
cv::Mat binarize(const cv::Mat& grey);

}  // namespace caseaudit::ocr::cleanup
