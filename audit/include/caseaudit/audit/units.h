// Resolving the unit (执法机关) of each scanned case file to a known unit.
//
// OCR misreads agency names (菀州市… for 宛州市…, …专英局 for …专卖局, a dropped
// 场 and 管 in 青阳县市监督理局), and every misread spelling would otherwise be
// a unit of its own in the per-unit rates and the selective-entry test. The
// known units are the platform exports' 录入单位 values, a list the user gives
// (--units FILE) and the registers' units; a scanned file's unit is matched
// against them with the OCR look-alikes of forms/lookalikes.h, and with two
// more clues: the 文号 prefix its unit's other cases share, and the unit of
// the entry it links to. A unit is resolved only when one candidate is above
// the threshold and ahead of the runner-up by the margin, and no clue points
// elsewhere; otherwise it stays as read and is reported as unresolved.
//
// Register rows and export rows are typed, not read: they are left alone.
// Pure functions of their arguments; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "caseaudit/audit/link.h"
#include "caseaudit/audit/record.h"

namespace caseaudit::audit {

struct UnitOptions {
  double accept = 0.75;  // text similarity (OCR look-alikes cheap) the best candidate needs
  double margin = 0.08;  // ahead of the runner-up by this much
  double floor = 0.5;    // a 文号 prefix or a linked entry may decide only when the text is at least this similar
                         // (or empty): a well-read name of another agency is not overruled
};

struct UnitResolution {
  std::size_t file = 0;    // index into the case records
  std::string read;        // the unit as read
  std::string unit;        // the unit used from now on: a known name, or `read` when unresolved
  bool resolved = false;   // `unit` is a known unit
  double score = 0;        // text similarity to `unit` (resolved) or to the closest known unit
  std::string closest;     // unresolved: the closest known unit, if any
  std::string how;         // in words (Chinese, English beside it): how it was resolved, or why not
};

// Resolves the units of the scanned case files among `files` (origin.row ==
// 0) in place: `unit` becomes the known name, `unit_read` keeps the text as
// read when it changed. `listed`: the user's unit list. One resolution per
// scanned case file, in file order.
std::vector<UnitResolution> resolve_units(std::vector<CaseRecord>& files, const std::vector<CaseRecord>& entries,
                                          const std::vector<std::string>& listed, const LinkOptions& link = {},
                                          const UnitOptions& options = {});

// A unit list: one name a line, UTF-8 (with or without BOM) or GB18030; blank
// lines and lines starting with # are skipped, spaces trimmed. Throws
// ImportError (table_import.h) for a file that cannot be read or decoded.
std::vector<std::string> read_unit_list(const std::filesystem::path& file);

}  // namespace caseaudit::audit
