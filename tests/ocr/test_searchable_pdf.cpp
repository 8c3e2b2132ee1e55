// Searchable PDF output, checked the way a user would: pdftotext gives the
// text layer back exactly, line by line, without spaces between Chinese
// characters; a JPEG is embedded byte for byte; other images losslessly
// (bilevel as 1 bit); page size follows the dpi; turned pages show upright and
// still read in order; failures name the font or page and leave no file.
#include <catch2/catch.hpp>
#include <leptonica/allheaders.h>
#include <nlohmann/json.hpp>
#include <podofo/podofo.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "eval/cer.h"
#include "pdf_reader.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/searchable_pdf.h"
#include "searchable_pdf_jpeg.h"
#include "searchable_pdf_layout.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::ocr;
using caseaudit::test::read_file;
using caseaudit::test::run_command;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace {

const std::vector<std::string> kDecisionLines = {
    "南阳市市场监督管理局",
    "行政处罚决定书",
    "文号 宛市监处罚〔2023〕87号",
    "当事人：南阳某某商贸有限公司",
    "统一社会信用代码：91110000600037341L",
    "罚款人民币52,300元（大写：伍万贰仟叁佰元整）",
    "91110000600037341L",
    "如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议。",
};

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string command_output(const std::string& command) {
  std::string out;
  const int status = run_command(command + " 2>/dev/null", &out);
  INFO(command);
  REQUIRE(status == 0);
  return out;
}

std::string pdftotext(const fs::path& pdf, bool layout = false) {
  return command_output(std::string("pdftotext -enc UTF-8 ") + (layout ? "-layout " : "") + quoted(pdf) + " -");
}

// Non-empty lines of pdftotext output, right-trimmed (form feeds dropped).
std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::erase(line, '\f');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string pdfinfo_field(const fs::path& pdf, const std::string& field) {
  std::istringstream in(command_output("pdfinfo " + quoted(pdf)));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      const auto value = line.find_first_not_of(' ', field.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
  }
  return {};
}

struct ListedImage {
  int width = 0, height = 0;
  std::string color;
  int bpc = 0;
  std::string encoding;
};

// `pdfimages -list` rows: page num type width height color comp bpc enc ...
std::vector<ListedImage> pdfimages_list(const fs::path& pdf) {
  std::istringstream in(command_output("pdfimages -list " + quoted(pdf)));
  std::string line;
  std::vector<ListedImage> images;
  int row = 0;
  while (std::getline(in, line)) {
    if (row++ < 2) continue;  // header and rule
    std::istringstream cols(line);
    int page = 0, num = 0, comp = 0;
    std::string type;
    ListedImage image;
    cols >> page >> num >> type >> image.width >> image.height >> image.color >> comp >> image.bpc >> image.encoding;
    if (cols) images.push_back(image);
  }
  return images;
}

struct Page {
  cv::Mat stored;     // the image as scanned (turned for orientation != 0)
  PageResult result;  // boxes in the stored image's pixels
};

// A page with one dark bar per line (where the text would be), laid out
// upright and then turned counter-clockwise by `orientation` degrees, as a
// scanner fed the sheet sideways would store it.
Page make_page(const std::vector<std::string>& lines, int orientation, int dpi, cv::Size upright_size = {1240, 1754},
               int channels = 3) {
  cv::Mat upright(upright_size, channels == 3 ? CV_8UC3 : CV_8UC1, cv::Scalar::all(255));
  const int line_height = upright_size.height / 40;
  const int char_width = line_height + line_height / 4;
  std::vector<cv::Rect> boxes;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int chars = static_cast<int>(lines[i].size() / 3 + 2);  // about one per CJK character
    cv::Rect box(upright_size.width / 12, upright_size.height / 10 + static_cast<int>(i) * line_height * 2,
                 std::min(chars * char_width, upright_size.width * 5 / 6), line_height);
    cv::rectangle(upright, box, cv::Scalar::all(40), cv::FILLED);
    boxes.push_back(box);
  }
  Page page;
  page.stored = upright;
  int w = upright_size.width;
  for (int turn = 0; turn < orientation / 90; ++turn) {
    cv::rotate(page.stored, page.stored, cv::ROTATE_90_COUNTERCLOCKWISE);
    // (x, y) -> (y, w - 1 - x): a box's corners follow.
    for (cv::Rect& b : boxes) b = cv::Rect(b.y, w - b.x - b.width, b.height, b.width);
    w = page.stored.cols;
  }
  page.result.width = page.stored.cols;
  page.result.height = page.stored.rows;
  page.result.dpi = dpi;
  page.result.orientation = orientation;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line line;
    line.text = lines[i];
    line.box = {boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height};
    line.confidence = 0.95f;
    page.result.lines.push_back(line);
  }
  return page;
}

