// Orientation from detection and recognition confidence (see orientation.h).
#include "ppocr/orientation.h"

#include <algorithm>

#include "ppocr/line_crop.h"

namespace caseaudit::ocr::ppocr {
namespace {

constexpr int kQuickLongSide = 512;   // detector input for the quick look
constexpr int kSampleLines = 5;       // lines read both ways up, at most
constexpr double kLongBox = 3.0;      // a line: long side at least this many times the short
constexpr double kSampleChars = 8;    // read about this many characters of each line
constexpr double kMargin = 0.15;      // mean confidence one way must beat the other by this
constexpr double kClearMargin = 0.3;  // ... and with this much after kEnoughChars, stop early
constexpr int kEnoughChars = 8;
constexpr int kFewest = 2;  // fewer lines than this: unsure

// Sum of the confidences of the characters read, and how many.
std::pair<double, int> score(CtcRecognizer& recognizer, const cv::Mat& strip) {
  double sum = 0;
  int n = 0;
  for (const ReadChar& c : recognizer.read(strip)) {
    if (c.text == " ") continue;
    sum += c.confidence;
    ++n;
  }
  return {sum, n};
}

// Mean confidence per character; a way up that reads nothing scores 0.
double mean(double sum, int n) { return n ? sum / n : 0.0; }

}  // namespace

int detect_orientation(const cv::Mat& grey, DbDetector& detector, CtcRecognizer& recognizer) {
  std::vector<TextRegion> regions = detector.detect(grey, kQuickLongSide);
  std::vector<cv::RotatedRect> lines;
  int across = 0, down = 0;
  for (const TextRegion& r : regions) {
    const float w = r.box.size.width, h = r.box.size.height;
    if (std::max(w, h) < kLongBox * std::min(w, h)) continue;
    lines.push_back(r.box);
    // minAreaRect angles lie in [-90, 0) or (0, 90]: the long side runs across
    // the page when it is within 45 degrees of the x axis.
    cv::Point2f p[4];
    r.box.points(p);
    const cv::Point2f a = p[1] - p[0], b = p[2] - p[1];
    const cv::Point2f v = a.dot(a) >= b.dot(b) ? a : b;
    (std::abs(v.x) >= std::abs(v.y) ? across : down) += 1;
  }
  if (static_cast<int>(lines.size()) < kFewest) return -1;
  std::sort(lines.begin(), lines.end(), [](const cv::RotatedRect& a, const cv::RotatedRect& b) {
    return std::max(a.size.width, a.size.height) > std::max(b.size.width, b.size.height);
  });

  // Each line read as crop_line cuts it (top edge up for lines across the
  // page; for lines down the page, the page turned a quarter clockwise), then
  // turned half round.
  double as_cut = 0, turned = 0;
  int chars_as_cut = 0, chars_turned = 0;
  const int height = recognizer.settings().height;
  for (std::size_t i = 0; i < lines.size() && i < static_cast<std::size_t>(kSampleLines); ++i) {
    cv::RotatedRect box = lines[i];
    float& long_side = box.size.width >= box.size.height ? box.size.width : box.size.height;
    const float short_side = std::min(box.size.width, box.size.height);
    long_side = std::min(long_side, static_cast<float>(kSampleChars * short_side));
    const LineCrop crop = crop_line(grey, box, height, recognizer.settings().max_width);
    cv::Mat flipped;
    cv::rotate(crop.strip, flipped, cv::ROTATE_180);
    const auto [s1, n1] = score(recognizer, crop.strip);
    const auto [s2, n2] = score(recognizer, flipped);
    as_cut += s1;
    chars_as_cut += n1;
    turned += s2;
    chars_turned += n2;
    if (std::max(chars_as_cut, chars_turned) >= kEnoughChars &&
        std::abs(mean(as_cut, chars_as_cut) - mean(turned, chars_turned)) >= kClearMargin)
      break;
  }
  const double m1 = mean(as_cut, chars_as_cut), m2 = mean(turned, chars_turned);
  if (std::abs(m1 - m2) < kMargin) return -1;
  const bool quarter = down > across;
  if (m1 > m2) return quarter ? 90 : 0;
  return quarter ? 270 : 180;
}

}  // namespace caseaudit::ocr::ppocr
