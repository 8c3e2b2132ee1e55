// Linking case files to platform entries, one to one: first by the canonical
// 文号, then, inside blocks (same unit, same year), by a scored comparison of
// party, dates, amounts and category, so OCR slips and formatting differences
// still link. A link explains what agreed and what did not; a case file with
// two near-equal candidates is left for a person rather than guessed.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "caseaudit/audit/record.h"

namespace caseaudit::audit {

struct LinkOptions {
  double accept = 0.6;   // a scored link needs at least this score, in [0, 1]
  double margin = 0.1;   // and must beat the runner-up (for either side) by this much, else ambiguous
};

struct Link {
  std::size_t file = 0;    // index into the case-file records
  std::size_t entry = 0;   // index into the platform records
  double score = 0;        // 1 for an exact 文号 link
  bool by_number = false;  // linked by the canonical 文号
  std::vector<std::string> agreed;    // 文号, 当事人, 立案日期, 涉案金额 ...
  std::vector<std::string> differed;  // "罚款金额: 案卷 50000元 / 平台 5000元"
  std::string explain() const;        // one line in Chinese for the report
};

struct Ambiguity {
  std::size_t file = 0;
  std::vector<std::size_t> entries;  // the candidates that scored within the margin
  std::vector<double> scores;
};

struct Linking {
  std::vector<Link> links;                 // sorted by file index
  std::vector<Ambiguity> ambiguous;        // files left for a person
  std::vector<std::size_t> files_unlinked;    // no candidate (漏录 candidates), ascending; excludes ambiguous ones
  std::vector<std::size_t> entries_unlinked;  // no case file (entry without a file), ascending
};

Linking link_records(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const LinkOptions& options = {});

}  // namespace caseaudit::audit
