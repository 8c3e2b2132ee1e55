// The findings ledger (问题台账) as an Excel workbook: sheet 问题清单 (one
// finding per row, header frozen, filter on, long texts wrapped, set up to
// print landscape on A4 with the header repeated) and sheet 单位统计 (the
// per-unit rates with their intervals).
#pragma once

#include <filesystem>

#include "caseaudit/audit/audit_job.h"

namespace caseaudit::audit {

// Throws ocr::EnvironmentError when the file cannot be written.
void write_ledger_xlsx(const std::filesystem::path& file, const AuditJobReport& report, bool mask_ids);

}  // namespace caseaudit::audit
