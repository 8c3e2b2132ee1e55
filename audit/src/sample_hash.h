// SHA-256 for the sampler: case ranks and the population hash must be the
// same bytes on every machine, so both come from one digest (OpenSSL EVP)
// and are read in a fixed byte order.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace caseaudit::audit::detail {

std::array<unsigned char, 32> sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);
// The first 8 bytes of a digest as a big-endian number.
std::uint64_t leading_u64(const std::array<unsigned char, 32>& digest);
std::string hex_u64(std::uint64_t v);  // 16 lower-case hex digits

}  // namespace caseaudit::audit::detail
