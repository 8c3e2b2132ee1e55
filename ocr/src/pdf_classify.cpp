// PoDoFo content-stream walk that classifies a PDF page (see pdf_classify.h).
#include "pdf_classify.h"

#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "caseaudit/ocr/error.h"

namespace caseaudit::ocr {
namespace {

namespace pd = PoDoFo;

// Coverage the single image must reach to stand for the page, and how far it
// may spill over the page's edges.
constexpr double kMinCoverage = 0.90;
constexpr double kMaxOverflow = 1.10;
constexpr std::size_t kMaxStateDepth = 256;

struct Matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};

// m x n in PDF's row-vector convention (apply m first, then n).
Matrix multiply(const Matrix& m, const Matrix& n) {
  return {m.a * n.a + m.b * n.c, m.a * n.b + m.b * n.d, m.c * n.a + m.d * n.c,
          m.c * n.b + m.d * n.d, m.e * n.a + m.f * n.c + n.e, m.e * n.b + m.f * n.d + n.f};
}

PdfBox unit_square_box(const Matrix& m) {
  const double xs[4] = {m.e, m.a + m.e, m.c + m.e, m.a + m.c + m.e};
  const double ys[4] = {m.f, m.b + m.f, m.d + m.f, m.b + m.d + m.f};
  return {*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4), *std::max_element(xs, xs + 4),
          *std::max_element(ys, ys + 4)};
}

bool upright(const Matrix& m) {
  return m.a > 0 && m.d > 0 && std::abs(m.b) <= 1e-3 * m.a && std::abs(m.c) <= 1e-3 * m.d;
}

pd::PdfObject* resolve(pd::PdfMemDocument& doc, pd::PdfObject* obj) {
  for (int i = 0; obj && obj->IsReference() && i < 8; ++i) obj = doc.GetObjects().GetObject(obj->GetReference());
  return obj && obj->IsReference() ? nullptr : obj;
}

pd::PdfObject* dict_key(pd::PdfMemDocument& doc, pd::PdfObject* dict, const char* key) {
  if (!dict || !dict->IsDictionary()) return nullptr;
  return resolve(doc, dict->GetDictionary().GetKey(pd::PdfName(key)));
}

std::optional<double> number(const pd::PdfVariant& v) {
  if (v.IsReal() || v.IsNumber()) return v.GetReal();
  return std::nullopt;
}

std::string name_of(const pd::PdfObject* obj) {
  return obj && obj->IsName() ? obj->GetName().GetName() : std::string();
}

PdfBox to_box(const pd::PdfRect& r) {
  return {r.GetLeft(), r.GetBottom(), r.GetLeft() + r.GetWidth(), r.GetBottom() + r.GetHeight()};
}

PdfBox visible_box(pd::PdfPage& page) {
  PdfBox media = to_box(page.GetMediaBox());
  if (!(media.width() > 0 && media.height() > 0)) media = {0, 0, 612, 792};  // US Letter, as viewers assume
  PdfBox crop = to_box(page.GetCropBox());
  if (!(crop.width() > 0 && crop.height() > 0)) return media;
  const PdfBox both{std::max(media.x0, crop.x0), std::max(media.y0, crop.y0), std::min(media.x1, crop.x1),
                    std::min(media.y1, crop.y1)};
  return both.width() > 0 && both.height() > 0 ? both : media;
}

// Annotations other than links and pop-ups are drawn over the page (stamps,
// form fields, notes): the image alone would not be what the reader sees.
bool has_markup_annotations(pd::PdfMemDocument& doc, pd::PdfPage& page) {
  pd::PdfObject* annots = dict_key(doc, page.GetObject(), "Annots");
  if (!annots || !annots->IsArray()) return false;
  for (pd::PdfObject& item : annots->GetArray()) {
    pd::PdfObject* annot = resolve(doc, &item);
    const std::string subtype = name_of(dict_key(doc, annot, "Subtype"));
    if (subtype != "Link" && subtype != "Popup") return true;
  }
  return false;
}

struct DrawState {
  Matrix ctm;
  int text_render_mode = 0;
};

struct ImageDraw {
  pd::PdfObject* image = nullptr;
  Matrix ctm;
};

// The one image the page draws, or nothing when it draws anything else as well.
std::optional<ImageDraw> single_image_draw(pd::PdfMemDocument& doc, pd::PdfPage& page) {
  if (!page.GetContents()) return std::nullopt;
  pd::PdfObject* xobjects = dict_key(doc, page.GetResources(), "XObject");
  pd::PdfContentsTokenizer tokens(&page);
  pd::EPdfContentsType type;
  const char* keyword = nullptr;
  pd::PdfVariant value;
  std::vector<pd::PdfVariant> operands;
  std::vector<DrawState> saved;
  DrawState state;
  std::optional<ImageDraw> found;
  while (tokens.ReadNext(type, keyword, value)) {
    if (type == pd::ePdfContentsType_Variant) {
      if (operands.size() >= 64) operands.erase(operands.begin());
      operands.push_back(value);
      continue;
    }
    if (type == pd::ePdfContentsType_ImageData) return std::nullopt;  // inline image
    const std::string_view op(keyword);
    if (op == "q") {
      if (saved.size() < kMaxStateDepth) saved.push_back(state);
    } else if (op == "Q") {
      if (!saved.empty()) {
        state = saved.back();
        saved.pop_back();
      }
    } else if (op == "cm") {
      if (operands.size() < 6) return std::nullopt;
      double v[6];
      for (int i = 0; i < 6; ++i) {
        const auto n = number(operands[operands.size() - 6 + static_cast<std::size_t>(i)]);
        if (!n) return std::nullopt;
        v[i] = *n;
      }
      state.ctm = multiply({v[0], v[1], v[2], v[3], v[4], v[5]}, state.ctm);
    } else if (op == "Tr") {
      if (!operands.empty()) state.text_render_mode = static_cast<int>(number(operands.back()).value_or(0));
    } else if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
      if (state.text_render_mode != 3) return std::nullopt;  // visible text (mode 3 is an OCR layer)
    } else if (op == "Do") {
      if (operands.empty() || !operands.back().IsName() || found) return std::nullopt;
      pd::PdfObject* xobject = dict_key(doc, xobjects, operands.back().GetName().GetName().c_str());
      if (!xobject || !xobject->HasStream() || name_of(dict_key(doc, xobject, "Subtype")) != "Image") {
        return std::nullopt;  // form XObject or missing resource
      }
      found = ImageDraw{xobject, state.ctm};
    } else if (op == "BI" || op == "S" || op == "s" || op == "f" || op == "F" || op == "f*" || op == "B" ||
               op == "B*" || op == "b" || op == "b*" || op == "sh") {
      return std::nullopt;  // vector drawing or inline image
    }
    operands.clear();
  }
  return found;
}

