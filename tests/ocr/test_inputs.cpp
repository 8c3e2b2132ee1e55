// Page ingest, good inputs: folders in natural order, multi-page TIFF (CCITT G4),
// JPEG/PNG pixels and dpi, scanned PDFs (image streams used as stored, page-tree
// order), born-digital and mixed PDFs rendered by Poppler. Inputs are made here;
// the shared fixtures in fixtures/formats and fixtures/cases are tested when present.
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <opencv2/core.hpp>
#include <string>
#include <thread>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "image_loader.h"
#include "pdf_reader.h"
#include "raster.h"
#include "support/fixtures.h"
#include "support/leptonica_images.h"

namespace fs = std::filesystem;
using namespace caseaudit::ocr;
using caseaudit::test::read_file;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;
using caseaudit::test::page_pix;
using caseaudit::test::write_g4_tiff;

namespace {

// ---- images made with Leptonica --------------------------------------------

std::string take(l_uint8* data, size_t size) {
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

std::string jpeg_bytes(int w, int h, int depth, int dpi) {
  PIX* p = page_pix(w, h, depth, dpi);
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemJpeg(&data, &size, p, 90, 0);
  pixDestroy(&p);
  return take(data, size);
}

std::string png_bytes(PIX* p) {
  l_uint8* data = nullptr;
  size_t size = 0;
  pixWriteMemPng(&data, &size, p, 0.0f);
  return take(data, size);
}

std::string png_bytes(int w, int h, int depth, int dpi) {
  PIX* p = page_pix(w, h, depth, dpi);
  std::string out = png_bytes(p);
  pixDestroy(&p);
  return out;
}

// ---- PDFs written by hand --------------------------------------------------

// Objects numbered from 1 in the order added; object 1 must be the catalog.
class PdfWriter {
 public:
  int add(std::string body) {
    objects_.push_back(std::move(body));
    return static_cast<int>(objects_.size());
  }
  int reserve() { return add(""); }
  void set(int number, std::string body) { objects_[static_cast<std::size_t>(number - 1)] = std::move(body); }
  static std::string stream(const std::string& dict, const std::string& data) {
    return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
  }
  std::string finish() const {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(out.size());
      out += std::to_string(i + 1) + " 0 obj\n" + objects_[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects_.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t o : offsets) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
      out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objects_.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
  }

 private:
  std::vector<std::string> objects_;
};

std::string ref(int n) { return std::to_string(n) + " 0 R"; }

struct PdfPageSpec {
  double width_pt = 595;
  double height_pt = 842;
  std::string content;    // content stream
  std::string resources;  // resource dictionary body, objects referenced by number
  std::string extra;      // more page dictionary entries
};

// Writes catalog, page tree and pages; `kids_order` lists page indices in
// page-tree order (objects are written in spec order), empty = same order.
std::string build_pdf(PdfWriter& w, int catalog, const std::vector<PdfPageSpec>& pages,
                      std::vector<int> kids_order = {}) {
  const int tree = w.reserve();
  std::vector<int> page_objects;
  for (const PdfPageSpec& p : pages) {
    const int content = w.add(PdfWriter::stream("", p.content));
    char box[96];
    std::snprintf(box, sizeof box, "[0 0 %.3f %.3f]", p.width_pt, p.height_pt);
    page_objects.push_back(w.add("<< /Type /Page /Parent " + ref(tree) + " /MediaBox " + box + " /Resources << " +
                                 p.resources + " >> /Contents " + ref(content) + " " + p.extra + " >>"));
  }
  if (kids_order.empty()) {
    for (std::size_t i = 0; i < pages.size(); ++i) kids_order.push_back(static_cast<int>(i));
  }
  std::string kids;
  for (const int i : kids_order) kids += ref(page_objects[static_cast<std::size_t>(i)]) + " ";
  w.set(tree, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(kids_order.size()) + " >>");
  w.set(catalog, "<< /Type /Catalog /Pages " + ref(tree) + " >>");
  return w.finish();
}

// A page showing one image XObject over the whole page.
PdfPageSpec image_page(PdfWriter& w, const std::string& image_dict, const std::string& data, int px_w, int px_h,
                       double dpi) {
  const int image = w.add(PdfWriter::stream("/Type /XObject /Subtype /Image /Width " + std::to_string(px_w) +
                                                " /Height " + std::to_string(px_h) + " " + image_dict,
                                            data));
  PdfPageSpec page;
  page.width_pt = px_w * 72.0 / dpi;
  page.height_pt = px_h * 72.0 / dpi;
  char cm[128];
  std::snprintf(cm, sizeof cm, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q", page.width_pt, page.height_pt);
  page.content = cm;
  page.resources = "/XObject << /Im0 " + ref(image) + " >>";
  return page;
}

PdfPageSpec jpeg_page(PdfWriter& w, const std::string& jpeg, int px_w, int px_h, double dpi, bool grey = false) {
  return image_page(w, std::string("/ColorSpace ") + (grey ? "/DeviceGray" : "/DeviceRGB") +
                           " /BitsPerComponent 8 /Filter /DCTDecode",
                    jpeg, px_w, px_h, dpi);
}

PdfPageSpec text_page(PdfWriter& w, const std::string& text) {
  const int font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  PdfPageSpec page;
  page.content = "BT /F1 36 Tf 72 700 Td (" + text + ") Tj ET 72 600 300 20 re f";
  page.resources = "/Font << /F1 " + ref(font) + " >>";
  return page;
}

// zlib stream made of stored (uncompressed) deflate blocks.
std::string zlib_stored(const std::string& data) {
  std::string out = "\x78\x01";
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(65535, data.size() - pos);
    const bool last = pos + n == data.size();
    out += static_cast<char>(last ? 1 : 0);
    out += static_cast<char>(n & 0xFF);
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(~n & 0xFF);
    out += static_cast<char>((~n >> 8) & 0xFF);
    out += data.substr(pos, n);
    pos += n;
  } while (pos < data.size());
  std::uint32_t a = 1, b = 0;
  for (const char c : data) {
    a = (a + static_cast<unsigned char>(c)) % 65521;
    b = (b + a) % 65521;
  }
  const std::uint32_t adler = (b << 16) | a;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((adler >> shift) & 0xFF);
  return out;
}

bool is_bilevel(const cv::Mat& m) {
  for (int y = 0; y < m.rows; ++y) {
    for (int x = 0; x < m.cols; ++x) {
      const auto v = m.at<std::uint8_t>(y, x);
      if (v != 0 && v != 255) return false;
    }
  }
  return true;
}

// Fraction of pixels darker than mid-grey.
double dark_fraction(const cv::Mat& m) {
  std::size_t dark = 0;
  for (int y = 0; y < m.rows; ++y) {
    for (int x = 0; x < m.cols; ++x) {
      int v = 0;
      if (m.channels() == 1) {
        v = m.at<std::uint8_t>(y, x);
      } else {
        const cv::Vec3b p = m.at<cv::Vec3b>(y, x);
        v = (p[0] + p[1] + p[2]) / 3;
      }
      if (v < 128) ++dark;
    }
  }
  return static_cast<double>(dark) / static_cast<double>(m.total());
}

std::vector<std::string> error_lines(const InputSet& set) {
  std::vector<std::string> out;
  for (const InputError& e : set.errors) out.push_back(e.message());
  return out;
}

}  // namespace

TEST_CASE("a folder is one case file: images and PDFs in natural order, sub-folders skipped", "[inputs]") {
  ScratchDir dir("ingest-folder");
  const fs::path folder = dir / "案卷-001";
  fs::create_directories(folder / "附件");
  write_file(folder / "p10.jpg", jpeg_bytes(120, 160, 32, 200));
  write_file(folder / "p2.png", png_bytes(100, 140, 8, 300));
  write_g4_tiff(folder / "p1.tif", {{200, 300}, {210, 310}, {220, 320}}, 300);
  PdfWriter w;
  const int catalog = w.reserve();
  const std::string pdf = build_pdf(w, catalog, {jpeg_page(w, jpeg_bytes(100, 100, 32, 150), 100, 100, 150),
                                                 text_page(w, "Decision")});
  write_file(folder / "p3.pdf", pdf);
  write_file(folder / "附件" / "p0.jpg", jpeg_bytes(50, 50, 8, 72));  // not descended
  write_file(folder / "P2b.JPG", jpeg_bytes(64, 64, 8, 0));           // extension case does not matter

  const InputSet set = enumerate_inputs({folder});
  INFO(Catch::Detail::stringify(error_lines(set)));
  REQUIRE(set.errors.empty());
  REQUIRE(set.cases.size() == 1);
  const CaseInput& c = set.cases[0];
  CHECK(c.name == "案卷-001");
  CHECK(c.path == folder);
  REQUIRE(set.page_count() == 8);
  std::vector<std::string> labels;
  for (const PageSource& p : c.pages) labels.push_back(p.ref.label());
  CHECK(labels == std::vector<std::string>{"p1.tif p.1/3", "p1.tif p.2/3", "p1.tif p.3/3", "p2.png", "P2b.JPG",
                                           "p3.pdf p.1/2", "p3.pdf p.2/2", "p10.jpg"});
  CHECK(c.pages[0].kind == SourceKind::Image);
  CHECK(c.pages[5].kind == SourceKind::PdfImage);
  CHECK(c.pages[6].kind == SourceKind::PdfRendered);
  // One hash per file, the file's SHA-256.
  CHECK(c.pages[0].file_hash.size() == 64);
  CHECK(c.pages[0].file_hash == c.pages[2].file_hash);
  CHECK(c.pages[0].file_hash != c.pages[3].file_hash);
  CHECK(c.pages[5].file_hash == c.pages[6].file_hash);

  // Every page loads at its own size.
  const std::vector<std::pair<int, int>> sizes{{200, 300}, {210, 310}, {220, 320}, {100, 140},
                                               {64, 64},   {100, 100}, {2480, 3509}, {120, 160}};
  for (std::size_t i = 0; i < c.pages.size(); ++i) {
    const Raster r = load_raster(c.pages[i], {});
    INFO(c.pages[i].ref.label());
    CHECK(std::abs(r.image.cols - sizes[i].first) <= 1);
    CHECK(std::abs(r.image.rows - sizes[i].second) <= 1);
  }
}

TEST_CASE("a single file is a case named after it", "[inputs]") {
  ScratchDir dir("ingest-single");
  write_file(dir / "scan 7.jpeg", jpeg_bytes(80, 90, 32, 200));
  const InputSet set = enumerate_inputs({dir / "scan 7.jpeg"});
  REQUIRE(set.errors.empty());
  REQUIRE(set.cases.size() == 1);
  CHECK(set.cases[0].name == "scan 7");
  REQUIRE(set.cases[0].pages.size() == 1);
  CHECK(set.cases[0].pages[0].ref.count == 1);
  CHECK(set.cases[0].pages[0].ref.label() == "scan 7.jpeg");
}

TEST_CASE("format is decided by the bytes, not the extension", "[inputs]") {
  ScratchDir dir("ingest-sniff");
  write_file(dir / "really-a-png.jpg", png_bytes(30, 40, 8, 96));
  write_file(dir / "really-a-jpeg.pdf", jpeg_bytes(30, 40, 8, 96));
  write_file(dir / "noext", png_bytes(20, 20, 32, 96));
  const InputSet set = enumerate_inputs({dir.path()});
  INFO(Catch::Detail::stringify(error_lines(set)));
  REQUIRE(set.errors.empty());
  REQUIRE(set.page_count() == 3);
  for (const PageSource& p : set.cases[0].pages) {
    CHECK(p.kind == SourceKind::Image);
    CHECK(load_raster(p, {}).image.cols > 0);
  }
}

TEST_CASE("JPEG and PNG pages decode to BGR or grey with their dpi", "[inputs]") {
  ScratchDir dir("ingest-pixels");
  SECTION("colour JPEG") {
    write_file(dir / "c.jpg", jpeg_bytes(120, 80, 32, 200));
    const Raster r = load_image(dir / "c.jpg", 0, {});
    CHECK(r.image.type() == CV_8UC3);
    CHECK(r.image.cols == 120);
    CHECK(r.image.rows == 80);
    CHECK(r.dpi == 200);
    const cv::Vec3b red = r.image.at<cv::Vec3b>(50, 70);  // inside the red block
    CHECK(red[2] > 200);
    CHECK(red[0] < 60);
  }
  SECTION("grey JPEG") {
    write_file(dir / "g.jpg", jpeg_bytes(64, 48, 8, 300));
    const Raster r = load_image(dir / "g.jpg", 0, {});
    CHECK(r.image.type() == CV_8UC1);
    CHECK(r.dpi == 300);
    CHECK(r.image.at<std::uint8_t>(5, 5) < 40);
    CHECK(r.image.at<std::uint8_t>(40, 60) > 215);
  }
  SECTION("colour PNG keeps exact colours and pHYs dpi") {
    write_file(dir / "c.png", png_bytes(100, 60, 32, 300));
    const Raster r = load_image(dir / "c.png", 0, {});
    CHECK(r.image.type() == CV_8UC3);
    CHECK(r.dpi == 300);
    CHECK(r.image.at<cv::Vec3b>(35, 55) == cv::Vec3b(0, 0, 255));
    CHECK(r.image.at<cv::Vec3b>(5, 5) == cv::Vec3b(0, 0, 0));
    CHECK(r.image.at<cv::Vec3b>(59, 99) == cv::Vec3b(255, 255, 255));
  }
  SECTION("bilevel PNG becomes 0/255 grey") {
    write_file(dir / "b.png", png_bytes(90, 70, 1, 300));
    const Raster r = load_image(dir / "b.png", 0, {});
    CHECK(r.image.type() == CV_8UC1);
    CHECK(is_bilevel(r.image));
    CHECK(r.image.at<std::uint8_t>(5, 5) == 0);
    CHECK(r.image.at<std::uint8_t>(60, 80) == 255);
  }
  SECTION("colormapped PNG is expanded") {
    PIX* rgb = page_pix(64, 64, 32, 150);
    PIX* mapped = pixConvertRGBToColormap(rgb, 1);
    REQUIRE(pixGetColormap(mapped) != nullptr);
    write_file(dir / "m.png", png_bytes(mapped));
    pixDestroy(&rgb);
    pixDestroy(&mapped);
    const Raster r = load_image(dir / "m.png", 0, {});
    CHECK(r.image.type() == CV_8UC3);
    CHECK(r.image.at<cv::Vec3b>(40, 40) == cv::Vec3b(0, 0, 255));
  }
  SECTION("PNG with alpha is composited on white") {
    PIX* p = pixCreate(40, 30, 32);
    pixSetAll(p);
    pixSetSpp(p, 4);
    pixSetAllArbitrary(p, 0x00000000);  // black, fully transparent
    write_file(dir / "a.png", png_bytes(p));
    pixDestroy(&p);
    const Raster r = load_image(dir / "a.png", 0, {});
    CHECK(r.image.type() == CV_8UC3);
    CHECK(r.image.at<cv::Vec3b>(10, 10) == cv::Vec3b(255, 255, 255));
  }
}

TEST_CASE("multi-page CCITT G4 TIFF: each page decodes as bilevel at its own size", "[inputs]") {
  ScratchDir dir("ingest-tiff");
  write_g4_tiff(dir / "scan.tif", {{300, 400}, {310, 410}, {320, 420}}, 300);
  CHECK(image_page_count(dir / "scan.tif") == 3);
  for (int i = 0; i < 3; ++i) {
    const Raster r = load_image(dir / "scan.tif", i, {});
    CHECK(r.image.type() == CV_8UC1);
    CHECK(r.image.cols == 300 + 10 * i);
    CHECK(r.image.rows == 400 + 10 * i);
    CHECK(r.dpi == 300);
    CHECK(is_bilevel(r.image));
    CHECK(r.image.at<std::uint8_t>(10, 10) == 0);     // black block
    CHECK(r.image.at<std::uint8_t>(390, 290) == 255);  // white paper
  }
}

TEST_CASE("tiled TIFF (which Leptonica 1.82 cannot read) still loads", "[inputs]") {
  ScratchDir dir("ingest-tiled");
  write_g4_tiff(dir / "strips.tif", {{256, 320}}, 300);
  PIX* colour = page_pix(200, 150, 32, 200);
  pixWriteTiff((dir / "rgb-strips.tif").c_str(), colour, IFF_TIFF_LZW, "w");
  pixDestroy(&colour);
  const std::string tiffcp = "tiffcp -t -c lzw ";
  if (caseaudit::test::run_command(tiffcp + (dir / "strips.tif").string() + " " + (dir / "tiled.tif").string() +
                                   " 2>/dev/null") != 0 ||
      caseaudit::test::run_command(tiffcp + (dir / "rgb-strips.tif").string() + " " +
                                   (dir / "rgb-tiled.tif").string() + " 2>/dev/null") != 0) {
    WARN("tiffcp (libtiff-tools) not installed: skipped");
    return;
  }
  const Raster bilevel = load_image(dir / "tiled.tif", 0, {});
  CHECK(bilevel.image.type() == CV_8UC1);
  CHECK(bilevel.image.cols == 256);
  CHECK(bilevel.image.rows == 320);
  CHECK(bilevel.dpi == 300);
  CHECK(is_bilevel(bilevel.image));
  CHECK(bilevel.image.at<std::uint8_t>(10, 10) == 0);
  const Raster rgb = load_image(dir / "rgb-tiled.tif", 0, {});
  CHECK(rgb.image.type() == CV_8UC3);
  CHECK(rgb.image.cols == 200);
  CHECK(rgb.image.at<cv::Vec3b>(90, 120) == cv::Vec3b(0, 0, 255));
}

TEST_CASE("pages load from several threads at once", "[inputs][pdf]") {
  ScratchDir dir("ingest-threads");
  PdfWriter w;
  const int catalog = w.reserve();
  std::vector<PdfPageSpec> pages;
  for (int i = 0; i < 4; ++i) {
    pages.push_back(jpeg_page(w, jpeg_bytes(300 + i, 400, 32, 150), 300 + i, 400, 150));
    pages.push_back(text_page(w, "Page " + std::to_string(i)));
  }
  write_file(dir / "mixed.pdf", build_pdf(w, catalog, pages));
  write_g4_tiff(dir / "scan.tif", {{100, 100}, {110, 110}, {120, 120}}, 300);
  const InputSet set = enumerate_inputs({dir / "mixed.pdf", dir / "scan.tif"});
  REQUIRE(set.page_count() == 11);
  std::vector<PageSource> all;
  for (const CaseInput& c : set.cases) all.insert(all.end(), c.pages.begin(), c.pages.end());
  std::vector<int> widths(all.size(), 0);
  std::vector<std::thread> workers;
  for (int t = 0; t < 3; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < all.size(); i += 3) {
        widths[i] = load_raster(all[i], {}).image.cols;
      }
    });
  }
  for (std::thread& t : workers) t.join();
  for (std::size_t i = 0; i < 8; i += 2) CHECK(widths[i] == 300 + static_cast<int>(i / 2));
  for (std::size_t i = 1; i < 8; i += 2) CHECK(std::abs(widths[i] - 2480) <= 1);
  CHECK(widths[8] == 100);
  CHECK(widths[10] == 120);
}

