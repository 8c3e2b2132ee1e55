// Seals by shape (ocr/src/cleanup/seal_shape.cpp) and the page's colour mode,
// on the committed fixture pages converted the way office scanners do:
//  - grey: luminance with a scanner's contrast curve;
//  - 1-bit at 200 dpi: scaled to 200 dpi (2/3 of a 300-dpi page), then a
//    global threshold set from the paper's grey as a fax or a cheap scanner
//    does, once light (0.75 of the paper: the seal's ring comes out solid) and
//    once dark (0.6: only the seal's heavier ink is left, its rings broken to
//    60-90 %), and once an adaptive threshold;
//  - a black seal: the colour page with the seal's ink turned dark grey, as
//    on a photocopy.
// Every seal of the truth must be found by shape on each of them, and no seal
// may be reported on a page whose truth has none, converted or as it is.
// Hidden cases print the detection per page and conversion ("[seals-diag]";
// SEAL_DIAG_EXTRA=folders adds e.g. a generated forms set), the time it
// takes ("[seals-bench]"), and, with an OCR engine, the CER of the lines
// under a seal with and without its ink lightened ("[seals-cer]").
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/json.h"
#include "cleanup/detail.h"
#include "cleanup/prepare.h"
#include "cleanup/steps.h"
#include "cache.h"
#include "hash.h"
#include "raster.h"
#include "engine.h"
#include "eval/cer.h"
#include "support/fixtures.h"

using caseaudit::ocr::Box;
using caseaudit::ocr::CleanupOptions;
using caseaudit::ocr::PreparedPage;
using caseaudit::ocr::prepare_page;
using caseaudit::ocr::Seal;
namespace cleanup = caseaudit::ocr::cleanup;
namespace fs = std::filesystem;

namespace {

struct TruthLine {
  std::string text;
  Box box;
};

struct FixturePage {
  std::string name;
  cv::Mat image;  // as load_raster decodes it: BGR or grey
  int dpi = 0;
  std::vector<Box> seals;  // from the truth
  std::vector<TruthLine> lines;
};

std::vector<TruthLine> truth_lines(const fs::path& truth_file) {
  std::vector<TruthLine> lines;
  const nlohmann::json truth = nlohmann::json::parse(caseaudit::test::read_file(truth_file));
  for (const auto& l : truth.value("lines", nlohmann::json::array())) {
    const auto& b = l.at("box");
    lines.push_back({l.at("text").get<std::string>(), {b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()}});
  }
  return lines;
}

std::vector<Box> truth_seals(const fs::path& truth_file) {
  std::vector<Box> boxes;
  const nlohmann::json truth = nlohmann::json::parse(caseaudit::test::read_file(truth_file));
  for (const auto& s : truth.value("seals", nlohmann::json::array())) {
    const auto& b = s.at("box");
    boxes.push_back({b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()});
  }
  return boxes;
}

// The truth file of page `index` of an input: <stem>.truth.json next to a
// single page, <name>.truth/<image stem>.truth.json for a folder of images,
// <name>.truth/p<N>.truth.json for the pages of a PDF or TIFF.
fs::path truth_for(const fs::path& input, const caseaudit::ocr::PageSource& page) {
  const fs::path file = page.ref.file;
  if (fs::is_directory(input)) {
    return input.parent_path() / (input.filename().string() + ".truth") / (file.stem().string() + ".truth.json");
  }
  const fs::path single = input.parent_path() / (input.stem().string() + ".truth.json");
  if (fs::exists(single)) return single;
  return input.parent_path() / (input.stem().string() + ".truth") / ("p" + std::to_string(page.ref.index + 1) + ".truth.json");
}

// The pages of `inputs` (case folders, PDFs, images) that have a truth
// file, decoded as the pipeline does.
std::vector<FixturePage> load_pages(const std::vector<fs::path>& inputs) {
  std::vector<FixturePage> out;
  for (const fs::path& input : inputs) {
    const caseaudit::ocr::InputSet set = caseaudit::ocr::enumerate_inputs({input});
    for (const auto& c : set.cases) {
      for (const auto& page : c.pages) {
        const fs::path truth = truth_for(input, page);
        if (!fs::exists(truth)) continue;
        const caseaudit::ocr::Raster raster = caseaudit::ocr::load_raster(page, {});
        const std::string label = fs::is_directory(input) ? input.filename().string() + "/" + page.ref.label() : page.ref.label();
        out.push_back({label, raster.image, raster.dpi, truth_seals(truth), truth_lines(truth)});
      }
    }
  }
  return out;
}

// Every committed fixture page that has a truth file.
const std::vector<FixturePage>& fixture_pages() {
  static const std::vector<FixturePage> pages = [] {
    const fs::path root = caseaudit::test::fixtures_dir();
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(root / "pages")) {
      if (e.path().extension() == ".jpg") inputs.push_back(e.path());
    }
    std::sort(inputs.begin(), inputs.end());
    inputs.push_back(root / "cases" / "case-001");
    inputs.push_back(root / "cases" / "case-002.pdf");
    for (const char* f : {"png-page.png", "g4-case.tif", "mixed.pdf", "born-digital.pdf"}) inputs.push_back(root / "formats" / f);
    return load_pages(inputs);
  }();
  return pages;
}

