// Masking 身份证号 (see id_mask.h).
#include "caseaudit/forms/id_mask.h"

#include <string_view>

#include "caseaudit/forms/code_points.h"

namespace caseaudit::forms {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }  // ASCII only, any locale

int number(std::string_view s, std::size_t at, std::size_t len) {
  int v = 0;
  for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// An 18-character run of digits (the last may be X) whose birth date
// (positions 7-14) is plausible; a 15-digit run (the pre-1999 form). Other
// long numbers (amounts, 统一社会信用代码 that happen to be all digits) usually
// fail the date test and stay readable.
bool looks_like_id(std::string_view run) {
  if (run.size() != 15 && run.size() != 18) return false;
  for (std::size_t k = 0; k < run.size(); ++k)
    if (!digit(run[k]) && !(k + 1 == run.size() && (run[k] == 'X' || run[k] == 'x'))) return false;
  if (run.size() == 15) return true;
  const int year = number(run, 6, 4), month = number(run, 10, 2), day = number(run, 12, 2);
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

std::string mask_id(const std::string& id) {
  const std::u32string u = to_u32(id);
  if (u.size() < 11) return id;
  return to_utf8(u.substr(0, 6)) + std::string(u.size() - 10, '*') + to_utf8(u.substr(u.size() - 4));
}

std::string mask_id_numbers(const std::string& text) {
  std::string out;
  std::size_t copied = 0;  // text before this is in `out`
  for (std::size_t i = 0; i < text.size();) {
    if (!alnum(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && alnum(text[j])) ++j;
    if (looks_like_id(std::string_view(text).substr(i, j - i))) {
      out.append(text, copied, i - copied).append(text, i, 6).append(j - i - 10, '*').append(text, j - 4, 4);
      copied = j;
    }
    i = j;
  }
  if (copied == 0) return text;  // no ID number: most texts
  return out.append(text, copied);
}

}  // namespace caseaudit::forms
