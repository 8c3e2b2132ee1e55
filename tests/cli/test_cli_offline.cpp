// Case files are confidential: caseaudit never opens a network connection.
// Each command that reads case files or exports runs under strace, which
// records every socket, connect, bind and send call of the process and its
// threads; there must be none. Where ptrace is not allowed (some containers)
// the test is skipped with a warning.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

bool can_trace() {
  static const bool can = run_command("strace -f -qq -e trace=none true >/dev/null 2>&1") == 0;
  if (!can) WARN("strace cannot trace here (no strace, or ptrace not allowed): offline test skipped");
  return can;
}

// The network calls `args` made, one per line of strace's output ("" when none).
std::string network_calls(const fs::path& dir, const std::string& name, const std::string& args) {
  const fs::path trace = dir / (name + ".trace");
  run_command("strace -f -qq -e trace=socket,socketpair,connect,bind,sendto,sendmsg -o " + q(trace) + " " +
              q(binary_dir() / "caseaudit") + " " + args + " >/dev/null 2>&1");
  return fs::exists(trace) ? read_file(trace) : std::string("(no trace written)");
}

}  // namespace

TEST_CASE("offline: ocr, extract, check, audit and sample make no network call", "[cli][slow]") {
  if (!can_trace()) return;
  ScratchDir dir("offline");
  const std::string cache = "--cache " + q(binary_dir() / "test-ocr-cache");
  const fs::path scan = fixtures_dir() / "cases" / "case-002.pdf";
  const fs::path exported = fixtures_dir() / "platform" / "南阳市-平台导出-样例.csv";
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"ocr", "ocr " + q(scan) + " -q -o " + q(dir / "ocr") + " " + cache},
      {"extract", "extract " + q(scan) + " -q -o " + q(dir / "extract") + " " + cache},
      {"check", "check " + q(scan) + " -q -o " + q(dir / "check") + " " + cache},
      {"audit", "audit --cases " + q(scan) + " --platform " + q(exported) + " --as-of 2024-06-30 -q -o " + q(dir / "audit") +
                    " " + cache},
      {"sample", "sample --from " + q(exported) + " --seed 7 --count 2 -o " + q(dir / "sample")}};
  for (const auto& [name, args] : runs) {
    INFO(name);
    CHECK(network_calls(dir.path(), name, args).empty());
  }
  // The commands did run.
  CHECK(fs::exists(dir / "audit" / "audit.json"));
  CHECK(fs::exists(dir / "sample" / "sample-manifest.json"));
}
