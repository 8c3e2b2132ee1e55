// Ruled-table grids (ocr/src/cleanup/table_grid.cpp): on synthetic forms drawn
// here (merged cells, broken and thin rules, residual tilt, text and an
// underline inside cells), on the committed fixture pages through the whole
// pipeline (cells found where the truth's labels are, in original-image
// coordinates, on clean, skewed, rotated, noisy and sealed scans), and through
// the page JSON.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <numbers>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "caseaudit/ocr/json.h"
#include "caseaudit/ocr/pipeline.h"
#include "cleanup/prepare.h"
#include "cleanup/table_grid.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
namespace ocr = caseaudit::ocr;
namespace cleanup = caseaudit::ocr::cleanup;
using caseaudit::test::fixtures_dir;
using caseaudit::test::read_file;
using caseaudit::test::source_dir;

namespace {

const cv::Size kA4(2480, 3508);  // A4 at 300 dpi

// Deterministic pseudo-random numbers.
struct Lcg {
  std::uint32_t state;
  int range(int lo, int hi) {
    state = state * 1664525u + 1013904223u;
    return lo + static_cast<int>((state >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
  }
};

using Span = std::tuple<int, int, int, int>;  // row, col, rowspan, colspan

// A 立案审批表-like form: 7 rows, 5 columns, a label spanning three rows,
// value cells spanning two to four columns.
const std::vector<int> kXs = {300, 620, 980, 1460, 1760, 2180};
const std::vector<int> kYs = {800, 910, 1020, 1130, 1240, 1350, 1700, 1810};
const std::vector<Span> kForm = {
    {0, 0, 1, 1}, {0, 1, 1, 2}, {0, 3, 1, 1}, {0, 4, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 4}, {2, 0, 3, 1},
    {2, 1, 1, 1}, {2, 2, 1, 3}, {3, 1, 1, 1}, {3, 2, 1, 1}, {3, 3, 1, 1}, {3, 4, 1, 1}, {4, 1, 1, 1},
    {4, 2, 1, 3}, {5, 0, 1, 1}, {5, 1, 1, 4}, {6, 0, 1, 1}, {6, 1, 1, 2}, {6, 3, 1, 2},
};

struct FormStyle {
  int inner = 2;        // rule thickness
  int outer = 4;
  int break_every = 0;  // a gap of break_gap px every this many px along every rule
  int break_gap = 6;
  double tilt = 0;      // degrees, counter-clockwise, after drawing
  int rule_ink = 0;     // grey level of the rules (text is black)
};

// Character-like strokes filling a cell's inside (away from its rules).
void fill_text(cv::Mat& page, cv::Rect inside, Lcg& rng) {
  for (int y = inside.y; y + 46 <= inside.br().y; y += 70) {
    for (int x = inside.x; x + 46 <= inside.br().x; x += 52) {
      for (int k = 0; k < 4; ++k) {
        const cv::Point a(x + rng.range(0, 40), y + rng.range(0, 40));
        const cv::Point b =
            rng.range(0, 1) ? cv::Point(x + rng.range(0, 46), a.y) : cv::Point(a.x, y + rng.range(0, 46));
        cv::line(page, a, b, cv::Scalar(0), 4);
      }
    }
  }
}

// The form on a white binary page; corner (r, c) of the grid lands at
// `*corner_at` (row-major, (rows + 1) x (cols + 1)).
cv::Mat draw_form(const FormStyle& style, std::vector<cv::Point2d>* corner_at) {
  cv::Mat page(kA4, CV_8UC1, cv::Scalar(255));
  const int rows = static_cast<int>(kYs.size()) - 1;
  const int cols = static_cast<int>(kXs.size()) - 1;
  const auto thick = [&](bool outer) { return outer ? style.outer : style.inner; };
  Lcg rng{7};
  for (const auto& [r, c, rs, cs] : kForm) {
    const int x0 = kXs[static_cast<std::size_t>(c)], x1 = kXs[static_cast<std::size_t>(c + cs)];
    const int y0 = kYs[static_cast<std::size_t>(r)], y1 = kYs[static_cast<std::size_t>(r + rs)];
    const int t_top = thick(r == 0), t_bottom = thick(r + rs == rows);
    const int t_left = thick(c == 0), t_right = thick(c + cs == cols);
    page(cv::Rect(x0, y0 - t_top / 2, x1 - x0, t_top)).setTo(style.rule_ink);
    page(cv::Rect(x0, y1 - t_bottom / 2, x1 - x0, t_bottom)).setTo(style.rule_ink);
    page(cv::Rect(x0 - t_left / 2, y0, t_left, y1 - y0)).setTo(style.rule_ink);
    page(cv::Rect(x1 - t_right / 2, y0, t_right, y1 - y0 + t_bottom / 2)).setTo(style.rule_ink);
    fill_text(page, cv::Rect(x0 + 20, y0 + 24, x1 - x0 - 40, y1 - y0 - 48), rng);
  }
  // An underline for a signature inside the tall value cell, and a title above.
  cv::line(page, {kXs[1] + 200, kYs[6] - 40}, {kXs[1] + 700, kYs[6] - 40}, cv::Scalar(0), 3);
  fill_text(page, cv::Rect(900, 560, 700, 90), rng);
  if (style.break_every > 0) {  // paper showing through every rule now and then
    for (int x = kXs.front() + 37; x < kXs.back(); x += style.break_every)
      page(cv::Rect(x, kYs.front() - 4, style.break_gap, kYs.back() - kYs.front() + 8)).setTo(255);
    for (int y = kYs.front() + 23; y < kYs.back(); y += style.break_every)
      page(cv::Rect(kXs.front() - 4, y, kXs.back() - kXs.front() + 8, style.break_gap)).setTo(255);
  }
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(kA4.width / 2.0f, kA4.height / 2.0f), style.tilt, 1.0);
  if (style.tilt != 0) {
    cv::Mat turned;
    cv::warpAffine(page, turned, m, kA4, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    cv::threshold(turned, page, 160, 255, cv::THRESH_BINARY);
  }
  corner_at->clear();
  for (const int y : kYs)
    for (const int x : kXs)
      corner_at->emplace_back(m.at<double>(0, 0) * x + m.at<double>(0, 1) * y + m.at<double>(0, 2),
                              m.at<double>(1, 0) * x + m.at<double>(1, 1) * y + m.at<double>(1, 2));
  return page;
}

std::set<Span> spans_of(const cleanup::TableGrid& t) {
  std::set<Span> out;
  for (const cleanup::GridCell& c : t.cells) out.insert({c.row, c.col, c.rowspan, c.colspan});
  return out;
}

// The form's grid, spans and corners as drawn.
void check_grid(const std::vector<cleanup::TableGrid>& tables, const std::vector<cv::Point2d>& corner_at) {
  REQUIRE(tables.size() == 1);
  const cleanup::TableGrid& t = tables[0];
  CHECK(t.rows == 7);
  CHECK(t.cols == 5);
  CHECK(spans_of(t) == std::set<Span>(kForm.begin(), kForm.end()));
  // Corners on the rules, within a few pixels.
  const auto at = [&](int r, int c) { return corner_at[static_cast<std::size_t>(r * 6 + c)]; };
  double worst = 0;
  for (const cleanup::GridCell& c : t.cells) {
    worst = std::max(worst, cv::norm(c.corners[0] - at(c.row, c.col)));
    worst = std::max(worst, cv::norm(c.corners[2] - at(c.row + c.rowspan, c.col + c.colspan)));
  }
  CHECK(worst <= 4.0);
}

void check_form(const FormStyle& style) {
  std::vector<cv::Point2d> corner_at;
  const cv::Mat page = draw_form(style, &corner_at);
  check_grid(cleanup::find_tables(page), corner_at);
}

// The truth JSON of a fixture page: beside it, or in the case folder's
// sibling CASE.truth/.
nlohmann::json truth_of(const fs::path& page) {
  const std::string name = page.stem().string() + ".truth.json";
  fs::path truth = page.parent_path() / name;
  if (!fs::exists(truth)) truth = fs::path(page.parent_path().string() + ".truth") / name;
  return nlohmann::json::parse(read_file(truth));
}

// A point on a truth line, `chars` character widths in from its start or its
// end, found from the line's box and the page's rotation and skew (the box is
// the bounding box of the turned line).
cv::Point2d point_on_line(const nlohmann::json& truth, const nlohmann::json& line, bool from_start, double chars) {
  const double total = (truth["rotation"].get<double>() + truth["skew"].get<double>()) * std::numbers::pi / 180;
  const double c = std::abs(std::cos(total)), s = std::abs(std::sin(total));
  const double w = line["box"][2].get<double>(), h = line["box"][3].get<double>();
  const double length = (w * c - h * s) / (c * c - s * s);
  const double height = (h * c - w * s) / (c * c - s * s);
  const cv::Point2d centre(line["box"][0].get<double>() + w / 2, line["box"][1].get<double>() + h / 2);
  const cv::Point2d along(std::cos(total), std::sin(total));  // reading direction in the image
  const double d = chars * height;
  return centre + along * (from_start ? d - length / 2 : length / 2 - d);
}

// Whether p is inside the tilted cell whose bounding box is `b`, on a page
// that was deskewed by `skew` degrees: the cell is the rectangle inscribed in
// its box at that angle (what a reader of the page data can work out too).
bool in_tilted_cell(const ocr::Box& b, double skew, cv::Point2d p) {
  const double a = -skew * std::numbers::pi / 180;  // the cell's x axis in the image, y down
  const double c = std::cos(a), s = std::sin(a);
  const double ac = std::abs(c), as = std::abs(s);
  const double length = (b.w * ac - b.h * as) / (ac * ac - as * as);
  const double height = (b.h * ac - b.w * as) / (ac * ac - as * as);
  const cv::Point2d d = p - cv::Point2d(b.x + b.w / 2.0, b.y + b.h / 2.0);
  return std::abs(d.x * c + d.y * s) <= length / 2 && std::abs(-d.x * s + d.y * c) <= height / 2;
}

// The one cell that holds p; null when none or several do.
const ocr::TableCell* cell_at(const ocr::Table& t, double skew, cv::Point2d p) {
  const ocr::TableCell* found = nullptr;
  for (const ocr::TableCell& c : t.cells) {
    if (p.x < c.box.x || p.x >= c.box.right() || p.y < c.box.y || p.y >= c.box.bottom()) continue;
    if (!in_tilted_cell(c.box, skew, p)) continue;
    if (found != nullptr) return nullptr;
    found = &c;
  }
  return found;
}

// Where the 立案审批表's labels and values are: a line starting with `prefix`,
// a point `chars` characters in from its start (or end), and its cell.
struct Probe {
  std::string prefix;
  bool from_start;
  double chars;
  Span cell;
};
const std::vector<Probe> kFilingProbes = {
    {"案件来源", true, 2, {0, 0, 1, 1}},   {"案件来源", false, 0.5, {0, 4, 1, 1}},
    {"案由", true, 1, {1, 0, 1, 1}},       {"案由", false, 0.5, {1, 1, 1, 4}},
    {"当事人", true, 1.5, {2, 0, 4, 1}},   {"名称", true, 1, {2, 1, 1, 1}},
    {"名称", false, 0.5, {2, 2, 1, 3}},    {"姓名", true, 1, {2, 1, 1, 1}},
    {"姓名", false, 0.5, {2, 4, 1, 1}},    {"法定代表人", true, 2.5, {4, 1, 1, 1}},
    {"法定代表人", false, 0.5, {4, 4, 1, 1}}, {"联系电话", true, 2, {4, 1, 1, 1}},
    {"住所", true, 1, {5, 1, 1, 1}},       {"住址", true, 1, {5, 1, 1, 1}},
    {"住所", false, 0.5, {5, 2, 1, 3}},    {"住址", false, 0.5, {5, 2, 1, 3}},
    {"简要案情", true, 2, {6, 0, 1, 1}},   {"执法人员", true, 2, {7, 0, 1, 1}},
    {"执法人员", false, 0.5, {7, 3, 1, 2}}, {"承办人意见", true, 2.5, {8, 0, 1, 1}},
    {"备注", true, 1, {11, 0, 1, 1}},
};

Span span_of(const ocr::TableCell& c) { return {c.row, c.col, c.rowspan, c.colspan}; }

}  // namespace

TEST_CASE("a ruled form's grid and merged cells are found", "[tables]") {
  SECTION("clean rules") { check_form({}); }
  SECTION("one-pixel inner rules") { check_form({.inner = 1, .outer = 2}); }
  SECTION("rules broken every 90 px") { check_form({.break_every = 90, .break_gap = 6}); }
  SECTION("a residual tilt of 0.6 degrees, broken rules") { check_form({.break_every = 150, .tilt = 0.6}); }
  SECTION("tilted the other way") { check_form({.tilt = -1.0}); }
  SECTION("faint one-pixel rules that only the grey page shows") {
    std::vector<cv::Point2d> corner_at;
    const cv::Mat grey = draw_form({.inner = 1, .outer = 2, .rule_ink = 120}, &corner_at);
    cv::Mat binary;
    cv::threshold(grey, binary, 100, 255, cv::THRESH_BINARY);  // text stays, rules go
    CHECK(cleanup::find_tables(binary).empty());
    check_grid(cleanup::find_tables(binary, grey), corner_at);
  }
}

TEST_CASE("underlines, a page frame, text and a small grid are not tables", "[tables]") {
  cv::Mat page(kA4, CV_8UC1, cv::Scalar(255));
  Lcg rng{3};
  fill_text(page, cv::Rect(250, 400, 1980, 2400), rng);
  cv::line(page, {250, 2900}, {2230, 2900}, cv::Scalar(0), 3);  // 抄送 rules
  cv::line(page, {250, 3050}, {2230, 3050}, cv::Scalar(0), 3);
  cv::rectangle(page, cv::Rect(60, 60, kA4.width - 120, kA4.height - 120), cv::Scalar(0), 4);  // page frame
  cv::rectangle(page, cv::Rect(1000, 3150, 120, 120), cv::Scalar(0), 6);  // 田
  cv::line(page, {1060, 3150}, {1060, 3270}, cv::Scalar(0), 6);
  cv::line(page, {1000, 3210}, {1120, 3210}, cv::Scalar(0), 6);
  CHECK(cleanup::find_tables(page).empty());

  // A single large ruled box (卷内备考表) is a one-cell table.
  cv::rectangle(page, cv::Rect(300, 500, 1880, 1400), cv::Scalar(0), 3);
  const std::vector<cleanup::TableGrid> tables = cleanup::find_tables(page);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].rows == 1);
  CHECK(tables[0].cols == 1);
}

