#include "caseaudit/ocr/error.h"

namespace caseaudit::ocr {

std::string InputError::message() const {
  std::string out = file.string();
  if (page >= 0) {
    const std::string n = std::to_string(page + 1);
    out += ": 第" + n + "页 (page " + n + ")";
  }
  out += ": ";
  out += reason;
  return out;
}

}  // namespace caseaudit::ocr
