// Character error rate for OCR evaluation, shared by the tests and bench/.
// CER = edit distance (insert/delete/substitute one code point) between the
// recognised text and the truth, divided by the truth's length. Whitespace is
// removed from both first (Chinese has no spaces; engines differ in where
// they put them).
#pragma once

#include <string>

namespace caseaudit::eval {

struct CerOptions {
  bool nfkc = false;  // fold both sides with Unicode NFKC first (full-width -> ASCII)
};

// Returns CER in [0, +inf); 0 when both are empty, 1 when only truth is.
double cer(const std::string& recognised, const std::string& truth, const CerOptions& options = {});

// Edit distance in code points, whitespace removed, after optional NFKC.
std::size_t char_errors(const std::string& recognised, const std::string& truth,
                        const CerOptions& options, std::size_t* truth_length);

}  // namespace caseaudit::eval