SearchablePdfPage source_page(const fs::path& file, const PageResult& result) {
  SearchablePdfPage page;
  page.source.ref.file = file;
  page.source.kind = SourceKind::Image;
  page.result = result;
  page.result.ref = page.source.ref;
  return page;
}

std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : b & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out += cp;
    i += n;
  }
  return out;
}

bool chinese(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         c >= 0x20000;
}

// How often a space sits between two Chinese characters.
int spaces_between_chinese(const std::string& text) {
  const std::u32string u = code_points(text);
  int n = 0;
  for (std::size_t i = 1; i + 1 < u.size(); ++i) {
    if (u[i] == U' ' && chinese(u[i - 1]) && chinese(u[i + 1])) ++n;
  }
  return n;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().filename());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("a JPEG page is embedded byte for byte and pdftotext gives its lines back", "[searchable_pdf]") {
  ScratchDir dir("spdf-jpeg");
  Page page = make_page(kDecisionLines, 0, 150);
  const fs::path jpg = dir / "scan.jpg";
  REQUIRE(cv::imwrite(jpg.string(), page.stored, {cv::IMWRITE_JPEG_QUALITY, 80}));
  const fs::path pdf = dir / "case.pdf";
  write_searchable_pdf({source_page(jpg, page.result)}, pdf);

  const std::string text = pdftotext(pdf);
  CHECK(text_lines(text) == kDecisionLines);
  CHECK(caseaudit::eval::cer(text, page.result.text()) == 0.0);
  CHECK(spaces_between_chinese(text) == spaces_between_chinese(page.result.text()));
  CHECK(text_lines(pdftotext(pdf, true)) == kDecisionLines);

  const auto images = pdfimages_list(pdf);
  REQUIRE(images.size() == 1);
  CHECK(images[0].encoding == "jpeg");
  REQUIRE(run_command("pdfimages -j " + quoted(pdf) + " " + quoted(dir / "x")) == 0);
  CHECK(read_file(dir / "x-000.jpg") == read_file(jpg));

  // 1240 x 1754 px at 150 dpi is A4: 595.2 x 841.92 pt.
  CHECK(pdfinfo_field(pdf, "Page size").rfind("595.2 x 841.92 pts", 0) == 0);
  CHECK(pdfinfo_field(pdf, "Page rot") == "0");
  CHECK(files_in(dir.path()) == std::vector<fs::path>{"case.pdf", "scan.jpg", "x-000.jpg"});
}

TEST_CASE("page size follows the stated dpi or else the default", "[searchable_pdf]") {
  ScratchDir dir("spdf-dpi");
  Page page = make_page({"行政处罚决定书"}, 0, 0, {1000, 1400});
  const fs::path png = dir / "p.png";
  REQUIRE(cv::imwrite(png.string(), page.stored));
  SearchablePdfOptions options;
  options.default_dpi = 200;  // 1000 px -> 360 pt, 1400 px -> 504 pt
  write_searchable_pdf({source_page(png, page.result)}, dir / "a.pdf", options);
  CHECK(pdfinfo_field(dir / "a.pdf", "Page size") == "360 x 504 pts");

  page.result.dpi = 1;  // a bogus header: the page is kept within 14400 pt
  write_searchable_pdf({source_page(png, page.result)}, dir / "c.pdf", options);
  CHECK(pdfinfo_field(dir / "c.pdf", "Page size").rfind("10285.7 x 14400", 0) == 0);  // at 7 dpi

  page.result.dpi = 100;  // stated: 720 x 1008 pt
  write_searchable_pdf({source_page(png, page.result)}, dir / "b.pdf", options);
  CHECK(pdfinfo_field(dir / "b.pdf", "Page size") == "720 x 1008 pts");
  CHECK(text_lines(pdftotext(dir / "b.pdf")) == std::vector<std::string>{"行政处罚决定书"});
}

