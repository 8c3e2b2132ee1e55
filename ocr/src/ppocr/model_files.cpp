// Locating the PP-OCRv4 models and checking them against their manifest.
#include "ppocr/model_files.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "hash.h"

namespace caseaudit::ocr::ppocr {
namespace fs = std::filesystem;
namespace {

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// "<sha256>  <name>" or "<sha256> *<name>" (sha256sum's text and binary forms).
std::map<std::string, std::string> parse_manifest(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw_models_error(file.parent_path(), "MANIFEST 无法读取 (cannot read MANIFEST)");
  std::map<std::string, std::string> hashes;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string hash, name;
    fields >> hash >> name;
    if (!name.empty() && name[0] == '*') name.erase(0, 1);
    if (hash.size() != 64 || name.empty() || name.find('/') != std::string::npos)
      throw_models_error(file.parent_path(), "MANIFEST 格式错误 (malformed MANIFEST line: " + line + ")");
    hashes[name] = hash;
  }
  return hashes;
}

}  // namespace

void throw_models_error(const fs::path& dir, const std::string& what) {
  throw EnvironmentError("PP-OCR 模型缺失或损坏 (PP-OCRv4 models missing or corrupt in " + dir.string() + ": " + what +
                         "); 请运行 bash scripts/models.sh 或 scripts/setup.sh 安装模型 "
                         "(run `bash scripts/models.sh`, or scripts/setup.sh, to install them)");
}

fs::path find_models_dir(const OcrOptions& options) {
  if (!options.models_dir.empty()) return options.models_dir;
  if (const char* env = std::getenv("CASEAUDIT_MODELS"); env && *env) return fs::path(env);
  const fs::path exe = executable_dir();
  std::vector<fs::path> candidates;
  if (!exe.empty()) {
    candidates.push_back((exe / ".." / "models" / "ppocr-v4").lexically_normal());
    candidates.push_back(exe / "models" / "ppocr-v4");
  }
  std::error_code ec;
  for (const fs::path& c : candidates)
    if (fs::is_regular_file(c / kManifestFile, ec)) return c;
  std::string tried;
  for (const fs::path& c : candidates) tried += (tried.empty() ? "" : ", ") + c.string();
  throw_models_error(candidates.empty() ? fs::path("models/ppocr-v4") : candidates.front(),
                     "未找到模型目录 (no models folder; looked in " + (tried.empty() ? std::string("-") : tried) +
                         "; CASEAUDIT_MODELS is not set)");
}

ModelFiles read_manifest(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / kManifestFile, ec)) throw_models_error(dir, "缺少 MANIFEST (no MANIFEST)");
  const std::map<std::string, std::string> hashes = parse_manifest(dir / kManifestFile);
  auto hash_of = [&](const char* name) {
    const auto it = hashes.find(name);
    if (it == hashes.end())
      throw_models_error(dir, std::string("MANIFEST 未列出 ") + name + " (MANIFEST does not list " + name + ")");
    return it->second;
  };
  ModelFiles f;
  f.dir = dir;
  f.detector = dir / kDetectorFile;
  f.recognizer = dir / kRecognizerFile;
  f.dictionary = dir / kDictionaryFile;
  f.detector_sha256 = hash_of(kDetectorFile);
  f.recognizer_sha256 = hash_of(kRecognizerFile);
  f.dictionary_sha256 = hash_of(kDictionaryFile);
  return f;
}

void verify_models(const ModelFiles& files) {
  // Files already verified in this process, by (path, size, mtime).
  using Version = std::tuple<std::string, std::uintmax_t, fs::file_time_type::rep>;
  static std::mutex mu;
  static std::set<Version> verified;

  for (const auto& [name, expected] : parse_manifest(files.dir / kManifestFile)) {
    const fs::path file = files.dir / name;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) throw_models_error(files.dir, "缺少 " + name + " (missing " + name + ")");
    const auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
    const Version version{file.string(), size, mtime};
    {
      std::lock_guard lock(mu);
      if (verified.count(version)) continue;
    }
    std::string actual;
    try {
      actual = sha256_file(file);
    } catch (const InputFailure&) {
      throw_models_error(files.dir, "无法读取 " + name + " (cannot read " + name + ")");
    }
    if (actual != expected) throw_models_error(files.dir, name + " 校验和不符 (checksum mismatch for " + name + ")");
    std::lock_guard lock(mu);
    verified.insert(version);
  }
}

}  // namespace caseaudit::ocr::ppocr
