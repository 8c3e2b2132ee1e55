// enumerate_inputs: from the paths the user names to a list of case files and
// their pages. Every file is checked cheaply here (format by its bytes, image
// headers and sizes, JPEG/PNG integrity, PDF structure); nothing is decoded.
// Problems become InputErrors and the rest of the batch goes on.
#include <algorithm>
#include <cctype>
#include <system_error>

#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/readable_text.h"
#include "file_probe.h"
#include "hash.h"
#include "image_loader.h"
#include "pdf_reader.h"
#include "quiet_libraries.h"

namespace caseaudit::ocr {
namespace {

namespace fs = std::filesystem;

const char* const kNoSuchPath = "文件或文件夹不存在 (no such file or folder)";
const char* const kBrokenLink = "符号链接指向的文件不存在 (broken symbolic link)";
const char* const kEmptyFolder = "文件夹中没有可识别的页面 (no page images or PDFs in folder)";

class Collector {
 public:
  Collector(InputSet& set, const InputLimits& limits) : set_(set), limits_(limits) {}

  void error(const fs::path& file, int page, std::string reason) {
    set_.errors.push_back(InputError{file, page, std::move(reason)});
  }

  // Appends the usable pages of one file; returns how many.
  std::size_t add_file(const fs::path& file, std::vector<PageSource>& pages) {
    const std::size_t before = pages.size();
    try {
      const FileProbe probe = probe_file(file);
      const ImageFormat format = sniff_bytes(probe.head);
      if (format == ImageFormat::Unknown) throw InputFailure(unsupported_reason(probe.head));
      const std::string hash = sha256_file(file);
      if (format == ImageFormat::Pdf) {
        add_pdf(file, hash, pages);
      } else {
        add_image(file, hash, pages);
      }
    } catch (const InputFailure& e) {
      error(file, -1, e.what());
    } catch (const std::exception& e) {
      error(file, -1, std::string("无法读取文件 (cannot read file: ") + e.what() + ")");
    }
    return pages.size() - before;
  }

 private:
  void add_image(const fs::path& file, const std::string& hash, std::vector<PageSource>& pages) {
    const int count = image_page_count(file);
    for (int i = 0; i < count; ++i) {
      try {
        check_image_header(file, i, limits_);
        pages.push_back(PageSource{PageRef{file, i, count}, SourceKind::Image, hash});
      } catch (const InputFailure& e) {
        // A single-page file's problem is the file's; a TIFF page's is that page's.
        error(file, count > 1 ? i : -1, e.what());
      }
    }
  }

  void add_pdf(const fs::path& file, const std::string& hash, std::vector<PageSource>& pages) {
    const std::vector<PdfPageInfo> infos = inspect_pdf(file);
    const int count = static_cast<int>(infos.size());
    for (int i = 0; i < count; ++i) {
      try {
        check_pdf_page_limits(infos[static_cast<std::size_t>(i)], limits_);
        pages.push_back(PageSource{PageRef{file, i, count}, infos[static_cast<std::size_t>(i)].kind, hash});
      } catch (const InputFailure& e) {
        error(file, i, e.what());
      }
    }
  }

  InputSet& set_;
  const InputLimits& limits_;
};

// "case-001/" and "." name the folder itself.
std::string case_name(const fs::path& input, bool folder) {
  fs::path p = input;
  std::error_code ec;
  const fs::path absolute = fs::absolute(input, ec);
  if (!ec) p = absolute.lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return readable_bytes(folder ? p.filename().string() : p.stem().string());
}

// Files the operating system leaves in scanned folders (thumbnail caches,
// folder settings): never pages, never worth an error.
bool is_system_file(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "thumbs.db" || lower == "desktop.ini" || lower == "ehthumbs.db";
}

// The folder's files (not sub-folders, hidden or system files) in natural order.
std::vector<fs::path> folder_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || is_system_file(name)) continue;
    std::error_code ec;
    if (fs::is_directory(entry.path(), ec)) continue;  // sub-folders are not descended
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });
  return files;
}

}  // namespace

std::size_t InputSet::page_count() const {
  std::size_t n = 0;
  for (const CaseInput& c : cases) n += c.pages.size();
  return n;
}

InputSet enumerate_inputs(const std::vector<std::filesystem::path>& inputs, const InputLimits& limits) {
  quiet_libraries();
  InputSet set;
  Collector collect(set, limits);
  for (const fs::path& input : inputs) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(input, ec);
    const fs::file_status target = fs::status(input, ec);
    if (!fs::exists(target)) {
      collect.error(input, -1, fs::is_symlink(link) ? kBrokenLink : kNoSuchPath);
      continue;
    }
    CaseInput case_input;
    case_input.path = input;
    if (fs::is_directory(target)) {
      case_input.name = case_name(input, true);
      std::vector<fs::path> files;
      try {
        files = folder_files(input);
      } catch (const fs::filesystem_error& e) {
        const bool denied = e.code() == std::errc::permission_denied;
        collect.error(input, -1, denied ? "无法读取文件夹：没有权限 (cannot read folder: permission denied)"
                                        : std::string("无法读取文件夹 (cannot read folder: ") +
                                              e.code().message() + ")");
        continue;
      }
      for (const fs::path& file : files) collect.add_file(file, case_input.pages);
      if (case_input.pages.empty()) {
        collect.error(input, -1, kEmptyFolder);
        continue;
      }
    } else {
      case_input.name = case_name(input, false);
      if (collect.add_file(input, case_input.pages) == 0) continue;
    }
    set.cases.push_back(std::move(case_input));
  }
  return set;
}

}  // namespace caseaudit::ocr
