// Field similarities for scoring a case file against a platform entry, each
// in [0, 1]: 文号 (edit distance where OCR-confusable characters are cheap),
// party (character edit distance on the folded name), dates (equal or within
// a few days), amounts (equal, or off by a dropped zero).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "link_view.h"

namespace caseaudit::audit::link_detail {

// True when a and b are digits OCR confuses (3/8, 6/8, 0/8, 1/7 ...).
bool confusable_digits(char a, char b);

double number_similarity(const LinkView& a, const LinkView& b);
// The 文号 differ only as an OCR slip would make them: a misread bracket, a
// look-alike letter, or one confusable digit of the serial.
bool number_likely_misread(const LinkView& a, const LinkView& b);

double party_similarity(const LinkView& a, const LinkView& b);
// One character off (two in a name of 16 or more characters), names of 4 or more characters.
bool party_likely_misread(const LinkView& a, const LinkView& b);

double date_similarity(const forms::Date& a, const forms::Date& b);
double amount_similarity(std::int64_t a, std::int64_t b);

// Days since 1970-01-01 (proleptic Gregorian).
std::int64_t day_number(const forms::Date& d);

}  // namespace caseaudit::audit::link_detail
