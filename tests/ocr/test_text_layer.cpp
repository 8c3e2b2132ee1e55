// A PDF page with real text (a bureau's Word or WPS export) is read from its
// text layer, exactly and without recognition; a layer that cannot stand for
// the page (too little text, glyphs without Unicode, print outside it, text
// the engine reads otherwise) leaves the page to OCR.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <opencv2/imgproc.hpp>

#include "caseaudit/ocr/pipeline.h"
#include "support/fixtures.h"
#include "text_layer.h"

namespace fs = std::filesystem;
using namespace caseaudit;
using namespace caseaudit::ocr;

namespace {

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

std::string file_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Line line_at(const std::string& text, int x, int y, int h) {
  Line l;
  l.text = text;
  l.box = {x, y, h * static_cast<int>(text.size() / 3), h};
  return l;
}

}  // namespace

TEST_CASE("a born-digital PDF page is read from its text layer, exactly, and a scanned page of the same file is OCR'd",
          "[ocr][text-layer]") {
  OcrOptions options;
  options.models_dir = test::source_dir() / "models" / "ppocr-v4";
  options.jobs = 1;
  const fs::path formats = test::source_dir() / "fixtures" / "formats";
  const OcrRun run = run_ocr(enumerate_inputs({formats / "born-digital.pdf", formats / "mixed.pdf"}), options);
  REQUIRE(run.errors.empty());
  REQUIRE(run.cases.size() == 2);
  const PageResult& born = run.cases[0].pages.at(0);
  CHECK(born.engine.rfind("pdf-text-layer", 0) == 0);
  CHECK(without_space(born.text()) == without_space(file_text(formats / "born-digital.truth" / "p1.truth.txt")));
  // Every character has its own box on the page, as the engines give them.
  for (const Line& l : born.lines) {
    CHECK(!l.words.empty());
    for (const Word& w : l.words) CHECK((w.box.x >= 0 && w.box.right() <= born.width && w.box.bottom() <= born.height));
  }
  // mixed.pdf: page 1 is a scan (recognised), page 2 born-digital text.
  const std::vector<PageResult>& mixed = run.cases[1].pages;
  REQUIRE(mixed.size() == 2);
  CHECK(mixed[0].engine.rfind("ppocr", 0) == 0);
  CHECK(mixed[1].engine.rfind("pdf-text-layer", 0) == 0);
  CHECK(without_space(mixed[1].text()) == without_space(file_text(formats / "mixed.truth" / "p2.truth.txt")));

  // Asked not to, the same page is recognised.
  options.text_layer = false;
  const OcrRun ocr = run_ocr(enumerate_inputs({formats / "born-digital.pdf"}), options);
  CHECK(ocr.cases.at(0).pages.at(0).engine.rfind("ppocr", 0) == 0);
}

TEST_CASE("a text layer that cannot stand for the page is not used", "[ocr][text-layer]") {
  std::vector<Line> lines = {line_at("漯河市生态环境局涉嫌犯罪案件移送书", 100, 100, 40),
                             line_at("漯河市公安局：本局于2022年7月11日立案调查。", 100, 160, 40)};
  CHECK(text_layer_doubt(lines, 0).empty());
  CHECK(!text_layer_doubt({line_at("第一页", 100, 100, 40)}, 0).empty());  // too little text
  // A font without a ToUnicode map extracts as U+FFFD or private-use codes.
  std::vector<Line> garbled = lines;
  garbled[1].text = "\xEE\x80\x81\xEE\x80\x82\xEE\x80\x83\xEE\x80\x84\xEE\x80\x85\xEE\x80\x86\xEF\xBF\xBD\xEF\xBF\xBD";
  CHECK(!text_layer_doubt(garbled, 0).empty());
  CHECK(!text_layer_doubt(lines, 5).empty());  // turned text

  // Read back by the engine: a slip or two agrees, another text does not.
  CHECK(text_disagreement("漯河市生态环境局涉嫌犯罪案件移送书", "漯河市生态环境局涉嫌犯罪案件移送书") == 0);
  CHECK(text_disagreement("（统一社会信用代码：91411104726788669L）", "(统一社会信用代码:91411104726788669L)") == 0);
  CHECK(text_disagreement("漯河市生态环境局涉嫌犯罪案件移送书", "漯河市生态环境局涉谦犯罪案件移送书") < 0.1);
  CHECK(text_disagreement("漯河市生态环境局涉嫌犯罪案件移送书", "ABCDEFG") > 0.9);

  // Print the layer does not hold (a pasted scan, text drawn as outlines).
  cv::Mat page(800, 1200, CV_8UC1, cv::Scalar(255));
  for (const Line& l : lines) cv::rectangle(page, {l.box.x, l.box.y, l.box.w, l.box.h}, cv::Scalar(0), cv::FILLED);
  cv::line(page, {50, 400}, {1150, 400}, cv::Scalar(0), 3);  // a table rule is not print
  CHECK(print_outside_text(page, lines, {}) == 0);
  for (int i = 0; i < 6; ++i) cv::putText(page, "X", {100 + 60 * i, 600}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 4);
  CHECK(print_outside_text(page, lines, {}) >= 6);
  // ... unless it lies inside a seal.
  Seal seal;
  seal.box = {80, 540, 400, 100};
  CHECK(print_outside_text(page, lines, {seal}) == 0);
}

TEST_CASE("text-layer runs become lines in reading order, a table's next cell stays a line of its own", "[ocr][text-layer]") {
  std::vector<Line> runs = {line_at("第二行", 100, 200, 40), line_at("值", 700, 100, 40), line_at("标签", 100, 102, 40),
                            line_at("签", 181, 100, 40)};
  const std::vector<Line> lines = text_layer_lines(runs);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "标签签");  // neighbours closer than a character join
  CHECK(lines[1].text == "值");      // a wide gap: the next cell
  CHECK(lines[2].text == "第二行");
}
