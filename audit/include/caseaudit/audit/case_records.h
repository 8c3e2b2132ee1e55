// A scanned case file, as forms read it, turned into a case record for the
// reconciliation, through its case values (rules/case_facts.h: the one mapping
// that `check` and the transfer screening use too), with the case file as
// origin.
#pragma once

#include "caseaudit/audit/record.h"
#include "caseaudit/forms/document.h"
#include "caseaudit/rules/case_facts.h"

namespace caseaudit::audit {

CaseRecord record_from_case(const forms::CaseExtraction& c, const rules::CaseFacts& facts,
                            const std::filesystem::path& source);

}  // namespace caseaudit::audit
