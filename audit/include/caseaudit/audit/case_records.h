// A scanned case file, as forms read it, turned into a case record for the
// reconciliation, through its case values (rules/case_facts.h: the one mapping
// that `check` and the transfer screening use too), with the case file as
// origin.
#pragma once

#include "caseaudit/audit/record.h"
#include "caseaudit/forms/document.h"
#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/screening.h"

namespace caseaudit::audit {

CaseRecord record_from_case(const forms::CaseExtraction& c, const rules::CaseFacts& facts,
                            const std::filesystem::path& source);

// A penalty case file states its amounts in the facts (非法经营数额12587元),
// not under a 涉案金额 label: from the file's screening, the offence's measure
// becomes the record's 涉案金额 when no document gave one (unsure unless
// s.case_measure_sure), and every money amount stated is kept in stated_amounts.
void add_stated_amounts(CaseRecord& r, const rules::TransferScreening& s);

}  // namespace caseaudit::audit
