// Page clean-up (ocr/src/cleanup): skew, orientation, red seals, binarisation
// and the mapping back to original coordinates, on synthetic pages drawn here
// (text-like strokes, a ruled table, a red seal) and on the committed fixture
// pages when they are present.
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <string>
#include <vector>

#include "cleanup/prepare.h"
#include "cleanup/steps.h"
#include "support/fixtures.h"

using caseaudit::ocr::Box;
using caseaudit::ocr::CleanupOptions;
using caseaudit::ocr::PreparedPage;
using caseaudit::ocr::Seal;
using caseaudit::ocr::prepare_page;
using caseaudit::ocr::to_original_box;
namespace cleanup = caseaudit::ocr::cleanup;

namespace {

const cv::Size kA4(2480, 3508);  // A4 at 300 dpi

// Deterministic pseudo-random numbers, the same everywhere.
struct Lcg {
  std::uint32_t state;
  int range(int lo, int hi) {
    state = state * 1664525u + 1013904223u;
    return lo + static_cast<int>((state >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
  }
};

// A character-like cluster of strokes in a size x size cell.
void draw_char(cv::Mat& img, cv::Point at, int size, Lcg& rng, const cv::Scalar& colour, int thickness) {
  const int strokes = rng.range(3, 6);
  for (int i = 0; i < strokes; ++i) {
    const int kind = rng.range(0, 2);
    cv::Point a(at.x + rng.range(0, size / 3), at.y + rng.range(2, size - 2));
    cv::Point b;
    if (kind == 0) {  // horizontal
      b = {at.x + rng.range(size / 2, size - 2), a.y};
    } else if (kind == 1) {  // vertical
      a = {at.x + rng.range(4, size - 4), at.y + rng.range(0, size / 3)};
      b = {a.x, at.y + rng.range(size / 2, size - 2)};
    } else {  // slanted
      b = {at.x + rng.range(size / 2, size - 2), at.y + rng.range(size / 2, size - 2)};
    }
    cv::line(img, a, b, colour, thickness, cv::LINE_AA);
  }
}

struct PageSpec {
  cv::Scalar paper{255, 255, 255};
  cv::Scalar ink{20, 20, 20};
  int type = CV_8UC3;
  bool table = true;
  std::uint32_t seed = 1;
};

// A text page: a title, lines of 58-px characters, a ruled table. `ink_mask`
// (if given) receives where the ink was drawn.
cv::Mat text_page(const PageSpec& spec = {}, cv::Mat* ink_mask = nullptr) {
  cv::Mat mask = cv::Mat::zeros(kA4, CV_8UC1);
  Lcg rng{spec.seed};
  const int left = 260;
  const int right = kA4.width - 260;
  for (int i = 0; i < 10; ++i) draw_char(mask, {760 + i * 96, 260}, 88, rng, cv::Scalar(255), 8);
  int y = 480;
  const auto text_lines = [&](int count) {
    for (int l = 0; l < count; ++l, y += 100) {
      const int end = l % 5 == 4 ? right - 700 : right;  // paragraph ends are short
      for (int x = left + (l % 5 == 0 ? 128 : 0); x + 58 <= end; x += 64) {
        draw_char(mask, {x, y}, 58, rng, cv::Scalar(255), 5);
      }
    }
  };
  text_lines(12);
  if (spec.table) {
    const int top = y + 20;
    for (int r = 0; r <= 4; ++r) cv::line(mask, {left, top + r * 110}, {right, top + r * 110}, cv::Scalar(255), 4);
    for (int c = 0; c <= 4; ++c) {
      const int x = left + c * (right - left) / 4;
      cv::line(mask, {x, top}, {x, top + 440}, cv::Scalar(255), 4);
    }
    for (int r = 0; r < 4; ++r) {
      for (int c = 0; c < 4; ++c) {
        for (int k = 0; k < 4; ++k) {
          draw_char(mask, {left + c * (right - left) / 4 + 24 + k * 64, top + r * 110 + 26}, 58, rng, cv::Scalar(255), 5);
        }
      }
    }
    y = top + 500;
  }
  text_lines(10);
  cv::Mat page(kA4, CV_8UC3, spec.paper);
  page.setTo(spec.ink, mask);
  if (ink_mask != nullptr) *ink_mask = mask;
  if (spec.type == CV_8UC1) cv::cvtColor(page, page, cv::COLOR_BGR2GRAY);
  return page;
}

const cv::Scalar kSealRed(40, 30, 215);  // BGR

// A round red seal (ring, star, text-like strokes) multiplied over the page,
// as ink over toner; returns where the red ink is.
cv::Mat stamp_seal(cv::Mat& page, cv::Point centre, int radius) {
  cv::Mat layer(page.size(), CV_8UC3, cv::Scalar::all(255));
  cv::circle(layer, centre, radius, kSealRed, 14, cv::LINE_AA);
  std::vector<cv::Point> star;
  for (int k = 0; k < 10; ++k) {
    const double a = -std::numbers::pi / 2 + k * std::numbers::pi / 5;
    const double r = k % 2 == 1 ? 30 : 75;
    star.emplace_back(centre.x + static_cast<int>(r * std::cos(a)), centre.y + static_cast<int>(r * std::sin(a)));
  }
  cv::fillPoly(layer, std::vector<std::vector<cv::Point>>{star}, kSealRed, cv::LINE_AA);
  Lcg rng{99};
  for (int k = 0; k < 12; ++k) {  // characters along the inside of the ring
    const double a = std::numbers::pi * (-1.3 + 1.6 * k / 11.0);
    const cv::Point at(centre.x + static_cast<int>((radius - 85) * std::cos(a)) - 24,
                       centre.y + static_cast<int>((radius - 85) * std::sin(a)) - 24);
    draw_char(layer, at, 48, rng, kSealRed, 4);
  }
  cv::multiply(page, layer, page, 1.0 / 255.0);
  cv::Mat red;
  cv::inRange(layer, cv::Scalar(0, 0, 0), cv::Scalar(200, 200, 255), red);
  return red;
}

// Turns an upright page so that turning it `clockwise` degrees makes it upright again.
cv::Mat turn_away(const cv::Mat& page, int clockwise) {
  cv::Mat out;
  if (clockwise == 90) {
    cv::rotate(page, out, cv::ROTATE_90_COUNTERCLOCKWISE);
  } else if (clockwise == 180) {
    cv::rotate(page, out, cv::ROTATE_180);
  } else if (clockwise == 270) {
    cv::rotate(page, out, cv::ROTATE_90_CLOCKWISE);
  } else {
    out = page.clone();
  }
  return out;
}

double share(const cv::Mat& condition, const cv::Mat& where) {
  const int total = cv::countNonZero(where);
  if (total == 0) return 0;
  cv::Mat both;
  cv::bitwise_and(condition, where, both);
  return static_cast<double>(cv::countNonZero(both)) / total;
}

cv::Mat eroded(const cv::Mat& mask, int size) {
  cv::Mat out;
  cv::erode(mask, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(size, size)));
  return out;
}

double iou(const Box& a, const Box& b) {
  const cv::Rect ra(a.x, a.y, a.w, a.h);
  const cv::Rect rb(b.x, b.y, b.w, b.h);
  const double inter = (ra & rb).area();
  return inter / (ra.area() + rb.area() - inter);
}

// The filled black square marker: the biggest solid blob of the prepared image.
cv::Rect find_marker(const cv::Mat& image, cv::Point2d* centroid) {
  cv::Mat ink = image < 128;
  cv::morphologyEx(ink, ink, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids);
  int best = 0;
  for (int i = 1; i < n; ++i) {
    if (best == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(best, cv::CC_STAT_AREA)) best = i;
  }
  if (best == 0) return {};
  *centroid = {centroids.at<double>(best, 0), centroids.at<double>(best, 1)};
  return {stats.at<int>(best, cv::CC_STAT_LEFT), stats.at<int>(best, cv::CC_STAT_TOP),
          stats.at<int>(best, cv::CC_STAT_WIDTH), stats.at<int>(best, cv::CC_STAT_HEIGHT)};
}

cv::Point2d map_point(const PreparedPage& page, cv::Point2d p) {
  const cv::Matx23d& m = page.to_original;
  return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

}  // namespace

TEST_CASE("a page skewed by +7 or -9 degrees is measured within 0.3 degrees and comes out straight", "[cleanup]") {
  const cv::Mat page = text_page();
  for (const double angle : {7.0, -9.0}) {
    CAPTURE(angle);
    // Turning counter-clockwise makes the text rise to the right: skew > 0.
    cv::Mat grey;
    cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
    const cv::Mat skewed = cleanup::rotate_keep_all(grey, angle, nullptr);
    CHECK(cleanup::estimate_skew(skewed, 15) == Approx(angle).margin(0.3));

    cv::Mat colour;
    cv::cvtColor(skewed, colour, cv::COLOR_GRAY2BGR);
    const PreparedPage out = prepare_page(colour, {});
    CHECK(out.orientation == 0);
    CHECK(out.skew == Approx(angle).margin(0.3));
    CHECK(cleanup::estimate_skew(out.grey, 15) == Approx(0).margin(0.3));
  }
}

TEST_CASE("skew up to 15 degrees is found despite a seal, grain and a grey page", "[cleanup]") {
  PageSpec spec;
  spec.paper = {185, 205, 215};
  cv::Mat page = text_page(spec);
  stamp_seal(page, {1800, 2900}, 240);
  cv::Mat noise(page.size(), CV_32FC3);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(12));
  cv::Mat noisy;
  page.convertTo(noisy, CV_32FC3);
  noisy += noise;
  noisy.convertTo(page, CV_8UC3);
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  for (const double angle : {14.5, -12.0, 0.6}) {
    CAPTURE(angle);
    CHECK(cleanup::estimate_skew(cleanup::rotate_keep_all(grey, angle, nullptr), 15) == Approx(angle).margin(0.3));
  }
  // Outside the allowed range the estimate stays inside it.
  CHECK(std::abs(cleanup::estimate_skew(cleanup::rotate_keep_all(grey, 8, nullptr), 5)) <= 5.0);
}

TEST_CASE("a blank page has no skew and no orientation to tell", "[cleanup]") {
  const cv::Mat blank(kA4, CV_8UC1, cv::Scalar(250));
  CHECK(cleanup::estimate_skew(blank, 15) == 0);
  CHECK(cleanup::guess_orientation(blank) == -1);
  const PreparedPage out = prepare_page(blank, {});
  CHECK(out.skew == 0);
  CHECK(out.orientation == 0);
  CHECK(cv::countNonZero(out.image == 0) == 0);
}

TEST_CASE("a page turned 90, 180 or 270 degrees comes back upright with the detector's answer", "[cleanup]") {
  const cv::Mat page = text_page();
  CleanupOptions options;
  options.deskew = false;  // compare pixel for pixel
  const PreparedPage upright = prepare_page(page, options);
  for (const int turn : {90, 180, 270}) {
    CAPTURE(turn);
    int calls = 0;
    const auto detector = [&](const cv::Mat& grey) {
      ++calls;
      CHECK(grey.type() == CV_8UC1);
      return turn;
    };
    const PreparedPage out = prepare_page(turn_away(page, turn), options, detector);
    CHECK(calls == 1);
    CHECK(out.orientation == turn);
    REQUIRE(out.image.size() == upright.image.size());
    cv::Mat differ;
    cv::compare(out.image, upright.image, differ, cv::CMP_NE);
    CHECK(cv::countNonZero(differ) < 0.002 * static_cast<double>(differ.total()));
  }
}

TEST_CASE("without a detector the fallback tells horizontal lines from vertical ones", "[cleanup]") {
  const cv::Mat page = text_page();
  CHECK(cleanup::guess_orientation(page.channels() == 3 ? cleanup::grey_for_text(page, false) : page) == 0);
  for (const int turn : {90, 270}) {
    CAPTURE(turn);
    const cv::Mat turned = turn_away(page, turn);
    CHECK(cleanup::guess_orientation(cleanup::grey_for_text(turned, false)) == 90);
    // A detector that cannot tell (-1) falls back too.
    const PreparedPage out = prepare_page(turned, {}, [](const cv::Mat&) { return -1; });
    // 90 or 270: either way the lines are horizontal again (which way up needs OSD).
    CHECK((out.orientation == 90 || out.orientation == 270));
    CHECK(cleanup::guess_orientation(out.grey) == 0);
  }
  // Skewed pages keep their answer.
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  CHECK(cleanup::guess_orientation(cleanup::rotate_keep_all(grey, 12, nullptr)) == 0);
  CHECK(cleanup::guess_orientation(cleanup::rotate_keep_all(turn_away(grey, 90), -12, nullptr)) == 90);
  // Orientation off: nothing is turned.
  CleanupOptions off;
  off.orientation = false;
  CHECK(prepare_page(turn_away(page, 90), off).orientation == 0);
}

TEST_CASE("a red seal over text is found, its ink is removed and the black strokes under it stay", "[cleanup]") {
  cv::Mat black;
  cv::Mat page = text_page({}, &black);
  const cv::Point centre(1800, 2000);
  const int radius = 240;
  const cv::Mat red = stamp_seal(page, centre, radius);

  const std::vector<Seal> seals = cleanup::detect_seals(page);
  REQUIRE(seals.size() == 1);
  const Seal& seal = seals[0];
  CHECK(seal.box.x + seal.box.w / 2.0 == Approx(centre.x).margin(8));
  CHECK(seal.box.y + seal.box.h / 2.0 == Approx(centre.y).margin(8));
  CHECK(seal.box.w == Approx(2 * radius + 14).margin(12));
  CHECK(seal.box.h == Approx(2 * radius + 14).margin(12));
  CHECK(seal.colour_confidence >= 0.8);
  CHECK(seal.roundness >= 0.9);

  CleanupOptions options;
  options.deskew = false;
  options.orientation = false;
  const PreparedPage out = prepare_page(page, options);
  REQUIRE(out.seals.size() == 1);
  CHECK(iou(out.seals[0].box, seal.box) > 0.95);
  cv::Mat disk = cv::Mat::zeros(page.size(), CV_8UC1);
  cv::circle(disk, centre, radius + 10, cv::Scalar(255), cv::FILLED);
  // Seal ink with no black under it or within 2 px (the rim of a stroke is
  // the stroke's, and the binariser's light smoothing widens it by ~1 px).
  cv::Mat near_black;
  cv::dilate(black, near_black, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  cv::Mat red_only;
  cv::bitwise_and(eroded(red, 3), near_black == 0, red_only);
  cv::Mat black_under;  // black strokes inside the seal
  cv::bitwise_and(eroded(black, 3), disk, black_under);
  REQUIRE(cv::countNonZero(red_only) > 10000);
  REQUIRE(cv::countNonZero(black_under) > 2000);
  CHECK(share(out.image == 255, red_only) > 0.98);
  CHECK(share(out.image == 0, black_under) > 0.95);

  // Without seal handling the ring stays as ink.
  options.seals = false;
  const PreparedPage raw = prepare_page(page, options);
  CHECK(raw.seals.empty());
  CHECK(share(raw.image == 0, eroded(red, 5)) > 0.5);
}

TEST_CASE("seal boxes are in original coordinates when the page was turned and skewed", "[cleanup]") {
  cv::Mat page = text_page();
  stamp_seal(page, {1800, 2000}, 240);
  const cv::Mat turned = turn_away(page, 90);  // the seal moves to the turned page's coordinates
  const std::vector<Seal> direct = cleanup::detect_seals(turned);
  REQUIRE(direct.size() == 1);
  const PreparedPage out = prepare_page(turned, {}, [](const cv::Mat&) { return 90; });
  REQUIRE(out.seals.size() == 1);
  CHECK(out.orientation == 90);
  CHECK(iou(out.seals[0].box, direct[0].box) > 0.95);
  // 1800,2000 on the upright page is (2000, 2480 - 1 - 1800) on the turned one.
  CHECK(direct[0].box.x + direct[0].box.w / 2.0 == Approx(2000).margin(8));
  CHECK(direct[0].box.y + direct[0].box.h / 2.0 == Approx(kA4.width - 1 - 1800).margin(8));
}

TEST_CASE("a red header line, red title characters and red specks are not seals", "[cleanup]") {
  cv::Mat page = text_page();
  cv::line(page, {260, 420}, {2220, 420}, kSealRed, 10);  // the red rule under a 红头 header
  Lcg rng{5};
  for (int i = 0; i < 9; ++i) draw_char(page, {300 + i * 200, 120}, 180, rng, kSealRed, 16);  // 红头 title
  for (int i = 0; i < 60; ++i) {
    cv::circle(page, {rng.range(100, 2380), rng.range(100, 3400)}, rng.range(2, 6), kSealRed, cv::FILLED);
  }
  CHECK(cleanup::detect_seals(page).empty());
  CHECK(prepare_page(page, {}).seals.empty());
  CHECK(cleanup::detect_seals(text_page()).empty());
}

TEST_CASE("grey yellowish paper, uneven light and faint print binarise to clean text", "[cleanup]") {
  PageSpec spec;
  spec.paper = {180, 205, 215};
  spec.ink = {120, 135, 140};  // faint toner
  cv::Mat truth;
  cv::Mat page = text_page(spec, &truth);
  // Light falls off by 30% towards the right and 10% towards the bottom.
  cv::Mat light(page.size(), CV_32FC1);
  for (int y = 0; y < light.rows; ++y) {
    auto* row = light.ptr<float>(y);
    for (int x = 0; x < light.cols; ++x) row[x] = 1.0f - 0.3f * x / light.cols - 0.1f * y / light.rows;
  }
  cv::Mat lit;
  page.convertTo(lit, CV_32FC3);
  cv::Mat light3;
  cv::merge(std::vector<cv::Mat>{light, light, light}, light3);
  cv::multiply(lit, light3, lit);
  cv::Mat noise(page.size(), CV_32FC3);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(4));
  lit += noise;
  lit.convertTo(page, CV_8UC3);

  const cv::Mat binary = cleanup::binarize(cleanup::grey_for_text(page, true));
  CHECK(share(binary == 0, eroded(truth, 3)) > 0.95);  // strokes kept
  cv::Mat paper;
  cv::dilate(truth, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  paper = ~paper;
  CHECK(share(binary == 0, paper) < 0.002);  // paper stays white

  // The same through the whole pipeline.
  CleanupOptions options;
  options.deskew = false;
  const PreparedPage out = prepare_page(page, options);
  CHECK(share(out.image == 0, eroded(truth, 3)) > 0.95);
  CHECK(share(out.image == 0, paper) < 0.002);
}

TEST_CASE("noise specks are removed without losing strokes", "[cleanup]") {
  cv::Mat truth;
  const cv::Mat page = text_page({}, &truth);
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  cv::Mat noise(page.size(), CV_32FC1);
  cv::randn(noise, cv::Scalar(0), cv::Scalar(20));
  cv::Mat noisy;
  grey.convertTo(noisy, CV_32FC1);
  noisy += noise;
  noisy.convertTo(noisy, CV_8UC1);
  Lcg rng{11};
  for (int i = 0; i < 3000; ++i) noisy.at<unsigned char>(rng.range(0, kA4.height - 1), rng.range(0, kA4.width - 1)) = 0;
  cleanup::denoise(noisy);
  const cv::Mat binary = cleanup::binarize(noisy);
  cv::Mat paper;
  cv::dilate(truth, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  paper = ~paper;
  CHECK(share(binary == 0, paper) < 0.001);
  CHECK(share(binary == 0, eroded(truth, 3)) > 0.95);
}

TEST_CASE("scanner borders are removed, text near them is kept", "[cleanup]") {
  cv::Mat truth;
  cv::Mat page = text_page({}, &truth);
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  cv::rectangle(grey, {0, 0}, {140, grey.rows}, cv::Scalar(15), cv::FILLED);  // left band
  cv::rectangle(grey, {0, grey.rows - 100}, {grey.cols, grey.rows}, cv::Scalar(25), cv::FILLED);
  cv::line(grey, {grey.cols - 6, 0}, {grey.cols - 6, grey.rows}, cv::Scalar(0), 4);  // lid edge
  cleanup::remove_borders(grey);
  cv::Mat margin = cv::Mat::zeros(grey.size(), CV_8UC1);
  margin(cv::Rect(0, 0, 150, grey.rows)).setTo(255);
  margin(cv::Rect(0, grey.rows - 110, grey.cols, 110)).setTo(255);
  margin(cv::Rect(grey.cols - 12, 0, 12, grey.rows)).setTo(255);
  CHECK(share(grey < 128, margin) < 0.01);
  CHECK(share(grey < 128, eroded(truth, 3)) > 0.99);
}

TEST_CASE("boxes on the prepared page map back to the original within 2 px", "[cleanup]") {
  const cv::Mat upright = text_page();
  for (const int turn : {0, 90, 180, 270}) {
    for (const double skew : {0.0, 6.0}) {
      CAPTURE(turn, skew);
      // The scan as it came: turned, then skewed; the marker is drawn on it.
      cv::Mat scan = turn_away(upright, turn);
      if (skew != 0) {
        cv::Mat grey;
        cv::cvtColor(scan, grey, cv::COLOR_BGR2GRAY);
        cv::cvtColor(cleanup::rotate_keep_all(grey, skew, nullptr), scan, cv::COLOR_GRAY2BGR);
      }
      const cv::Rect marker(scan.cols / 3, scan.rows / 2 + 37, 90, 90);
      scan(cv::Rect(marker.x - 60, marker.y - 60, 210, 210)).setTo(cv::Scalar::all(255));
      scan(marker).setTo(cv::Scalar::all(0));
      const PreparedPage out = prepare_page(scan, {}, [&](const cv::Mat&) { return turn; });
      REQUIRE(out.orientation == turn);
      cv::Point2d centroid;
      const cv::Rect found = find_marker(out.image, &centroid);
      REQUIRE(found.area() > 0);
      const cv::Point2d back = map_point(out, centroid);
      CHECK(back.x == Approx(marker.x + 44.5).margin(1.0));
      CHECK(back.y == Approx(marker.y + 44.5).margin(1.0));
      const Box box = to_original_box(out, found, scan.size());
      if (skew == 0) {
        CHECK(std::abs(box.x - marker.x) <= 1);
        CHECK(std::abs(box.y - marker.y) <= 1);
        CHECK(std::abs(box.right() - marker.br().x) <= 1);
        CHECK(std::abs(box.bottom() - marker.br().y) <= 1);
      } else {
        // A tilted square's box, mapped back, holds the square.
        CHECK(box.x <= marker.x + 1);
        CHECK(box.y <= marker.y + 1);
        CHECK(box.right() >= marker.br().x - 1);
        CHECK(box.bottom() >= marker.br().y - 1);
        CHECK(box.w <= marker.width * 1.5);
      }
    }
  }
  // Clipped to the original.
  const PreparedPage out = prepare_page(upright, {});
  const Box all = to_original_box(out, cv::Rect(-50, -50, out.image.cols + 100, out.image.rows + 100), upright.size());
  CHECK(all == Box{0, 0, upright.cols, upright.rows});
}

TEST_CASE("a grey (one-channel) page goes through with no seals", "[cleanup]") {
  PageSpec spec;
  spec.type = CV_8UC1;
  const cv::Mat page = text_page(spec);
  CHECK(cleanup::detect_seals(page).empty());
  CHECK(cv::countNonZero(cleanup::grey_for_text(page, true) != page) == 0);
  const PreparedPage out = prepare_page(page, {});
  CHECK(out.seals.empty());
  CHECK(out.image.type() == CV_8UC1);
  CHECK(out.grey.type() == CV_8UC1);
  CHECK(out.image.size() == page.size());
  // 16-bit and BGRA scans are accepted too.
  cv::Mat wide;
  page.convertTo(wide, CV_16U, 257);
  CHECK(prepare_page(wide, {}).image.size() == page.size());
  cv::Mat bgra;
  cv::cvtColor(page, bgra, cv::COLOR_GRAY2BGRA);
  CHECK(prepare_page(bgra, {}).image.size() == page.size());
  CHECK_THROWS(prepare_page(cv::Mat(), {}));
  // Tiny images do not trip any step.
  CHECK(prepare_page(cv::Mat(20, 30, CV_8UC3, cv::Scalar::all(255)), {}).image.size() == cv::Size(30, 20));
  CHECK(prepare_page(cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), {}).image.size() == cv::Size(1, 1));
}

TEST_CASE("fixture pages: skew, orientation and seals match their truth", "[cleanup][fixtures]") {
  namespace fs = std::filesystem;
  // CLEANUP_FIXTURE_PAGES points at another set (e.g. freshly generated).
  const char* other = std::getenv("CLEANUP_FIXTURE_PAGES");
  const fs::path dir = other != nullptr ? fs::path(other) : caseaudit::test::fixtures_dir() / "pages";
  if (!fs::exists(dir)) {
    WARN("no fixture pages yet in " << dir);
    return;
  }
  int pages = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".truth.json";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const fs::path image = dir / (name.substr(0, name.size() - suffix.size()) + ".jpg");
    if (!fs::exists(image)) continue;
    const nlohmann::json truth = nlohmann::json::parse(caseaudit::test::read_file(entry.path()));
    CAPTURE(name);
    const cv::Mat page = cv::imread(image.string(), cv::IMREAD_UNCHANGED);
    REQUIRE(!page.empty());
    ++pages;
    // The truth states the clockwise turn and the clockwise skew that were applied.
    const int applied = truth.value("rotation", 0);
    const int needed = (360 - applied) % 360;
    const double skew = truth.value("skew", 0.0);
    const PreparedPage out = prepare_page(page, {}, [&](const cv::Mat&) { return needed; });
    CHECK(out.orientation == needed);
    CHECK(out.skew == Approx(-skew).margin(0.3));
    if (applied != 0) {
      CleanupOptions options;
      options.deskew = false;
      options.binarize = false;
      // Without a detector at least the line direction is right.
      CHECK(prepare_page(page, options).orientation % 180 == needed % 180);
    }
    std::vector<Box> expected;
    for (const auto& s : truth.value("seals", nlohmann::json::array())) {
      const auto& b = s.at("box");
      expected.push_back({b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()});
    }
    CHECK(out.seals.size() == expected.size());
    for (const Box& want : expected) {
      double best = 0;
      for (const Seal& got : out.seals) best = std::max(best, iou(got.box, want));
      CHECK(best > 0.8);
    }
    for (const Seal& got : out.seals) CHECK(got.colour_confidence > 0.6);
  }
  INFO(pages << " fixture pages");
  CHECK(pages > 0);
}
