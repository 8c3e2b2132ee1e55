// The findings ledger as an Excel workbook (see ledger_xlsx.h), with libxlsxwriter.
//
// libxlsxwriter prints its own "[ERROR]" and "[WARNING]" lines to stderr with
// fprintf, whatever the caller does with the error codes it also returns. So
// while it runs, stderr (descriptor 2) goes to a temporary file (the audit is
// single-threaded at this point: OCR is over); every call's lxw_error is
// checked, and a failure is our own one-line error naming the ledger, with
// the library's words as the detail. The workbook is written to the atomic
// writer's temporary path and renamed into place only when complete.
#include "ledger_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "ledger_text.h"

namespace caseaudit::audit {

namespace {

// Sends stderr to a temporary file until destroyed; what() is what was said.
class CapturedStderr {
 public:
  CapturedStderr() {
    std::fflush(stderr);
    file_ = std::tmpfile();
    saved_ = file_ ? ::dup(STDERR_FILENO) : -1;
    if (saved_ >= 0 && ::dup2(::fileno(file_), STDERR_FILENO) < 0) {
      ::close(saved_);
      saved_ = -1;
    }
  }
  ~CapturedStderr() {
    restore();
    if (file_) std::fclose(file_);
  }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  // The first line the library printed, without its "[ERROR][file:line]: ".
  // stderr stays captured: the workbook is still closed on the error path.
  std::string said() {
    if (!file_) return {};
    std::fflush(stderr);
    std::rewind(file_);
    char line[512] = {};
    if (!std::fgets(line, sizeof line, file_)) return {};
    std::string s = line;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (const auto colon = s.find("]: "); colon != std::string::npos) s = s.substr(colon + 3);
    return s;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  std::FILE* file_ = nullptr;
  int saved_ = -1;
};

struct Book {
  lxw_workbook* book = nullptr;
  std::filesystem::path file;  // the ledger asked for, named in messages
  CapturedStderr& library;
  ~Book() {
    if (book) workbook_close(book);  // only on an error path: close() below hands it over
  }
  // `system_error`: the errno the library's failure left, when it is one (a
  // full disk while zipping), else 0.
  [[noreturn]] void fail(lxw_error e, int system_error = 0) {
    const std::string detail = library.said();
    throw ocr::EnvironmentError("无法写入 (cannot write) " + ocr::readable_path(file) + ": " +
                                    (system_error ? ocr::write_failure_reason(system_error) + "; " : std::string()) +
                                    lxw_strerror(e) + (detail.empty() ? std::string() : " (" + detail + ")"),
                                file);
  }
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) fail(e);
  }
  void close() {
    errno = 0;
    const lxw_error e = workbook_close(book);
    const int system_error = errno;
    book = nullptr;
    if (e != LXW_NO_ERROR) fail(e, system_error);
  }
};

// Excel holds at most 32767 characters in a cell; no finding needs nearly as
// many, so a longer text (an echoed cell) is cut.
constexpr std::size_t kMaxCellBytes = 30000;

void row_of(Book& b, lxw_worksheet* ws, lxw_row_t r, const std::vector<std::string>& cells, lxw_format* f) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const std::string text = cells[c].size() > kMaxCellBytes ? ocr::cut_for_message(cells[c], 8000) : cells[c];
    b.check(worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), text.c_str(), f));
  }
}

void write_workbook(const std::filesystem::path& temporary, const std::filesystem::path& file, const AuditJobReport& r,
                    bool mask_ids);

}  // namespace

void write_ledger_xlsx(const std::filesystem::path& file, const AuditJobReport& r, bool mask_ids) {
  ocr::write_file_atomically_via_path(
      file, [&](const std::filesystem::path& temporary) { write_workbook(temporary, file, r, mask_ids); });
}

namespace {

void write_workbook(const std::filesystem::path& temporary, const std::filesystem::path& file, const AuditJobReport& r,
                    bool mask_ids) {
  CapturedStderr library;
  Book b{workbook_new(temporary.c_str()), file, library};
  if (!b.book) b.fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
  lxw_format* head = workbook_add_format(b.book);
  format_set_bold(head);
  format_set_bg_color(head, 0xD9E1F2);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  lxw_format* cell = workbook_add_format(b.book);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(cell, LXW_BORDER_THIN);

  lxw_worksheet* ws = workbook_add_worksheet(b.book, "问题清单");
  const std::vector<std::string> header = ledger_header();
  const std::vector<double> widths = {6, 22, 24, 22, 14, 22, 8, 60, 40, 50, 30};
  for (std::size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  row_of(b, ws, 0, header, head);
  lxw_row_t row = 1;
  for (const auto& f : r.result.findings) {
    row_of(b, ws, row, ledger_cells(static_cast<int>(row), f, mask_ids), cell);
    ++row;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, static_cast<lxw_col_t>(header.size() - 1));
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_repeat_rows(ws, 0, 0);
  worksheet_fit_to_pages(ws, 1, 0);

  lxw_worksheet* us = workbook_add_worksheet(b.book, "单位统计");
  const std::vector<std::string> unit_header = unit_stats_header();
  for (std::size_t c = 0; c < unit_header.size(); ++c)
    worksheet_set_column(us, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 28 : c + 1 == unit_header.size() ? 70 : 12, nullptr);
  row_of(b, us, 0, unit_header, head);
  row = 1;
  for (const auto& u : r.result.units) row_of(b, us, row++, unit_stats_cells(u), cell);
  worksheet_freeze_panes(us, 1, 1);
  worksheet_set_landscape(us);
  worksheet_set_paper(us, 9);
  b.close();
}

}  // namespace

}  // namespace caseaudit::audit
