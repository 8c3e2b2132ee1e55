// Ruled tables from grid lines; see table_grid.h for the method. Everything
// below runs on one reduced ink mask (integer reduction to about 150 dpi for
// an A4 page) and the results are scaled back to the input's pixels. Lengths
// are in working pixels of an A4 page; other sizes scale them.
#include "cleanup/table_grid.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "cleanup/detail.h"

namespace caseaudit::ocr::cleanup {

namespace {

// Long side of the working mask: 1754 px for A4 at 300 dpi (factor 2).
constexpr int kWorkLongSide = 1800;

// Working-resolution lengths, in pixels, derived from the page's short side
// (1240 px for A4 at 150 dpi).
struct Lengths {
  int min_rule = 0;       // shortest run kept as a rule piece (~5 mm)
  int max_gap = 0;        // gaps bridged inside a rule (~1.3 mm)
  int max_thickness = 0;  // thicker ink is a blob, not a rule (~1.7 mm)
  double merge = 0;       // rule pieces this close across are one rule
  double min_cell = 0;    // rules closer than this are one (double frames)
  int band = 0;           // how far across a rule is searched for its ink
  int edge_end = 0;       // the ends of a cell edge, next to its crossings
  int flank_from = 0;     // the band beside a rule that must be mostly paper
  int flank_to = 0;
};

Lengths lengths_for(cv::Size work) {
  const double s = std::min(work.width, work.height) / 1240.0;
  Lengths l;
  l.min_rule = std::max(12, static_cast<int>(std::lround(31 * s)));
  l.max_gap = std::max(3, static_cast<int>(std::lround(8 * s)));
  l.max_thickness = std::max(4, static_cast<int>(std::lround(10 * s)));
  l.merge = std::max(3.0, 5 * s);
  l.min_cell = std::max(6.0, 12 * s);
  l.band = std::max(2, static_cast<int>(std::lround(3 * s)));
  l.edge_end = std::max(3, static_cast<int>(std::lround(6 * s)));
  l.flank_from = std::max(2, static_cast<int>(std::lround(2 * s)));
  l.flank_to = std::max(3, static_cast<int>(std::lround(4 * s)));
  return l;
}

// Grey below this share of the local paper is ink for finding rules.
constexpr double kFaint = 0.8;

// A rule piece with more ink than this beside it (on either side) is text.
constexpr double kMaxFlank = 0.3;

// Ink (255) at the working scale. A reduced pixel is ink when at least 0.8/f of
// its block is, so a one-pixel rule survives whatever its phase, while the
// gaps between characters do not fill in.
cv::Mat work_ink(const cv::Mat& binary, int f) {
  cv::Mat ink;
  if (f == 1) {
    cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
    return ink;
  }
  const cv::Mat crop = binary(cv::Rect(0, 0, binary.cols / f * f, binary.rows / f * f));
  cv::Mat small;
  cv::resize(crop, small, cv::Size(crop.cols / f, crop.rows / f), 0, 0, cv::INTER_AREA);
  cv::threshold(small, ink, 255.0 * (1.0 - 0.8 / f), 255, cv::THRESH_BINARY_INV);
  return ink;
}

// Faint ink of the grey page at the working scale: darker than the paper
// around it by a share that binarisation, tuned for text, may leave white (a
// thin rule on a low-resolution, noisy or JPEG-blurred scan).
cv::Mat faint_ink(const cv::Mat& grey, int f, cv::Size work) {
  cv::Mat small;
  const cv::Mat crop = grey(cv::Rect(0, 0, work.width * f, work.height * f));
  if (f == 1) {
    small = crop;
  } else {
    cv::resize(crop, small, work, 0, 0, cv::INTER_AREA);
  }
  cv::Mat limit = detail::background(small);
  limit.convertTo(limit, CV_8U, kFaint);
  cv::Mat ink;
  cv::compare(small, limit, ink, cv::CMP_LT);
  return ink;
}

// A run of ink along one line of a mask: a row of the page for horizontal
// rules, a row of the transposed page (a column) for vertical ones.
struct Run {
  int line = 0;
  int from = 0;
  int to = 0;  // inclusive
};

// Lines of `ink` reduced to their runs of at least min_len pixels, gaps of up
// to max_gap pixels inside a run filled. The runs (if wanted) are listed line
// by line, left to right.
cv::Mat long_runs(const cv::Mat& ink, int min_len, int max_gap, std::vector<Run>* runs) {
  cv::Mat out = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (int y = 0; y < ink.rows; ++y) {
    const unsigned char* p = ink.ptr<unsigned char>(y);
    unsigned char* o = out.ptr<unsigned char>(y);
    int start = -1;
    int last = -1;
    const auto close = [&] {
      if (start < 0 || last - start + 1 < min_len) return;
      std::memset(o + start, 255, static_cast<std::size_t>(last - start + 1));
      if (runs != nullptr) runs->push_back({y, start, last});
    };
    for (int x = 0; x < ink.cols; ++x) {
      // Most of a page is paper: skip it eight pixels at a time.
      if (x + 8 <= ink.cols) {
        std::uint64_t word = 0;
        std::memcpy(&word, p + x, 8);
        if (word == 0) {
          x += 7;
          continue;
        }
      }
      if (!p[x]) continue;
      if (start < 0 || x - last - 1 > max_gap) {
        close();
        start = x;
      }
      last = x;
    }
    close();
  }
  return out;
}

// One connected piece of rule (runs touching across lines, 8-connected), in
// the rule's own frame: `along` is x for horizontal rules and y for vertical
// ones, `across` the other.
struct Segment {
  int along0 = 0, along1 = 0;    // inclusive extent
  int across0 = 0, across1 = 0;
  double centre_along = 0, centre_across = 0;
  double mu11 = 0;      // central moments, for the piece's slope
  double mu_along = 0;

