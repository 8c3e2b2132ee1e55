// Internal (searchable PDF): page images and the invisible text layer through
// PoDoFo 0.9.8 (PdfStreamedDocument: image streams go to disk as they come).
#include "searchable_pdf_writer.h"

#include <podofo/podofo.h>

#include <cstdio>
#include <string>

#include "caseaudit/ocr/error.h"
#include "quiet_libraries.h"

namespace caseaudit::ocr::pdf_out {
namespace {

using namespace PoDoFo;

// Code points of a UTF-8 string; malformed bytes become U+FFFD.
std::u32string decode_utf8(const std::string& s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t extra = lead < 0x80           ? 0
                              : (lead >> 5) == 0x6  ? 1
                              : (lead >> 4) == 0xE  ? 2
                              : (lead >> 3) == 0x1E ? 3
                                                    : 4;  // 4: not a lead byte
    char32_t cp = extra == 0 ? lead : static_cast<char32_t>(lead & (0x3F >> extra));
    bool ok = extra < 4 && i + extra < s.size();
    for (std::size_t k = 1; ok && k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    out += ok ? cp : U'\uFFFD';
    i += ok ? extra + 1 : 1;
  }
  return out;
}

// A PDF text string (UTF-16BE with byte order mark) as a hex literal.
std::string hex_text_string(const std::u32string& text) {
  std::string out = "<FEFF";
  char buf[8];
  auto unit = [&](unsigned u) {
    std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFF);
    out += buf;
  };
  for (char32_t cp : text) {
    if (cp >= 0x10000) {
      const unsigned v = static_cast<unsigned>(cp) - 0x10000;
      unit(0xD800 + (v >> 10));
      unit(0xDC00 + (v & 0x3FF));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  return out + ">";
}

void set_image_dictionary(PdfImage& image, const StoredImage& stored) {
  PdfDictionary& dict = image.GetObject()->GetDictionary();
  if (!stored.palette.empty()) {
    PdfArray indexed;  // [/Indexed] is put in front by PoDoFo
    indexed.push_back(PdfName("DeviceRGB"));
    indexed.push_back(static_cast<pdf_int64>(stored.palette.size() / 3 - 1));
    indexed.push_back(PdfString(stored.palette.data(), static_cast<pdf_long>(stored.palette.size()), true));
    image.SetImageColorSpace(ePdfColorSpace_Indexed, &indexed);
  } else {
    image.SetImageColorSpace(stored.components == 4   ? ePdfColorSpace_DeviceCMYK
                             : stored.components == 3 ? ePdfColorSpace_DeviceRGB
                                                      : ePdfColorSpace_DeviceGray);
  }
  switch (stored.filter) {
    case StoredImage::Filter::Dct:
      dict.AddKey(PdfName::KeyFilter, PdfName("DCTDecode"));
      break;
    case StoredImage::Filter::CcittG4: {
      dict.AddKey(PdfName::KeyFilter, PdfName("CCITTFaxDecode"));
      PdfDictionary parms;
      parms.AddKey("K", static_cast<pdf_int64>(-1));
      parms.AddKey("Columns", static_cast<pdf_int64>(stored.width));
      parms.AddKey("Rows", static_cast<pdf_int64>(stored.height));
      dict.AddKey("DecodeParms", parms);
      break;
    }
    case StoredImage::Filter::Flate:
      dict.AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
      if (stored.png_predictor) {
        PdfDictionary parms;
        parms.AddKey("Predictor", static_cast<pdf_int64>(15));
        parms.AddKey("Colors", static_cast<pdf_int64>(stored.components));
        parms.AddKey("BitsPerComponent", static_cast<pdf_int64>(stored.bits));
        parms.AddKey("Columns", static_cast<pdf_int64>(stored.width));
        dict.AddKey("DecodeParms", parms);
      }
      break;
  }
  if (stored.invert_cmyk) {
    PdfArray decode;
    for (int i = 0; i < 4; ++i) {
      decode.push_back(static_cast<pdf_int64>(1));
      decode.push_back(static_cast<pdf_int64>(0));
    }
    dict.AddKey("Decode", decode);
  }
  PdfMemoryInputStream data(stored.data.data(), static_cast<pdf_long>(stored.data.size()));
  image.SetImageDataRaw(static_cast<unsigned>(stored.width), static_cast<unsigned>(stored.height),
                        static_cast<unsigned>(stored.bits), &data);
}

std::string podofo_message(const PdfError& e) {
  std::string what = PdfError::ErrorName(e.GetError()) ? PdfError::ErrorName(e.GetError()) : "PdfError";
  if (!e.GetCallstack().empty() && !e.GetCallstack().front().GetInformation().empty()) {
    what += " (" + e.GetCallstack().front().GetInformation() + ")";
  }
  return what;
}

}  // namespace

struct DocumentWriter::State {
  std::unique_ptr<PdfOutputDevice> device;  // declared first: outlives the document
  std::unique_ptr<PdfStreamedDocument> doc;
  PdfFont* font = nullptr;
  double descent_per_size = 0;  // font descent, negative, per point of size
};

DocumentWriter::DocumentWriter(std::ostream& out, const std::filesystem::path& font)
    : state_(std::make_unique<State>()) {
  quiet_libraries();
  try {
    state_->device = std::make_unique<PdfOutputDevice>(&out);
    state_->doc = std::make_unique<PdfStreamedDocument>(state_->device.get(), ePdfVersion_1_5);
  } catch (const PdfError& e) {
    throw EnvironmentError("无法写入 PDF 文件 (cannot write the PDF file): " + podofo_message(e));
  }
  try {
    state_->font = state_->doc->CreateFontSubset("CaseauditText", false, false, false,
                                                 PdfEncodingFactory::GlobalIdentityEncodingInstance(),
                                                 font.c_str());
  } catch (const PdfError& e) {
    throw EnvironmentError("无法加载字体 (cannot load the font) " + font.string() +
                           ": 需要纯 TrueType 中文字体 (a plain TrueType CJK font is needed): " +
                           podofo_message(e));
  }
  if (!state_->font) {
    throw EnvironmentError("无法加载字体 (cannot load the font) " + font.string());
  }
  state_->doc->GetInfo()->SetCreator(PdfString("caseaudit"));
  PdfFontMetrics* metrics = state_->font->GetFontMetrics2();
  metrics->SetFontSize(1000.0f);
  state_->descent_per_size = metrics->GetDescent() / 1000.0;
}

DocumentWriter::~DocumentWriter() = default;

void DocumentWriter::add_page(const StoredImage& stored, const PageGeometry& geometry,
                              const std::vector<LinePlacement>& lines) {
  PdfStreamedDocument& doc = *state_->doc;
  try {
    // The image stream is written to disk first: a streamed document takes
    // one open stream at a time, and the page's content stream comes next.
    PdfImage image(&doc);
    set_image_dictionary(image, stored);

    PdfPage* page = doc.CreatePage(PdfRect(0, 0, geometry.width_pt, geometry.height_pt));
    if (geometry.rotate != 0) page->SetRotation(geometry.rotate);

    PdfPainter painter;
    painter.SetPage(page);
    painter.DrawImage(0, 0, &image, geometry.width_pt / stored.width, geometry.height_pt / stored.height);

    PdfFont* font = state_->font;
    PdfFontMetrics* metrics = font->GetFontMetrics2();
    painter.SetFont(font);
    painter.SetTextRenderingMode(ePdfTextRenderingMode_Invisible);
    for (const LinePlacement& line : lines) {
      if (line.length <= 0 || line.thickness <= 0) continue;
      const std::u32string code_points = decode_utf8(line.text);
      bool all_glyphs = true;
      for (char32_t cp : code_points) {
        if (cp >= 0x10000 || (cp != U' ' && metrics->GetGlyphId(static_cast<long>(cp)) == 0)) all_glyphs = false;
      }
      const PdfString text(reinterpret_cast<const pdf_utf8*>(line.text.c_str()));

      // Natural advance at this size, then the horizontal scale that makes it
      // exactly the box length.
      const double size = line.thickness;
      font->SetFontScale(100.0f);
      font->SetFontCharSpace(0.0f);
      font->SetFontSize(static_cast<float>(size));
      const double natural = metrics->StringWidth(text);
      if (natural <= 0) continue;
      font->SetFontScale(static_cast<float>(100.0 * line.length / natural));

      // Baseline: up from the box's foot edge by the font's descent.
      const double lift = -state_->descent_per_size * size;
      const double bx = line.origin_x - line.dir_y * lift;
      const double by = line.origin_y + line.dir_x * lift;

      painter.Save();
      painter.SetTransformationMatrix(line.dir_x, line.dir_y, -line.dir_y, line.dir_x, bx, by);
      if (!all_glyphs) {
        painter.GetCanvas()->Append("/Span << /ActualText " + hex_text_string(code_points) + " >> BDC\n");
      }
      painter.DrawText(0, 0, text);
      if (!all_glyphs) painter.GetCanvas()->Append("EMC\n");
      painter.Restore();
    }
    painter.FinishPage();
  } catch (const PdfError& e) {
    throw EnvironmentError("PDF 写入失败 (writing the PDF failed): " + podofo_message(e));
  }
}

void DocumentWriter::finish() {
  try {
    state_->doc->Close();
  } catch (const PdfError& e) {
    throw EnvironmentError("PDF 写入失败 (writing the PDF failed): " + podofo_message(e));
  }
}

}  // namespace caseaudit::ocr::pdf_out