TEST_CASE("scanned PDF: pages in page-tree order, JPEG streams used byte for byte", "[inputs][pdf]") {
  ScratchDir dir("ingest-scanned-pdf");
  const std::vector<std::string> jpegs{jpeg_bytes(200, 280, 32, 200), jpeg_bytes(210, 290, 32, 200),
                                       jpeg_bytes(220, 300, 8, 200)};
  PdfWriter w;
  const int catalog = w.reserve();
  std::vector<PdfPageSpec> pages;
  pages.push_back(jpeg_page(w, jpegs[0], 200, 280, 200));
  pages.push_back(jpeg_page(w, jpegs[1], 210, 290, 200));
  pages.push_back(jpeg_page(w, jpegs[2], 220, 300, 200, true));
  // Objects are stored 0,1,2 but the page tree reads 2,0,1.
  write_file(dir / "scan.pdf", build_pdf(w, catalog, pages, {2, 0, 1}));

  const std::vector<PdfPageInfo> infos = inspect_pdf(dir / "scan.pdf");
  REQUIRE(infos.size() == 3);
  const std::vector<int> order{2, 0, 1};
  for (int page = 0; page < 3; ++page) {
    const int src = order[static_cast<std::size_t>(page)];
    INFO("page " << page);
    CHECK(infos[static_cast<std::size_t>(page)].kind == SourceKind::PdfImage);
    const EncodedImage enc = pdf_page_image_stream(dir / "scan.pdf", page);
    CHECK(enc.filter == "DCTDecode");
    CHECK(enc.bytes == jpegs[static_cast<std::size_t>(src)]);
    CHECK(enc.width == 200 + 10 * src);
    const Raster r = load_pdf_page(dir / "scan.pdf", page, SourceKind::PdfImage, {});
    CHECK(r.image.cols == 200 + 10 * src);
    CHECK(r.image.rows == 280 + 10 * src);
    CHECK(r.image.type() == (src == 2 ? CV_8UC1 : CV_8UC3));
    CHECK(r.dpi == 200);
  }
}

