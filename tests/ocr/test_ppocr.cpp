// The PP-OCRv4 engine: its parts on synthetic input (custom depthwise layer
// against OpenCV's own convolution, CTC decoding, DB post-processing, reading
// order under skew), the clear error when the models are missing or corrupt,
// and accuracy on two committed fixture pages (NFKC CER, the amount in Chinese
// capitals and the credit code read exactly). Needs `bash scripts/models.sh`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "caseaudit/ocr/error.h"
#include "cleanup/prepare.h"
#include "eval/cer.h"
#include "ppocr/ctc_decoder.h"
#include "ppocr/custom_layers.h"
#include "ppocr/db_detector.h"
#include "ppocr/db_postprocess.h"
#include "ppocr/model_files.h"
#include "ppocr/ppocr_engine.h"
#include "ppocr/reading_order.h"
#include "ppocr/text_fixes.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit;
using namespace caseaudit::ocr;
using namespace caseaudit::test;

namespace {

fs::path models_dir() { return source_dir() / "models" / "ppocr-v4"; }

OcrOptions ppocr_options() {
  OcrOptions o;
  o.models_dir = models_dir();
  return o;
}

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

std::string page_text(const std::vector<Line>& lines) {
  std::string out;
  for (const Line& l : lines) out += l.text + "\n";
  return out;
}

// The first clean fixture page whose truth lists `field` among the page's fields.
fs::path clean_page_with(const std::string& field) {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(fixtures_dir() / "pages"))
    if (e.path().extension() == ".jpg" && e.path().stem().string().ends_with("-clean")) pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  for (const fs::path& p : pages) {
    const fs::path json = p.parent_path() / (p.stem().string() + ".truth.json");
    if (!fs::exists(json)) continue;
    if (nlohmann::json::parse(read_file(json))["fields"].contains(field)) return p;
  }
  return {};
}

cv::Mat conv_reference(const cv::Mat& input, const cv::Mat& weights, const cv::Mat& bias, int sy, int sx,
                       const char* type, float in_scale = 1, float in_shift = 0) {
  cv::dnn::LayerParams p;
  p.name = "dw";
  p.type = type;
  p.blobs = {weights, bias};
  const int k[2] = {5, 5}, st[2] = {sy, sx}, pad[4] = {2, 2, 2, 2}, dil[2] = {1, 1};
  p.set("kernel_size", cv::dnn::DictValue::arrayInt(k, 2));
  p.set("stride", cv::dnn::DictValue::arrayInt(st, 2));
  p.set("pad", cv::dnn::DictValue::arrayInt(pad, 4));
  p.set("dilation", cv::dnn::DictValue::arrayInt(dil, 2));
  p.set("group", weights.size[0]);
  p.set("num_output", weights.size[0]);
  p.set("bias_term", true);
  if (in_scale != 1 || in_shift != 0) {
    p.set("in_scale", in_scale);
    p.set("in_shift", in_shift);
  }
  cv::dnn::Net net;
  net.addLayerToPrev(p.name, p.type, p);
  net.setInput(input);
  return net.forward().clone();
}

}  // namespace

TEST_CASE("the 5x5 depthwise layer computes what OpenCV's convolution computes", "[ppocr]") {
  ppocr::register_ppocr_layers();
  cv::RNG rng(11);
  struct Case {
    int c, h, w, sy, sx;
  };
  for (const Case& t : {Case{24, 12, 256, 1, 1}, Case{16, 13, 37, 2, 1}, Case{8, 9, 21, 2, 2}, Case{5, 6, 70, 1, 2}}) {
    cv::Mat input(std::vector<int>{1, t.c, t.h, t.w}, CV_32F), weights(std::vector<int>{t.c, 1, 5, 5}, CV_32F);
    cv::Mat bias(t.c, 1, CV_32F);
    rng.fill(input, cv::RNG::UNIFORM, -1, 1);
    rng.fill(weights, cv::RNG::UNIFORM, -1, 1);
    rng.fill(bias, cv::RNG::UNIFORM, -1, 1);
    const cv::Mat expected = conv_reference(input, weights, bias, t.sy, t.sx, "Convolution");
    const cv::Mat actual = conv_reference(input, weights, bias, t.sy, t.sx, ppocr::kDepthwiseLayerType);
    INFO(t.c << "x" << t.h << "x" << t.w << " stride " << t.sy << "," << t.sx);
    REQUIRE(actual.size == expected.size);
    CHECK(cv::norm(actual, expected, cv::NORM_INF) <= 1e-5);

    // An input affine folded into the op applies before the zero padding.
    cv::Mat scaled;
    input.convertTo(scaled, CV_32F, 0.7, -0.2);
    const cv::Mat expected_affine = conv_reference(scaled, weights, bias, t.sy, t.sx, "Convolution");
    const cv::Mat actual_affine =
        conv_reference(input, weights, bias, t.sy, t.sx, ppocr::kDepthwiseLayerType, 0.7f, -0.2f);
    CHECK(cv::norm(actual_affine, expected_affine, cv::NORM_INF) <= 1e-5);
  }
}

