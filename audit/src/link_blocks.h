// Candidate pairs for the scored pass, near-linear in the number of records:
// each record gets a few block keys, and only a case file and an entry that
// share a key are scored. Keys (each also catches what the others miss):
//   - the canonical 文号 (a 文号 found on several files or entries);
//   - loose 文号 prefix + year + serial (brackets, padding, look-alike letters);
//   - unit + year + serial (the prefix misread);
//   - unit + best date, and best date + amount (the 文号 misread or missing);
//   - unit + year + amount (a date misread as well);
//   - the folded party name and every variant with one character deleted
//     (any two names one edit apart share one), names of 4+ characters.
// A block with more than `cap` records on either side says little (a common
// name) and is skipped, so no block makes the work quadratic. The date and
// amount keys are broad (a busy day, a round amount: their blocks grow with
// the population) and get the smaller `broad_cap`.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "link_view.h"

namespace caseaudit::audit::link_detail {

struct CandidatePair {
  std::uint32_t file = 0, entry = 0;
  friend auto operator<=>(const CandidatePair&, const CandidatePair&) = default;
};

// Pairs, sorted and unique, among the files and entries whose flag is true.
std::vector<CandidatePair> candidate_pairs(const std::vector<CaseRecord>& files, const std::vector<LinkView>& file_views,
                                           const std::vector<bool>& file_active, const std::vector<CaseRecord>& entries,
                                           const std::vector<LinkView>& entry_views,
                                           const std::vector<bool>& entry_active, std::size_t cap = 40,
                                           std::size_t broad_cap = 8);

}  // namespace caseaudit::audit::link_detail
