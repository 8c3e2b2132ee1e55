// JSON form of the page data (schema "caseaudit.page/1"), used by the cache,
// the recorded results that tests replay, and `caseaudit ocr` output.
#pragma once

#include <nlohmann/json.hpp>

#include "caseaudit/ocr/page.h"

namespace caseaudit::ocr {

inline constexpr const char* kPageSchema = "caseaudit.page/1";

nlohmann::json to_json(const PageResult& page);
// Throws std::runtime_error naming the missing or malformed member.
PageResult page_from_json(const nlohmann::json& j);

}  // namespace caseaudit::ocr
