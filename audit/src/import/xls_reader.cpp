// Reading .xls workbooks through FreeXL (see xls_reader.h).
#include "import/xls_reader.h"

#include <freexl.h>

#include <string>
#include <vector>

#include "import/cells.h"
#include "import/header_match.h"
#include "import/row_processor.h"

namespace caseaudit::audit::import {

namespace {

std::string freexl_reason(int rc) {
  switch (rc) {
    case FREEXL_FILE_NOT_FOUND: return "无法打开文件 (cannot open file)";
    case FREEXL_INSUFFICIENT_MEMORY: return "内存不足 (out of memory)";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
    case FREEXL_CRAFTED_FILE:
      return "文件结构已损坏 (the file structure is damaged)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "文件里没有 Excel 工作簿 (no Excel workbook in the file)";
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
      return "工作簿数据已损坏 (the workbook data is damaged)";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
      return "文字编码无法转换 (text encoding cannot be converted)";
    default: return "FreeXL 错误 " + std::to_string(rc) + " (FreeXL error)";
  }
}

struct Handle {
  const void* h = nullptr;
  ~Handle() {
    if (h) freexl_close(h);
  }
};

Cell read_cell(const void* h, unsigned row, unsigned short column) {
  Cell cell;
  FreeXL_CellValue v;
  if (freexl_get_cell_value(h, row, column, &v) != FREEXL_OK) return cell;
  switch (v.type) {
    case FREEXL_CELL_INT:
      cell.numeric = true;
      cell.number = v.value.int_value;
      cell.text = format_number(cell.number);
      break;
    case FREEXL_CELL_DOUBLE:
      cell.numeric = true;
      cell.number = v.value.double_value;
      cell.text = format_number(cell.number);
      break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      if (v.value.text_value) cell.text = v.value.text_value;  // dates come as "2023-05-12[ 10:20:00]"
      break;
    default: break;
  }
  return cell;
}

Row read_row(const void* h, unsigned row, unsigned short columns) {
  Row out;
  for (unsigned short c = 0; c < columns; ++c) {
    Cell cell = read_cell(h, row, c);
    if (cell.text.empty() && !cell.numeric) continue;
    if (out.size() <= c) out.resize(c + 1u);
    out[c] = std::move(cell);
  }
  return out;
}

}  // namespace

void read_xls(const std::filesystem::path& file, const std::vector<ColumnProfile>& profile, ImportReport& report) {
  report.format = "xls";
  Handle handle;
  const int rc = freexl_open(file.c_str(), &handle.h);
  if (rc != FREEXL_OK) {
    handle.h = nullptr;
    throw ImportError(file, "无法读取 .xls 文件：" + freexl_reason(rc) + " (not a readable .xls file)");
  }
  unsigned int info = 0;
  if (freexl_get_info(handle.h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
    throw ImportError(file, "文件有密码保护 (the workbook is password-protected)");
  bool date1904 = false;
  if (freexl_get_info(handle.h, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK) date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  unsigned int sheet_count = 0;
  if (freexl_get_info(handle.h, FREEXL_BIFF_SHEET_COUNT, &sheet_count) != FREEXL_OK || sheet_count == 0)
    throw ImportError(file, "工作簿里没有工作表 (the workbook has no worksheet)");

  std::vector<std::vector<Row>> probes;
  std::vector<std::string> names;
  int chosen = -1;
  for (unsigned short s = 0; s < sheet_count; ++s) {
    const char* name = nullptr;
    freexl_get_worksheet_name(handle.h, s, &name);
    names.emplace_back(name ? name : "");
    std::vector<Row> first;
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_select_active_worksheet(handle.h, s) == FREEXL_OK &&
        freexl_worksheet_dimensions(handle.h, &rows, &columns) == FREEXL_OK)
      for (unsigned r = 0; r < rows && r < kHeaderSearchRows; ++r) first.push_back(read_row(handle.h, r, columns));
    probes.push_back(std::move(first));
    if (choose_profile(probes.back(), profile).index >= 0) {
      chosen = s;
      break;
    }
  }
  if (chosen < 0) chosen = choose_sheet(probes, profile);
  if (chosen < 0) throw ImportError(file, "文件为空 (empty file)");
  report.sheet = names[static_cast<std::size_t>(chosen)];

  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_select_active_worksheet(handle.h, static_cast<unsigned short>(chosen)) != FREEXL_OK ||
      freexl_worksheet_dimensions(handle.h, &rows, &columns) != FREEXL_OK)
    throw ImportError(file, "无法读取工作表 " + report.sheet + " (cannot read the worksheet)");
  RowProcessor processor(profile, report, date1904);
  for (unsigned r = 0; r < rows; ++r) processor.add(static_cast<int>(r) + 1, read_row(handle.h, r, columns));
  processor.finish();
}

}  // namespace caseaudit::audit::import
