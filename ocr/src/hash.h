// Internal: SHA-256 as lowercase hex.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace caseaudit::ocr {

std::string sha256_hex(std::string_view bytes);
// Streams the file; throws InputFailure when it cannot be read.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace caseaudit::ocr
