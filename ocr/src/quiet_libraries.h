// Internal: the library never prints. Leptonica, PoDoFo and Tesseract write
// diagnostics to stderr by default; this switches them off once per process.
#pragma once

namespace caseaudit::ocr {

void quiet_libraries();

}  // namespace caseaudit::ocr
