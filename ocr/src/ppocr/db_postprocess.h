// Internal: DB (differentiable binarisation) post-processing, our own: the
// detector's per-pixel text probability -> rotated text boxes. OpenCV's
// TextDetectionModel_DB threw on some pages (unclip of degenerate contours);
// this version skips degenerate candidates instead.
//
// Steps, after PaddleOCR's description of DB: threshold the probability map,
// find the outer contours of the text regions, fit each a minimum-area
// rectangle, score it by the mean probability inside, drop weak or tiny ones,
// and "unclip" it: grow every side by area * ratio / perimeter, because the
// network is trained to predict shrunken text kernels.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace caseaudit::ocr::ppocr {

struct DbSettings {
  float threshold = 0.3f;      // probability above which a pixel is text
  float box_threshold = 0.5f;  // minimum mean probability inside a box
  float unclip_ratio = 2.0f;   // growth of the shrunken kernel
  float min_side = 3.0f;       // shorter side below this (map pixels) is noise
  int max_candidates = 1000;
};

struct TextRegion {
  cv::RotatedRect box;  // in the coordinates of the detector's input image
  float score = 0;      // mean probability inside the shrunken box
};

// `probability` is the detector's output map (CV_32F, H x W, values in [0, 1]);
// boxes are scaled by (scale_x, scale_y) to the caller's image coordinates.
std::vector<TextRegion> db_postprocess(const cv::Mat& probability, const DbSettings& settings, double scale_x,
                                       double scale_y);

}  // namespace caseaudit::ocr::ppocr