TEST_CASE("born-digital and mixed PDFs: text pages are rendered at 300 dpi", "[inputs][pdf]") {
  ScratchDir dir("ingest-born-digital");
  PdfWriter w;
  const int catalog = w.reserve();
  PdfPageSpec scanned = jpeg_page(w, jpeg_bytes(300, 400, 32, 150), 300, 400, 150);
  PdfPageSpec scanned_with_text = jpeg_page(w, jpeg_bytes(300, 400, 32, 150), 300, 400, 150);
  const int font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  scanned_with_text.content += " BT /F1 12 Tf 10 10 Td (note) Tj ET";
  scanned_with_text.resources += " /Font << /F1 " + ref(font) + " >>";
  PdfPageSpec ocr_layer = jpeg_page(w, jpeg_bytes(300, 400, 32, 150), 300, 400, 150);
  ocr_layer.content += " BT 3 Tr /F1 12 Tf 10 10 Td (invisible) Tj ET";
  ocr_layer.resources += " /Font << /F1 " + ref(font) + " >>";
  PdfPageSpec rotated = jpeg_page(w, jpeg_bytes(300, 400, 32, 150), 300, 400, 150);
  rotated.extra = "/Rotate 90";
  write_file(dir / "mixed.pdf",
             build_pdf(w, catalog, {scanned, text_page(w, "Penalty decision"), scanned_with_text, ocr_layer, rotated}));

  const std::vector<PdfPageInfo> infos = inspect_pdf(dir / "mixed.pdf");
  REQUIRE(infos.size() == 5);
  CHECK(infos[0].kind == SourceKind::PdfImage);
  CHECK(infos[1].kind == SourceKind::PdfRendered);
  CHECK(infos[2].kind == SourceKind::PdfRendered);  // visible text on top of the scan
  CHECK(infos[3].kind == SourceKind::PdfImage);     // invisible OCR text only
  CHECK(infos[4].kind == SourceKind::PdfRendered);  // /Rotate: the image is not the page as shown

  const Raster page = load_pdf_page(dir / "mixed.pdf", 1, SourceKind::PdfRendered, {});
  CHECK(page.dpi == 300);
  CHECK(page.image.type() == CV_8UC3);
  CHECK(std::abs(page.image.cols - 2480) <= 1);
  CHECK(std::abs(page.image.rows - 3508) <= 1);
  const double dark = dark_fraction(page.image);
  CHECK(dark > 0.002);  // text and a bar are drawn
  CHECK(dark < 0.2);

  // Poppler's pixels are turned into OpenCV's BGR order.
  PdfWriter cw;
  const int ccat = cw.reserve();
  PdfPageSpec red;
  red.content = "1 0 0 rg 0 0 595 842 re f";
  write_file(dir / "red.pdf", build_pdf(cw, ccat, {red}));
  const Raster red_page = load_pdf_page(dir / "red.pdf", 0, SourceKind::PdfRendered, {});
  CHECK(red_page.image.at<cv::Vec3b>(100, 100) == cv::Vec3b(0, 0, 255));

  const Raster turned = load_pdf_page(dir / "mixed.pdf", 4, SourceKind::PdfRendered, {});
  CHECK(std::abs(turned.image.cols - 800) <= 1);  // 400 px at 150 dpi, turned, at 300 dpi
  CHECK(std::abs(turned.image.rows - 600) <= 1);

  CHECK_THROWS_AS(pdf_page_image_stream(dir / "mixed.pdf", 1), InputFailure);
}

