#include "caseaudit/ocr/error.h"

#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::ocr {

std::string located(const std::filesystem::path& file, int line, const std::string& reason) {
  return readable_path(file) + (line > 0 ? ":" + std::to_string(line) : "") + ": " + reason;
}

std::string InputError::message() const {
  std::string out = readable_path(file);
  if (page >= 0) {
    const std::string n = std::to_string(page + 1);
    out += ": 第" + n + "页 (page " + n + ")";
  }
  out += ": ";
  out += reason;
  return out;
}

}  // namespace caseaudit::ocr