TEST_CASE("a turned page is shown upright and reads in order", "[searchable_pdf]") {
  for (int orientation : {90, 180, 270}) {
    DYNAMIC_SECTION("orientation " << orientation) {
      ScratchDir dir("spdf-rot");
      Page page = make_page(kDecisionLines, orientation, 150);
      const fs::path jpg = dir / "sideways.jpg";
      REQUIRE(cv::imwrite(jpg.string(), page.stored));
      const fs::path pdf = dir / "turned.pdf";
      write_searchable_pdf({source_page(jpg, page.result)}, pdf);

      CHECK(pdfinfo_field(pdf, "Page rot") == std::to_string(orientation));
      // Shown upright: portrait A4 once the rotation is applied.
      const std::string size = pdfinfo_field(pdf, "Page size");
      CHECK(size.rfind(orientation == 180 ? "595.2 x 841.92" : "841.92 x 595.2", 0) == 0);
      const std::string text = pdftotext(pdf);
      CHECK(text_lines(text) == kDecisionLines);
      CHECK(spaces_between_chinese(text) == spaces_between_chinese(page.result.text()));
      CHECK(text_lines(pdftotext(pdf, true)) == kDecisionLines);
      // The stored image is the scan as is: same pixel size, not turned.
      const auto images = pdfimages_list(pdf);
      REQUIRE(images.size() == 1);
      CHECK(images[0].width == page.stored.cols);
      CHECK(images[0].height == page.stored.rows);
    }
  }
}

TEST_CASE("PNG pages are stored losslessly: grey as 8-bit grey and colour as RGB", "[searchable_pdf]") {
  ScratchDir dir("spdf-png");
  Page colour = make_page({"现场检查笔录"}, 0, 150, {620, 877}, 3);
  cv::circle(colour.stored, {400, 600}, 80, cv::Scalar(30, 30, 220), 6);  // a red seal
  Page grey = make_page({"询问笔录"}, 0, 150, {620, 877}, 1);
  cv::Mat noise(grey.stored.size(), CV_8UC1);
  cv::randu(noise, 0, 30);
  grey.stored -= noise;  // scanner noise: many grey levels
  REQUIRE(cv::imwrite((dir / "c.png").string(), colour.stored));
  REQUIRE(cv::imwrite((dir / "g.png").string(), grey.stored));
  const fs::path pdf = dir / "two.pdf";
  write_searchable_pdf({source_page(dir / "c.png", colour.result), source_page(dir / "g.png", grey.result)}, pdf);

  const auto images = pdfimages_list(pdf);
  REQUIRE(images.size() == 2);
  CHECK(images[0].color == "rgb");
  CHECK(images[0].bpc == 8);
  CHECK(images[1].color == "gray");
  CHECK(images[1].bpc == 8);
  REQUIRE(run_command("pdfimages -png " + quoted(pdf) + " " + quoted(dir / "x")) == 0);
  const cv::Mat c = cv::imread((dir / "x-000.png").string(), cv::IMREAD_UNCHANGED);
  const cv::Mat g = cv::imread((dir / "x-001.png").string(), cv::IMREAD_UNCHANGED);
  REQUIRE(c.size() == colour.stored.size());
  REQUIRE(g.size() == grey.stored.size());
  CHECK(cv::norm(c, colour.stored, cv::NORM_INF) == 0);
  CHECK(cv::norm(g, grey.stored, cv::NORM_INF) == 0);
  CHECK(text_lines(pdftotext(pdf)) == std::vector<std::string>{"现场检查笔录", "询问笔录"});
}

namespace {

// A scanned-style PDF: one page, one JPEG drawn over all of it.
void write_image_pdf(const fs::path& jpg, const fs::path& pdf, double width_pt, double height_pt) {
  PoDoFo::PdfMemDocument doc;
  PoDoFo::PdfImage image(&doc);
  image.LoadFromJpeg(jpg.c_str());
  PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(0, 0, width_pt, height_pt));
  PoDoFo::PdfPainter painter;
  painter.SetPage(page);
  painter.DrawImage(0, 0, &image, width_pt / image.GetWidth(), height_pt / image.GetHeight());
  painter.FinishPage();
  doc.Write(pdf.c_str());
}

}  // namespace

TEST_CASE("a scanned PDF page keeps its JPEG stream byte for byte", "[searchable_pdf]") {
  ScratchDir dir("spdf-pdfimage");
  Page page = make_page(kDecisionLines, 0, 150);
  const fs::path jpg = dir / "scan.jpg";
  REQUIRE(cv::imwrite(jpg.string(), page.stored, {cv::IMWRITE_JPEG_QUALITY, 70}));
  const fs::path scanned = dir / "scanned.pdf";
  write_image_pdf(jpg, scanned, 595.2, 841.92);
  const auto info = inspect_pdf(scanned);
  REQUIRE(info.size() == 1);
  REQUIRE(info[0].kind == SourceKind::PdfImage);

  SearchablePdfPage source = source_page(scanned, page.result);
  source.source.kind = SourceKind::PdfImage;
  const fs::path pdf = dir / "searchable.pdf";
  write_searchable_pdf({source}, pdf);
  REQUIRE(run_command("pdfimages -j " + quoted(pdf) + " " + quoted(dir / "x")) == 0);
  CHECK(read_file(dir / "x-000.jpg") == read_file(jpg));
  CHECK(text_lines(pdftotext(pdf)) == kDecisionLines);
  CHECK(pdfinfo_field(pdf, "Page size").rfind("595.2 x 841.92 pts", 0) == 0);
}

