// Writing output files: every file caseaudit writes (page JSON and text,
// run.json, extractions, check and audit outputs, the Excel ledger, searchable
// PDFs, sample manifests) goes through write_file_atomically. The bytes go to a
// temporary file in the target's folder; every write, the flush, fsync and
// close are checked; only a complete file is renamed over the target, so a
// full disk or a kill leaves the old file or none, never a partial one. A
// failure removes the temporary file and throws EnvironmentError naming the
// file and the reason ("磁盘空间不足 (no space left on device)").
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace caseaudit::ocr {

// A file opened for writing whose every write is checked (the layer under
// write_file_atomically; also usable on a path such as /dev/full).
class OutputFile {
 public:
  // Creates or truncates `path`; EnvironmentError when it cannot be opened.
  // Messages name `shown_as` when given (the target of a temporary file).
  explicit OutputFile(const std::filesystem::path& path, const std::filesystem::path& shown_as = {});
  ~OutputFile();  // closes without checking when commit() was not reached
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes, fsyncs and closes; EnvironmentError on any failure on the way,
  // including an earlier write that failed.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `bytes` as the whole content of `file`.
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);
// Lets `write` stream the content (a PDF, a large text).
void write_file_atomically(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);
// For a library that writes a path itself (libxlsxwriter): `write` writes the
// temporary path it is given, and must throw when that failed.
void write_file_atomically_via_path(const std::filesystem::path& file,
                                    const std::function<void(const std::filesystem::path& temporary)>& write);

// Creates `folder` when missing and checks that a file can be created in it,
// before any work starts; EnvironmentError naming the folder otherwise.
void check_output_folder(const std::filesystem::path& folder);

// The reason for an errno in a message: Chinese, with the system's English.
std::string write_failure_reason(int error_number);

}  // namespace caseaudit::ocr
