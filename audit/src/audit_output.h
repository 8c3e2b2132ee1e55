// Writing the audit job's outputs (see audit_job.h).
#pragma once

#include "caseaudit/audit/audit_job.h"

namespace caseaudit::audit {

// audit.json, audit-findings.csv and audit-report.txt under job.cases.output;
// appends them to report.written. Throws ocr::EnvironmentError when the
// output cannot be written.
void write_audit_outputs(const AuditJob& job, AuditJobReport& report);

}  // namespace caseaudit::audit