TEST_CASE("a rendered PDF page is stored losslessly at the rendering's size", "[searchable_pdf]") {
  ScratchDir dir("spdf-rendered");
  // A born-digital page: vector drawing only, so it is rendered (300 dpi).
  const fs::path drawn = dir / "drawn.pdf";
  {
    PoDoFo::PdfMemDocument doc;
    PoDoFo::PdfPage* p = doc.CreatePage(PoDoFo::PdfRect(0, 0, 288, 144));  // 4 x 2 inches
    PoDoFo::PdfPainter painter;
    painter.SetPage(p);
    painter.SetColor(0.8, 0.1, 0.1);
    painter.Rectangle(36, 36, 144, 72);
    painter.Fill();
    painter.FinishPage();
    doc.Write(drawn.c_str());
  }
  const auto info = inspect_pdf(drawn);
  REQUIRE(info.size() == 1);
  REQUIRE(info[0].kind == SourceKind::PdfRendered);

  SearchablePdfPage source;
  source.source.ref.file = drawn;
  source.source.kind = SourceKind::PdfRendered;
  source.result.dpi = 300;
  Line line;
  line.text = "涉案物品清单";
  line.box = {150, 150, 600, 75};
  source.result.lines = {line};
  const fs::path pdf = dir / "out.pdf";
  write_searchable_pdf({source}, pdf);
  const auto images = pdfimages_list(pdf);
  REQUIRE(images.size() == 1);
  CHECK(images[0].width == 1200);
  CHECK(images[0].height == 600);
  CHECK(images[0].encoding == "image");  // Flate
  CHECK(pdfinfo_field(pdf, "Page size") == "288 x 144 pts");
  CHECK(text_lines(pdftotext(pdf)) == std::vector<std::string>{"涉案物品清单"});
}

TEST_CASE("palette and 1-bit PNGs keep their form and an 8-bit bilevel PNG drops to 1 bit", "[searchable_pdf]") {
  ScratchDir dir("spdf-png2");
  const int w = 400, h = 560;
  Page layout = make_page({"物品清单"}, 0, 100, {w, h}, 1);
  // A 4-bit palette image (Leptonica writes its colour map as PLTE).
  PIX* pal = pixCreate(w, h, 4);
  PIXCMAP* cmap = pixcmapCreate(4);
  pixcmapAddColor(cmap, 255, 255, 255);
  pixcmapAddColor(cmap, 20, 20, 20);
  pixcmapAddColor(cmap, 200, 30, 30);
  pixSetColormap(pal, cmap);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const bool ink = layout.stored.at<unsigned char>(y, x) < 128;
      const bool seal = (x - 300) * (x - 300) + (y - 400) * (y - 400) < 2500;
      pixSetPixel(pal, x, y, ink ? 1 : seal ? 2 : 0);
    }
  }
  REQUIRE(pixWrite((dir / "palette.png").c_str(), pal, IFF_PNG) == 0);
  pixDestroy(&pal);
  // A 1-bit PNG.
  PIX* bits = pixCreate(w, h, 1);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (layout.stored.at<unsigned char>(y, x) < 128) pixSetPixel(bits, x, y, 1);
    }
  }
  REQUIRE(pixWrite((dir / "onebit.png").c_str(), bits, IFF_PNG) == 0);
  pixDestroy(&bits);
  // An 8-bit grey PNG holding only black and white.
  cv::Mat bw;
  cv::threshold(layout.stored, bw, 128, 255, cv::THRESH_BINARY);
  REQUIRE(cv::imwrite((dir / "bw8.png").string(), bw));

  const fs::path pdf = dir / "pngs.pdf";
  write_searchable_pdf({source_page(dir / "palette.png", layout.result), source_page(dir / "onebit.png", layout.result),
                        source_page(dir / "bw8.png", layout.result)},
                       pdf);
  const auto images = pdfimages_list(pdf);
  REQUIRE(images.size() == 3);
  CHECK(images[0].color == "index");
  CHECK(images[0].bpc == 4);
  CHECK(images[1].bpc == 1);
  CHECK(images[2].bpc == 1);
  REQUIRE(run_command("pdfimages -png " + quoted(pdf) + " " + quoted(dir / "x")) == 0);
  int i = 0;
  for (const char* source : {"palette.png", "onebit.png", "bw8.png"}) {
    INFO(source);
    const cv::Mat want = cv::imread((dir / source).string(), cv::IMREAD_COLOR);
    const cv::Mat got = cv::imread((dir / ("x-00" + std::to_string(i++) + ".png")).string(), cv::IMREAD_COLOR);
    REQUIRE(got.size() == want.size());
    CHECK(cv::norm(got, want, cv::NORM_INF) == 0);
  }
  CHECK(text_lines(pdftotext(pdf)) == std::vector<std::string>{"物品清单", "物品清单", "物品清单"});
}

