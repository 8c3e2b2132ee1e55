// Poppler side of PDF ingest: open, size and render pages (see pdf_render.h).
#include "pdf_render.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "caseaudit/ocr/error.h"
#include "file_probe.h"

namespace caseaudit::ocr {
namespace {

void ignore_poppler_message(const std::string&, void*) {}

void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

std::unique_ptr<poppler::document> open_document(const std::filesystem::path& file) {
  quiet_poppler();
  probe_file(file);  // regular, readable, non-empty: Poppler must not block on a FIFO
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
  if (!doc) throw InputFailure("PDF 文件已损坏，无法读取 (damaged PDF that cannot be read)");
  if (doc->is_locked()) throw InputFailure("PDF 已加密，需要密码才能打开 (encrypted PDF: a password is needed)");
  if (doc->pages() <= 0) throw InputFailure("PDF 中没有页面 (PDF has no pages)");
  return doc;
}

bool sideways(const poppler::page& page) {
  const auto o = page.orientation();
  return o == poppler::page::landscape || o == poppler::page::seascape;
}

PdfPageSize displayed_size(const poppler::page& page) {
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  PdfPageSize size{std::abs(box.width()), std::abs(box.height())};
  if (sideways(page)) std::swap(size.width, size.height);
  return size;
}

[[noreturn]] void too_large(long long w, long long h, const RenderRequest& r, const InputLimits& limits) {
  const std::string size = std::to_string(w) + " x " + std::to_string(h);
  const std::string dpi = std::to_string(static_cast<long long>(std::lround(r.xdpi)));
  const std::string limit = std::to_string(limits.max_pixels);
  throw InputFailure("页面过大：按 " + dpi + " dpi 渲染为 " + size + " 像素，超过上限 " + limit +
                     " 像素 (page too large: " + size + " pixels at " + dpi + " dpi, limit " + limit + ")");
}

}  // namespace

std::vector<PdfPageSize> poppler_page_sizes(const std::filesystem::path& file) {
  const auto doc = open_document(file);
  std::vector<PdfPageSize> sizes;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    sizes.push_back(page ? displayed_size(*page) : PdfPageSize{});
  }
  return sizes;
}

Raster render_pdf_page(const std::filesystem::path& file, int index, const RenderRequest& request,
                       const InputLimits& limits) {
  const auto doc = open_document(file);
  if (index < 0 || index >= doc->pages()) throw InputFailure("页码超出范围 (page number out of range)");
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  if (!page) throw InputFailure("PDF 页面无法读取 (the PDF page cannot be read)");
  if (!(request.xdpi > 0 && request.ydpi > 0 && request.xdpi < 1e5 && request.ydpi < 1e5)) {
    throw InputFailure("PDF 页面分辨率无效 (invalid page resolution)");
  }
  long long w = request.w;
  long long h = request.h;
  if (request.w <= 0 || request.h <= 0) {
    const PdfPageSize size = displayed_size(*page);
    w = static_cast<long long>(std::ceil(size.width * request.xdpi / 72.0));
    h = static_cast<long long>(std::ceil(size.height * request.ydpi / 72.0));
    if (!(size.width > 0 && size.height > 0) || w <= 0 || h <= 0) {
      throw InputFailure("PDF 页面尺寸无效 (invalid PDF page size)");
    }
  }
  if (static_cast<double>(w) * static_cast<double>(h) > static_cast<double>(limits.max_pixels)) {
    too_large(w, h, request, limits);
  }

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(request.grey ? poppler::image::format_gray8 : poppler::image::format_bgr24);
  const poppler::image image =
      request.w > 0 && request.h > 0
          ? renderer.render_page(page.get(), request.xdpi, request.ydpi, request.x, request.y, request.w, request.h)
          : renderer.render_page(page.get(), request.xdpi, request.ydpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    throw InputFailure("PDF 页面渲染失败 (the PDF page could not be rendered)");
  }

  const int channels = request.grey ? 1 : 3;
  cv::Mat out(image.height(), image.width(), request.grey ? CV_8UC1 : CV_8UC3);
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * static_cast<std::size_t>(channels);
  for (int y = 0; y < image.height(); ++y) {
    std::memcpy(out.ptr(y), image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row(), row_bytes);
  }
  Raster raster;
  raster.image = std::move(out);
  raster.dpi = static_cast<int>(std::lround(request.xdpi));
  return raster;
}

std::vector<Line> pdf_text_runs(const std::filesystem::path& file, int index, double dpi, int* turned) {
  const auto doc = open_document(file);
  if (index < 0 || index >= doc->pages()) throw InputFailure("页码超出范围 (page number out of range)");
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  if (!page) throw InputFailure("PDF 页面无法读取 (the PDF page cannot be read)");
  *turned = 0;
  std::vector<Line> runs;
  if (page->orientation() != poppler::page::portrait) return runs;
  const double k = dpi / 72.0;
  const auto to_box = [k](const poppler::rectf& r) {
    const int x0 = static_cast<int>(std::floor(r.x() * k)), y0 = static_cast<int>(std::floor(r.y() * k));
    const int x1 = static_cast<int>(std::ceil((r.x() + r.width()) * k));
    const int y1 = static_cast<int>(std::ceil((r.y() + r.height()) * k));
    return Box{x0, y0, std::max(1, x1 - x0), std::max(1, y1 - y0)};
  };
  for (const poppler::text_box& t : page->text_list()) {
    if (t.rotation() != 0) {
      ++*turned;
      continue;
    }
    const poppler::ustring text = t.text();
    Line line;
    line.box = to_box(t.bbox());
    line.confidence = 1;
    // One word per character, as PP-OCR reports them.
    std::size_t glyph = 0;
    for (std::size_t i = 0; i < text.size(); ++glyph) {
      const bool pair = text[i] >= 0xD800 && text[i] < 0xDC00 && i + 1 < text.size();
      poppler::ustring one;
      one.assign(text, i, pair ? 2 : 1);
      i += pair ? 2 : 1;
      const poppler::byte_array utf8 = one.to_utf8();
      Word w{std::string(utf8.begin(), utf8.end()), to_box(t.char_bbox(glyph)), 1.f};
      if (w.text.empty() || w.text == " ") continue;
      line.text += w.text;
      line.words.push_back(std::move(w));
    }
    if (!line.text.empty()) runs.push_back(std::move(line));
  }
  return runs;
}

}  // namespace caseaudit::ocr
