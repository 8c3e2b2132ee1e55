// The findings ledger as an Excel workbook (see ledger_xlsx.h), with libxlsxwriter.
#include "ledger_xlsx.h"

#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "caseaudit/ocr/error.h"
#include "ledger_text.h"

namespace caseaudit::audit {

namespace {

struct Book {
  lxw_workbook* book = nullptr;
  std::filesystem::path file;
  ~Book() {
    if (book) workbook_close(book);  // only on an error path: close() below hands it over
  }
  void close() {
    const lxw_error e = workbook_close(book);
    book = nullptr;
    if (e != LXW_NO_ERROR)
      throw ocr::EnvironmentError("无法写入 (cannot write) " + file.string() + ": " + lxw_strerror(e));
  }
};

void row_of(lxw_worksheet* ws, lxw_row_t r, const std::vector<std::string>& cells, lxw_format* f) {
  for (std::size_t c = 0; c < cells.size(); ++c) worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), cells[c].c_str(), f);
}

}  // namespace

void write_ledger_xlsx(const std::filesystem::path& file, const AuditJobReport& r, bool mask_ids) {
  Book b{workbook_new(file.c_str()), file};
  if (!b.book) throw ocr::EnvironmentError("无法写入 (cannot write) " + file.string());
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
  row_of(ws, 0, header, head);
  lxw_row_t row = 1;
  for (const auto& f : r.result.findings) {
    row_of(ws, row, ledger_cells(static_cast<int>(row), f, mask_ids), cell);
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
  row_of(us, 0, unit_header, head);
  row = 1;
  for (const auto& u : r.result.units) row_of(us, row++, unit_stats_cells(u), cell);
  worksheet_freeze_panes(us, 1, 1);
  worksheet_set_landscape(us);
  worksheet_set_paper(us, 9);
  b.close();
}

}  // namespace caseaudit::audit