namespace {

// A 1-bit Leptonica image of a 0/255 page (1 = black).
PIX* to_pix(const cv::Mat& page) {
  PIX* pix = pixCreate(page.cols, page.rows, 1);
  for (int y = 0; y < page.rows; ++y) {
    for (int x = 0; x < page.cols; ++x) {
      if (page.at<unsigned char>(y, x) == 0) pixSetPixel(pix, x, y, 1);
    }
  }
  pixSetResolution(pix, 300, 300);
  return pix;
}

}  // namespace

TEST_CASE("bilevel TIFF pages stay 1 bit: G4 strips as they are and other codings as 1-bit Flate",
          "[searchable_pdf]") {
  ScratchDir dir("spdf-g4");
  const std::vector<std::string> lines{"送达回证", "受送达人：南阳某某商贸有限公司"};
  Page page = make_page(lines, 0, 300, {2480, 3508}, 1);
  cv::threshold(page.stored, page.stored, 128, 255, cv::THRESH_BINARY);
  cv::circle(page.stored, {1800, 2800}, 200, cv::Scalar(0), 8);
  cv::Mat second = page.stored.clone();
  cv::circle(second, {600, 2800}, 150, cv::Scalar(0), cv::FILLED);

  // A two-page G4 TIFF, and a 1-bit LZW TIFF.
  const fs::path multi = dir / "multi.tif", lzw = dir / "lzw.tif";
  PIX* first_pix = to_pix(page.stored);
  PIX* second_pix = to_pix(second);
  REQUIRE(pixWriteTiff(multi.c_str(), first_pix, IFF_TIFF_G4, "w") == 0);
  REQUIRE(pixWriteTiff(multi.c_str(), second_pix, IFF_TIFF_G4, "a") == 0);
  REQUIRE(pixWrite(lzw.c_str(), second_pix, IFF_TIFF_LZW) == 0);
  pixDestroy(&first_pix);
  pixDestroy(&second_pix);

  std::vector<SearchablePdfPage> pages{source_page(multi, page.result), source_page(multi, page.result),
                                       source_page(lzw, page.result)};
  pages[0].source.ref.count = pages[1].source.ref.count = 2;
  pages[1].source.ref.index = 1;
  const fs::path pdf = dir / "bilevel.pdf";
  write_searchable_pdf(pages, pdf);

  const auto images = pdfimages_list(pdf);
  REQUIRE(images.size() == 3);
  CHECK(images[0].encoding == "ccitt");  // the G4 strips as they are in the TIFF
  CHECK(images[1].encoding == "ccitt");
  CHECK(images[2].encoding == "image");  // Flate
  REQUIRE(run_command("pdfimages -png " + quoted(pdf) + " " + quoted(dir / "x")) == 0);
  int i = 0;
  for (const cv::Mat* want : {&page.stored, &second, &second}) {
    INFO("image " << i);
    CHECK(images[static_cast<std::size_t>(i)].bpc == 1);
    CHECK(images[static_cast<std::size_t>(i)].color == "gray");
    const cv::Mat back = cv::imread((dir / ("x-00" + std::to_string(i++) + ".png")).string(), cv::IMREAD_GRAYSCALE);
    REQUIRE(back.size() == want->size());
    CHECK(cv::norm(back, *want, cv::NORM_INF) == 0);
  }
  // The G4 pages cost their strip's size, the LZW page about as little.
  const auto pdf_size = fs::file_size(pdf);
  INFO("tiffs " << fs::file_size(multi) + fs::file_size(lzw) << " bytes, pdf " << pdf_size << " bytes");
  CHECK(pdf_size < fs::file_size(multi) + fs::file_size(lzw) + 60 * 1024);
  CHECK(text_lines(pdftotext(pdf)).size() == 3 * lines.size());
}

TEST_CASE("characters missing from the font still extract exactly", "[searchable_pdf]") {
  ScratchDir dir("spdf-rare");
  // 堃 and 喆 are outside GB 2312 (the font's set), 𠀀 outside the BMP.
  const std::vector<std::string> lines{"法定代表人：王堃", "执法人员：李喆 𠀀", "漯河市"};
  Page page = make_page(lines, 0, 150);
  const fs::path jpg = dir / "p.jpg";
  REQUIRE(cv::imwrite(jpg.string(), page.stored));
  write_searchable_pdf({source_page(jpg, page.result)}, dir / "rare.pdf");
  CHECK(text_lines(pdftotext(dir / "rare.pdf")) == lines);
}