TEST_CASE("the 2x2 transposed convolution layer computes what OpenCV's deconvolution computes", "[ppocr]") {
  ppocr::register_ppocr_layers();
  cv::RNG rng(12);
  for (const auto& [in_c, out_c, h, w] : {std::tuple{24, 24, 7, 9}, std::tuple{24, 1, 12, 5}}) {
    cv::Mat input(std::vector<int>{1, in_c, h, w}, CV_32F), weights(std::vector<int>{in_c, out_c, 2, 2}, CV_32F);
    rng.fill(input, cv::RNG::UNIFORM, -1, 1);
    rng.fill(weights, cv::RNG::UNIFORM, -1, 1);
    cv::Mat results[2];
    for (int variant = 0; variant < 2; ++variant) {
      cv::dnn::LayerParams p;
      p.name = "up";
      p.type = variant ? ppocr::kTransposedLayerType : "Deconvolution";
      p.blobs = {weights};
      const int k[2] = {2, 2}, st[2] = {2, 2}, pad[4] = {0, 0, 0, 0};
      p.set("kernel_size", cv::dnn::DictValue::arrayInt(k, 2));
      p.set("stride", cv::dnn::DictValue::arrayInt(st, 2));
      p.set("pad", cv::dnn::DictValue::arrayInt(pad, 4));
      p.set("num_output", out_c);
      p.set("bias_term", false);
      cv::dnn::Net net;
      net.addLayerToPrev(p.name, p.type, p);
      net.setInput(input);
      results[variant] = net.forward().clone();
    }
    INFO(in_c << " -> " << out_c << " channels, " << h << "x" << w);
    REQUIRE(results[1].size == results[0].size);
    CHECK(cv::norm(results[1], results[0], cv::NORM_INF) <= 1e-5);
  }
}

TEST_CASE("CTC greedy decoding merges repeats, drops blanks and keeps time steps", "[ppocr]") {
  const fs::path keys = fs::temp_directory_path() / "caseaudit_test_keys.txt";
  std::ofstream(keys) << "叁\n佰\n元\n";
  const ppocr::CharacterSet set = ppocr::CharacterSet::load(keys);
  fs::remove(keys);
  REQUIRE(set.classes() == 5);  // blank, 3 characters, space
  // Steps: 叁 叁 blank 佰 佰 blank 佰 元 -> 叁佰佰元
  const int best[] = {1, 1, 0, 2, 2, 0, 2, 3};
  cv::Mat logits(8, 5, CV_32F, cv::Scalar(0));
  for (int t = 0; t < 8; ++t) logits.at<float>(t, best[t]) = 10;
  const std::vector<ppocr::DecodedChar> out = ppocr::ctc_greedy_decode(logits, set);
  REQUIRE(out.size() == 4);
  CHECK(out[0].text == "叁");
  CHECK((out[0].first_step == 0 && out[0].last_step == 1));
  CHECK(out[1].text == "佰");
  CHECK(out[2].text == "佰");
  CHECK(out[2].first_step == 6);
  CHECK(out[3].text == "元");
  CHECK(out[3].confidence == Approx(std::exp(10.0) / (std::exp(10.0) + 4)).epsilon(1e-4));
}

