// The OCR options every command that reads scans accepts (ocr, extract, ...):
// one parser and one help text so they stay the same everywhere.
#pragma once

#include <string>

#include "args.h"
#include "caseaudit/ocr/pipeline.h"

namespace caseaudit::cli {

// Help lines for the options below.
extern const char* const kOcrOptionsHelp;

// Applies `token` when it is an OCR option (reading its value from `args`);
// returns false for any other token. Throws UsageError for a bad value.
bool parse_ocr_option(Args& args, const std::string& token, ocr::OcrOptions& options);

}  // namespace caseaudit::cli
