// UTF-8 <-> code points and small string helpers for the normalisers.
#include <unicode/utf8.h>

#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  std::size_t starts = 0;  // bytes that begin a character: room for exactly that many
  for (const char byte : utf8) starts += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  out.reserve(starts);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char32_t c : text) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, static_cast<UChar32>(c));
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
  }
  return out;
}

namespace detail {


std::u32string folded(std::string_view text) { return to_u32(fold_width(text)); }

bool consume_prefix(std::u32string_view& s, std::u32string_view prefix) {
  if (!s.starts_with(prefix)) return false;
  s.remove_prefix(prefix.size());
  return true;
}

bool consume_suffix(std::u32string_view& s, std::u32string_view suffix) {
  if (!s.ends_with(suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

std::optional<std::int64_t> read_ascii_number(std::u32string_view s, int max_digits) {
  if (!all_ascii_digits(s) || s.size() > static_cast<std::size_t>(max_digits)) return std::nullopt;
  std::int64_t value = 0;
  for (const char32_t c : s) value = value * 10 + static_cast<std::int64_t>(c - U'0');
  return value;
}

}  // namespace detail

}  // namespace caseaudit::forms
