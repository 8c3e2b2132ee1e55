// What the linker compares of one record, normalised once before any pair is
// scored: the canonical 文号 and a loose reading of it that survives OCR slips
// (a bracket read as C, O for 0, zero padding), the folded party name as code
// points, the folded unit, and the date a case is best placed in time by.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "caseaudit/audit/record.h"

namespace caseaudit::audit::link_detail {

// 文号 read loosely: prefix (letters and CJK only, brackets and look-alikes
// dropped), the four-digit year and the serial's digits (no leading zeros),
// with O/I/Z/S/B read as digits where digits belong.
struct LooseNumber {
  std::u32string prefix;
  int year = 0;
  std::string serial;  // ASCII digits
  bool ok = false;
  friend bool operator==(const LooseNumber&, const LooseNumber&) = default;
};

// The texts it views are the record's, or the builder's (keys it computed,
// unit keys): a view lives no longer than both.
struct LinkView {
  std::string_view number_key;   // canonical 文号 (the record's, else parsed from the raw text), or ""
  std::u32string number_folded;  // raw 文号 width-folded, spaces removed (edit distance when no loose reading)
  LooseNumber loose;
  std::string_view party_key;    // the record's party_key, else computed
  std::u32string party;          // party_key as code points
  std::string_view unit_key;     // party_key(unit)
  std::u32string_view unit;      // unit_key as code points
  std::optional<forms::Date> best_date;  // 立案, else 处罚决定, else 移送, else 撤案
};

// Full-width forms to ASCII, ideographic space and white space removed, UTF-8 decoded.
std::u32string fold_to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);
LooseNumber read_loose_number(std::u32string_view folded);

// Builds views; unit keys are kept once a unit text (a few units, many
// records), keys a record lacks once a record.
class ViewBuilder {
 public:
  LinkView build(const CaseRecord& record);

 private:
  std::string_view keep(std::string key);
  std::unordered_map<std::string, std::pair<std::string, std::u32string>> unit_keys_;
  std::deque<std::string> computed_;  // a deque: its strings never move
};

// 64-bit FNV-1a, for block keys (the same on every machine, so linking is reproducible).
std::uint64_t hash_bytes(std::uint64_t seed, const void* data, std::size_t size);
inline std::uint64_t hash_text(std::uint64_t seed, std::string_view s) { return hash_bytes(seed, s.data(), s.size()); }
inline std::uint64_t hash_u32(std::uint64_t seed, std::u32string_view s) {
  return hash_bytes(seed, s.data(), s.size() * sizeof(char32_t));
}
inline std::uint64_t hash_int(std::uint64_t seed, std::int64_t v) { return hash_bytes(seed, &v, sizeof v); }

}  // namespace caseaudit::audit::link_detail