int colour_components(pd::PdfMemDocument& doc, pd::PdfObject* space, bool* indexed) {
  if (!space) return 0;
  std::string family = name_of(space);
  pd::PdfObject* icc = nullptr;
  if (space->IsArray() && !space->GetArray().empty()) {
    family = name_of(resolve(doc, &space->GetArray()[0]));
    if (family == "ICCBased" && space->GetArray().size() > 1) icc = resolve(doc, &space->GetArray()[1]);
  }
  if (family == "DeviceGray" || family == "CalGray" || family == "G") return 1;
  if (family == "DeviceRGB" || family == "CalRGB" || family == "RGB") return 3;
  if (family == "DeviceCMYK" || family == "CMYK") return 4;
  if (family == "Indexed" || family == "I") *indexed = true;
  if (icc) {
    pd::PdfObject* n = dict_key(doc, icc, "N");
    if (n && n->IsNumber()) return static_cast<int>(n->GetNumber());
  }
  return 0;
}

PdfImageProps image_props(pd::PdfMemDocument& doc, pd::PdfObject* image) {
  PdfImageProps p;
  const auto integer = [&](const char* key) -> long long {
    pd::PdfObject* v = dict_key(doc, image, key);
    return v && v->IsNumber() ? static_cast<long long>(v->GetNumber()) : 0;
  };
  p.width = integer("Width");
  p.height = integer("Height");
  p.bits = static_cast<int>(integer("BitsPerComponent"));
  pd::PdfObject* mask_flag = dict_key(doc, image, "ImageMask");
  p.image_mask = mask_flag && mask_flag->IsBool() && mask_flag->GetBool();
  p.soft_mask = dict_key(doc, image, "SMask") != nullptr;
  p.mask = dict_key(doc, image, "Mask") != nullptr;
  p.decode = dict_key(doc, image, "Decode") != nullptr;
  p.components = colour_components(doc, dict_key(doc, image, "ColorSpace"), &p.indexed);
  pd::PdfObject* filter = dict_key(doc, image, "Filter");
  if (filter && filter->IsName()) p.filters.push_back(filter->GetName().GetName());
  if (filter && filter->IsArray()) {
    for (pd::PdfObject& f : filter->GetArray()) p.filters.push_back(name_of(resolve(doc, &f)));
  }
  pd::PdfObject* parms = dict_key(doc, image, "DecodeParms");
  if (parms && parms->IsArray() && !parms->GetArray().empty()) parms = resolve(doc, &parms->GetArray()[0]);
  pd::PdfObject* predictor = dict_key(doc, parms, "Predictor");
  if (predictor && predictor->IsNumber()) p.predictor = static_cast<int>(predictor->GetNumber());
  return p;
}

double overlap_area(const PdfBox& a, const PdfBox& b) {
  const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

}  // namespace

PdfPageScan scan_pdf_page(pd::PdfMemDocument& doc, int index) {
  pd::PdfPage* page = nullptr;
  try {
    page = doc.GetPage(index);
  } catch (const pd::PdfError&) {
    page = nullptr;
  }
  if (!page) throw InputFailure("PDF 页面无法读取 (the PDF page cannot be read)");

  PdfPageScan scan;
  scan.page_box = visible_box(*page);
  try {
    scan.rotation = ((page->GetRotation() % 360) + 360) % 360;
  } catch (const pd::PdfError&) {
    scan.rotation = 0;
  }
  std::optional<ImageDraw> draw;
  try {
    if (scan.rotation == 0 && !has_markup_annotations(doc, *page)) draw = single_image_draw(doc, *page);
  } catch (const pd::PdfError&) {
    draw.reset();  // content we cannot parse: Poppler will render it
  } catch (const std::exception&) {
    draw.reset();
  }
  if (!draw || !upright(draw->ctm)) return scan;

  const PdfBox drawn = unit_square_box(draw->ctm);
  const double page_area = scan.page_box.width() * scan.page_box.height();
  const double image_area = drawn.width() * drawn.height();
  if (!(page_area > 0) || overlap_area(drawn, scan.page_box) < kMinCoverage * page_area ||
      image_area > kMaxOverflow * page_area) {
    return scan;
  }
  PdfImageProps props;
  try {
    props = image_props(doc, draw->image);
  } catch (const pd::PdfError&) {
    return scan;
  } catch (const std::exception&) {
    return scan;
  }
  if (props.width <= 0 || props.height <= 0) return scan;
  scan.kind = SourceKind::PdfImage;
  scan.image = draw->image;
  scan.props = std::move(props);
  scan.image_box = drawn;
  return scan;
}

}  // namespace caseaudit::ocr