TEST_CASE("tables on the case pages: true rows and columns, none elsewhere", "[tables]") {
  const fs::path dir = fixtures_dir() / "cases" / "case-001";
  int seen = 0;
  for (int n = 1; n <= 10; ++n) {
    const fs::path page = dir / (std::to_string(n) + ".jpg");
    if (!fs::exists(page)) continue;
    const std::string slug = truth_of(page)["doc_slug"].get<std::string>();
    CAPTURE(page.filename().string(), slug);
    const ocr::PreparedPage prepared = ocr::prepare_page(cv::imread(page.string(), cv::IMREAD_COLOR), {});
    int rows = 0, cols = 0;  // from fixtures/gen (doc_filing.cpp, doc_casefile.cpp)
    if (slug == "filing") rows = 12, cols = 5;
    if (slug == "contents") rows = 16, cols = 6;
    if (slug == "closing") rows = 9, cols = 4;
    if (slug == "backnote") rows = 1, cols = 1;
    if (rows == 0) {
      CHECK(prepared.tables.empty());
      continue;
    }
    ++seen;
    REQUIRE(prepared.tables.size() == 1);
    CHECK(prepared.tables[0].rows == rows);
    CHECK(prepared.tables[0].cols == cols);
    if (slug == "contents") CHECK(prepared.tables[0].cells.size() == static_cast<std::size_t>(rows * cols));
  }
  CHECK(seen >= 3);
}

