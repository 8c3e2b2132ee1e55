// Width folding and white-space removal (see normalize.h).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::forms {

std::string strip_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) out += "\xEF\xBF\xBD";  // not UTF-8: U+FFFD, as ICU's conversion writes it
    else if (!u_isUWhiteSpace(c) && c != 0x3000) out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

bool nfkc_inert(std::string_view text) {
  // Per character of the Basic Multilingual Plane, looked up once: it is its
  // own normal form and nothing before it can combine with it. A text of such
  // characters is normalised as it is (a boundary between every two of them).
  static const std::vector<bool> inert = [] {
    std::vector<bool> table(0x10000, false);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return table;
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c) || !nfkc->hasBoundaryBefore(c)) continue;
      UErrorCode ok = U_ZERO_ERROR;
      table[static_cast<std::size_t>(c)] = nfkc->isNormalized(icu::UnicodeString(c), ok) && U_SUCCESS(ok);
    }
    return table;
  }();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || c >= 0x10000 || !inert[static_cast<std::size_t>(c)]) return false;
  }
  return true;
}

std::string fold_width(std::string_view text) {
  if (nfkc_inert(text)) return strip_spaces(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return strip_spaces(text);
  const icu::UnicodeString folded = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return strip_spaces(text);
  std::string result;
  folded.toUTF8String(result);
  return strip_spaces(result);
}

}  // namespace caseaudit::forms