TEST_CASE("PDF image streams: Flate grey decoded directly, 1-bit rendered at native size", "[inputs][pdf]") {
  ScratchDir dir("ingest-pdf-streams");
  const int w_px = 64, h_px = 48;
  std::string grey(static_cast<std::size_t>(w_px * h_px), '\xFF');
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 20; ++x) grey[static_cast<std::size_t>(y * w_px + x)] = static_cast<char>(x * 10);
  }
  // 1-bit image, 0 = black: left half black.
  const int row_bytes = (w_px + 7) / 8;
  std::string bits;
  for (int y = 0; y < h_px; ++y) {
    for (int b = 0; b < row_bytes; ++b) bits += static_cast<char>(b < row_bytes / 2 ? 0x00 : 0xFF);
  }
  PdfWriter w;
  const int catalog = w.reserve();
  const PdfPageSpec flate = image_page(w, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
                                       zlib_stored(grey), w_px, h_px, 72);
  const PdfPageSpec bilevel =
      image_page(w, "/ColorSpace /DeviceGray /BitsPerComponent 1", bits, w_px, h_px, 96);
  write_file(dir / "streams.pdf", build_pdf(w, catalog, {flate, bilevel}));

  const std::vector<PdfPageInfo> infos = inspect_pdf(dir / "streams.pdf");
  REQUIRE(infos.size() == 2);
  CHECK(infos[0].kind == SourceKind::PdfImage);
  CHECK(infos[1].kind == SourceKind::PdfImage);

  const Raster a = load_pdf_page(dir / "streams.pdf", 0, SourceKind::PdfImage, {});
  REQUIRE(a.image.type() == CV_8UC1);
  REQUIRE(a.image.cols == w_px);
  REQUIRE(a.image.rows == h_px);
  CHECK(a.dpi == 72);
  CHECK(a.image.at<std::uint8_t>(5, 7) == 70);
  CHECK(a.image.at<std::uint8_t>(40, 60) == 255);

  const Raster b = load_pdf_page(dir / "streams.pdf", 1, SourceKind::PdfImage, {});
  CHECK(b.image.type() == CV_8UC1);
  CHECK(b.image.cols == w_px);
  CHECK(b.image.rows == h_px);
  CHECK(b.dpi == 96);
  CHECK(b.image.at<std::uint8_t>(24, 10) < 60);
  CHECK(b.image.at<std::uint8_t>(24, 55) > 200);
  CHECK(pdf_page_image_stream(dir / "streams.pdf", 1).filter.empty());
}

