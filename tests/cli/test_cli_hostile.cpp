// End-to-end, issue 15: hostile inputs and faults as a user meets them. Names
// that are not UTF-8, a full disk, a read-only output folder, a 16-bit PNG
// that would decode to gigabytes, a 10 MB cell, an .xlsx bomb, and the audit's
// output folder holding no full ID number. The full-disk and read-only cases
// mount a small tmpfs in a user namespace (`unshare -r -m`); where the kernel
// does not allow that they are skipped with a warning.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit::test;

namespace {

std::string binary() { return (binary_dir() / "caseaudit").string(); }
std::string cache() { return "--cache " + (binary_dir() / "test-ocr-cache").string(); }
std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// Runs caseaudit, stdout and stderr together into *out.
int run(const std::string& args, std::string* out) { return run_command(binary() + " " + args + " 2>&1", out); }
// Runs caseaudit, stderr only into *err.
int run_err(const std::string& args, std::string* err) {
  return run_command(binary() + " " + args + " 2>&1 >/dev/null", err);
}

bool can_mount_tmpfs() {
  static const bool can = run_command("unshare -r -m sh -c 'mount -t tmpfs -o size=64k none /mnt' 2>/dev/null") == 0;
  if (!can) WARN("unshare -r -m is not allowed here: tmpfs cases skipped");
  return can;
}

// Runs `script` in a user and mount namespace where `mount_point` is a fresh
// tmpfs with `options`; returns what the script printed.
std::string in_tmpfs(const fs::path& mount_point, const std::string& options, const std::string& script) {
  fs::create_directories(mount_point);
  std::string out;
  run_command("unshare -r -m sh -c 'mount -t tmpfs -o " + options + " none " + mount_point.string() + " && " + script +
                  "' 2>&1",
              &out);
  return out;
}

constexpr const char* kPlatformHeader = "录入单位,案件编号,当事人,案件类别,立案日期,涉案金额,罚款金额,录入日期\n";
constexpr const char* kPlatformRow =
    "宛城区市场监督管理局,宛市监处罚〔2023〕31号,南阳市宛城区鑫源商贸有限公司,行政处罚,2023-05-08,12000,30000,2023-05-12\n";
constexpr const char* kRegister =
    "执法单位,文号,当事人,案由,案件类型,立案日期,决定日期,涉案金额(元),罚款金额(元)\n"
    "宛城区市场监督管理局,宛市监处罚〔2023〕31号,南阳市宛城区鑫源商贸有限公司,销售侵犯注册商标专用权的商品,行政处罚,2023-05-08,2023-06-20,12000,30000\n";

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const unsigned char b : bytes) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A well-formed PNG header of the given size, bit depth and colour type (the
// image data is a token: the size is refused before anything is decoded).
std::string png_header_only(std::uint32_t width, std::uint32_t height, char depth, char colour_type) {
  const std::string ihdr = be32(width) + be32(height) + std::string{depth, colour_type, 0, 0, 0};
  const std::string idat("\x78\x9c\x63\x00\x00\x00\x01\x00\x01", 9);  // zlib stream of one zero byte
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", idat) + png_chunk("IEND", "");
}

}  // namespace

