// Masking 身份证号 (see id_mask.h).
#include "caseaudit/forms/id_mask.h"

#include <cctype>

#include "caseaudit/forms/code_points.h"

namespace caseaudit::forms {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

int number(const std::string& s, std::size_t at, std::size_t len) { return std::stoi(s.substr(at, len)); }

// An 18-character run whose birth date (positions 7-14) is plausible; a
// 15-digit run (the pre-1999 form). Other long numbers (amounts, 统一社会信用代码
// that happen to be all digits) usually fail the date test and stay readable.
bool looks_like_id(const std::string& run) {
  if (run.size() == 15) return true;
  if (run.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i)
    if (!digit(run[i])) return false;
  if (!digit(run[17]) && run[17] != 'X' && run[17] != 'x') return false;
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
  std::size_t i = 0;
  while (i < text.size()) {
    if (!alnum(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && alnum(text[j])) ++j;
    const std::string run = text.substr(i, j - i);
    bool all_digits_or_x = true;
    for (std::size_t k = 0; k < run.size(); ++k)
      if (!digit(run[k]) && !(k + 1 == run.size() && (run[k] == 'X' || run[k] == 'x'))) all_digits_or_x = false;
    if (all_digits_or_x && looks_like_id(run))
      out += run.substr(0, 6) + std::string(run.size() - 10, '*') + run.substr(run.size() - 4);
    else
      out += run;
    i = j;
  }
  return out;
}

}  // namespace caseaudit::forms
