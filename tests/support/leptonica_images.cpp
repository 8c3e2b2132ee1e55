#include "support/leptonica_images.h"

#include <stdexcept>

namespace caseaudit::test {

PIX* page_pix(int w, int h, int depth, int dpi) {
  PIX* p = pixCreate(w, h, depth);
  if (depth == 1) {
    pixClearAll(p);
    pixRasterop(p, 2, 2, w / 4, h / 4, PIX_SET, nullptr, 0, 0);
  } else {
    pixSetAll(p);
    pixRasterop(p, 2, 2, w / 4, h / 4, PIX_CLR, nullptr, 0, 0);
  }
  if (depth == 32) {
    BOX* box = boxCreate(w / 2, h / 2, w / 4, h / 4);
    pixSetInRectArbitrary(p, box, 0xff000000);  // pure red
    boxDestroy(&box);
  }
  pixSetResolution(p, dpi, dpi);
  return p;
}

std::string encode_pix(PIX* p, int format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  if (format == IFF_JFIF_JPEG) pixWriteMemJpeg(&data, &size, p, 90, 0);
  else if (format == IFF_PNG) pixWriteMemPng(&data, &size, p, 0.0f);
  else if (format == IFF_TIFF_G4) pixWriteMemTiff(&data, &size, p, IFF_TIFF_G4);
  pixDestroy(&p);
  if (data == nullptr) throw std::runtime_error("encode_pix: unsupported format or encoder failure");
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

void write_g4_tiff(const std::filesystem::path& file, const std::vector<std::pair<int, int>>& sizes, int dpi) {
  const char* mode = "w";
  for (const auto& [w, h] : sizes) {
    PIX* p = page_pix(w, h, 1, dpi);
    pixWriteTiff(file.c_str(), p, IFF_TIFF_G4, mode);
    pixDestroy(&p);
    mode = "a";
  }
}

}  // namespace caseaudit::test
