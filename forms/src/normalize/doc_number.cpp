// Document numbers (文号), see normalize.h.
#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

using namespace detail;

std::string DocNumber::canonical() const {
  return prefix + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

namespace {

// Brackets around the year as printed and as OCR reads them, after width
// folding (（）［］｛｝ fold to ASCII, ﹝﹞ to 〔〕). An opening bracket may be
// closed by any closing one: OCR mixes them ("[2023〕") and the year is
// delimited either way. A thin opening bracket on a poor scan reads as a bar
// (宛市监立|2023]86号); a bar is never part of a 文号, so before a year and a
// closing bracket it is the bracket.
constexpr std::u32string_view kOpening = U"〔[(【「{〖『|丨";
constexpr std::u32string_view kClosing = U"〕])】」}〗』";

}  // namespace

// Grammar: prefix bracket YYYY bracket [第] serial 号, nothing after 号.
// The year bracket is the first opening bracket followed by four digits and a
// closing bracket; the prefix before it is kept as printed (with its 字, and
// a parenthesised part such as the police's 宛公（经）立字, its parentheses
// written full-width). The serial must be a positive number (leading zeros
// dropped). 号 is required: without it the serial may have been cut off.
std::optional<DocNumber> parse_doc_number(std::string_view text) {
  const std::u32string folded_text = folded(text);
  std::u32string_view s = folded_text;
  std::size_t open = std::u32string_view::npos;
  for (std::size_t i = s.find_first_of(kOpening); i != std::u32string_view::npos; i = s.find_first_of(kOpening, i + 1))
    if (i > 0 && i + 5 < s.size() && all_ascii_digits(s.substr(i + 1, 4)) && kClosing.find(s[i + 5]) != std::u32string_view::npos) {
      open = i;
      break;
    }
  if (open == std::u32string_view::npos) return std::nullopt;
  std::u32string prefix(s.substr(0, open));
  for (char32_t& c : prefix) {
    if (c == U'(') c = U'（';
    if (c == U')') c = U'）';
  }
  if (prefix.find_first_of(kOpening) != std::u32string::npos || prefix.find_first_of(kClosing) != std::u32string::npos)
    return std::nullopt;
  s.remove_prefix(open + 1);

  const std::size_t close = s.find_first_of(kClosing);
  if (close == std::u32string_view::npos) return std::nullopt;
  const std::u32string_view year_text = s.substr(0, close);
  if (year_text.size() != 4 || !all_ascii_digits(year_text) || year_text[0] == U'0') return std::nullopt;
  s.remove_prefix(close + 1);

  consume_prefix(s, U"第");
  if (!consume_suffix(s, U"号")) return std::nullopt;
  const auto serial = read_ascii_number(s, 9);
  if (!serial || *serial == 0) return std::nullopt;

  DocNumber number;
  number.prefix = to_utf8(prefix);
  number.year = static_cast<int>(*read_ascii_number(year_text, 4));
  number.serial = static_cast<int>(*serial);
  return number;
}

}  // namespace caseaudit::forms
