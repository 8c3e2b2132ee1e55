// Three outcomes for a field: read, absent, or unreadable. A required field
// that no locator found is absent only when the document shows it is not
// there (its label is there and empty, or the whole document read well and
// nothing like the field is in it); otherwise it is unreadable (under a seal,
// faint, cut, low confidence). A field that was found is certain only when it
// parsed and its text read with good confidence.
#pragma once

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/templates.h"
#include "fields.h"

namespace caseaudit::forms {

// OCR confidence below which a character may be a misread.
inline constexpr float kCertainConfidence = 0.80f;

FieldGap classify_gap(const FieldSpec& spec, const DocView& view);
void mark_certainty(ExtractedField& f);

}  // namespace caseaudit::forms