cv::Mat luminance(const cv::Mat& page) {
  if (page.channels() == 1) return page.clone();
  cv::Mat grey;
  cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

// An office scanner in grey mode: black point 24, white point 232, mid-tones darkened (gamma 1.25).
cv::Mat to_grey(const cv::Mat& page) {
  cv::Mat lut(1, 256, CV_8UC1);
  for (int v = 0; v < 256; ++v) {
    const double t = std::clamp((v - 24.0) / (232.0 - 24.0), 0.0, 1.0);
    lut.at<unsigned char>(v) = cv::saturate_cast<unsigned char>(255.0 * std::pow(t, 1.25));
  }
  cv::Mat out;
  cv::LUT(luminance(page), lut, out);
  return out;
}

// Grey level below which `fraction` of the pixels lie.
int percentile(const cv::Mat& grey, double fraction) {
  cv::Mat hist;
  const int channels[] = {0};
  const int size[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::calcHist(&grey, 1, channels, cv::Mat(), hist, 1, size, ranges);
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist.at<float>(v);
    if (seen >= fraction * static_cast<double>(grey.total())) return v;
  }
  return 255;
}

// 1-bit at 200 dpi: scaled to 200 dpi (2/3 of a 300-dpi page), then
// thresholded at `level` times the paper's grey, as a scanner that sets its
// threshold from the paper does; level <= 0: an adaptive threshold (mean of
// 31x31, minus 18).
cv::Mat to_bilevel(const cv::Mat& page, int dpi, double level) {
  cv::Mat grey = luminance(page);
  if (dpi > 200) {
    const double f = 200.0 / dpi;
    cv::resize(grey, grey, cv::Size(static_cast<int>(grey.cols * f), static_cast<int>(grey.rows * f)), 0, 0, cv::INTER_AREA);
  }
  cv::Mat out;
  if (level > 0) {
    cv::threshold(grey, out, level * percentile(grey, 0.9), 255, cv::THRESH_BINARY);
  } else {
    cv::adaptiveThreshold(grey, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, 31, 18);
  }
  return out;
}

// A photocopied seal: the red ink turned dark grey in proportion to its
// strength; black print (not red) stays as it is.
cv::Mat with_black_seal(const cv::Mat& page) {
  if (page.channels() != 3) return page.clone();
  cv::Mat out = page.clone();
  for (int y = 0; y < out.rows; ++y) {
    auto* row = out.ptr<cv::Vec3b>(y);
    for (int x = 0; x < out.cols; ++x) {
      const cv::Vec3b p = row[x];
      const int redness = p[2] - std::max(p[0], p[1]);
      if (redness <= 15) continue;
      const double strength = std::min(1.0, (redness - 15) / 120.0);
      const auto v = cv::saturate_cast<unsigned char>(std::min(0.114 * p[0] + 0.587 * p[1] + 0.299 * p[2],
                                                               255.0 * (1.0 - 0.8 * strength)));
      row[x] = cv::Vec3b(v, v, v);
    }
  }
  return out;
}

Box scaled(const Box& b, double f) {
  const int x0 = static_cast<int>(std::floor(b.x * f));
  const int y0 = static_cast<int>(std::floor(b.y * f));
  return {x0, y0, static_cast<int>(std::ceil((b.x + b.w) * f)) - x0, static_cast<int>(std::ceil((b.y + b.h) * f)) - y0};
}

double iou(const Box& a, const Box& b) {
  const cv::Rect ra(a.x, a.y, a.w, a.h);
  const cv::Rect rb(b.x, b.y, b.w, b.h);
  const double inter = (ra & rb).area();
  return inter / (ra.area() + rb.area() - inter);
}

// A conversion of a page; `size` (of the converted page against the
// original) is a function of the page's dpi: 1-bit pages are made at 200 dpi.
struct Conversion {
  std::string name;
  std::function<cv::Mat(const cv::Mat&, int dpi)> apply;
  bool to_200dpi = false;
  double size(int dpi) const { return to_200dpi && dpi > 200 ? 200.0 / dpi : 1.0; }
  int dpi(int original) const { return original > 0 ? static_cast<int>(std::lround(original * size(original))) : 0; }
};

const std::vector<Conversion>& conversions() {
  static const std::vector<Conversion> all = {
      {"grey", [](const cv::Mat& p, int) { return to_grey(p); }},
      {"bilevel-200dpi-light", [](const cv::Mat& p, int dpi) { return to_bilevel(p, dpi, 0.75); }, true},
      {"bilevel-200dpi-dark", [](const cv::Mat& p, int dpi) { return to_bilevel(p, dpi, 0.6); }, true},
      {"bilevel-200dpi-adaptive", [](const cv::Mat& p, int dpi) { return to_bilevel(p, dpi, 0); }, true},
      {"black-seal", [](const cv::Mat& p, int) { return with_black_seal(p); }},
  };
  return all;
}


// The seals found on `image` as prepare_page finds them: red ones on a colour
// page, else by shape.
std::vector<Seal> seals_on(const cv::Mat& image, int dpi) { return cleanup::find_seals(image, dpi); }

// Boxes and confidences, for failure messages.
std::string describe(const std::vector<Seal>& seals) {
  std::string out;
  for (const Seal& s : seals) {
    out += "[" + s.found_by + " " + std::to_string(s.box.x) + "," + std::to_string(s.box.y) + " " + std::to_string(s.box.w) +
           "x" + std::to_string(s.box.h) + " confidence " + std::to_string(s.confidence) + "] ";
  }
  return out;
}

// Share of the truth ring (a round seal wholly on the page) that is ink in a
// converted image: how broken a conversion left it.
double ring_left(const cv::Mat& image, const Box& t) {
  const cv::Mat grey = luminance(image);
  const double r = t.w / 2.0;
  const cv::Point2d c(t.x + r, t.y + r);
  int hits = 0;
  for (int k = 0; k < 360; ++k) {
    const cv::Point2d u(std::cos(k * CV_PI / 180), std::sin(k * CV_PI / 180));
    bool hit = false;
    for (double f = 0.92; f <= 1.0 && !hit; f += 0.01) {
      const cv::Point p(c + f * r * u);
      hit = p.inside(cv::Rect(0, 0, grey.cols, grey.rows)) && grey.at<unsigned char>(p) < 160;
    }
    hits += hit ? 1 : 0;
  }
  return hits / 360.0;
}

// An oval seal (45 x 30 mm and the like) on a real page: the red seal of a
// fixture page, its ink taken by redness, squeezed to an oval and stamped in
// grey over the same spot of a page without a seal.
cv::Mat oval_seal_page(double sx, double sy, Box* where) {
  const fs::path pages = caseaudit::test::fixtures_dir() / "pages";
  const cv::Mat sealed = cv::imread((pages / "decision-01-seal.jpg").string(), cv::IMREAD_COLOR);
  const cv::Mat clean = cv::imread((pages / "decision-01-clean.jpg").string(), cv::IMREAD_GRAYSCALE);
  REQUIRE(!sealed.empty());
  REQUIRE(!clean.empty());
  const Box t = truth_seals(pages / "decision-01-seal.truth.json").at(0);
  cv::Mat layer(t.h, t.w, CV_32FC1);
  for (int y = 0; y < t.h; ++y) {
    for (int x = 0; x < t.w; ++x) {
      const cv::Vec3b p = sealed.at<cv::Vec3b>(t.y + y, t.x + x);
      layer.at<float>(y, x) = static_cast<float>(std::clamp((p[2] - std::max(p[0], p[1]) - 15) / 150.0, 0.0, 1.0));
    }
  }
  cv::resize(layer, layer, cv::Size(), sx, sy, cv::INTER_LINEAR);
  cv::Mat page = clean.clone();
  const int ox = t.x + t.w / 2 - layer.cols / 2;
  const int oy = t.y + t.h / 2 - layer.rows / 2;
  for (int y = 0; y < layer.rows; ++y) {
    for (int x = 0; x < layer.cols; ++x) {
      auto& v = page.at<unsigned char>(oy + y, ox + x);
      v = cv::saturate_cast<unsigned char>(v * (1.0 - 0.6 * layer.at<float>(y, x)));
    }
  }
  *where = {ox, oy, layer.cols, layer.rows};
  return page;
}

}  // namespace