  double length() const { return along1 - along0 + 1; }
  // Bounding box on the page.
  cv::Rect box(bool horizontal) const {
    const cv::Rect r(along0, across0, along1 - along0 + 1, across1 - across0 + 1);
    return horizontal ? r : cv::Rect(r.y, r.x, r.height, r.width);
  }
};

int find_root(std::vector<int>& parent, int i) {
  while (parent[static_cast<std::size_t>(i)] != i) {
    parent[static_cast<std::size_t>(i)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])];
    i = parent[static_cast<std::size_t>(i)];
  }
  return i;
}

void join(std::vector<int>& parent, int a, int b) {
  a = find_root(parent, a);
  b = find_root(parent, b);
  if (a != b) parent[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
}

// Share of `ink` (in the rule's frame) found along a piece on one side of
// it, `from`..`to` pixels off its centre line: paper for a rule, whose text
// keeps its distance, and ink for a chain of strokes along a line of bold text.
double flank(const cv::Mat& ink, const Segment& s, double slope, int from, int to, int side) {
  int hits = 0;
  int n = 0;
  for (int t = s.along0; t <= s.along1; ++t) {
    const double centre = s.centre_across + slope * (t - s.centre_along);
    for (int d = from; d <= to; ++d) {
      const int k = static_cast<int>(std::lround(centre + side * d));
      if (k < 0 || k >= ink.rows) continue;
      ++n;
      hits += ink.at<unsigned char>(k, t) != 0;
    }
  }
  return n > 0 ? static_cast<double>(hits) / n : 0;
}

// Rule pieces from runs, kept when long, thin, near the rule direction and
// clear of ink on both sides. `ink` is the page in the runs' frame.
std::vector<Segment> segments_of(const std::vector<Run>& runs, const cv::Mat& ink, const Lengths& l) {
  std::vector<int> parent(runs.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::size_t prev_begin = 0;
  std::size_t prev_end = 0;  // runs of the line before the current one
  for (std::size_t begin = 0; begin < runs.size();) {
    std::size_t end = begin;
    while (end < runs.size() && runs[end].line == runs[begin].line) ++end;
    const bool adjacent = prev_end > prev_begin && runs[prev_begin].line == runs[begin].line - 1;
    std::size_t j = prev_begin;
    for (std::size_t i = begin; adjacent && i < end; ++i) {
      while (j < prev_end && runs[j].to < runs[i].from - 1) ++j;
      for (std::size_t k = j; k < prev_end && runs[k].from <= runs[i].to + 1; ++k)
        join(parent, static_cast<int>(i), static_cast<int>(k));
    }
    prev_begin = begin;
    prev_end = end;
    begin = end;
  }

  // Sums per piece: pixels, their coordinates, squares and products.
  struct Sums {
    Segment s;
    double n = 0, a = 0, c = 0, aa = 0, ac = 0;
  };
  std::vector<Sums> sums(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    Sums& t = sums[static_cast<std::size_t>(find_root(parent, static_cast<int>(i)))];
    const Run& r = runs[i];
    const double n = r.to - r.from + 1;
    const double a = n * (r.from + r.to) / 2.0;
    const auto squares = [](double k) { return k * (k + 1) * (2 * k + 1) / 6.0; };
    if (t.n == 0) {
      t.s.along0 = r.from;
      t.s.along1 = r.to;
      t.s.across0 = t.s.across1 = r.line;
    }
    t.s.along0 = std::min(t.s.along0, r.from);
    t.s.along1 = std::max(t.s.along1, r.to);
    t.s.across0 = std::min(t.s.across0, r.line);
    t.s.across1 = std::max(t.s.across1, r.line);
    t.n += n;
    t.a += a;
    t.c += n * r.line;
    t.aa += squares(r.to) - squares(r.from - 1);
    t.ac += a * r.line;
  }
  std::vector<Segment> out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (parent[i] != static_cast<int>(i)) continue;
    const Sums& t = sums[i];
    Segment s = t.s;
    const double along = s.length();
    const double across = s.across1 - s.across0 + 1;
    if (along < l.min_rule) continue;
    if (t.n > l.max_thickness * along) continue;          // a solid blob
    if (across > along / 8 + l.max_thickness) continue;  // more than ~7 degrees off
    s.centre_along = t.a / t.n;
    s.centre_across = t.c / t.n;
    s.mu11 = t.ac - t.a * t.c / t.n;
    s.mu_along = t.aa - t.a * t.a / t.n;
    const double slope = s.mu_along > 0 ? std::clamp(s.mu11 / s.mu_along, -0.15, 0.15) : 0;
    const int half = static_cast<int>(std::ceil(t.n / along / 2));
    const double above = flank(ink, s, slope, half + l.flank_from, half + l.flank_to, -1);
    const double below = flank(ink, s, slope, half + l.flank_from, half + l.flank_to, +1);
    if (std::max(above, below) > kMaxFlank) continue;
    out.push_back(s);
  }
  return out;
}

// A rule position: the rule's offset across at the table's reference point.
struct Rule {
  double offset = 0;
  double length = 0;  // total length of its pieces
};

// Offsets (with lengths) clustered: pieces within `merge` are one rule; rules
// closer than `min_cell` are one too (the longer one stays).
std::vector<Rule> cluster(std::vector<Rule> pieces, double merge, double min_cell) {
  std::sort(pieces.begin(), pieces.end(), [](const Rule& a, const Rule& b) { return a.offset < b.offset; });
  std::vector<Rule> rules;
  double last = -1e300;
  double weighted = 0;
  for (const Rule& p : pieces) {
    if (rules.empty() || p.offset - last > merge) {
      rules.push_back({p.offset, 0});
      weighted = 0;
    }
    Rule& r = rules.back();
    weighted += p.offset * p.length;
    r.length += p.length;
    r.offset = weighted / r.length;
    last = p.offset;
  }
  std::vector<Rule> out;
  for (const Rule& r : rules) {
    if (!out.empty() && r.offset - out.back().offset < min_cell) {
      if (r.length > out.back().length) out.back() = r;
      continue;
    }
    out.push_back(r);
  }
  return out;
}

// The rules of one table candidate as lines: row i is y = rows[i] + sh * (x - ref.x),
// column j is x = cols[j] + sv * (y - ref.y).
struct Frame {
  cv::Point2d ref;
  double sh = 0;
  double sv = 0;
  std::vector<double> rows;
  std::vector<double> cols;

  cv::Point2d corner(std::size_t r, std::size_t c) const {
    const double a = rows[r];
    const double b = cols[c];
    const double x = (b + sv * (a - ref.y - sh * ref.x)) / (1 - sv * sh);
    return {x, a + sh * (x - ref.x)};
  }
};

// How much of the straight path p -> q (its inner part, l.band pixels off
// each end) has rule ink within l.band pixels across it: over the whole path
// and over its first and last l.edge_end pixels, where a real rule meets the
// crossing rules and a chain of text strokes (kept off the rules by the
// cell's padding) does not. `mask` is in the rule's frame (rows are lines
// along the rule): the horizontal rule mask as it is, the vertical one
// transposed; p and q are page points.
struct Coverage {
  double all = 0;
  double head = 0;
  double tail = 0;
};

Coverage coverage(const cv::Mat& mask, cv::Point2d p, cv::Point2d q, bool horizontal, const Lengths& l) {
  if (!horizontal) {
    p = {p.y, p.x};
    q = {q.y, q.x};
  }
  const int lo = static_cast<int>(std::ceil(p.x)) + l.band;
  const int hi = static_cast<int>(std::floor(q.x)) - l.band;
  if (hi < lo || q.x - p.x < 1) return {};
  const int end = std::min(l.edge_end, (hi - lo + 1) / 3);
  int hits = 0;
  int head = 0;
  int tail = 0;
  for (int t = lo; t <= hi; ++t) {
    if (t < 0 || t >= mask.cols) continue;
    const int c = static_cast<int>(std::lround(p.y + (t - p.x) / (q.x - p.x) * (q.y - p.y)));
    for (int k = std::max(0, c - l.band); k <= std::min(mask.rows - 1, c + l.band); ++k) {
      if (mask.at<unsigned char>(k, t)) {
        ++hits;
        head += t < lo + end;
        tail += t > hi - end;
        break;
      }
    }
  }
  Coverage out;
  out.all = static_cast<double>(hits) / (hi - lo + 1);
  out.head = end > 0 ? static_cast<double>(head) / end : out.all;
  out.tail = end > 0 ? static_cast<double>(tail) / end : out.all;
  return out;
}

// A whole cell edge of a rule: what makes a rule candidate a rule.
bool full_edge(const Coverage& c) {
  return c.all >= 0.8 && c.head >= 0.6 && c.tail >= 0.6;
}

// An inner edge that separates two cells: half of it drawn, reaching at
// least one of its crossings.
bool drawn_edge(const Coverage& c) { return c.all >= 0.5 && std::max(c.head, c.tail) >= 0.5; }

Coverage row_edge(const Frame& f, const cv::Mat& h, std::size_t r, std::size_t c, const Lengths& l) {
  return coverage(h, f.corner(r, c), f.corner(r, c + 1), true, l);
}

Coverage col_edge(const Frame& f, const cv::Mat& vt, std::size_t c, std::size_t r, const Lengths& l) {
  return coverage(vt, f.corner(r, c), f.corner(r + 1, c), false, l);
}

// Drops rule candidates that do not run along any whole cell edge, until stable.
void keep_real_rules(Frame& f, const cv::Mat& h, const cv::Mat& vt, const Lengths& l) {
  for (int round = 0; round < 8; ++round) {
    if (f.rows.size() < 2 || f.cols.size() < 2) return;
    std::vector<double> rows;
    for (std::size_t r = 0; r < f.rows.size(); ++r) {
      bool real = false;
      for (std::size_t c = 0; c + 1 < f.cols.size() && !real; ++c) real = full_edge(row_edge(f, h, r, c, l));
      if (real) rows.push_back(f.rows[r]);
    }
    std::vector<double> cols;
    for (std::size_t c = 0; c < f.cols.size(); ++c) {
      bool real = false;
      for (std::size_t r = 0; r + 1 < f.rows.size() && !real; ++r) real = full_edge(col_edge(f, vt, c, r, l));
      if (real) cols.push_back(f.cols[c]);
    }
    const bool same = rows.size() == f.rows.size() && cols.size() == f.cols.size();
    f.rows = std::move(rows);
    f.cols = std::move(cols);
    if (same) return;
  }
}

// Cells: grid rectangles merged across missing inner rules, greedily from the
// top-left (right first, then down while the whole span below is open).
std::vector<GridCell> cells_of(const Frame& f, const cv::Mat& h, const cv::Mat& vt, const Lengths& l) {
  const std::size_t rows = f.rows.size() - 1;
  const std::size_t cols = f.cols.size() - 1;
  // h_edge[r][c]: rule r present above grid cell (r, c); v_edge[c][r]: rule c left of (r, c).
  std::vector<std::vector<char>> h_edge(rows + 1, std::vector<char>(cols));
  std::vector<std::vector<char>> v_edge(cols + 1, std::vector<char>(rows));
  for (std::size_t r = 0; r <= rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) h_edge[r][c] = drawn_edge(row_edge(f, h, r, c, l));
  for (std::size_t c = 0; c <= cols; ++c)
    for (std::size_t r = 0; r < rows; ++r) v_edge[c][r] = drawn_edge(col_edge(f, vt, c, r, l));

  std::vector<std::vector<char>> taken(rows, std::vector<char>(cols));
  std::vector<GridCell> out;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      if (taken[r][c]) continue;
      std::size_t cs = 1;
      while (c + cs < cols && !v_edge[c + cs][r] && !taken[r][c + cs]) ++cs;
      std::size_t rs = 1;
      while (r + rs < rows) {
        bool open = true;
        for (std::size_t k = c; k < c + cs && open; ++k) open = !h_edge[r + rs][k] && !taken[r + rs][k];
        for (std::size_t k = c + 1; k < c + cs && open; ++k) open = !v_edge[k][r + rs];
        if (!open) break;
        ++rs;
      }
      for (std::size_t i = r; i < r + rs; ++i)
        for (std::size_t k = c; k < c + cs; ++k) taken[i][k] = 1;
      GridCell cell;
      cell.row = static_cast<int>(r);
      cell.col = static_cast<int>(c);
      cell.rowspan = static_cast<int>(rs);
      cell.colspan = static_cast<int>(cs);
      cell.corners = {f.corner(r, c), f.corner(r, c + cs), f.corner(r + rs, c + cs), f.corner(r + rs, c)};
      out.push_back(cell);
    }
  }
  return out;
}

