// Reading CSV files: encoding detection and chunked decoding (see csv_reader.h).
#include "import/csv_reader.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "import/csv_parser.h"
#include "import/row_processor.h"
#include "caseaudit/ocr/text_encoding.h"

namespace caseaudit::audit::import {

using ocr::Gb18030Decoder;
using ocr::Gb18030Plausibility;
using ocr::kEncodingProblem;
using ocr::Utf8Checker;

namespace {

constexpr std::size_t kChunk = 1 << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_file(const std::filesystem::path& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw ImportError(path, "无法打开文件 (cannot open file)");
  return f;
}

// Reads the next chunk into `buffer`; false at the end.
bool next_chunk(std::FILE* f, std::vector<char>& buffer, std::size_t& size, const std::filesystem::path& path) {
  size = std::fread(buffer.data(), 1, buffer.size(), f);
  if (size == 0 && std::ferror(f)) throw ImportError(path, "读取文件出错 (read error)");
  return size > 0;
}

// After the first chunk: room for as many records as the file likely holds,
// so the record vector is never moved while it grows (with a million
// records each move touches hundreds of megabytes). Reserved capacity that
// is never used costs address space, not memory.
void reserve_records(ImportReport& report, std::uintmax_t file_size, std::size_t bytes_read, int records) {
  if (records <= 0 || bytes_read == 0 || file_size <= bytes_read) return;
  const double estimate = static_cast<double>(file_size) / static_cast<double>(bytes_read) * records * 1.1 + 16;
  if (estimate < 1e8) report.records.reserve(static_cast<std::size_t>(estimate));
}

void reset(ImportReport& report) {
  report.records.clear();
  report.problems.clear();
  report.columns_found.clear();
  report.header_row = 0;
  report.skipped_rows = 0;
}

// UTF-8 pass. Returns false (report untouched beyond what reset() clears)
// when the file is not UTF-8, so the caller tries GB18030.
bool read_utf8(std::FILE* f, const std::filesystem::path& path, const std::vector<ColumnProfile>& profile,
               ImportReport& report) {
  reset(report);
  std::vector<char> buffer(kChunk);
  std::size_t size = 0;
  RowProcessor rows(profile, report);
  CsvParser parser(rows, path);
  Utf8Checker checker;
  std::string carry;
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  std::size_t bytes_read = 0;
  bool first = true;
  bool bom = false;
  while (next_chunk(f, buffer, size, path)) {
    std::string_view data(buffer.data(), size);
    std::string joined;
    if (!carry.empty()) {
      joined = carry;
      joined.append(data);
      data = joined;
    }
    if (first) {
      first = false;
      if (data.substr(0, 3) == "\xEF\xBB\xBF") {
        bom = true;
        data.remove_prefix(3);
      }
    }
    std::size_t complete = 0;
    if (!checker.check(data, complete)) {
      if (bom) throw ImportError(path, kEncodingProblem);  // says UTF-8, is not
      return false;
    }
    const std::string rest(data.substr(complete));
    parser.feed(data.substr(0, complete));
    carry = rest;
    if (bytes_read == 0) reserve_records(report, file_size, size, parser.records_seen());
    bytes_read += size;
  }
  if (!carry.empty()) {
    if (bom) throw ImportError(path, kEncodingProblem);
    return false;
  }
  parser.finish();
  rows.finish();
  report.encoding = bom ? "UTF-8 (BOM)" : "UTF-8";
  return true;
}

void read_gb18030(std::FILE* f, const std::filesystem::path& path, const std::vector<ColumnProfile>& profile,
                  ImportReport& report) {
  reset(report);
  std::vector<char> buffer(kChunk);
  std::size_t size = 0;
  // First pass: the whole file must decode and look like Chinese text,
  // before any of it is read as a table (a wrong guess must not become a
  // "column missing" message).
  {
    Gb18030Decoder decoder;
    Gb18030Plausibility plausibility;
    std::string sink;
    std::rewind(f);
    while (next_chunk(f, buffer, size, path)) {
      sink.clear();
      plausibility.feed({buffer.data(), size});
      if (!decoder.decode({buffer.data(), size}, false, sink)) throw ImportError(path, kEncodingProblem);
    }
    sink.clear();
    if (!decoder.decode({}, true, sink) || !plausibility.plausible()) throw ImportError(path, kEncodingProblem);
  }
  std::rewind(f);
  RowProcessor rows(profile, report);
  CsvParser parser(rows, path);
  Gb18030Decoder decoder;
  std::string text;
  std::error_code ec;
  const std::uintmax_t file_size = std::filesystem::file_size(path, ec);
  bool first = true;
  while (next_chunk(f, buffer, size, path)) {
    text.clear();
    decoder.decode({buffer.data(), size}, false, text);
    parser.feed(text);
    if (first) reserve_records(report, file_size, size, parser.records_seen());
    first = false;
  }
  text.clear();
  decoder.decode({}, true, text);
  parser.feed(text);
  parser.finish();
  rows.finish();
  report.encoding = "GB18030";
}

}  // namespace

void read_csv(const std::filesystem::path& file, const std::vector<ColumnProfile>& profile, ImportReport& report) {
  report.format = "csv";
  File f = open_file(file);
  if (read_utf8(f.get(), file, profile, report)) return;
  read_gb18030(f.get(), file, profile, report);
}

}  // namespace caseaudit::audit::import