TEST_CASE("the colour mode is read from the pixels: colour, grey, 1-bit", "[seals][colour-mode]") {
  const fs::path root = caseaudit::test::fixtures_dir();
  const std::vector<FixturePage> colour = load_pages({root / "pages" / "decision-01-seal.jpg"});
  REQUIRE(colour.size() == 1);
  REQUIRE(colour[0].image.channels() == 3);
  CHECK(cleanup::colour_mode(colour[0].image) == "colour");

  const std::vector<FixturePage> png = load_pages({root / "formats" / "png-page.png"});
  REQUIRE(png.size() == 1);
  CHECK(cleanup::colour_mode(png[0].image) == "grey");

  const std::vector<FixturePage> g4 = load_pages({root / "formats" / "g4-case.tif"});
  REQUIRE(g4.size() == 3);
  for (const FixturePage& p : g4) CHECK(cleanup::colour_mode(p.image) == "bilevel");

  // The same page as an office scanner's grey and 1-bit scans.
  CHECK(cleanup::colour_mode(to_grey(colour[0].image)) == "grey");
  CHECK(cleanup::colour_mode(to_bilevel(colour[0].image, 300, 0.75)) == "bilevel");
  // A colour file whose pixels carry no chroma is grey; one that was 1-bit is bilevel.
  cv::Mat grey_as_colour;
  cv::cvtColor(to_grey(colour[0].image), grey_as_colour, cv::COLOR_GRAY2BGR);
  CHECK(cleanup::colour_mode(grey_as_colour) == "grey");
  cv::Mat bilevel_as_colour;
  cv::cvtColor(g4[0].image, bilevel_as_colour, cv::COLOR_GRAY2BGR);
  CHECK(cleanup::colour_mode(bilevel_as_colour) == "bilevel");
  // A blank sheet scanned in grey is grey; a blank 1-bit one bilevel.
  cv::Mat blank(3508, 2480, CV_8UC1);
  cv::randn(blank, cv::Scalar(246), cv::Scalar(3));
  CHECK(cleanup::colour_mode(blank) == "grey");
  CHECK(cleanup::colour_mode(cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255))) == "bilevel");

  // prepare_page reports it.
  CleanupOptions fast;
  fast.orientation = false;
  fast.deskew = false;
  CHECK(prepare_page(g4[1].image, fast, {}, g4[1].dpi).colour_mode == "bilevel");
  CHECK(prepare_page(png[0].image, fast, {}, png[0].dpi).colour_mode == "grey");
}

