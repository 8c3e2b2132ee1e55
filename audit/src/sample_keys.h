// The sampler's view of a case: its unit as a stratum name and the text
// every field is compared by when two cases share a key.
#pragma once

#include <string>

#include "caseaudit/audit/record.h"

namespace caseaudit::audit::detail {

// The unit with surrounding spaces removed (a re-export may pad cells).
std::string sample_unit(const CaseRecord& r);
// Every field of the record except where it was read, in one string, so the
// order of duplicates does not depend on the file's row order.
std::string all_fields(const CaseRecord& r);

}  // namespace caseaudit::audit::detail
