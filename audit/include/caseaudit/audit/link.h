// Linking case files to platform entries, one to one: first by the canonical
// 文号, then, inside blocks (same unit, same year), by a scored comparison of
// party, dates, amounts and category, so OCR slips and formatting differences
// still link. A link explains what agreed and what did not; a case file with
// two near-equal candidates is left for a person rather than guessed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/audit/record.h"

namespace caseaudit::audit {

struct LinkOptions {
  double accept = 0.6;   // a scored link needs at least this score, in [0, 1]
  double margin = 0.1;   // and must beat the runner-up (for either side) by this much, else ambiguous
};

// The fields a link compares, named in Chinese by link_field_name().
enum class LinkField { Number, Party, Category, Filed, Decided, Transferred, Withdrawn, CaseAmount, Fine };
std::string_view link_field_name(LinkField f);  // 文号, 当事人, 案件类别, 立案日期, ..., 涉案金额, 罚款金额
std::string_view link_field_key(LinkField f);   // number, party, category, filed, ..., case_amount, fine (CaseFacts names)

// One field that differs on a linked pair, in the same order as Link::differed.
// likely_misread: the values differ by what an OCR slip gives (one character
// of a long party name, a confusable digit or a misread bracket in the 文号);
// the audit may leave such a difference out of "fields disagree".
struct LinkDifference {
  LinkField field = LinkField::Number;
  std::string file_value;   // as shown: "2023-05-12", "52000元", the 文号 as written
  std::string entry_value;
  bool likely_misread = false;
};

struct Link {
  std::size_t file = 0;    // index into the case-file records
  std::size_t entry = 0;   // index into the platform records
  double score = 0;        // 1 for an exact 文号 link
  bool by_number = false;  // linked by the canonical 文号
  std::vector<std::string> agreed;    // 文号, 当事人, 立案日期, 涉案金额 ...
  std::vector<std::string> differed;  // "罚款金额: 案卷 50000元 / 平台 5000元"
  std::vector<LinkDifference> differences;  // one per `differed` item, same order
  std::string explain() const;        // one line in Chinese for the report
};

struct Ambiguity {
  std::size_t file = 0;
  std::vector<std::size_t> entries;  // the candidates that scored within the margin
  std::vector<double> scores;
  // Other case files that scored within the margin for one of these entries
  // (two files for one entry is as ambiguous as two entries for one file).
  std::vector<std::size_t> rival_files;
};

struct Linking {
  std::vector<Link> links;                 // sorted by file index
  std::vector<Ambiguity> ambiguous;        // files left for a person
  std::vector<std::size_t> files_unlinked;    // no candidate (漏录 candidates), ascending; excludes ambiguous ones
  std::vector<std::size_t> entries_unlinked;  // no case file (entry without a file), ascending; excludes
                                              // entries named in an Ambiguity
};

Linking link_records(const std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                     const LinkOptions& options = {});

}  // namespace caseaudit::audit
