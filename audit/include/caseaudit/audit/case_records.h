// A scanned case file, as forms read it, turned into a case record for the
// reconciliation: its unit, 文号, party, cause, category (a 涉嫌犯罪案件移送书 in
// the file makes it a transfer), dates, amounts, with the case file as origin.
#pragma once

#include "caseaudit/audit/record.h"
#include "caseaudit/forms/document.h"

namespace caseaudit::audit {

// 文号: the decision's, else the transfer letter's, else the filing form's.
// 涉案金额: the transfer documents' (a penalty case's amounts are screened from
// its facts instead; see rules::screen_case).
CaseRecord record_from_case(const forms::CaseExtraction& c, const std::filesystem::path& source);

}  // namespace caseaudit::audit
