// Page data produced by the OCR module: what was read on one page image, where,
// and how sure the engine was. Every later module (forms, rules, audit) reads
// these types; none of them sees an image library.
//
// Coordinates are pixels of the ORIGINAL page image as it was ingested (before
// any rotation or deskew), origin top-left, x to the right, y down. A box is the
// axis-aligned bounding box of the region in those coordinates.
//
// Confidences are in [0, 1].
//
// Plain value types: copy freely, no thread-safety concerns.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace caseaudit::ocr {

struct Box {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;

  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
  friend bool operator==(const Box&, const Box&) = default;
};

// Smallest box holding both (an empty box is ignored).
Box unite(const Box& a, const Box& b);

// Whether two boxes stand on one row of print: at least half the lower one's
// height in common.
bool on_one_row(const Box& a, const Box& b);

struct Word {
  std::string text;  // UTF-8
  Box box;
  float confidence = 0;
};

struct Line {
  std::string text;  // UTF-8, words joined as the engine read them
  Box box;
  float confidence = 0;
  std::vector<Word> words;
};

// A round seal (印章) found on the page: by its red colour on colour scans, or
// by its shape (a ring with a five-pointed star and/or an arc of text inside)
// where colour finds none (grey and 1-bit scans, photocopied black seals).
struct Seal {
  Box box;
  double colour_confidence = 0;  // how sure we are this is red seal ink, [0, 1]; 0 when found by shape
  double roundness = 0;          // 1 = circle, lower = ellipse or irregular
  std::string found_by;          // "colour" or "shape" ("" when read from an older page JSON)
  double confidence = 0;         // how sure we are this is a seal at all, [0, 1]
};

// A ruled table (审批表, 送达回证, 物品清单) found on the page from its grid
// lines. Cells are in grid order; a merged cell spans several rows or columns.
// Boxes are in original-image coordinates like everything else; on a skewed
// page a cell's box is the bounding box of the skewed cell.
struct TableCell {
  int row = 0, col = 0;          // 0-based top-left grid position
  int rowspan = 1, colspan = 1;
  Box box;
};

struct Table {
  Box box;
  int rows = 0, cols = 0;
  std::vector<TableCell> cells;
};

// Where a page comes from: a file, and the page inside it (multi-page TIFF, PDF).
struct PageRef {
  std::filesystem::path file;
  int index = 0;        // 0-based page inside file
  int count = 1;        // pages in file
  std::string label() const;  // "file.pdf p.3/12", or "scan.jpg" for single pages
};

struct PageResult {
  PageRef ref;
  std::string key;       // cache key: hash of the page's bytes + engine settings
  int width = 0;         // original image size, pixels
  int height = 0;
  int dpi = 0;           // from the file, 0 when it does not say
  // How the page was scanned, judged from its pixels: "colour" (real chroma),
  // "grey" (8-bit, or colour without chroma), "bilevel" (1-bit, or essentially
  // two grey levels); "" when unknown (a page JSON written before this was kept).
  // A red seal can only be told by colour on a "colour" page.
  std::string colour_mode;
  int orientation = 0;   // clockwise degrees the page was turned to read it: 0/90/180/270
  double skew = 0;       // degrees of skew corrected after orientation
  std::string engine;    // engine id incl. version and language
  std::vector<Seal> seals;
  std::vector<Table> tables;  // ruled tables, top to bottom
  std::vector<Line> lines;  // reading order

  // The page's text: lines joined with '\n'.
  std::string text() const;
  // Mean line confidence weighted by characters; 0 for an empty page.
  float mean_confidence() const;
};

}  // namespace caseaudit::ocr
