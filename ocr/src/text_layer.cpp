// A PDF page's own text in place of OCR (see text_layer.h).
#include "text_layer.h"

#include <opencv2/imgproc.hpp>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <numeric>

namespace caseaudit::ocr {
namespace {

std::u32string folded(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    char32_t c = static_cast<char32_t>(u.char32At(i));
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0x3000) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    out.push_back(c);
  }
  return out;
}

void append(Line& to, Line&& from) {
  to.text += from.text;
  to.box = unite(to.box, from.box);
  for (Word& w : from.words) to.words.push_back(std::move(w));
}

}  // namespace

std::vector<Line> text_layer_lines(std::vector<Line> runs) {
  std::stable_sort(runs.begin(), runs.end(), [](const Line& a, const Line& b) { return a.box.y + a.box.h / 2 < b.box.y + b.box.h / 2; });
  std::vector<std::vector<Line>> rows;
  for (Line& run : runs) {
    if (rows.empty() || !on_one_row(rows.back().front().box, run.box)) rows.emplace_back();
    rows.back().push_back(std::move(run));
  }
  std::vector<Line> lines;
  for (std::vector<Line>& row : rows) {
    std::stable_sort(row.begin(), row.end(), [](const Line& a, const Line& b) { return a.box.x < b.box.x; });
    std::size_t first = lines.size();
    for (Line& run : row) {
      const bool near = lines.size() > first && run.box.x - lines.back().box.right() < run.box.h * 6 / 10;
      if (near)
        append(lines.back(), std::move(run));
      else
        lines.push_back(std::move(run));
    }
  }
  return lines;
}

std::string text_layer_doubt(const std::vector<Line>& lines, int turned_runs) {
  std::size_t chars = 0, odd = 0;
  for (const Line& line : lines) {
    const std::u32string text = folded(line.text);
    chars += text.size();
    for (const char32_t c : text) {
      const auto type = u_charType(static_cast<UChar32>(c));
      if (c == 0xFFFD || type == U_PRIVATE_USE_CHAR || type == U_CONTROL_CHAR || type == U_UNASSIGNED) ++odd;
    }
  }
  if (chars < 20) return "文字层字符过少 (too little text in the text layer)";
  if (turned_runs > 0 && static_cast<std::size_t>(turned_runs) * 10 > lines.size())
    return "文字层含旋转文字 (turned text in the text layer)";
  if (odd * 50 > chars) return "文字层含无法识别的字符编码 (glyphs without a Unicode meaning)";
  return "";
}

std::vector<std::size_t> checked_lines(const std::vector<Line>& lines, std::size_t n) {
  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return lines[a].words.size() > lines[b].words.size(); });
  std::vector<std::size_t> out;
  for (std::size_t i : order)
    if (out.size() < n && folded(lines[i].text).size() >= 4) out.push_back(i);
  return out;
}

double text_disagreement(const std::string& layer, const std::string& read) {
  const std::u32string a = folded(layer), b = folded(read);
  if (a.empty()) return b.empty() ? 0.0 : 1.0;
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return std::min(1.0, static_cast<double>(row[b.size()]) / static_cast<double>(a.size()));
}

int print_outside_text(const cv::Mat& binary, const std::vector<Line>& lines, const std::vector<Seal>& seals) {
  CV_Assert(binary.type() == CV_8UC1);
  cv::Mat ink = binary < 128;
  // Ruling lines: long thin runs across or down the page.
  const int reach = std::max(15, binary.cols / 40);
  cv::Mat across, down;
  cv::morphologyEx(ink, across, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {reach, 1}));
  cv::morphologyEx(ink, down, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, reach}));
  ink.setTo(0, across | down);
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  int height = 0;
  for (const Line& line : lines) {
    const int pad = std::max(2, line.box.h / 4);
    ink(cv::Rect(line.box.x - pad, line.box.y - pad, line.box.w + 2 * pad, line.box.h + 2 * pad) & page).setTo(0);
    height = std::max(height, line.box.h);
  }
  for (const Seal& s : seals) ink(cv::Rect(s.box.x, s.box.y, s.box.w, s.box.h) & page).setTo(0);
  // Join a character's strokes, then count blobs of a character's size or more.
  cv::dilate(ink, ink, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  const int least = std::max(8, height / 2);
  int marks = 0;
  for (int i = 1; i < n; ++i)
    if (stats.at<int>(i, cv::CC_STAT_HEIGHT) >= least || stats.at<int>(i, cv::CC_STAT_WIDTH) >= least) ++marks;
  return marks;
}

}  // namespace caseaudit::ocr
