// Readable names and cut text (see readable_text.h).
#include "caseaudit/ocr/readable_text.h"

#include <cstdio>

#include "caseaudit/ocr/text_encoding.h"

namespace caseaudit::ocr {

namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool has_control(std::string_view s) {
  for (const char c : s)
    if (is_control(static_cast<unsigned char>(c))) return true;
  return false;
}

bool is_utf8(std::string_view s) {
  Utf8Checker checker;
  std::size_t complete = 0;
  return checker.check(s, complete) && !checker.incomplete_at_end() && complete == s.size();
}

std::string escaped(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", c);
  return buf;
}

// Keeps every valid UTF-8 sequence, escapes every other byte.
std::string escape_invalid(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (!is_control(c))
      for (std::size_t k = 1; k <= 4 && i + k <= s.size(); ++k)
        if (is_utf8(s.substr(i, k))) {
          len = k;
          break;
        }
    if (len == 0) {
      out += escaped(c);
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace

std::string readable_bytes(std::string_view bytes) {
  if (is_utf8(bytes) && !has_control(bytes)) return std::string(bytes);
  if (!has_control(bytes)) {
    Gb18030Plausibility plausibility;
    plausibility.feed(bytes);
    std::string decoded;
    Gb18030Decoder decoder;
    if (plausibility.plausible() && decoder.decode(bytes, true, decoded) && !has_control(decoded)) return decoded;
  }
  return escape_invalid(bytes);
}

std::string readable_path(const std::filesystem::path& path) {
  const std::string& s = path.native();
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t slash = s.find('/', start);
    const std::size_t end = slash == std::string::npos ? s.size() : slash;
    out += readable_bytes(std::string_view(s).substr(start, end - start));
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string cut_for_message(std::string_view text, std::size_t limit) {
  std::size_t chars = 0, cut = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == limit) cut = i;
    ++chars;
  }
  if (cut == std::string_view::npos) return std::string(text);
  return std::string(text.substr(0, cut)) + "…（共 " + std::to_string(chars) + " 字）";
}

}  // namespace caseaudit::ocr
