// Field similarities (see link_similarity.h).
#include "link_similarity.h"

#include "caseaudit/forms/lookalikes.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace caseaudit::audit::link_detail {

bool confusable_digits(char a, char b) {
  return a != b && forms::lookalike(static_cast<char32_t>(static_cast<unsigned char>(a)),
                                    static_cast<char32_t>(static_cast<unsigned char>(b)));
}

namespace {

// Serials: equal 1; same length with one confusable digit 0.6; one other
// digit 0.1 (87 and 86 are two cases of one bureau); anything else 0.
double serial_similarity(const std::string& a, const std::string& b) {
  if (a == b) return 1;
  if (a.size() != b.size()) return 0;
  int diffs = 0;
  bool conf = true;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) ++diffs, conf = conf && confusable_digits(a[i], b[i]);
  if (diffs != 1) return 0;
  return conf ? 0.6 : 0.1;
}

}  // namespace

double number_similarity(const LinkView& a, const LinkView& b) {
  if (!a.number_key.empty() && a.number_key == b.number_key) return 1;
  if (a.loose.ok && b.loose.ok) {
    if (a.loose == b.loose) return 0.95;  // the same 文号 but for brackets, padding or a look-alike letter
    const double prefix = forms::similarity(a.loose.prefix, b.loose.prefix, true);
    const double year = a.loose.year == b.loose.year ? 1.0 : 0.0;
    return 0.25 * prefix + 0.2 * year + 0.55 * serial_similarity(a.loose.serial, b.loose.serial);
  }
  return 0.9 * forms::similarity(a.number_folded, b.number_folded, true);
}

bool number_likely_misread(const LinkView& a, const LinkView& b) {
  if (a.loose.ok && b.loose.ok) {
    if (a.loose == b.loose) return true;
    if (a.loose.year != b.loose.year) return false;
    const bool prefix_same = a.loose.prefix == b.loose.prefix;
    const bool serial_same = a.loose.serial == b.loose.serial;
    if (prefix_same) return serial_similarity(a.loose.serial, b.loose.serial) == 0.6;
    return serial_same && a.loose.prefix.size() >= 3 && forms::edit_distance(a.loose.prefix, b.loose.prefix, true) <= 1.0;
  }
  return !a.number_folded.empty() && forms::edit_distance(a.number_folded, b.number_folded, true) <= 1.0;
}

double party_similarity(const LinkView& a, const LinkView& b) {
  if (a.party_key == b.party_key) return 1;
  const std::u32string& shorter = a.party.size() <= b.party.size() ? a.party : b.party;
  const std::u32string& longer = a.party.size() <= b.party.size() ? b.party : a.party;
  if (shorter.size() >= 4 && longer.find(shorter) != std::u32string::npos) return 0.9;  // 南阳市 left out
  return forms::similarity(a.party, b.party, false);
}

bool party_likely_misread(const LinkView& a, const LinkView& b) {
  const std::size_t shortest = std::min(a.party.size(), b.party.size());
  if (shortest < 4 || a.party_key == b.party_key) return false;
  const double allowed = shortest >= 16 ? 2.0 : 1.0;
  return forms::edit_distance(a.party, b.party, false) <= allowed;
}

std::int64_t day_number(const forms::Date& d) {
  // Days from civil (H. Hinnant's algorithm, written out here).
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

double date_similarity(const forms::Date& a, const forms::Date& b) {
  const std::int64_t days = std::llabs(day_number(a) - day_number(b));
  if (days == 0) return 1;
  if (days <= 3) return 0.7;
  if (days <= 10) return 0.4;
  if (days <= 31) return 0.2;
  return 0;
}

double amount_similarity(std::int64_t a, std::int64_t b) {
  if (a == b) return 1;
  if (a == 10 * b || b == 10 * a) return 0.3;  // a zero dropped or added
  const std::int64_t big = std::max(std::llabs(a), std::llabs(b));
  if (big > 0 && std::llabs(a - b) * 100 <= big) return 0.5;  // within 1%
  return 0;
}

}  // namespace caseaudit::audit::link_detail
