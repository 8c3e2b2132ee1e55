// One case file, one truth: the party, its credit code or ID number, the legal
// representative, the agency and every 文号 appear on several documents of a
// case file. A misread on one poor page (a fax-quality 立案审批表) is outvoted
// by the others: a reading that differs from a value other documents read
// with certainty, in a way OCR explains (look-alike characters, a failing
// check character that an OCR confusion repairs, a doubtful reading of a
// similar text), takes that value and keeps what was read in
// `corrected_from`. A reading read with certainty that differs otherwise is
// left alone: it may be a real inconsistency for the rules to report.
#pragma once

#include "caseaudit/forms/document.h"

namespace caseaudit::forms {

void reconcile_case_fields(CaseExtraction& c);

}  // namespace caseaudit::forms
