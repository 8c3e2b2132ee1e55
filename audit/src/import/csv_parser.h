// A streaming RFC 4180 parser: quoted fields with doubled quotes and line
// breaks inside, CRLF, LF or CR line ends, comma or tab. Text arrives in
// chunks of any size (a quote or CRLF may be cut between two chunks); each
// complete record goes to the row processor with its 1-based record number,
// which is the row a spreadsheet program shows for it.
#pragma once

#include <filesystem>
#include <string_view>

#include "import/cells.h"
#include "import/row_processor.h"

namespace caseaudit::audit::import {

class CsvParser {
 public:
  CsvParser(RowProcessor& out, std::filesystem::path file);
  void feed(std::string_view text);
  // End of input: the last record without a line end is emitted; a quote
  // still open is an ImportError naming the row it opened in.
  void finish();
  char separator() const { return separator_; }
  int records_seen() const { return row_number_ - 1; }

 private:
  enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
  Cell& current();
  void end_field();
  void end_row();

  RowProcessor& out_;
  std::filesystem::path file_;
  char separator_ = 0;
  State state_ = State::FieldStart;
  bool skip_lf_ = false;     // a CR ended the last record; a following LF belongs to it
  bool row_open_ = false;    // the current record has at least one character
  int row_number_ = 1;
  int quote_row_ = 0;        // where the open quote started
  Row row_;
  std::size_t used_ = 0;     // cells of row_ in use (row_ keeps its strings between records)
};

}  // namespace caseaudit::audit::import
