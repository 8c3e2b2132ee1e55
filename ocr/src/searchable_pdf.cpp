// Searchable PDF output: checks the font, prepares page images ahead on worker
// threads, streams the pages through the atomic writer (output_file.h), so a
// failure never leaves a partial PDF under `out`.
#include "caseaudit/ocr/searchable_pdf.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <future>
#include <string>
#include <system_error>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/output_file.h"
#include "searchable_pdf_image.h"
#include "searchable_pdf_layout.h"
#include "searchable_pdf_writer.h"

namespace caseaudit::ocr {
namespace {

constexpr const char* kFontPackage = "fonts-arphic-gbsn00lp";

std::filesystem::path checked_font(const SearchablePdfOptions& options) {
  const std::filesystem::path font = options.font.empty() ? std::filesystem::path(CASEAUDIT_DEFAULT_PDF_FONT)
                                                          : options.font;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(font, ec)) {
    throw EnvironmentError("找不到字体文件 (font file not found): " + font.string() +
                           "; 请安装 (install the Debian package) " + kFontPackage +
                           ": sudo apt-get install " + kFontPackage);
  }
  return font;
}

// The resolution that sizes the page: the page's own, else the default. PDF
// readers take pages up to 14400 pt (200 in) a side, so a resolution that
// would make the page larger (a bogus "1 dpi" in a file header) is raised.
int page_dpi(int stated, int default_dpi, int width, int height) {
  constexpr double kMaxPagePt = 14400;
  int dpi = stated > 0 ? stated : default_dpi;
  const double longest = std::max(width, height);
  if (longest * 72.0 / dpi > kMaxPagePt) dpi = static_cast<int>(std::ceil(longest * 72.0 / kMaxPagePt));
  return dpi;
}

// Page images are decoded and compressed while earlier pages are written; two
// in flight keeps both cores of a small machine busy without holding many
// decoded pages in memory.
constexpr std::size_t kPagesAhead = 2;

void write_pages(const std::vector<SearchablePdfPage>& pages, pdf_out::DocumentWriter& writer, int default_dpi) {
  std::deque<std::future<pdf_out::StoredImage>> ahead;
  std::size_t next = 0;
  for (const SearchablePdfPage& page : pages) {
    while (next < pages.size() && ahead.size() < kPagesAhead) {
      ahead.push_back(std::async(std::launch::async, pdf_out::prepare_page_image, std::cref(pages[next])));
      ++next;
    }
    const pdf_out::StoredImage image = ahead.front().get();
    ahead.pop_front();

    const PageResult& result = page.result;
    const int dpi = page_dpi(result.dpi, default_dpi, image.width, image.height);
    const pdf_out::PageGeometry geometry = pdf_out::page_geometry(
        image.width, image.height, dpi, result.orientation, result.width, result.height);
    writer.add_page(image, geometry, pdf_out::place_lines(result, geometry));
  }
}

}  // namespace

void write_searchable_pdf(const std::vector<SearchablePdfPage>& pages, const std::filesystem::path& out,
                          const SearchablePdfOptions& options) {
  if (pages.empty()) throw InputFailure("没有可写入的页面 (no pages to write)");
  const std::filesystem::path font = checked_font(options);
  const int default_dpi = options.default_dpi > 0 ? options.default_dpi : 300;

  write_file_atomically(out, [&](std::ostream& stream) {
    pdf_out::DocumentWriter writer(stream, font);
    write_pages(pages, writer, default_dpi);
    writer.finish();
  });
}

}  // namespace caseaudit::ocr