TEST_CASE("a missing font is an environment error naming file and package and no PDF is left",
          "[searchable_pdf]") {
  ScratchDir dir("spdf-nofont");
  Page page = make_page({"行政处罚决定书"}, 0, 150, {620, 877});
  const fs::path jpg = dir / "p.jpg";
  REQUIRE(cv::imwrite(jpg.string(), page.stored));
  const fs::path pdf = dir / "out.pdf";
  write_file(pdf, "previous run");

  SearchablePdfOptions options;
  options.font = dir / "no-such-font.ttf";
  try {
    write_searchable_pdf({source_page(jpg, page.result)}, pdf, options);
    FAIL("no error");
  } catch (const EnvironmentError& e) {
    const std::string message = e.what();
    CHECK(message.find("no-such-font.ttf") != std::string::npos);
    CHECK(message.find("fonts-arphic-gbsn00lp") != std::string::npos);
  }
  CHECK(read_file(pdf) == "previous run");

  // A file that is not a TrueType font: also an environment error, no file.
  write_file(dir / "bad.ttf", "not a font");
  options.font = dir / "bad.ttf";
  const fs::path fresh = dir / "fresh.pdf";
  CHECK_THROWS_AS(write_searchable_pdf({source_page(jpg, page.result)}, fresh, options), EnvironmentError);
  CHECK_FALSE(fs::exists(fresh));
  CHECK(files_in(dir.path()) == std::vector<fs::path>{"bad.ttf", "out.pdf", "p.jpg"});
}

TEST_CASE("an unreadable page image is an input failure naming the page and no PDF is left",
          "[searchable_pdf]") {
  ScratchDir dir("spdf-badpage");
  Page page = make_page({"行政处罚决定书"}, 0, 150, {620, 877});
  REQUIRE(cv::imwrite((dir / "p1.jpg").string(), page.stored));
  write_file(dir / "p2-broken.png", "\x89PNG\r\n\x1a\n truncated");
  const fs::path pdf = dir / "out.pdf";
  try {
    write_searchable_pdf({source_page(dir / "p1.jpg", page.result), source_page(dir / "p2-broken.png", page.result)},
                         pdf);
    FAIL("no error");
  } catch (const InputFailure& e) {
    CHECK(std::string(e.what()).find("p2-broken.png") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(pdf));
  CHECK(files_in(dir.path()) == std::vector<fs::path>{"p1.jpg", "p2-broken.png"});
}

TEST_CASE("an output folder that does not exist is an environment error", "[searchable_pdf]") {
  ScratchDir dir("spdf-nodir");
  Page page = make_page({"行政处罚决定书"}, 0, 150, {620, 877});
  REQUIRE(cv::imwrite((dir / "p.jpg").string(), page.stored));
  CHECK_THROWS_AS(write_searchable_pdf({source_page(dir / "p.jpg", page.result)}, dir / "missing" / "out.pdf"),
                  EnvironmentError);
}

TEST_CASE("a 20-page case file takes well under a second per page", "[searchable_pdf][timing]") {
  ScratchDir dir("spdf-20");
  // A4 at 300 dpi with scanner noise: 12 JPEG pages (copied), 4 colour PNG
  // pages (rows copied) and 4 colour LZW TIFF pages (decoded, re-encoded).
  std::vector<SearchablePdfPage> pages;
  for (int i = 0; i < 20; ++i) {
    Page page = make_page(kDecisionLines, i % 7 == 3 ? 90 : 0, 300, {2480, 3508});
    cv::Mat noise(page.stored.size(), page.stored.type());
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(12));
    page.stored -= noise;
    const char* ext = i % 5 == 1 ? ".png" : i % 5 == 3 ? ".tif" : ".jpg";
    const fs::path file = dir / ("p" + std::to_string(i) + ext);
    std::vector<int> params;
    if (i % 5 == 3) params = {cv::IMWRITE_TIFF_COMPRESSION, 5};  // LZW
    REQUIRE(cv::imwrite(file.string(), page.stored, params));
    pages.push_back(source_page(file, page.result));
  }
  write_searchable_pdf(pages, dir / "case.pdf");
  const std::string text = pdftotext(dir / "case.pdf");
  std::string truth;
  for (const auto& page : pages) truth += page.result.text() + "\n";
  CHECK(caseaudit::eval::cer(text, truth) == 0.0);
  CHECK(text_lines(text).size() == 20 * kDecisionLines.size());
}

