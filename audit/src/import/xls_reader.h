// Legacy .xls workbooks (BIFF) through FreeXL: the first worksheet with the
// profile's header (else the first with data), cells as text or numbers,
// FreeXL's date and datetime cells as ISO text. FreeXL does not report
// merged ranges: a merged value stays in its top-left cell.
#pragma once

#include <filesystem>

#include "caseaudit/audit/table_import.h"

namespace caseaudit::audit::import {

void read_xls(const std::filesystem::path& file, const std::vector<ColumnProfile>& candidates, ImportReport& report);

}  // namespace caseaudit::audit::import