TEST_CASE("hostile: GBK file and folder names do not stop the batch, they read as Chinese", "[cli][hostile][slow]") {
  ScratchDir dir("hostile-gbk");
  // The reproduction: 第1页.jpg in GBK, beside a good PDF.
  fs::create_directories(dir / "x" / "gbk");
  fs::copy_file(fixtures_dir() / "cases" / "case-001" / "1.jpg", dir / "x" / "gbk" / "\xb5\xda" "1" "\xd2\xb3.jpg");
  // A folder named 案卷 in GBK, and a name in no encoding at all.
  const fs::path gbk_folder = dir / "x" / "\xb0\xb8\xbe\xed";
  fs::create_directories(gbk_folder);
  fs::copy_file(fixtures_dir() / "cases" / "case-001" / "2.jpg", gbk_folder / "\xff\xfe.jpg");
  std::string err;
  const int code = run_err("ocr " + q(dir / "x" / "gbk") + " " + q(gbk_folder) + " " +
                               q(fixtures_dir() / "cases" / "case-002.pdf") + " -o " + q(dir / "out") + " " + cache(),
                           &err);
  INFO(err);
  CHECK(code == 0);
  const auto run_json = nlohmann::json::parse(read_file(dir / "out" / "run.json"));
  CHECK(run_json["cases"].size() == 3);
  CHECK(run_json["errors"].empty());
  const auto page = nlohmann::json::parse(read_file(dir / "out" / "gbk" / "page-0001.json"));
  CHECK(page["file"].get<std::string>().find("gbk/第1页.jpg") != std::string::npos);
  // The GBK folder's output folder carries its readable name.
  REQUIRE(fs::exists(dir / "out" / "案卷" / "page-0001.json"));
  const auto escaped = nlohmann::json::parse(read_file(dir / "out" / "案卷" / "page-0001.json"));
  CHECK(escaped["file"].get<std::string>().find("案卷/\\xFF\\xFE.jpg") != std::string::npos);
  // The good PDF after them is all there.
  CHECK(fs::exists(dir / "out" / "case-002" / "page-0004.json"));

  // extract reads the same inputs and writes every case file.
  const int extracted = run_err("extract " + q(dir / "x" / "gbk") + " " + q(gbk_folder) + " -o " + q(dir / "extract") +
                                    " -q " + cache(),
                                &err);
  CHECK(extracted == 0);
  CHECK(fs::exists(dir / "extract" / "gbk.extract.json"));
  CHECK(fs::exists(dir / "extract" / "案卷.extract.json"));
  CHECK_NOTHROW(nlohmann::json::parse(read_file(dir / "extract" / "extract-run.json")));
}

TEST_CASE("hostile: a full disk is an error naming the file and the reason, never a partial file", "[cli][hostile][slow]") {
  if (!can_mount_tmpfs()) return;
  ScratchDir dir("hostile-full");
  const fs::path mnt = dir / "mnt";
  const std::string page = (fixtures_dir() / "pages" / "decision-01-clean.jpg").string();
  // After the run, inside the namespace: the exit code, then every file with its size.
  const std::string listing = "; echo exit=$?; find " + mnt.string() + " -type f -printf \"%s %p\\n\"";
  const std::string out =
      in_tmpfs(mnt, "size=24k", binary() + " ocr " + page + " -o " + (mnt / "out").string() + " --pdf -q " + cache() + listing);
  INFO(out);
  CHECK(out.find("exit=4") != std::string::npos);
  CHECK(out.find("磁盘空间不足") != std::string::npos);
  CHECK(out.find(mnt.string() + "/out/") != std::string::npos);  // the file that could not be written is named
  CHECK(out.find(".part-") == std::string::npos);                 // no temporary file left
  CHECK(out.find("\n0 ") == std::string::npos);                   // no empty file

  // The audit on a disk that fills: the same.
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "export.csv", std::string(kPlatformHeader) + kPlatformRow);
  const std::string audited = in_tmpfs(mnt, "size=8k",
                                       binary() + " audit --register " + (dir / "register.csv").string() +
                                           " --platform " + (dir / "export.csv").string() + " --as-of 2024-06-30 -q -o " +
                                           (mnt / "audit").string() + listing);
  INFO(audited);
  CHECK(audited.find("exit=4") != std::string::npos);
  CHECK(audited.find("磁盘空间不足") != std::string::npos);
  CHECK(audited.find(".part-") == std::string::npos);
  CHECK(audited.find("\n0 ") == std::string::npos);
  CHECK(audited.find("[ERROR]") == std::string::npos);  // libxlsxwriter's own lines stay out
}

TEST_CASE("hostile: a read-only output folder is found before any OCR, exit 4 naming it", "[cli][hostile]") {
  if (!can_mount_tmpfs()) return;
  ScratchDir dir("hostile-readonly");
  const fs::path mnt = dir / "mnt";
  fs::create_directories(dir / "cache");
  const std::string out = in_tmpfs(mnt, "ro,size=64k",
                                   binary() + " ocr " + (fixtures_dir() / "cases" / "case-002.pdf").string() + " -o " +
                                       mnt.string() + " -q --cache " + (dir / "cache").string() + "; echo exit=$?");
  INFO(out);
  CHECK(out.find("exit=4") != std::string::npos);
  CHECK(out.find(mnt.string()) != std::string::npos);
  CHECK(out.find("只读文件系统") != std::string::npos);
  CHECK(fs::is_empty(dir / "cache"));  // no page was read
}