TEST_CASE("JPEG headers give size and components and the Adobe marker and unusable files are refused",
          "[searchable_pdf]") {
  using caseaudit::ocr::pdf_out::read_jpeg_header;
  std::vector<unsigned char> bytes;
  cv::Mat grey(30, 50, CV_8UC1, cv::Scalar(128));
  REQUIRE(cv::imencode(".jpg", grey, bytes));
  auto header = read_jpeg_header(std::string(bytes.begin(), bytes.end()));
  REQUIRE(header);
  CHECK(header->width == 50);
  CHECK(header->height == 30);
  CHECK(header->components == 1);
  CHECK_FALSE(header->adobe_marker);

  cv::Mat colour(40, 20, CV_8UC3, cv::Scalar(1, 2, 3));
  REQUIRE(cv::imencode(".jpg", colour, bytes, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}));
  header = read_jpeg_header(std::string(bytes.begin(), bytes.end()));
  REQUIRE(header);
  CHECK(header->components == 3);
  CHECK(header->width == 20);

  // An Adobe APP14 segment before the frame header (as in CMYK JPEGs).
  std::string with_adobe(bytes.begin(), bytes.begin() + 2);
  with_adobe += std::string("\xFF\xEE\x00\x0E" "Adobe\x00\x64\x00\x00\x00\x00\x02", 16);
  with_adobe.append(bytes.begin() + 2, bytes.end());
  header = read_jpeg_header(with_adobe);
  REQUIRE(header);
  CHECK(header->adobe_marker);

  CHECK_FALSE(read_jpeg_header("not a jpeg"));
  CHECK_FALSE(read_jpeg_header(std::string(bytes.begin(), bytes.begin() + 20)));  // cut before the frame
  std::string lossless(bytes.begin(), bytes.end());
  const auto sof = lossless.find("\xFF\xC2");
  REQUIRE(sof != std::string::npos);
  lossless[sof + 1] = '\xC3';
  CHECK_FALSE(read_jpeg_header(lossless));
}

TEST_CASE("line placement follows the page's orientation", "[searchable_pdf]") {
  using namespace caseaudit::ocr::pdf_out;
  PageResult result;
  Line line;
  line.text = "  行政处罚\t决定书 ";
  line.box = {100, 200, 600, 50};  // in a 1000 x 2000 px image at 100 dpi
  result.lines = {line};
  Line empty;
  empty.text = " ";
  empty.box = {0, 0, 10, 10};
  result.lines.push_back(empty);

  const PageGeometry upright = page_geometry(1000, 2000, 100, 0);
  CHECK(upright.width_pt == Approx(720));
  CHECK(upright.height_pt == Approx(1440));
  auto placed = place_lines(result, upright);
  REQUIRE(placed.size() == 1);
  CHECK(placed[0].text == "行政处罚 决定书");
  CHECK(placed[0].origin_x == Approx(72));
  CHECK(placed[0].origin_y == Approx(1440 - 250 * 0.72));
  CHECK(placed[0].length == Approx(432));
  CHECK(placed[0].thickness == Approx(36));

  // Turned 90 degrees: in the stored image the text runs upwards, its feet
  // towards the right edge of the box.
  line.box = {200, 300, 50, 600};
  result.lines = {line};
  const PageGeometry turned = page_geometry(2000, 1000, 100, 90);
  CHECK(turned.rotate == 90);
  placed = place_lines(result, turned);
  REQUIRE(placed.size() == 1);
  CHECK(placed[0].dir_x == 0);
  CHECK(placed[0].dir_y == 1);
  CHECK(placed[0].origin_x == Approx(250 * 0.72));
  CHECK(placed[0].origin_y == Approx(720 - 900 * 0.72));
  CHECK(placed[0].length == Approx(432));
  CHECK(placed[0].thickness == Approx(36));

  CHECK(page_geometry(10, 10, 100, 268).rotate == 270);
  CHECK(page_geometry(10, 10, 100, -90).rotate == 270);
  // A slanted line's box is taller than the line: on a page skewed 2.5
  // degrees, a 1900 x 60 px line has a box of about 1901 x 143 px.
  const double a = 2.5 * 3.14159265358979 / 180;
  const double box_w = 1900 * std::cos(a) + 60 * std::sin(a), box_h = 1900 * std::sin(a) + 60 * std::cos(a);
  CHECK(line_thickness(box_w, box_h, 2.5) == Approx(60).epsilon(0.001));
  CHECK(line_thickness(box_w, box_h, -2.5) == Approx(60).epsilon(0.001));
  CHECK(line_thickness(box_w, box_h, 0) == Approx(box_h));
  CHECK(line_thickness(1000, 50, 10) == Approx(50 / 4.0));  // impossible box: clamped
  result.skew = 2.5;
  line.box = {100, 200, static_cast<int>(std::lround(box_w)), static_cast<int>(std::lround(box_h))};
  result.lines = {line};
  placed = place_lines(result, upright);
  REQUIRE(placed.size() == 1);
  CHECK(placed[0].thickness == Approx(60 * 0.72).epsilon(0.01));

  // Two cells of one row on a page skewed 2.5 degrees (text rising to the
  // right) get one baseline, so pdftotext keeps them on one line.
  Line left, right;
  left.text = "当事人";
  left.box = {100, 1000, 150, 40};
  right.text = "法定代表人";
  right.box = {700, static_cast<int>(std::lround(1000 - 600 * std::tan(a))), 250, 40};
  result.lines = {left, right};
  placed = place_lines(result, upright);
  REQUIRE(placed.size() == 2);
  CHECK(placed[0].origin_y == Approx(placed[1].origin_y).margin(0.5));
  CHECK(placed[0].origin_x == Approx(72));
  CHECK(placed[1].origin_x == Approx(504));
  result.skew = 0;

  // Boxes measured on an image of another size are scaled to this one.
  const PageGeometry scaled = page_geometry(2000, 4000, 200, 0, 1000, 2000);
  CHECK(scaled.box_scale_x == 2);
}