TEST_CASE("the colour mode and how a seal was found survive the page JSON, older JSON reads as unknown",
          "[seals][colour-mode]") {
  caseaudit::ocr::PageResult page;
  page.ref.file = "scan.tif";
  page.width = 1653;
  page.height = 2339;
  page.dpi = 200;
  page.colour_mode = "bilevel";
  Seal seal;
  seal.box = {1100, 1700, 320, 320};
  seal.roundness = 0.98;
  seal.found_by = "shape";
  seal.confidence = 0.87;
  page.seals.push_back(seal);
  nlohmann::json j = caseaudit::ocr::to_json(page);
  CHECK(j["colour_mode"] == "bilevel");
  CHECK(j["seals"][0]["found_by"] == "shape");
  const caseaudit::ocr::PageResult back = caseaudit::ocr::page_from_json(nlohmann::json::parse(j.dump()));
  CHECK(back.colour_mode == "bilevel");
  REQUIRE(back.seals.size() == 1);
  CHECK(back.seals[0].found_by == "shape");
  CHECK(back.seals[0].confidence == Approx(0.87));
  CHECK(back.seals[0].colour_confidence == 0);
  CHECK(back.seals[0].box == seal.box);
  // Written before: no colour mode, seals without found_by and confidence.
  j.erase("colour_mode");
  j["seals"][0].erase("found_by");
  j["seals"][0].erase("confidence");
  const caseaudit::ocr::PageResult old = caseaudit::ocr::page_from_json(j);
  CHECK(old.colour_mode.empty());
  REQUIRE(old.seals.size() == 1);
  CHECK(old.seals[0].found_by.empty());
  CHECK(old.seals[0].confidence == 0);
}

TEST_CASE("cached pages from before the colour mode and seals by shape are not served", "[seals][cache]") {
  caseaudit::test::ScratchDir dir("seal-cache");
  caseaudit::ocr::PageSource source;
  source.ref.file = "scan.jpg";
  source.file_hash = std::string(64, 'a');
  const caseaudit::ocr::CleanupOptions options;
  const std::string engine = "tesseract-5|chi_sim";
  // The entry an earlier build wrote: same page, same engine and options,
  // under the settings hash of the previous clean-up (cleanup/2).
  std::ostringstream before;
  before << engine << "|cleanup/2|" << options.orientation << options.deskew << options.borders << options.seals
         << options.denoise << options.binarize << "|" << options.max_skew;
  const std::string old_settings = caseaudit::ocr::sha256_hex(before.str()).substr(0, 16);
  caseaudit::ocr::PageResult page;
  page.ref = source.ref;
  caseaudit::ocr::OcrCache(dir.path(), old_settings).store(source, page);
  REQUIRE(caseaudit::ocr::OcrCache(dir.path(), old_settings).load(source).has_value());
  const std::string now = caseaudit::ocr::settings_hash(engine, options);
  CHECK(now != old_settings);
  CHECK_FALSE(caseaudit::ocr::OcrCache(dir.path(), now).load(source).has_value());
}

