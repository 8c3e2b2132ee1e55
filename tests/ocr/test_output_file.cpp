// Output files and names a person reads (issue 15): every write is checked, a
// failed write names the file and the reason and leaves no partial file; names
// that are not UTF-8 (GBK from Windows machines) read as Chinese or as \xNN.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::ocr;
using caseaudit::test::read_file;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace {

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const EnvironmentError& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

// Files in `dir` other than `keep` (temporary files left behind).
std::size_t other_files(const fs::path& dir, const std::string& keep) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != keep) ++n;
  return n;
}

}  // namespace

TEST_CASE("a write to a full device is an error naming the file and the reason", "[output]") {
  // /dev/full takes the open and fails every write with ENOSPC.
  REQUIRE(fs::exists("/dev/full"));
  const std::string message = message_of([] {
    OutputFile out("/dev/full");
    out.stream() << std::string(1 << 20, 'x');
    out.commit();
  });
  CHECK(message.find("/dev/full") != std::string::npos);
  CHECK(message.find("磁盘空间不足") != std::string::npos);
  CHECK(message.find("No space left on device") != std::string::npos);
  // A small write that only fails at the flush is caught too.
  CHECK(message_of([] {
          OutputFile out("/dev/full");
          out.stream() << "{}";
          out.commit();
        }).find("/dev/full") != std::string::npos);
}

TEST_CASE("an atomic write replaces the file whole, or leaves the old one and no temporary file", "[output]") {
  ScratchDir dir("output-atomic");
  const fs::path file = dir / "run.json";
  write_file_atomically(file, "old\n");
  CHECK(read_file(file) == "old\n");
  write_file_atomically(file, "new\n");
  CHECK(read_file(file) == "new\n");

  // A writer that fails half-way (a PDF library error): the old file stays, no temporary is left.
  CHECK_THROWS_AS(write_file_atomically(file,
                                        [](std::ostream& out) {
                                          out << "half";
                                          throw std::runtime_error("writer failed");
                                        }),
                  std::runtime_error);
  CHECK(read_file(file) == "new\n");
  CHECK(other_files(dir.path(), "run.json") == 0);

  // A library that writes a path itself: the temporary path is renamed into place.
  write_file_atomically_via_path(dir / "book.xlsx", [](const fs::path& temporary) { write_file(temporary, "PK"); });
  CHECK(read_file(dir / "book.xlsx") == "PK");
  CHECK_THROWS_AS(write_file_atomically_via_path(dir / "book.xlsx",
                                                 [](const fs::path& temporary) {
                                                   write_file(temporary, "partial");
                                                   throw EnvironmentError("library failed");
                                                 }),
                  EnvironmentError);
  CHECK(read_file(dir / "book.xlsx") == "PK");
  CHECK(other_files(dir.path(), "run.json") == 1);  // book.xlsx only
}

TEST_CASE("a folder that cannot hold the output is found before any work, named", "[output]") {
  ScratchDir dir("output-folder");
  write_file(dir / "a-file", "x");
  const std::string message = message_of([&] { check_output_folder(dir / "a-file" / "out"); });
  CHECK(message.find("a-file/out") != std::string::npos);
  CHECK(message_of([&] { write_file_atomically(dir / "missing" / "run.json", "x"); }).find("missing/run.json") !=
        std::string::npos);
  check_output_folder(dir / "new" / "out");  // created
  CHECK(fs::is_directory(dir / "new" / "out"));
  CHECK(fs::is_empty(dir / "new" / "out"));  // the probe file is gone
}

TEST_CASE("names that are not UTF-8 read as GB18030 when they are, else byte by byte as xNN escapes", "[output][names]") {
  CHECK(readable_bytes("第1页.jpg") == "第1页.jpg");
  CHECK(readable_bytes("\xb5\xda" "1" "\xd2\xb3.jpg") == "第1页.jpg");  // GBK bytes of 第1页
  CHECK(readable_bytes("scan\xff\xfe.jpg") == "scan\\xFF\\xFE.jpg");   // neither: escaped
  CHECK(readable_bytes("a\nb") == "a\\x0Ab");                            // no line break in a one-line message
  // Each part of a path on its own: a GBK file in a UTF-8 folder.
  CHECK(readable_path(fs::path("案卷/\xb5\xda" "1" "\xd2\xb3.jpg")) == "案卷/第1页.jpg");
  // JSON written from such a name never throws.
  const nlohmann::json j = {{"file", std::string("\xff")}};
  CHECK_NOTHROW(json_text(j, 1));
}

TEST_CASE("long text in messages is cut to its first characters and its length", "[output][cut]") {
  CHECK(cut_for_message("短文本") == "短文本");
  const std::string huge(10 << 20, 'x');
  const std::string cut = cut_for_message(huge);
  CHECK(cut.size() < 200);
  CHECK(cut.rfind(std::string(80, 'x'), 0) == 0);
  CHECK(cut.find("共 10485760 字") != std::string::npos);
  std::string chinese;
  for (int i = 0; i < 100; ++i) chinese += "案";
  CHECK(cut_for_message(chinese, 3) == "案案案…（共 100 字）");
}
