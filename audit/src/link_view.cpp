// Normalising one record for the linker (see link_view.h).
#include "link_view.h"

#include "caseaudit/forms/code_points.h"

namespace caseaudit::audit::link_detail {

namespace {

std::u32string decode(std::string_view s) { return forms::to_u32(s); }

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// A character where a digit belongs, read as the digit OCR most likely saw.
char digit_of(char32_t c) {
  if (is_ascii_digit(c)) return static_cast<char>(c);
  switch (c) {
    case U'O': case U'o': case U'D': case U'Q': case U'〇': return '0';
    case U'I': case U'l': case U'|': return '1';
    case U'Z': case U'z': return '2';
    case U'S': case U's': return '5';
    case U'B': return '8';
    case U'G': case U'b': return '6';
    default: return 0;
  }
}

// Characters that stand where a bracket was printed, as printed or as OCR misreads one.
bool bracket_like(char32_t c) {
  static constexpr std::u32string_view kBrackets = U"〔〕[]()【】「」{}〖〗『』﹝﹞<>《》CcLlJ|/\\";
  return kBrackets.find(c) != std::u32string_view::npos;
}

bool prefix_char(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= U'A' && c <= U'Z') ||
         (c >= U'a' && c <= U'z') || is_ascii_digit(c);
}

}  // namespace

std::u32string fold_to_u32(std::string_view utf8) {
  std::u32string out = decode(utf8);
  std::size_t kept = 0;  // folded in place
  for (char32_t c : out) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c == U'﹝') c = U'〔';
    if (c == U'﹞') c = U'〕';
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0) continue;
    out[kept++] = c;
  }
  out.resize(kept);
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// The year is the first run of four digit-like characters (at least three of
// them real digits) reading 1980-2099 that no real digit touches; the prefix
// is what comes before it, the serial the digits after it (up to three
// bracket-like characters or 第 in between).
LooseNumber read_loose_number(std::u32string_view s) {
  LooseNumber n;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (i > 0 && is_ascii_digit(s[i - 1])) continue;
    if (i + 4 < s.size() && is_ascii_digit(s[i + 4])) continue;
    int year = 0, real = 0;
    bool digits = true;
    for (std::size_t k = 0; k < 4 && digits; ++k) {
      const char d = digit_of(s[i + k]);
      if (!d) digits = false;
      year = year * 10 + (d - '0');
      real += is_ascii_digit(s[i + k]) ? 1 : 0;
    }
    if (!digits || real < 3 || year < 1980 || year > 2099) continue;
    std::size_t end = i;
    while (end > 0 && bracket_like(s[end - 1])) --end;
    for (std::size_t k = 0; k < end; ++k)
      if (prefix_char(s[k])) n.prefix.push_back(s[k]);
    std::size_t j = i + 4, skipped = 0;
    while (j < s.size() && !is_ascii_digit(s[j]) && skipped < 3 && (bracket_like(s[j]) || s[j] == U'第')) ++j, ++skipped;
    std::string serial;
    for (; j < s.size(); ++j) {
      const char d = digit_of(s[j]);
      if (!d) break;
      if (!serial.empty() || d != '0') serial.push_back(d);
    }
    if (serial.empty()) return LooseNumber{};
    n.year = year;
    n.serial = std::move(serial);
    n.ok = true;
    return n;
  }
  return n;
}

std::string_view ViewBuilder::keep(std::string key) {
  if (key.empty()) return {};
  return computed_.emplace_back(std::move(key));
}

LinkView ViewBuilder::build(const CaseRecord& r) {
  LinkView v;
  v.number_key = !r.number_key.empty() || r.number.empty() ? std::string_view(r.number_key) : keep(doc_number_key(r.number));
  v.number_folded = fold_to_u32(r.number.empty() ? r.number_key : r.number);
  v.loose = read_loose_number(v.number_folded);
  v.party_key = !r.party_key.empty() || r.party.empty() ? std::string_view(r.party_key) : keep(audit::party_key(r.party));
  v.party = decode(v.party_key);
  if (!r.unit.empty()) {
    auto it = unit_keys_.find(r.unit);
    if (it == unit_keys_.end()) {
      std::string key = audit::party_key(r.unit);
      std::u32string points = decode(key);
      it = unit_keys_.emplace(r.unit, std::make_pair(std::move(key), std::move(points))).first;
    }
    v.unit_key = it->second.first;
    v.unit = it->second.second;
  }
  v.best_date = r.filed ? r.filed : r.decided ? r.decided : r.transferred ? r.transferred : r.withdrawn;
  return v;
}

std::uint64_t hash_bytes(std::uint64_t seed, const void* data, std::size_t size) {
  std::uint64_t h = 1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace caseaudit::audit::link_detail
