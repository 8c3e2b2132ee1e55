// Character encodings of text (exports, unit lists, file names from Windows
// machines): UTF-8 (with or without BOM) is read
// as it is; anything else is tried as GB18030 (which covers GBK and GB2312),
// through ICU, and kept only when the decoded text is plausible Chinese or
// ASCII. A Latin-1 or binary file is refused rather than turned into
// mojibake. Both work on chunks, so a large file is never held in memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace caseaudit::ocr {

inline constexpr const char* kEncodingProblem = "无法识别文件编码 (encoding not recognised: not UTF-8 or GB18030)";

// Checks UTF-8 chunk by chunk. A NUL byte counts as invalid too: no text
// export holds one (a UTF-16 file does).
class Utf8Checker {
 public:
  // Sets `complete` to how many leading bytes of `data` can be passed on: all
  // but an incomplete sequence at the end, which the caller prepends to the
  // next chunk. Returns false when the bytes are not valid UTF-8.
  bool check(std::string_view data, std::size_t& complete);
  // True when the file ended in the middle of a sequence.
  bool incomplete_at_end() const { return incomplete_; }
  void set_incomplete(bool v) { incomplete_ = v; }

 private:
  bool incomplete_ = false;
};

// Byte statistics of a GB18030 text: how many double-byte characters fall in
// the GB2312 area (common hanzi and CJK punctuation) against the rest.
class Gb18030Plausibility {
 public:
  void feed(std::string_view bytes);
  // No control characters, and at least 80% of the multibyte characters in
  // the GB2312 area (real Chinese text: nearly all; Latin-1 read as GBK:
  // mostly extension-area characters, which are rare in real text).
  bool plausible() const;

 private:
  int state_ = 0;
  unsigned char lead_ = 0;
  std::size_t controls_ = 0, common_ = 0, other_ = 0;
};

// Streaming GB18030 -> UTF-8 through ICU; an invalid or unmapped sequence is
// an error, never a replacement character.
class Gb18030Decoder {
 public:
  Gb18030Decoder();
  ~Gb18030Decoder();
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;
  // Appends the UTF-8 of `bytes` to `out`; `last` for the final chunk.
  // Returns false on a byte sequence that is not GB18030.
  bool decode(std::string_view bytes, bool last, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace caseaudit::ocr