TEST_CASE("every seal of the fixtures is found by shape on grey, 1-bit and black-seal scans", "[seals][fixtures]") {
  int seals = 0;
  int broken = 0;
  for (const FixturePage& page : fixture_pages()) {
    if (page.seals.empty()) continue;
    for (const Conversion& conv : conversions()) {
      CAPTURE(page.name, conv.name);
      const cv::Mat image = conv.apply(page.image, page.dpi);
      const double size = conv.size(page.dpi);
      const std::vector<Seal> found = seals_on(image, conv.dpi(page.dpi));
      // Each truth seal found by shape, and nothing else.
      for (const Box& truth : page.seals) {
        const Box want = scaled(truth, size);
        CAPTURE(want.x, want.y, want.w, want.h);
        const Seal* best = nullptr;
        for (const Seal& s : found) {
          if (best == nullptr || iou(s.box, want) > iou(best->box, want)) best = &s;
        }
        REQUIRE(best != nullptr);
        CHECK(iou(best->box, want) >= 0.5);
        CHECK(best->found_by == "shape");
        CHECK(best->colour_confidence == 0);
        CHECK(best->confidence > 0.3);
        ++seals;
        if (conv.name == "bilevel-200dpi-dark" && std::abs(want.w - want.h) <= 2 && ring_left(image, want) < 0.8) ++broken;
      }
      for (const Seal& s : found) {
        double best = 0;
        for (const Box& truth : page.seals) best = std::max(best, iou(s.box, scaled(truth, size)));
        CHECK(best >= 0.5);
      }
    }
  }
  INFO(seals << " seals found; " << broken << " round seals with less than 80 % of their ring left in the dark 1-bit scan");
  CHECK(seals == 14 * static_cast<int>(conversions().size()));
  // The dark 1-bit conversion does break rings.
  CHECK(broken >= 4);
}

TEST_CASE("no seal on fixture pages without one, as they are, grey, 1-bit or photocopied", "[seals][fixtures]") {
  int pages = 0;
  for (const FixturePage& page : fixture_pages()) {
    if (!page.seals.empty()) continue;
    ++pages;
    std::vector<Conversion> list = conversions();
    list.insert(list.begin(), {"as-is", [](const cv::Mat& p, int) { return p.clone(); }});
    for (const Conversion& conv : list) {
      if (conv.name == "black-seal" && page.image.channels() == 1) continue;  // nothing to turn black
      CAPTURE(page.name, conv.name);
      const std::vector<Seal> found = seals_on(conv.apply(page.image, page.dpi), conv.dpi(page.dpi));
      INFO(describe(found));
      CHECK(found.empty());
    }
  }
  CHECK(pages >= 30);
}

TEST_CASE("an oval seal is found by shape, as an ellipse", "[seals]") {
  // 45 x 30 mm, 38 x 42 mm (upright), 42 x 34 mm.
  for (const auto& [sx, sy] : std::vector<std::pair<double, double>>{{1.08, 0.72}, {0.75, 1.05}, {1.0, 0.8}}) {
    Box where;
    const cv::Mat page = oval_seal_page(sx, sy, &where);
    for (const auto& [name, image, size] : std::vector<std::tuple<std::string, cv::Mat, double>>{
             {"grey", to_grey(page), 1.0}, {"1-bit", to_bilevel(page, 300, 0.75), 2.0 / 3.0}}) {
      CAPTURE(sx, sy, name);
      const std::vector<Seal> found = cleanup::detect_seals_by_shape(image, static_cast<int>(std::lround(300 * size)));
      REQUIRE(found.size() == 1);
      CHECK(iou(found[0].box, scaled(where, size)) >= 0.8);
      CHECK(found[0].roundness == Approx(std::min(sx, sy) / std::max(sx, sy)).margin(0.08));
    }
  }
}