// The rule candidates of one group of touching rule pieces.
Frame frame_of(const std::vector<const Segment*>& hs, const std::vector<const Segment*>& vs, const Lengths& l) {
  double h11 = 0;
  double h20 = 0;
  double v11 = 0;
  double v02 = 0;
  cv::Rect all = hs.front()->box(true);
  for (const Segment* s : hs) {
    h11 += s->mu11;
    h20 += s->mu_along;
    all |= s->box(true);
  }
  for (const Segment* s : vs) {
    v11 += s->mu11;
    v02 += s->mu_along;
    all |= s->box(false);
  }
  constexpr double kMaxSlope = 0.07;  // 4 degrees: deskew has already run
  Frame f;
  f.sh = h20 > 0 ? std::clamp(h11 / h20, -kMaxSlope, kMaxSlope) : 0;
  f.sv = v02 > 0 ? std::clamp(v11 / v02, -kMaxSlope, kMaxSlope) : 0;
  f.ref = {all.x + all.width / 2.0, all.y + all.height / 2.0};
  std::vector<Rule> rows;
  std::vector<Rule> cols;
  for (const Segment* s : hs) rows.push_back({s->centre_across - f.sh * (s->centre_along - f.ref.x), s->length()});
  for (const Segment* s : vs) cols.push_back({s->centre_across - f.sv * (s->centre_along - f.ref.y), s->length()});
  for (const Rule& r : cluster(rows, l.merge, l.min_cell)) f.rows.push_back(r.offset);
  for (const Rule& c : cluster(cols, l.merge, l.min_cell)) f.cols.push_back(c.offset);
  return f;
}

