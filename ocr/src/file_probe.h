// Internal: safe first look at a file named by the user. Never blocks (a FIFO
// or device is refused before it is opened for reading), never reads more than
// asked, and turns every OS failure into a one-line Chinese/English reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace caseaudit::ocr {

struct FileProbe {
  std::uint64_t size = 0;
  std::string head;  // the first bytes of the file (up to the size asked for)
};

// Checks that `file` is a readable, non-empty regular file and reads its first
// `head_bytes` bytes. Throws InputFailure with the reason otherwise.
FileProbe probe_file(const std::filesystem::path& file, std::size_t head_bytes = 1024);

// Reads the whole regular file; refuses files over `max_bytes`. Throws InputFailure.
std::string read_regular_file(const std::filesystem::path& file, std::uint64_t max_bytes);

}  // namespace caseaudit::ocr
