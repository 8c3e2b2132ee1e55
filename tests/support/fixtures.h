// Test support: where the committed fixtures and the build live, and scratch
// folders that clean up after themselves.
#pragma once

#include <filesystem>
#include <string>

namespace caseaudit::test {

std::filesystem::path source_dir();    // repository root
std::filesystem::path fixtures_dir();  // <root>/fixtures
std::filesystem::path binary_dir();    // build folder (holds the caseaudit binary)

// A fresh empty folder under the build's scratch area, removed on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

// Runs a shell command, returns its exit status; stdout captured into *out if given.
int run_command(const std::string& command, std::string* out = nullptr);

}  // namespace caseaudit::test