cv::Point2d to_input(cv::Point2d p, int f) { return {p.x * f + (f - 1) / 2.0, p.y * f + (f - 1) / 2.0}; }

}  // namespace

std::vector<TableGrid> find_tables(const cv::Mat& binary, const cv::Mat& grey) {
  std::vector<TableGrid> tables;
  if (binary.empty() || binary.type() != CV_8UC1) return tables;
  const int f = std::max(1, (std::max(binary.cols, binary.rows) + kWorkLongSide / 2) / kWorkLongSide);
  cv::Mat ink = work_ink(binary, f);
  if (ink.cols < 64 || ink.rows < 64) return tables;
  if (grey.size() == binary.size() && grey.type() == CV_8UC1) ink |= faint_ink(grey, f, ink.size());
  const Lengths l = lengths_for(ink.size());

  // Runs each way, then each way again on the page without the other way's
  // runs: a chain of text strokes must not bridge its gaps across a rule
  // (stroke, gap, the crossing rule, gap, stroke) and pass for a rule there.
  cv::Mat ink_t;
  cv::transpose(ink, ink_t);
  cv::Mat v_first;  // vertical runs, page frame
  cv::transpose(long_runs(ink_t, l.min_rule, l.max_gap, nullptr), v_first);
  cv::Mat h_first_t;  // horizontal runs, transposed
  cv::transpose(long_runs(ink, l.min_rule, l.max_gap, nullptr), h_first_t);
  std::vector<Run> h_runs;
  std::vector<Run> v_runs;
  const cv::Mat h = long_runs(ink & ~v_first, l.min_rule, l.max_gap, &h_runs);
  const cv::Mat vt = long_runs(ink_t & ~h_first_t, l.min_rule, l.max_gap, &v_runs);  // transposed
  const std::vector<Segment> hs = segments_of(h_runs, ink, l);
  const std::vector<Segment> vs = segments_of(v_runs, ink_t, l);
  if (hs.size() < 2 || vs.size() < 2) return tables;

  // Groups of pieces that touch: horizontal pieces 0..n-1, vertical n...
  std::vector<int> parent(hs.size() + vs.size());
  std::iota(parent.begin(), parent.end(), 0);
  const int touch = l.band + 1;
  for (std::size_t i = 0; i < hs.size(); ++i) {
    const cv::Rect b = hs[i].box(true);
    const cv::Rect a(b.x - touch, b.y - touch, b.width + 2 * touch, b.height + 2 * touch);
    for (std::size_t j = 0; j < vs.size(); ++j)
      if (!(a & vs[j].box(false)).empty()) join(parent, static_cast<int>(i), static_cast<int>(hs.size() + j));
  }
  std::vector<std::vector<const Segment*>> group_h(parent.size());
  std::vector<std::vector<const Segment*>> group_v(parent.size());
  const auto group_of = [&](std::size_t i) { return static_cast<std::size_t>(find_root(parent, static_cast<int>(i))); };
  for (std::size_t i = 0; i < hs.size(); ++i) group_h[group_of(i)].push_back(&hs[i]);
  for (std::size_t j = 0; j < vs.size(); ++j) group_v[group_of(hs.size() + j)].push_back(&vs[j]);

  const double page_area = static_cast<double>(ink.cols) * ink.rows;
  for (std::size_t g = 0; g < parent.size(); ++g) {
    if (group_h[g].size() < 2 || group_v[g].size() < 2) continue;
    Frame frame = frame_of(group_h[g], group_v[g], l);
    keep_real_rules(frame, h, vt, l);
    if (frame.rows.size() < 2 || frame.cols.size() < 2) continue;
    const std::size_t rows = frame.rows.size() - 1;
    const std::size_t cols = frame.cols.size() - 1;
    const cv::Point2d tl = frame.corner(0, 0);
    const cv::Point2d br = frame.corner(rows, cols);
    const double w = br.x - tl.x;
    const double ht = br.y - tl.y;
    const double area = w * ht;
    // A grid small next to the page is a character (田, 目) or a stamp box; a
    // single ruled box is a form only when large, and not the page's frame.
    if (w < 0.08 * ink.cols || area < 0.005 * page_area) continue;
    if ((rows < 2 || cols < 2) && (area < 0.04 * page_area || (w > 0.85 * ink.cols && ht > 0.85 * ink.rows))) continue;

    TableGrid t;
    t.rows = static_cast<int>(rows);
    t.cols = static_cast<int>(cols);
    t.corners = {to_input(tl, f), to_input(frame.corner(0, cols), f), to_input(br, f),
                 to_input(frame.corner(rows, 0), f)};
    t.cells = cells_of(frame, h, vt, l);
    for (GridCell& c : t.cells)
      for (cv::Point2d& p : c.corners) p = to_input(p, f);
    tables.push_back(std::move(t));
  }
  std::sort(tables.begin(), tables.end(), [](const TableGrid& a, const TableGrid& b) {
    return a.corners[0].y + a.corners[1].y < b.corners[0].y + b.corners[1].y;
  });
  return tables;
}

}  // namespace caseaudit::ocr::cleanup
