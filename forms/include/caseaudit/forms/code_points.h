// UTF-8 <-> code points, the one conversion the modules above ocr share. An
// ill-formed UTF-8 sequence becomes U+FFFD, which no normaliser accepts, so
// bad bytes never stop a comparison. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace caseaudit::forms {

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace caseaudit::forms
