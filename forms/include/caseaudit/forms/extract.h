// Extraction of a whole case file: pages split into documents, each
// classified against the templates and its fields read and normalised.
// Pure computation over OCR page data: no images, no engine, no I/O.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/templates.h"
#include "caseaudit/ocr/page.h"

namespace caseaudit::forms {

inline constexpr const char* kExtractSchema = "caseaudit.extract/1";

CaseExtraction extract_case(const std::string& name, const std::vector<ocr::PageResult>& pages,
                            const TemplateSet& templates);

// JSON (schema caseaudit.extract/1, documented in docs/extract-schema.md).
nlohmann::json to_json(const CaseExtraction& c);
// Throws std::runtime_error naming what is missing or malformed.
CaseExtraction extraction_from_json(const nlohmann::json& j);

// A readable summary in Chinese: one block per document with its type,
// pages, deviations and fields.
// 身份证号 are masked (first 6 and last 4 characters) unless mask_ids is false.
std::string summary_text(const CaseExtraction& c, bool mask_ids = true);

}  // namespace caseaudit::forms
