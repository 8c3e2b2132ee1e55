// Scoring one case file against one platform entry, and describing a linked
// pair field by field (what agreed, what differed, what is likely a misread).
#pragma once

#include "caseaudit/audit/link.h"
#include "link_view.h"

namespace caseaudit::audit::link_detail {

// Weighted mean of the field similarities present on both sides, in [0, 1]:
// 文号 0.30, 当事人 0.25, dates 0.20, amounts 0.12, 案件类别 0.05, unit 0.08.
// Little evidence cannot give a high score: the weights present count as at
// least min_evidence. Two contradictions scale the score down: dates all more
// than 10 days apart (x0.8: a namesake's case of another year is not the same
// case) and party names less than 3/4 alike and more than a misread apart
// (x0.85: another party; a name inside the other, 南阳市 left out, counts 0.9).
// Without use_number, the 文号 is left out (checking an exact-文号 link).
double score_pair(const CaseRecord& file, const LinkView& fv, const CaseRecord& entry, const LinkView& ev,
                  bool use_number = true, double min_evidence = 0.6);

// Fills link.agreed, link.differed and link.differences. Values are compared
// exactly after normalisation, whatever the score.
void describe(Link& link, const CaseRecord& file, const LinkView& fv, const CaseRecord& entry, const LinkView& ev);

// "52000元", "52000.50元".
std::string format_amount(std::int64_t fen);

}  // namespace caseaudit::audit::link_detail
