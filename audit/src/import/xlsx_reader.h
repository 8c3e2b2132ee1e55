// .xlsx workbooks: the sheet list and its relationships, shared strings
// (rich text runs joined, phonetic guides left out), number formats (to tell
// date cells), then one worksheet streamed twice: once for its merged
// ranges (listed after the cells), once for its rows, each merged range's
// value filled into every cell it covers.
#pragma once

#include <filesystem>
#include <vector>

#include "caseaudit/audit/table_import.h"

namespace caseaudit::audit::import {

void read_xlsx(const std::filesystem::path& file, const std::vector<ColumnProfile>& candidates, ImportReport& report);

}  // namespace caseaudit::audit::import