TEST_CASE("drawn look-alikes are not seals: circled characters, a page frame, an empty ring, a photograph, a signature",
          "[seals]") {
  const std::vector<FixturePage> base = load_pages({caseaudit::test::fixtures_dir() / "pages" / "decision-04-clean.jpg"});
  REQUIRE(base.size() == 1);
  cv::Mat page = to_grey(base[0].image);
  const cv::Scalar ink(30);
  // A page frame and a double frame (licences, certificates).
  cv::rectangle(page, {120, 120}, {page.cols - 120, page.rows - 120}, ink, 6);
  cv::rectangle(page, {150, 150}, {page.cols - 150, page.rows - 150}, ink, 3);
  // Circled characters (①②③) down the margin, 60 px across.
  for (int i = 0; i < 6; ++i) {
    cv::circle(page, {200, 600 + 90 * i}, 30, ink, 3, cv::LINE_AA);
    cv::putText(page, std::to_string(i + 1), {188, 612 + 90 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.0, ink, 3);
  }
  // An empty ring of seal size (a drawn circle, nothing inside).
  cv::circle(page, {1900, 900}, 240, ink, 12, cv::LINE_AA);
  // A "photograph": a grey, grainy block with a dark round object in it.
  cv::Mat photo(700, 1000, CV_8UC1);
  cv::randn(photo, cv::Scalar(110), cv::Scalar(35));
  cv::GaussianBlur(photo, photo, cv::Size(0, 0), 2.0);
  cv::ellipse(photo, {500, 350}, {230, 220}, 0, 0, 360, cv::Scalar(40), 14, cv::LINE_AA);
  cv::circle(photo, {500, 350}, 90, cv::Scalar(200), cv::FILLED);
  photo.copyTo(page(cv::Rect(300, 2400, 1000, 700)));
  // A signature: loops drifting right.
  std::vector<cv::Point> pen;
  for (int k = 0; k < 400; ++k) {
    const double t = k / 400.0 * 6 * CV_PI;
    pen.emplace_back(1500 + static_cast<int>(k * 1.5 + 40 * std::cos(t)), 3200 + static_cast<int>(45 * std::sin(1.3 * t)));
  }
  cv::polylines(page, pen, false, ink, 4, cv::LINE_AA);
  for (const auto& [name, image, dpi] : std::vector<std::tuple<std::string, cv::Mat, int>>{
           {"grey", page, 300}, {"1-bit", to_bilevel(page, 300, 0.75), 200}, {"unknown dpi", page, 0}}) {
    CAPTURE(name);
    const std::vector<Seal> found = cleanup::detect_seals_by_shape(image, dpi);
    INFO(describe(found));
    CHECK(found.empty());
  }
}

TEST_CASE("prepare_page finds seals by shape on a grey scan and lightens their ink, not the print under it",
          "[seals]") {
  const std::vector<FixturePage> sealed = load_pages({caseaudit::test::fixtures_dir() / "pages" / "decision-01-seal.jpg"});
  REQUIRE(sealed.size() == 1);
  const cv::Mat& original = sealed[0].image;
  const cv::Mat grey = to_grey(original);
  CleanupOptions options;
  options.orientation = false;
  options.deskew = false;
  options.borders = false;
  options.denoise = false;
  options.binarize = false;
  const PreparedPage out = prepare_page(grey, options, {}, 300);
  CHECK(out.colour_mode == "grey");
  REQUIRE(out.seals.size() == 1);
  CHECK(out.seals[0].found_by == "shape");
  const Box box = out.seals[0].box;
  CHECK(iou(box, sealed[0].seals.at(0)) >= 0.8);

  // Where the colour original shows seal ink only (red, no black print
  // within 3 px) and black print (dark, not red), inside the seal's box.
  const cv::Rect roi(box.x, box.y, box.w, box.h);
  cv::Mat channels[3];
  cv::split(original(roi), channels);
  cv::Mat redness;
  cv::subtract(channels[2], cv::max(channels[0], channels[1]), redness);
  cv::Mat luma;
  cv::cvtColor(original(roi), luma, cv::COLOR_BGR2GRAY);
  const cv::Mat print = (luma < 90) & (redness < 20);
  cv::Mat near_print;
  cv::dilate(print, near_print, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  const cv::Mat seal_only = (redness > 70) & (near_print == 0);
  REQUIRE(cv::countNonZero(seal_only) > 5000);
  REQUIRE(cv::countNonZero(print) > 2000);
  const cv::Mat before = grey(roi);
  const cv::Mat after = out.grey(roi);
  const auto share = [](const cv::Mat& condition, const cv::Mat& where) {
    return static_cast<double>(cv::countNonZero(condition & where)) / std::max(1, cv::countNonZero(where));
  };
  // The seal's grey ink, lighter than 160 in 8 % of its pixels before and 89 %
  // after; the print under and around it stays dark.
  CHECK(share(before >= 160, seal_only) < 0.2);
  CHECK(share(after >= 160, seal_only) > 0.85);
  CHECK(share(after < 128, print) > 0.98);
  // Outside the seal nothing changed.
  cv::Mat changed = out.grey != grey;
  changed(roi).setTo(0);
  CHECK(cv::countNonZero(changed) == 0);

  // Without seal handling none are looked for, and nothing is lightened.
  options.seals = false;
  const PreparedPage raw = prepare_page(grey, options, {}, 300);
  CHECK(raw.seals.empty());
  CHECK(cv::countNonZero(raw.grey != grey) == 0);
  // On a 1-bit scan the seal is found and left as it is (ink and print are one black).
  options.seals = true;
  const cv::Mat bilevel = to_bilevel(original, 300, 0.75);
  const PreparedPage fax = prepare_page(bilevel, options, {}, 200);
  CHECK(fax.colour_mode == "bilevel");
  CHECK(fax.seals.size() == 1);
  CHECK(cv::countNonZero(fax.grey != bilevel) == 0);
  // The same page in colour: the seal is found by colour, as before.
  const PreparedPage colour = prepare_page(original, options, {}, 300);
  CHECK(colour.colour_mode == "colour");
  REQUIRE(colour.seals.size() == 1);
  CHECK(colour.seals[0].found_by == "colour");
  CHECK(colour.seals[0].confidence == colour.seals[0].colour_confidence);
}

TEST_CASE("diagnostics: seals by shape on every fixture page and conversion", "[.][seals-diag]") {
  const char* only = std::getenv("SEAL_DIAG_ONLY");
  const char* dump = std::getenv("SEAL_DIAG_DUMP");
  // SEAL_DIAG_EXTRA: more case folders with truth (e.g. a generated forms set), ':'-separated.
  std::vector<FixturePage> pages = fixture_pages();
  if (const char* extra = std::getenv("SEAL_DIAG_EXTRA")) {
    std::vector<fs::path> inputs;
    std::string list = extra;
    for (std::size_t at = 0; at <= list.size();) {
      const std::size_t end = std::min(list.find(':', at), list.size());
      if (end > at) inputs.emplace_back(list.substr(at, end - at));
      at = end + 1;
    }
    const std::vector<FixturePage> more = load_pages(inputs);
    pages.insert(pages.end(), more.begin(), more.end());
  }
  for (const FixturePage& page : pages) {
    std::vector<Conversion> list = conversions();
    list.insert(list.begin(), {"as-is", [](const cv::Mat& p, int) { return p.clone(); }});
    for (const Conversion& conv : list) {
      if (only != nullptr && (page.name + " " + conv.name).find(only) == std::string::npos) continue;
      const cv::Mat image = conv.apply(page.image, page.dpi);
      const double size = conv.size(page.dpi);
      if (dump != nullptr) cv::imwrite(std::string(dump) + "/" + fs::path(page.name).stem().string() + "-" + conv.name + ".png", image);
      const auto t0 = std::chrono::steady_clock::now();
      const std::vector<Seal> seals = conv.name == "as-is" ? cleanup::find_seals(image, conv.dpi(page.dpi))
                                                           : cleanup::detect_seals_by_shape(image, conv.dpi(page.dpi));
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::string line = page.name + " " + conv.name + " " + cleanup::colour_mode(image) + " truth=" +
                         std::to_string(page.seals.size()) + " found=" + std::to_string(seals.size()) + " ms=" +
                         std::to_string(static_cast<int>(ms));
      for (const Seal& s : seals) {
        double best = 0;
        for (const Box& t : page.seals) best = std::max(best, iou(s.box, scaled(t, size)));
        line += " [" + s.found_by + " " + std::to_string(s.box.x) + "," + std::to_string(s.box.y) + " " +
                std::to_string(s.box.w) + "x" + std::to_string(s.box.h) + " conf=" + std::to_string(s.confidence).substr(0, 4) +
                " iou=" + std::to_string(best).substr(0, 4) + "]";
      }
      for (const Box& truth : page.seals) {
        // How much of the truth ring the conversion left as ink (round seals wholly on the page).
        const Box t = scaled(truth, size);
        if (std::abs(t.w - t.h) <= 2) line += " ring=" + std::to_string(static_cast<int>(100 * ring_left(image, t))) + "%";
      }
      for (const Box& t : page.seals) {
        double best = 0;
        for (const Seal& s : seals) best = std::max(best, iou(s.box, scaled(t, size)));
        if (best < 0.5) line += " MISSED";
      }
      if (page.seals.empty() && !seals.empty()) line += " FALSE";
      for (const Box& t : page.seals) {
        const Box b = scaled(t, size);
        line += " T(" + std::to_string(b.x) + "," + std::to_string(b.y) + "," + std::to_string(b.w) + "," + std::to_string(b.h) + ")";
      }
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
}

namespace {

// CPU time of the calling thread, ms: robust to other work on the machine.
double thread_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace

TEST_CASE("timing: seals by shape on the analysis copy, per fixture page", "[.][seals-bench]") {
  // One OpenCV thread, as a page worker effectively has, so the thread's CPU time is the work.
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);
  std::vector<double> shape_ms;
  std::vector<double> prepare_ms;
  std::vector<double> lighten_ms;
  for (const FixturePage& page : fixture_pages()) {
    for (const Conversion& conv : conversions()) {
      if (conv.name != "grey" && conv.name != "bilevel-200dpi-light") continue;
      const cv::Mat image = conv.apply(page.image, page.dpi);
      double scale = 1;
      const cv::Mat small = cleanup::detail::downscale(image, cleanup::detail::kWorkLongSide, &scale);
      std::vector<double> runs;
      for (int i = 0; i < 5; ++i) {
        const double t0 = thread_ms();
        const auto seals = cleanup::detail::detect_seals_by_shape_scaled(small, scale, image.size(), conv.dpi(page.dpi));
        runs.push_back(thread_ms() - t0);
      }
      std::sort(runs.begin(), runs.end());
      shape_ms.push_back(runs[2]);
      const auto found = cleanup::detail::detect_seals_by_shape_scaled(small, scale, image.size(), conv.dpi(page.dpi));
      if (!found.empty()) {
        cv::Mat copy = image.channels() == 1 ? image.clone() : luminance(image);
        const double t0 = thread_ms();
        for (const Seal& seal : found) cleanup::detail::lighten_seal_ink(copy, seal);
        lighten_ms.push_back((thread_ms() - t0) / static_cast<double>(found.size()));
      }
      const double t0 = thread_ms();
      (void)caseaudit::ocr::prepare_page(image, {}, [](const cv::Mat&) { return 0; }, conv.dpi(page.dpi));
      prepare_ms.push_back(thread_ms() - t0);
      std::fprintf(stderr, "%s %s shape=%.1f ms prepare=%.1f ms\n", page.name.c_str(), conv.name.c_str(), runs[2], prepare_ms.back());
    }
  }
  std::sort(shape_ms.begin(), shape_ms.end());
  std::sort(prepare_ms.begin(), prepare_ms.end());
  double sum = 0;
  for (const double v : shape_ms) sum += v;
  std::fprintf(stderr, "shape: mean %.1f ms, median %.1f, max %.1f over %zu pages; prepare_page median %.1f ms\n",
               sum / shape_ms.size(), shape_ms[shape_ms.size() / 2], shape_ms.back(), shape_ms.size(),
               prepare_ms[prepare_ms.size() / 2]);
  double lighten = 0;
  for (const double v : lighten_ms) lighten += v;
  std::fprintf(stderr, "lightening a seal's ink: mean %.1f ms over %zu pages\n", lighten / std::max<std::size_t>(1, lighten_ms.size()),
               lighten_ms.size());
  cv::setNumThreads(threads);
}

TEST_CASE("measurement: CER of the lines under a seal, seal ink lightened or not", "[.][seals-cer]") {
  // Needs an engine (PP-OCRv4 when CASEAUDIT_MODELS has it, else Tesseract).
  // "off" is the same clean-up without seal handling: on a page without red
  // ink that only leaves out finding seals by shape and lightening their ink.
  caseaudit::ocr::OcrOptions ocr;
  std::unique_ptr<caseaudit::ocr::OcrEngine> engine = caseaudit::ocr::make_engine(ocr);
  const caseaudit::ocr::OrientationDetector orientation = engine->orientation_detector();
  const auto under = [](const Box& a, const Box& b) { return (cv::Rect(a.x, a.y, a.w, a.h) & cv::Rect(b.x, b.y, b.w, b.h)).area() > 0; };
  for (const Conversion& conv : conversions()) {
    if (conv.name != "grey" && conv.name != "black-seal") continue;
    std::size_t errors[2] = {0, 0};
    std::size_t page_errors[2] = {0, 0};
    std::size_t chars = 0;
    std::size_t page_chars = 0;
    for (const FixturePage& page : fixture_pages()) {
      if (page.seals.empty()) continue;
      const cv::Mat image = conv.apply(page.image, page.dpi);
      for (int lightened = 0; lightened < 2; ++lightened) {
        CleanupOptions options;
        options.seals = lightened == 1;
        const PreparedPage prepared = prepare_page(image, options, orientation, page.dpi);
        std::vector<caseaudit::ocr::Word> words;
        std::string all;
        for (const caseaudit::ocr::Line& line : engine->recognize(prepared)) {
          all += line.text;
          for (caseaudit::ocr::Word w : line.words) {
            w.box = caseaudit::ocr::to_original_box(prepared, cv::Rect(w.box.x, w.box.y, w.box.w, w.box.h), image.size());
            words.push_back(w);
          }
        }
        std::string truth_all;
        for (const TruthLine& t : page.lines) {
          truth_all += t.text;
          bool sealed = false;
          for (const Box& s : page.seals) sealed = sealed || under(t.box, s);
          if (!sealed) continue;
          // The words whose centres lie in the truth line's box, left to right.
          std::vector<caseaudit::ocr::Word> in;
          for (const caseaudit::ocr::Word& w : words) {
            const double cx = w.box.x + w.box.w / 2.0;
            const double cy = w.box.y + w.box.h / 2.0;
            if (cx >= t.box.x - 10 && cx <= t.box.right() + 10 && cy >= t.box.y - 0.3 * t.box.h && cy <= t.box.bottom() + 0.3 * t.box.h) in.push_back(w);
          }
          std::sort(in.begin(), in.end(), [](const auto& a, const auto& b) { return a.box.x < b.box.x; });
          std::string read;
          for (const auto& w : in) read += w.text;
          std::size_t length = 0;
          errors[lightened] += caseaudit::eval::char_errors(read, t.text, {}, &length);
          if (lightened == 0) chars += length;
        }
        std::size_t length = 0;
        page_errors[lightened] += caseaudit::eval::char_errors(all, truth_all, {}, &length);
        if (lightened == 0) page_chars += length;
      }
    }
    std::fprintf(stderr, "%s (%s): lines under a seal %zu chars, CER %.1f %% -> %.1f %%; whole pages %zu chars, CER %.2f %% -> %.2f %%\n",
                 conv.name.c_str(), engine->id().c_str(), chars, 100.0 * errors[0] / chars, 100.0 * errors[1] / chars, page_chars,
                 100.0 * page_errors[0] / page_chars, 100.0 * page_errors[1] / page_chars);
  }
}