// Real-looking pages from the fixture generator, when present: the page's
// truth lines as the text layer must come back with CER < 1%.
TEST_CASE("fixture pages: pdftotext gives the truth text back", "[searchable_pdf][fixtures]") {
  const fs::path folder = caseaudit::test::fixtures_dir() / "pages";
  std::vector<fs::path> truths;
  if (fs::is_directory(folder)) {
    for (const auto& e : fs::directory_iterator(folder)) {
      const std::string name = e.path().filename().string();
      if (name.size() > 11 && name.ends_with(".truth.json")) truths.push_back(e.path());
    }
  }
  std::sort(truths.begin(), truths.end());
  if (truths.empty()) {
    WARN("no fixture pages in " << folder.string() << ": skipped");
    return;
  }
  ScratchDir dir("spdf-fixtures");
  int tested = 0;
  for (const fs::path& truth_json : truths) {
    const std::string stem = truth_json.filename().string().substr(0, truth_json.filename().string().size() - 11);
    fs::path image;
    for (const char* ext : {".jpg", ".jpeg", ".png", ".tif", ".tiff"}) {
      if (fs::exists(folder / (stem + ext))) image = folder / (stem + ext);
    }
    if (image.empty()) continue;
    const auto json = nlohmann::json::parse(read_file(truth_json));
    if (json.is_object() && json.contains("source")) continue;  // a page inside a PDF or TIFF
    const auto& lines = json.contains("lines") ? json["lines"] : json;
    PageResult result;
    for (const auto& l : lines) {
      Line line;
      line.text = l.value("text", "");
      const auto& box = l.contains("box") ? l["box"] : l["bbox"];
      if (box.is_array()) {
        line.box = {box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>()};
      } else {
        line.box = {box.value("x", 0), box.value("y", 0), box.value("w", box.value("width", 0)),
                    box.value("h", box.value("height", 0))};
      }
      result.lines.push_back(line);
    }
    if (json.is_object()) {
      result.dpi = json.value("dpi", 0);
      // The generator turned the upright page `rotation` + `skew` degrees
      // clockwise to make the scan; reading it means turning it back, and the
      // skew the engine straightens is counter-clockwise positive.
      result.orientation = (360 - json.value("rotation", 0) % 360) % 360;
      result.skew = -json.value("skew", 0.0);
    }
    const cv::Mat img = cv::imread(image.string(), cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
    result.width = img.cols;
    result.height = img.rows;
    const fs::path pdf = dir / (stem + ".pdf");
    write_searchable_pdf({source_page(image, result)}, pdf);
    const std::string text = pdftotext(pdf);
    const std::string truth_text = fs::exists(folder / (stem + ".truth.txt"))
                                       ? read_file(folder / (stem + ".truth.txt"))
                                       : result.text();
    INFO(stem);
    CHECK(caseaudit::eval::cer(text, truth_text) < 0.01);
    CHECK(pdfinfo_field(pdf, "Page rot") == std::to_string(result.orientation));
    CHECK(spaces_between_chinese(text) <= spaces_between_chinese(truth_text));
    ++tested;
  }
  CHECK(tested > 0);
}
