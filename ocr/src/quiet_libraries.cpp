#include "quiet_libraries.h"

#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <mutex>

namespace caseaudit::ocr {

void quiet_libraries() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
  });
}

}  // namespace caseaudit::ocr
