// 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999) with their
// check characters, and the search for an OCR misread (see normalize.h).
#include <algorithm>
#include <array>
#include <vector>

#include "caseaudit/forms/lookalikes.h"
#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

namespace {

constexpr std::size_t kCodeLength = 18;

// GB 32100-2015: 0-9 and the capitals without I, O, S, V, Z, valued 0..30.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                                29, 25, 13, 8, 24, 10, 30, 28};
// GB 11643-1999 (ISO 7064 MOD 11-2).
constexpr std::array<int, 17> kIdWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheck = "10X98765432";

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// One kind of code: which character a position allows, and the full test
// (well formed and check character right).
struct CodeRules {
  bool (*allowed)(std::size_t pos, char c);
  bool (*well_formed)(const std::string& code);
  bool (*check_ok)(const std::string& code);  // only called when well formed
};

bool credit_allowed(std::size_t, char c) { return kCreditAlphabet.find(c) != std::string_view::npos; }

bool id_allowed(std::size_t pos, char c) { return is_digit(c) || (pos == kCodeLength - 1 && c == 'X'); }

template <bool (*Allowed)(std::size_t, char)>
bool all_allowed(const std::string& code) {
  if (code.size() != kCodeLength) return false;
  for (std::size_t i = 0; i < code.size(); ++i)
    if (!Allowed(i, code[i])) return false;
  return true;
}

bool credit_well_formed(const std::string& code) { return all_allowed<credit_allowed>(code); }

bool credit_check_ok(const std::string& code) {
  int sum = 0;
  for (std::size_t i = 0; i < kCreditWeights.size(); ++i)
    sum += static_cast<int>(kCreditAlphabet.find(code[i])) * kCreditWeights[i];
  return kCreditAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)] == code[17];
}

// Birth date in characters 7-14 (1-based), YYYYMMDD.
bool id_well_formed(const std::string& code) {
  if (!all_allowed<id_allowed>(code)) return false;
  const int year = std::stoi(code.substr(6, 4));
  const int month = std::stoi(code.substr(10, 2));
  const int day = std::stoi(code.substr(12, 2));
  return detail::is_real_date(year, month, day);
}

bool id_check_ok(const std::string& code) {
  int sum = 0;
  for (std::size_t i = 0; i < kIdWeights.size(); ++i) sum += (code[i] - '0') * kIdWeights[i];
  return kIdCheck[static_cast<std::size_t>(sum % 11)] == code[17];
}

bool validates(const CodeRules& rules, const std::string& code) {
  return rules.well_formed(code) && rules.check_ok(code);
}

// First every single substitution of a confusable character (where the
// substitute is allowed at that position); if exactly one validates, that
// one, if several do, none (ambiguous). If none does, every character
// outside the alphabet is replaced by its one allowed confusable and the
// result is taken when it validates.
std::string find_misread(const CodeRules& rules, const std::string& raw, const std::string& code) {
  if (raw.size() != kCodeLength) return {};
  std::vector<std::string> found;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    for (const char alternative : code_confusables(raw[i])) {
      if (!rules.allowed(i, alternative)) continue;
      std::string candidate = code;
      candidate[i] = alternative;
      if (validates(rules, candidate) && std::find(found.begin(), found.end(), candidate) == found.end())
        found.push_back(candidate);
    }
  }
  if (found.size() == 1) return found.front();
  if (!found.empty()) return {};

  std::string candidate = code;
  bool changed = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (rules.allowed(i, code[i])) continue;
    std::vector<char> alternatives;
    for (const char alternative : code_confusables(raw[i]))
      if (rules.allowed(i, alternative)) alternatives.push_back(alternative);
    if (alternatives.size() != 1) return {};
    candidate[i] = alternatives.front();
    changed = true;
  }
  return changed && validates(rules, candidate) ? candidate : std::string{};
}

CodeCheck check_code(const CodeRules& rules, std::string_view text) {
  const std::string raw = fold_width(text);
  CodeCheck result;
  result.code.reserve(raw.size());
  for (const char c : raw) result.code.push_back(ascii_upper(c));
  result.well_formed = rules.well_formed(result.code);
  result.check_ok = result.well_formed && rules.check_ok(result.code);
  if (!result.check_ok) result.possible_misread = find_misread(rules, raw, result.code);
  return result;
}

}  // namespace

CodeCheck check_credit_code(std::string_view text) {
  static constexpr CodeRules kRules{credit_allowed, credit_well_formed, credit_check_ok};
  return check_code(kRules, text);
}

CodeCheck check_id_number(std::string_view text) {
  static constexpr CodeRules kRules{id_allowed, id_well_formed, id_check_ok};
  return check_code(kRules, text);
}

}  // namespace caseaudit::forms