TEST_CASE("timing: enumerate and load a 20-page scanned PDF", "[inputs][pdf][timing]") {
  ScratchDir dir("ingest-timing");
  PdfWriter w;
  const int catalog = w.reserve();
  std::vector<PdfPageSpec> pages;
  const std::string jpeg = jpeg_bytes(2480, 3508, 32, 300);  // A4 at 300 dpi
  for (int i = 0; i < 20; ++i) pages.push_back(jpeg_page(w, jpeg, 2480, 3508, 300));
  write_file(dir / "case.pdf", build_pdf(w, catalog, pages));

  const InputSet set = enumerate_inputs({dir / "case.pdf"});
  REQUIRE(set.page_count() == 20);
  for (const PageSource& p : set.cases[0].pages) {
    CHECK(p.kind == SourceKind::PdfImage);
    const Raster r = load_raster(p, {});
    CHECK(r.image.cols == 2480);
  }
}

// ---- shared fixtures, when the fixture generator has produced them ----------

namespace {
std::vector<fs::path> fixture_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("fixtures/formats: every file enumerates and loads", "[inputs][fixtures]") {
  const auto files = fixture_files(caseaudit::test::fixtures_dir() / "formats");
  if (files.empty()) {
    WARN("fixtures/formats not generated yet: skipped");
    return;
  }
  for (const fs::path& file : files) {
    const ImageFormat format = sniff_format(file);
    if (format == ImageFormat::Unknown) continue;  // README and the like
    INFO(file.string());
    const bool born_digital = file.filename().string().find("born") != std::string::npos;
    const InputSet set = enumerate_inputs({file});
    CHECK(set.errors.empty());
    REQUIRE(set.cases.size() == 1);
    for (const PageSource& p : set.cases[0].pages) {
      const Raster r = load_raster(p, {});
      CHECK(!r.image.empty());
      if (format == ImageFormat::Tiff && set.cases[0].pages.size() == 3) {
        CHECK(r.image.type() == CV_8UC1);  // the CCITT G4 fixture
        CHECK(is_bilevel(r.image));
      }
      if (born_digital) CHECK(p.kind == SourceKind::PdfRendered);
      if (p.kind == SourceKind::PdfRendered) CHECK(dark_fraction(r.image) > 0.0005);  // not blank
      if (p.kind == SourceKind::PdfImage) {
        const EncodedImage enc = pdf_page_image_stream(p.ref.file, p.ref.index);
        CHECK(r.image.cols == enc.width);
        CHECK(r.image.rows == enc.height);
      }
    }
  }
}

TEST_CASE("fixtures/cases/case-002.pdf: scanned pages are JPEG streams", "[inputs][fixtures]") {
  const fs::path file = caseaudit::test::fixtures_dir() / "cases" / "case-002.pdf";
  if (!fs::exists(file)) {
    WARN("fixtures/cases/case-002.pdf not generated yet: skipped");
    return;
  }
  const InputSet set = enumerate_inputs({file});
  REQUIRE(set.errors.empty());
  REQUIRE(set.cases.size() == 1);
  for (const PageSource& p : set.cases[0].pages) {
    INFO(p.ref.label());
    CHECK(p.kind == SourceKind::PdfImage);
    const EncodedImage enc = pdf_page_image_stream(p.ref.file, p.ref.index);
    CHECK(enc.filter == "DCTDecode");
    REQUIRE(enc.bytes.size() > 3);
    CHECK(enc.bytes.substr(0, 3) == "\xFF\xD8\xFF");
    const Raster r = load_raster(p, {});
    CHECK(r.image.cols == enc.width);
    CHECK(r.image.rows == enc.height);
  }
}