TEST_CASE("hostile: a 12000 x 12000 16-bit PNG is refused from its header, quickly, naming the file", "[cli][hostile]") {
  ScratchDir dir("hostile-png16");
  fs::create_directories(dir / "case");
  write_file(dir / "case" / "1.png", png_header_only(12000, 12000, 16, 2));
  write_file(dir / "case" / "2.png", png_header_only(12000, 12000, 16, 6));
  const auto start = std::chrono::steady_clock::now();
  std::string err;
  const int code = run_err("ocr " + q(dir / "case") + " -o " + q(dir / "out") + " --no-cache", &err);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(err);
  CHECK(code == 3);
  CHECK(seconds < 10);
  CHECK(err.find("1.png") != std::string::npos);
  CHECK(err.find("2.png") != std::string::npos);
  CHECK(err.find("image too large once decoded") != std::string::npos);
}

TEST_CASE("hostile: the audit's output folder holds no full ID number and no extract.json", "[cli][hostile][slow]") {
  ScratchDir dir("hostile-ids");
  const std::string id = "411302198111167296";  // the party's 身份证号 in case-002.pdf
  std::string out;
  run("audit --cases " + q(fixtures_dir() / "cases" / "case-002.pdf") + " --platform " +
          q(fixtures_dir() / "platform" / "南阳市-平台导出-样例.csv") + " --as-of 2024-06-30 -o " + q(dir / "out") + " " + cache(),
      &out);
  INFO(out);
  CHECK(out.find(id) == std::string::npos);
  REQUIRE(fs::exists(dir / "out" / "audit.json"));
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
    if (!e.is_regular_file()) continue;
    ++files;
    INFO(e.path());
    CHECK(e.path().string().find(".extract.json") == std::string::npos);
    CHECK(read_file(e.path()).find(id) == std::string::npos);
  }
  CHECK(files == 4);  // audit.json, audit-findings.csv, audit-findings.xlsx, audit-report.txt
  // The number is read from the scan: extract's own output holds it in full, which the audit's must not.
  run("extract " + q(fixtures_dir() / "cases" / "case-002.pdf") + " -q -o " + q(dir / "extract") + " " + cache(), &out);
  CHECK(read_file(dir / "extract" / "case-002.extract.json").find(id) != std::string::npos);
}

TEST_CASE("hostile: a 10 MB cell is not echoed into messages, report or audit.json", "[cli][hostile]") {
  ScratchDir dir("hostile-cell");
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "export.csv", std::string(kPlatformHeader) +
                                     "宛城区市场监督管理局,宛市监处罚〔2023〕31号,南阳市宛城区鑫源商贸有限公司,行政处罚," +
                                     std::string(10 << 20, '9') + ",12000,30000,2023-05-12\n");
  std::string out;
  const int code = run("audit --register " + q(dir / "register.csv") + " --platform " + q(dir / "export.csv") +
                           " --as-of 2024-06-30 -o " + q(dir / "out"),
                       &out);
  CHECK((code == 0 || code == 5));
  CHECK(out.size() < 100'000);
  for (const char* name : {"audit.json", "audit-report.txt", "audit-findings.csv", "audit-findings.xlsx"})
    CHECK(fs::file_size(dir / "out" / name) < 1'000'000);
  CHECK(read_file(dir / "out" / "audit.json").find("共 10485760 字") != std::string::npos);
}

TEST_CASE("hostile: an .xlsx bomb among the exports is refused by name, the other exports are audited", "[cli][hostile]") {
  ScratchDir dir("hostile-bomb");
  REQUIRE(run_command("python3 " + q(source_dir() / "tests" / "audit" / "make_xlsx_bomb.py") + " " +
                      q(dir / "bomb.xlsx") + " 1600 100000") == 0);
  write_file(dir / "register.csv", kRegister);
  write_file(dir / "export.csv", std::string(kPlatformHeader) + kPlatformRow);
  std::string err;
  const int code = run_err("audit --register " + q(dir / "register.csv") + " --platform " + q(dir / "bomb.xlsx") +
                               " --platform " + q(dir / "export.csv") + " --as-of 2024-06-30 -o " + q(dir / "out"),
                           &err);
  INFO(err);
  CHECK(code == 3);
  CHECK(err.find("bomb.xlsx") != std::string::npos);
  const auto j = nlohmann::json::parse(read_file(dir / "out" / "audit.json"));
  CHECK(j["platform_entries"] == 1);  // export.csv's row
}
