#include "eval/cer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace caseaudit::eval {
namespace {

std::u32string prepare(const std::string& utf8, bool nfkc) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  if (nfkc) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString folded = n->normalize(s, status);
      if (U_SUCCESS(status)) s = folded;
    }
  }
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) continue;
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::size_t char_errors(const std::string& recognised, const std::string& truth,
                        const CerOptions& options, std::size_t* truth_length) {
  const std::u32string r = prepare(recognised, options.nfkc);
  const std::u32string t = prepare(truth, options.nfkc);
  if (truth_length) *truth_length = t.size();
  return levenshtein(r, t);
}

double cer(const std::string& recognised, const std::string& truth, const CerOptions& options) {
  std::size_t n = 0;
  const std::size_t e = char_errors(recognised, truth, options, &n);
  if (n == 0) return e == 0 ? 0.0 : 1.0;
  return static_cast<double>(e) / static_cast<double>(n);
}

}  // namespace caseaudit::eval
