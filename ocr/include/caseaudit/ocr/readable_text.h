// Text a person reads and a JSON file can hold, made from bytes that come from
// outside: file and folder names copied from Windows machines (GBK bytes, not
// UTF-8), and cells of any length from spreadsheets. One place for each rule:
// - names: UTF-8 as it is; else GB18030 when the bytes decode cleanly as
//   plausible Chinese; else every byte that is not UTF-8 (and every control
//   character) written as \xNN;
// - long text in messages: the first characters and the length;
// - JSON: written without ever throwing on a string that is not UTF-8.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace caseaudit::ocr {

// One name or text of unknown encoding, as UTF-8 with no control characters.
std::string readable_bytes(std::string_view bytes);

// A path, each of its parts through readable_bytes (so a GBK file name in a
// UTF-8 folder reads right).
std::string readable_path(const std::filesystem::path& path);

// Text for a message or report line: at most `limit` characters (not bytes),
// then "…（共 N 字）" with the whole length; shorter text as it is.
std::string cut_for_message(std::string_view text, std::size_t limit = 80);

// JSON text; a string that is not UTF-8 (which readable_* above keep out) is
// written with U+FFFD instead of throwing and losing the whole file.
template <class Json>
std::string json_text(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace caseaudit::ocr
