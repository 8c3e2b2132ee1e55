// SHA-256 helpers for the sampler (see sample_hash.h).
#include "sample_hash.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace caseaudit::audit::detail {

std::array<unsigned char, 32> sha256(std::string_view bytes) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 || len != out.size())
    throw std::runtime_error("SHA-256 失败 (SHA-256 failed)");
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (unsigned char b : sha256(bytes)) {
    s += kHex[b >> 4];
    s += kHex[b & 0xF];
  }
  return s;
}

std::uint64_t leading_u64(const std::array<unsigned char, 32>& digest) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | digest[static_cast<std::size_t>(i)];
  return v;
}

std::string hex_u64(std::uint64_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = kHex[v & 0xF];
    v >>= 4;
  }
  return s;
}

}  // namespace caseaudit::audit::detail
