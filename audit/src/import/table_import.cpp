// import_table: picks the reader by the file's first bytes (see table_import.h).
#include "caseaudit/audit/table_import.h"

#include <cstdio>
#include <cctype>
#include <cstring>

#include "import/csv_reader.h"
#include "import/xls_reader.h"
#include "import/xlsx_reader.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

namespace {

enum class Kind { Text, Zip, Ole, Html };

Kind sniff(const fs::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) throw ImportError(file, "无法打开文件 (cannot open file)");
  unsigned char head[512] = {};
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  if (n >= 4 && std::memcmp(head, "PK\x03\x04", 4) == 0) return Kind::Zip;
  if (n >= 8 && std::memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return Kind::Ole;
  // Web platforms often save an HTML table under .xls: say so instead of
  // reading tags as cells.
  std::size_t i = 0;
  if (n >= 3 && std::memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
  if (i < n && head[i] == '<') {
    std::string start(reinterpret_cast<const char*>(head + i), n - i);
    for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (start.rfind("<html", 0) == 0 || start.rfind("<!doctype", 0) == 0 || start.rfind("<table", 0) == 0 ||
        start.rfind("<?xml", 0) == 0 || start.find("<html") != std::string::npos)
      return Kind::Html;
  }
  return Kind::Text;
}

}  // namespace

ImportReport import_table(const fs::path& file, const ColumnProfile& profile) {
  return import_table_auto(file, std::vector<ColumnProfile>{profile});
}

ImportReport import_table_auto(const fs::path& file, const std::vector<ColumnProfile>& profile) {
  if (profile.empty()) throw ImportError(file, "没有可用的列配置 (no column profile to read it with)");
  ImportReport report;
  report.file = file;
  std::error_code ec;
  if (fs::is_directory(file, ec)) throw ImportError(file, "这是文件夹，不是表格文件 (a folder, not a table file)");
  if (!fs::exists(file, ec)) throw ImportError(file, "文件不存在 (file not found)");
  if (!fs::is_regular_file(file, ec)) throw ImportError(file, "不是普通文件 (not a regular file)");
  switch (sniff(file)) {
    case Kind::Zip: import::read_xlsx(file, profile, report); break;
    case Kind::Ole: import::read_xls(file, profile, report); break;
    case Kind::Html:
      throw ImportError(file,
                        "这是网页或 XML 格式的表格，不是 Excel 或 CSV 文件；请用 Excel 另存为 .xlsx 或 CSV "
                        "(an HTML/XML table saved under a spreadsheet name: save it as .xlsx or CSV)");
    case Kind::Text: import::read_csv(file, profile, report); break;
  }
  return report;
}

}  // namespace caseaudit::audit
