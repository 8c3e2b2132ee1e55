// UTF-8 checking and GB18030 decoding (see text_encoding.h).
#include "caseaudit/ocr/text_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <array>

namespace caseaudit::ocr {

namespace {

// Controls that do not occur in a text export (tab, CR, LF, form feed and a
// DOS end-of-file mark do).
bool is_bad_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x0C && c != 0x1A) || c == 0x7F;
}

}  // namespace

bool Utf8Checker::check(std::string_view data, std::size_t& complete) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  std::size_t i = 0;
  incomplete_ = false;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) return false;  // NUL: UTF-16 or binary, not a text export
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (Unicode table 3-7)
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= n) {  // cut by the chunk end: keep for the next chunk
        incomplete_ = true;
        complete = i;
        return true;
      }
      const unsigned char b = p[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += len;
  }
  complete = n;
  return true;
}

void Gb18030Plausibility::feed(std::string_view bytes) {
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    switch (state_) {
      case 0:
        if (b < 0x80) {
          if (is_bad_control(b)) ++controls_;
        } else if (b >= 0x81 && b <= 0xFE) {
          lead_ = b;
          state_ = 1;
        } else {
          ++other_;
        }
        break;
      case 1:
        if (b >= 0x30 && b <= 0x39) {  // four-byte sequence: supplementary or rare characters
          ++other_;
          state_ = 2;
        } else {
          if (lead_ >= 0xA1 && lead_ <= 0xF7 && b >= 0xA1 && b <= 0xFE) ++common_;
          else ++other_;
          state_ = 0;
        }
        break;
      case 2: state_ = 3; break;
      default: state_ = 0; break;
    }
  }
}

bool Gb18030Plausibility::plausible() const {
  if (controls_ > 0) return false;
  const std::size_t multi = common_ + other_;
  return multi == 0 || common_ * 10 >= multi * 8;
}

struct Gb18030Decoder::Impl {
  UConverter* source = nullptr;
  UConverter* target = nullptr;
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  bool ok = false;
  bool first = true;
};

Gb18030Decoder::Gb18030Decoder() : impl_(std::make_unique<Impl>()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->source = ucnv_open("GB18030", &err);
  UErrorCode err2 = U_ZERO_ERROR;
  impl_->target = ucnv_open("UTF-8", &err2);
  if (U_SUCCESS(err) && U_SUCCESS(err2)) {
    ucnv_setToUCallBack(impl_->source, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
    impl_->ok = U_SUCCESS(err);
  }
}

Gb18030Decoder::~Gb18030Decoder() {
  if (impl_->source) ucnv_close(impl_->source);
  if (impl_->target) ucnv_close(impl_->target);
}

bool Gb18030Decoder::decode(std::string_view bytes, bool last, std::string& out) {
  if (!impl_->ok) return false;
  static const char kNothing[1] = {0};
  const char* src = bytes.empty() ? kNothing : bytes.data();  // ICU refuses a null source, even an empty one
  const char* src_end = src + bytes.size();
  char buffer[65536];
  for (;;) {
    char* dst = buffer;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_convertEx(impl_->target, impl_->source, &dst, buffer + sizeof buffer, &src, src_end, impl_->pivot.data(),
                   &impl_->pivot_source, &impl_->pivot_target, impl_->pivot.data() + impl_->pivot.size(),
                   impl_->first, last, &err);
    impl_->first = false;
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    return U_SUCCESS(err);
  }
}

}  // namespace caseaudit::ocr