TEST_CASE("known recogniser confusions are repaired, and only those", "[ppocr]") {
  auto fixed = [](const std::vector<std::string>& text) {
    std::vector<ppocr::ReadChar> chars;
    for (const std::string& t : text) chars.push_back({t, 0, 1, 1.0f});
    ppocr::fix_known_confusions(chars);
    std::string out;
    for (const ppocr::ReadChar& c : chars) out += c.text;
    return out;
  };
  CHECK(fixed({"甲", "丶", "乙"}) == "甲、乙");
  CHECK(fixed({"罚", "〔", "2", "0", "2", "2", "]", "1", "号"}) == "罚〔2022〕1号");
  CHECK(fixed({"罚", "［", "2", "0", "2", "2", "〕", "1", "号"}) == "罚〔2022〕1号");
  CHECK(fixed({"移", "[", "2", "0", "2", "2", "]", "1", "号"}) == "移[2022]1号");
  CHECK(fixed({"(", "2", "0", "2", "1", ")"}) == "(2021)");
  CHECK(fixed({"二", "O", "二", "三", "年"}) == "二〇二三年");
  CHECK(fixed({"A", "O", "B"}) == "AOB");
  CHECK(fixed({"捌", "仟", "参", "佰"}) == "捌仟叁佰");
  CHECK(fixed({"参", "加"}) == "参加");
}

TEST_CASE("DB post-processing boxes text kernels and skips degenerate ones", "[ppocr]") {
  cv::Mat prob(100, 200, CV_32F, cv::Scalar(0));
  prob(cv::Rect(20, 40, 120, 10)).setTo(0.9);  // a line kernel 120 x 10
  prob.at<float>(5, 5) = 0.9f;                 // a one-pixel speck
  prob(cv::Rect(170, 10, 1, 60)).setTo(0.9);   // a one-pixel-wide stroke
  const std::vector<ppocr::TextRegion> regions = ppocr::db_postprocess(prob, ppocr::DbSettings{}, 2.0, 2.0);
  REQUIRE(regions.size() == 1);
  const cv::Rect r = regions[0].box.boundingRect();
  // Unclip grows each side by area * 2 / perimeter = 1200 * 2 / 260 ~ 9.2 map pixels.
  CHECK(std::abs(r.x - 2 * (20 - 9.2)) < 4);
  CHECK(std::abs(r.width - 2 * (120 + 18.5)) < 6);
  CHECK(std::abs(r.height - 2 * (10 + 18.5)) < 6);
  CHECK(regions[0].score > 0.85f);
  // An empty map and a map that is text everywhere do not throw.
  CHECK(ppocr::db_postprocess(cv::Mat(50, 50, CV_32F, cv::Scalar(0)), {}, 1, 1).empty());
  CHECK_NOTHROW(ppocr::db_postprocess(cv::Mat(50, 50, CV_32F, cv::Scalar(1)), {}, 1, 1));
}

TEST_CASE("reading order keeps rows across two columns on a skewed page", "[ppocr]") {
  // Two columns of four lines, pitch 110 px, the page turned 2.5 degrees:
  // over 1200 px between the columns the right line drops ~52 px.
  const double a = 2.5 * CV_PI / 180;
  std::vector<cv::RotatedRect> boxes;
  std::vector<std::string> names;
  for (int row = 0; row < 4; ++row) {
    for (int col = 0; col < 2; ++col) {
      const double x = 300 + col * 1200 + 350, y = 400 + row * 110;
      const cv::Point2f c(static_cast<float>(x * std::cos(a) - y * std::sin(a)),
                          static_cast<float>(x * std::sin(a) + y * std::cos(a)));
      boxes.emplace_back(c, cv::Size2f(700, 90), 2.5f);
      names.push_back(std::to_string(row) + (col ? "R" : "L"));
    }
  }
  std::reverse(boxes.begin(), boxes.end());
  std::reverse(names.begin(), names.end());
  CHECK(ppocr::residual_skew(boxes) == Approx(2.5).margin(0.05));
  std::string order;
  for (std::size_t i : ppocr::reading_order(boxes)) order += names[i] + " ";
  CHECK(order == "0L 0R 1L 1R 2L 2R 3L 3R ");
}

TEST_CASE("the detector finds the same lines whatever page size it read before", "[ppocr]") {
  ppocr::register_ppocr_layers();
  const fs::path page = clean_page_with("罚款金额大写");
  REQUIRE(!page.empty());
  cv::Mat grey = cv::imread(page.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE(!grey.empty());
  cv::Mat wider;
  cv::copyMakeBorder(grey, wider, 0, 0, 0, grey.cols / 3, cv::BORDER_CONSTANT, cv::Scalar(255));
  const ppocr::ModelFiles files = ppocr::read_manifest(models_dir());
  ppocr::DbDetector used(files.detector, {}), fresh(files.detector, {});
  REQUIRE(used.input_size(wider.size()) != used.input_size(grey.size()));
  const std::size_t first = used.detect(grey).size();
  const std::vector<ppocr::TextRegion> after = used.detect(wider);
  const std::vector<ppocr::TextRegion> expected = fresh.detect(wider);
  CHECK(first > 10);
  REQUIRE(after.size() == expected.size());
  for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].box.center == expected[i].box.center);
}

