// PDF page ingest: PoDoFo reads the structure and copies image streams; Poppler
// renders pages and reads the files PoDoFo cannot (see pdf_reader.h).
#include "pdf_reader.h"

#include <podofo/podofo.h>

#include <cmath>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <optional>

#include "caseaudit/ocr/error.h"
#include "file_probe.h"
#include "image_loader.h"
#include "pdf_classify.h"
#include "pdf_render.h"
#include "quiet_libraries.h"

namespace caseaudit::ocr {
namespace {

namespace pd = PoDoFo;

constexpr double kRenderDpi = 300;

// PoDoFo 0.9.8 makes no thread-safety promise: one PoDoFo document at a time.
// Decoding and rendering happen outside the lock.
std::mutex& podofo_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Loads with PoDoFo; false when PoDoFo cannot read the file (Poppler may).
bool load_podofo(pd::PdfMemDocument& doc, const std::filesystem::path& file) {
  try {
    doc.Load(file.c_str());
    return true;
  } catch (const pd::PdfError&) {
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

int podofo_page_count(pd::PdfMemDocument& doc) {
  try {
    return doc.GetPageCount();
  } catch (const pd::PdfError&) {
    return 0;
  }
}

long long pixels_at(double points, double dpi) { return static_cast<long long>(std::ceil(points * dpi / 72.0)); }

PdfPageInfo rendered_info(double width_pt, double height_pt, int rotation) {
  if (rotation == 90 || rotation == 270) std::swap(width_pt, height_pt);
  PdfPageInfo info;
  info.kind = SourceKind::PdfRendered;
  info.width = pixels_at(width_pt, kRenderDpi);
  info.height = pixels_at(height_pt, kRenderDpi);
  info.dpi = static_cast<int>(kRenderDpi);
  return info;
}

struct NativeResolution {
  double xdpi = 0;
  double ydpi = 0;
};

NativeResolution native_resolution(const PdfPageScan& scan) {
  return {static_cast<double>(scan.props.width) * 72.0 / scan.image_box.width(),
          static_cast<double>(scan.props.height) * 72.0 / scan.image_box.height()};
}

PdfPageInfo info_from_scan(const PdfPageScan& scan) {
  if (scan.kind != SourceKind::PdfImage) {
    return rendered_info(scan.page_box.width(), scan.page_box.height(), scan.rotation);
  }
  PdfPageInfo info;
  info.kind = SourceKind::PdfImage;
  info.width = scan.props.width;
  info.height = scan.props.height;
  info.dpi = static_cast<int>(std::lround(native_resolution(scan).xdpi));
  return info;
}

// Collects a stream's bytes, refusing more than `limit` (a stream whose data
// inflates far past its image size must not exhaust memory).
class BoundedSink : public pd::PdfOutputStream {
 public:
  struct Overflow {};
  BoundedSink(std::string& out, std::size_t limit) : out_(out), limit_(limit) {}
  using pd::PdfOutputStream::Write;
  PoDoFo::pdf_long Write(const char* buffer, PoDoFo::pdf_long length) override {
    if (length < 0 || out_.size() + static_cast<std::size_t>(length) > limit_) throw Overflow{};
    out_.append(buffer, static_cast<std::size_t>(length));
    return length;
  }
  void Close() override {}

 private:
  std::string& out_;
  std::size_t limit_;
};

// The stream as stored (still encoded), or nothing when it cannot be read.
std::optional<std::string> stored_bytes(pd::PdfObject* image, std::uint64_t file_size) {
  std::string bytes;
  try {
    BoundedSink sink(bytes, static_cast<std::size_t>(file_size));
    image->GetStream()->GetCopy(&sink);
  } catch (const BoundedSink::Overflow&) {
    return std::nullopt;
  } catch (const pd::PdfError&) {
    return std::nullopt;
  }
  return bytes;
}

// The stream decoded, when it yields at least `expected` bytes (extra bytes are
// tolerated, as viewers do).
std::optional<std::string> decoded_bytes(pd::PdfObject* image, std::size_t expected) {
  std::string bytes;
  try {
    BoundedSink sink(bytes, expected + (1u << 20));
    image->GetStream()->GetFilteredCopy(&sink);
  } catch (const BoundedSink::Overflow&) {
    return std::nullopt;
  } catch (const pd::PdfError&) {
    return std::nullopt;
  }
  if (bytes.size() < expected) return std::nullopt;
  return bytes;
}

bool plain_8bit(const PdfImageProps& p) {
  return !p.image_mask && !p.soft_mask && !p.mask && !p.decode && !p.indexed && p.bits == 8 &&
         (p.components == 1 || p.components == 3);
}

bool flate_or_raw(const PdfImageProps& p) {
  if (p.filters.empty()) return true;
  const bool predictor_ok = p.predictor == 1 || (p.predictor >= 10 && p.predictor <= 15);
  return p.filters.size() == 1 && p.filters[0] == "FlateDecode" && predictor_ok;
}

// How a PdfImage page will be decoded, decided under the PoDoFo lock.
struct ImagePlan {
  enum class How { Jpeg, Raw, Render } how = How::Render;
  std::string bytes;
  PdfImageProps props;
  RenderRequest region;
};

ImagePlan plan_image_page(const PdfPageScan& scan, std::uint64_t file_size) {
  ImagePlan plan;
  plan.props = scan.props;
  const NativeResolution res = native_resolution(scan);
  plan.region.xdpi = res.xdpi;
  plan.region.ydpi = res.ydpi;
  plan.region.x = static_cast<int>(std::lround((scan.image_box.x0 - scan.page_box.x0) * res.xdpi / 72.0));
  plan.region.y = static_cast<int>(std::lround((scan.page_box.y1 - scan.image_box.y1) * res.ydpi / 72.0));
  plan.region.w = static_cast<int>(scan.props.width);
  plan.region.h = static_cast<int>(scan.props.height);
  const PdfImageProps& p = scan.props;
  plan.region.grey = p.components == 1 || p.image_mask || p.bits == 1;
  if (!plain_8bit(p)) return plan;
  if (p.filters.size() == 1 && p.filters[0] == "DCTDecode") {
    if (auto bytes = stored_bytes(scan.image, file_size)) {
      plan.bytes = std::move(*bytes);
      plan.how = ImagePlan::How::Jpeg;
    }
  } else if (flate_or_raw(p)) {
    const auto expected = static_cast<std::size_t>(p.width * p.height * p.components);
    if (auto bytes = decoded_bytes(scan.image, expected)) {
      plan.bytes = std::move(*bytes);
      plan.how = ImagePlan::How::Raw;
    }
  }
  return plan;
}

Raster raw_raster(const ImagePlan& plan) {
  const int w = static_cast<int>(plan.props.width);
  const int h = static_cast<int>(plan.props.height);
  const cv::Mat view(h, w, plan.props.components == 1 ? CV_8UC1 : CV_8UC3,
                     const_cast<char*>(plan.bytes.data()));
  Raster raster;
  if (plan.props.components == 1) {
    raster.image = view.clone();
  } else {
    cv::cvtColor(view, raster.image, cv::COLOR_RGB2BGR);
  }
  return raster;
}

// A PdfImage page from its stream, or nothing when the page is (no longer) a
// PdfImage page or PoDoFo cannot read the file.
std::optional<Raster> load_image_page(const std::filesystem::path& file, int page, const InputLimits& limits) {
  const FileProbe probe = probe_file(file);
  ImagePlan plan;
  {
    std::lock_guard lock(podofo_mutex());
    pd::PdfMemDocument doc;
    if (!load_podofo(doc, file)) return std::nullopt;
    if (page < 0 || page >= podofo_page_count(doc)) throw InputFailure("页码超出范围 (page number out of range)");
    const PdfPageScan scan = scan_pdf_page(doc, page);
    if (scan.kind != SourceKind::PdfImage) return std::nullopt;
    check_pixel_limit(scan.props.width, scan.props.height, limits);
    plan = plan_image_page(scan, probe.size);
  }
  const int dpi = static_cast<int>(std::lround(plan.region.xdpi));
  if (plan.how == ImagePlan::How::Jpeg) {
    Raster raster = decode_jpeg_bytes(plan.bytes, limits);
    if (raster.image.cols == plan.props.width && raster.image.rows == plan.props.height) {
      raster.dpi = dpi;
      return raster;
    }
    plan.how = ImagePlan::How::Render;  // the dictionary disagrees with the JPEG: let Poppler draw it
  }
  if (plan.how == ImagePlan::How::Raw) {
    Raster raster = raw_raster(plan);
    raster.dpi = dpi;
    return raster;
  }
  return render_pdf_page(file, page, plan.region, limits);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ' ';
    out += n;
  }
  return out;
}

}  // namespace

std::vector<PdfPageInfo> inspect_pdf(const std::filesystem::path& file) {
  quiet_libraries();
  probe_file(file);
  std::vector<PdfPageInfo> infos;
  {
    std::lock_guard lock(podofo_mutex());
    pd::PdfMemDocument doc;
    if (load_podofo(doc, file)) {
      const int count = podofo_page_count(doc);
      for (int i = 0; i < count; ++i) {
        try {
          infos.push_back(info_from_scan(scan_pdf_page(doc, i)));
        } catch (const InputFailure&) {
          infos.push_back(PdfPageInfo{});  // size unknown: Poppler renders it (and checks the size) later
        }
      }
    }
  }
  if (!infos.empty()) return infos;
  // PoDoFo could not read it (or saw no pages): Poppler decides, and renders every page.
  for (const PdfPageSize& size : poppler_page_sizes(file)) {
    infos.push_back(rendered_info(size.width, size.height, 0));
  }
  return infos;
}

void check_pdf_page_limits(const PdfPageInfo& info, const InputLimits& limits) {
  if (info.width <= 0 || info.height <= 0) return;  // unknown until rendered
  if (info.kind == SourceKind::PdfImage) {
    check_pixel_limit(info.width, info.height, limits);
    return;
  }
  if (static_cast<double>(info.width) * static_cast<double>(info.height) > static_cast<double>(limits.max_pixels)) {
    const std::string size = std::to_string(info.width) + " x " + std::to_string(info.height);
    const std::string dpi = std::to_string(info.dpi);
    const std::string limit = std::to_string(limits.max_pixels);
    throw InputFailure("页面过大：按 " + dpi + " dpi 渲染为 " + size + " 像素，超过上限 " + limit +
                       " 像素 (page too large: " + size + " pixels at " + dpi + " dpi, limit " + limit + ")");
  }
}

Raster load_pdf_page(const std::filesystem::path& file, int page, SourceKind kind, const InputLimits& limits) {
  quiet_libraries();
  if (kind == SourceKind::PdfImage) {
    if (auto raster = load_image_page(file, page, limits)) return std::move(*raster);
  }
  RenderRequest request;
  request.xdpi = request.ydpi = kRenderDpi;
  return render_pdf_page(file, page, request, limits);
}

EncodedImage pdf_page_image_stream(const std::filesystem::path& file, int page) {
  quiet_libraries();
  const FileProbe probe = probe_file(file);
  std::lock_guard lock(podofo_mutex());
  pd::PdfMemDocument doc;
  if (!load_podofo(doc, file)) throw InputFailure("PDF 结构无法读取 (the PDF structure cannot be read)");
  if (page < 0 || page >= podofo_page_count(doc)) throw InputFailure("页码超出范围 (page number out of range)");
  const PdfPageScan scan = scan_pdf_page(doc, page);
  if (scan.kind != SourceKind::PdfImage) {
    throw InputFailure("该页不是整页扫描图像 (the page is not a single full-page image)");
  }
  auto bytes = stored_bytes(scan.image, probe.size);
  if (!bytes) throw InputFailure("PDF 中的图像数据无法读取 (the image data in the PDF cannot be read)");
  EncodedImage out;
  out.bytes = std::move(*bytes);
  out.filter = joined(scan.props.filters);
  out.width = static_cast<int>(scan.props.width);
  out.height = static_cast<int>(scan.props.height);
  return out;
}

}  // namespace caseaudit::ocr
