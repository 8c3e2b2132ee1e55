// Width folding and white-space removal (see normalize.h).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::forms {

std::string strip_spaces(std::string_view text) {
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    if (!u_isUWhiteSpace(c) && c != 0x3000) out.append(c);
    i += U16_LENGTH(c);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string fold_width(std::string_view text) {
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