TEST_CASE("filing forms through the pipeline: one 12x5 table, labels in their cells", "[tables][slow]") {
  const char* const names[] = {"filing-01-clean", "filing-01-skew",   "filing-01-rotated", "filing-01-noisy",
                               "filing-01-seal",  "filing-02-all",    "filing-02-border",  "filing-02-grey",
                               "decision-01-clean"};
  std::vector<fs::path> pages;
  for (const char* name : names) pages.push_back(fixtures_dir() / "pages" / (std::string(name) + ".jpg"));
  ocr::OcrOptions options;
  options.engine = "tesseract";  // any engine: tables come from the clean-up
  options.jobs = 2;
  const ocr::OcrRun run = ocr::run_ocr(ocr::enumerate_inputs(pages), options);
  REQUIRE(run.errors.empty());
  REQUIRE(run.cases.size() == pages.size());

  for (std::size_t i = 0; i < pages.size(); ++i) {
    CAPTURE(pages[i].filename().string());
    REQUIRE(run.cases[i].pages.size() == 1);
    const ocr::PageResult& result = run.cases[i].pages[0];
    if (pages[i].stem().string().rfind("decision", 0) == 0) {
      CHECK(result.tables.empty());
      continue;
    }
    REQUIRE(result.tables.size() == 1);
    const ocr::Table& t = result.tables[0];
    CHECK(t.rows == 12);
    CHECK(t.cols == 5);
    CHECK(t.cells.size() == 30);
    const nlohmann::json truth = truth_of(pages[i]);
    int probed = 0;
    for (const Probe& probe : kFilingProbes) {
      for (const auto& line : truth["lines"]) {
        if (line["text"].get<std::string>().rfind(probe.prefix, 0) != 0) continue;
        const cv::Point2d p = point_on_line(truth, line, probe.from_start, probe.chars);
        CAPTURE(probe.prefix, probe.from_start, p.x, p.y);
        const ocr::TableCell* cell = cell_at(t, result.skew, p);
        REQUIRE(cell != nullptr);
        CAPTURE(cell->row, cell->col, cell->rowspan, cell->colspan);
        CHECK(span_of(*cell) == probe.cell);
        ++probed;
      }
    }
    CHECK(probed >= 14);
    // Cells tile the table: every cell inside the table's box.
    for (const ocr::TableCell& c : t.cells) {
      CHECK(c.box.x >= t.box.x);
      CHECK(c.box.y >= t.box.y);
      CHECK(c.box.right() <= t.box.right());
      CHECK(c.box.bottom() <= t.box.bottom());
    }
  }

  // Tables survive the page JSON (the cache, `caseaudit ocr` output).
  const ocr::PageResult& page = run.cases[0].pages[0];
  const ocr::PageResult back = ocr::page_from_json(nlohmann::json::parse(ocr::to_json(page).dump()));
  REQUIRE(back.tables.size() == page.tables.size());
  const ocr::Table& a = page.tables[0];
  const ocr::Table& b = back.tables[0];
  CHECK(b.box == a.box);
  CHECK(b.rows == a.rows);
  CHECK(b.cols == a.cols);
  REQUIRE(b.cells.size() == a.cells.size());
  for (std::size_t k = 0; k < a.cells.size(); ++k) {
    CHECK(span_of(b.cells[k]) == span_of(a.cells[k]));
    CHECK(b.cells[k].box == a.cells[k].box);
  }
}

TEST_CASE("page JSON without tables reads as a page with no tables", "[tables]") {
  ocr::PageResult page;
  page.ref.file = "scan.jpg";
  page.width = 100;
  page.height = 200;
  page.tables.push_back({{10, 20, 80, 60}, 1, 2, {{0, 0, 1, 1, {10, 20, 40, 60}}, {0, 1, 1, 1, {50, 20, 40, 60}}}});
  nlohmann::json j = ocr::to_json(page);
  REQUIRE(j["tables"].size() == 1);
  CHECK(j["tables"][0]["cells"][1]["box"] == nlohmann::json::array({50, 20, 40, 60}));
  CHECK(j["schema"] == "caseaudit.page/1");
  const ocr::PageResult with = ocr::page_from_json(j);
  REQUIRE(with.tables.size() == 1);
  CHECK(with.tables[0].cells.size() == 2);
  CHECK(with.tables[0].cells[1].col == 1);
  j.erase("tables");
  CHECK(ocr::page_from_json(j).tables.empty());
}