TEST_CASE("missing or corrupt models are an environment error naming scripts/models.sh", "[ppocr]") {
  ScratchDir dir("ppocr-models");
  OcrOptions options;
  options.models_dir = dir.path();
  try {
    make_ppocr_engine(options);
    FAIL("no error for an empty models folder");
  } catch (const EnvironmentError& e) {
    CHECK(std::string(e.what()).find("bash scripts/models.sh") != std::string::npos);
  }
  CHECK_THROWS_AS(ppocr_engine_id(options), EnvironmentError);

  REQUIRE(fs::exists(models_dir() / ppocr::kManifestFile));
  for (const auto& e : fs::directory_iterator(models_dir()))
    fs::copy_file(e.path(), dir / e.path().filename().string());
  {
    std::fstream f(dir / ppocr::kDetectorFile, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('\x5a');
  }
  try {
    make_ppocr_engine(options);
    FAIL("no error for a corrupt detector");
  } catch (const EnvironmentError& e) {
    const std::string what = e.what();
    CHECK(what.find(ppocr::kDetectorFile) != std::string::npos);
    CHECK(what.find("checksum") != std::string::npos);
    CHECK(what.find("bash scripts/models.sh") != std::string::npos);
  }
}

TEST_CASE("PP-OCR reads clean fixture pages: CER, capital amounts and credit codes", "[ppocr][accuracy]") {
  const fs::path amount_page = clean_page_with("罚款金额大写");
  const fs::path code_page = clean_page_with("统一社会信用代码");
  REQUIRE(!amount_page.empty());
  REQUIRE(!code_page.empty());
  const std::unique_ptr<OcrEngine> engine = make_ppocr_engine(ppocr_options());

  const std::map<fs::path, std::string> wanted{{amount_page, "罚款金额大写"}, {code_page, "统一社会信用代码"}};
  for (const auto& [page, field] : wanted) {
    const cv::Mat image = cv::imread(page.string(), cv::IMREAD_COLOR);
    REQUIRE(!image.empty());
    const PreparedPage prepared = prepare_page(image, CleanupOptions{});
    const std::vector<Line> lines = engine->recognize(prepared);
    const std::string text = page_text(lines);
    const std::string stem = page.stem().string();
    const std::string truth = read_file(page.parent_path() / (stem + ".truth.txt"));
    const nlohmann::json fields =
        nlohmann::json::parse(read_file(page.parent_path() / (stem + ".truth.json")))["fields"];
    const double cer = eval::cer(text, truth, {.nfkc = true});
    INFO(stem << ": NFKC CER " << cer << "\n" << text);
    CHECK(cer <= 0.015);
    CHECK(without_space(text).find(fields[field].get<std::string>()) != std::string::npos);

    // Every word box lies in its line's box; on the running-text page every
    // truth line has a line box over it (tables' truth lines span whole rows).
    for (const Line& l : lines) {
      const Box grown{l.box.x - 2, l.box.y - 2, l.box.w + 4, l.box.h + 4};  // rounding
      for (const Word& w : l.words) CHECK(unite(grown, w.box) == grown);
    }
    if (field == "罚款金额大写") {
      for (const auto& t : nlohmann::json::parse(read_file(page.parent_path() / (stem + ".truth.json")))["lines"]) {
        const cv::Rect truth_box(t["box"][0], t["box"][1], t["box"][2], t["box"][3]);
        double best = 0;
        for (const Line& l : lines) {
          const Box b = to_original_box(prepared, cv::Rect(l.box.x, l.box.y, l.box.w, l.box.h), image.size());
          const cv::Rect r(b.x, b.y, b.w, b.h);
          best = std::max(best, (r & truth_box).area() / static_cast<double>((r | truth_box).area()));
        }
        INFO("truth line " << t["text"].get<std::string>());
        CHECK(best > 0.5);
      }
    }
  }
}
