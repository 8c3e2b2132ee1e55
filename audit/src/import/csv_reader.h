// CSV (RFC 4180) and tab-separated text exports: the encoding is detected
// (UTF-8 with BOM, UTF-8, else GB18030 when plausible), the separator is
// the one of comma and tab that occurs more outside quotes near the top, and
// the file is read in chunks straight into the row processor.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "caseaudit/audit/table_import.h"

namespace caseaudit::audit::import {

// Fills `report` (encoding, header row, records, problems); throws ImportError.
// `candidates`: the column profiles the header row chooses from (see RowProcessor).
void read_csv(const std::filesystem::path& file, const std::vector<ColumnProfile>& candidates, ImportReport& report);

}  // namespace caseaudit::audit::import
