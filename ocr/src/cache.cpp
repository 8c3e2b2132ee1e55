#include "cache.h"

#include <fstream>
#include <sstream>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/json.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "hash.h"

namespace caseaudit::ocr {
namespace fs = std::filesystem;

namespace {

std::string page_stem(const PageSource& source) {
  return source.file_hash + "-p" + std::to_string(source.ref.index + 1);
}

std::optional<PageResult> read_entry(const fs::path& p, const PageSource& source) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    PageResult r = page_from_json(j);
    r.ref = source.ref;  // the same bytes may live at another path now
    return r;
  } catch (const std::exception&) {
    return std::nullopt;  // corrupt or older schema: a miss
  }
}

}  // namespace

std::string settings_hash(const std::string& engine_id, const CleanupOptions& c) {
  // The cleanup/N tag changes whenever the clean-up gives different page data
  // for the same options (2: ruled tables; 3: colour mode, seals by shape),
  // so older entries are not reused.
  std::ostringstream s;
  s << engine_id << "|cleanup/3|" << c.orientation << c.deskew << c.borders << c.seals << c.denoise
    << c.binarize << "|" << c.max_skew;
  return sha256_hex(s.str()).substr(0, 16);
}

OcrCache::OcrCache(fs::path dir, std::string settings) : dir_(std::move(dir)), settings_(std::move(settings)) {}

std::string OcrCache::key(const PageSource& source) const { return page_stem(source) + "-" + settings_; }

fs::path OcrCache::path_for(const PageSource& source) const {
  return dir_ / source.file_hash.substr(0, 2) / (key(source) + ".json");
}

std::optional<PageResult> OcrCache::load(const PageSource& source) const {
  if (dir_.empty()) return std::nullopt;
  return read_entry(path_for(source), source);
}

void OcrCache::store(const PageSource& source, const PageResult& result) const {
  if (dir_.empty()) return;
  std::error_code ec;
  const fs::path target = path_for(source);
  fs::create_directories(target.parent_path(), ec);
  if (ec) return;
  try {
    write_file_atomically(target, json_text(to_json(result), -1));
  } catch (const EnvironmentError&) {
    // A cache that cannot be written only costs the next run the OCR.
  }
}

std::optional<PageResult> find_recorded(const fs::path& dir, const PageSource& source) {
  const fs::path sub = dir / source.file_hash.substr(0, 2);
  std::error_code ec;
  const std::string stem = page_stem(source) + "-";
  for (fs::directory_iterator it(sub, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(stem, 0) == 0 && it->path().extension() == ".json")
      if (auto r = read_entry(it->path(), source)) return r;
  }
  return std::nullopt;
}

}  // namespace caseaudit::ocr
