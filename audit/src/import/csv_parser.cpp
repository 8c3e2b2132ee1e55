// Streaming CSV parser (see csv_parser.h).
#include "import/csv_parser.h"

#include <string>

namespace caseaudit::audit::import {

namespace {

// Comma or tab, whichever occurs more outside quotes in the sample.
char guess_separator(std::string_view sample) {
  std::size_t commas = 0, tabs = 0;
  bool quoted = false;
  for (const char c : sample) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == '\t') ++tabs;
  }
  return tabs > commas ? '\t' : ',';
}

}  // namespace

CsvParser::CsvParser(RowProcessor& out, std::filesystem::path file) : out_(out), file_(std::move(file)) {}

Cell& CsvParser::current() {
  if (used_ == 0) {  // first character of a record opens its first cell
    if (row_.empty()) row_.emplace_back();
    row_[0].text.clear();
    used_ = 1;
  }
  return row_[used_ - 1];
}

void CsvParser::end_field() {
  current();  // an empty field still counts
  if (used_ == row_.size()) row_.emplace_back();
  row_[used_].text.clear();
  ++used_;
}

void CsvParser::end_row() {
  current();
  // row_ holds `used_` cells; pass exactly those.
  if (row_.size() > used_) row_.resize(used_);
  out_.add(row_number_, row_);
  ++row_number_;
  used_ = 0;
  row_open_ = false;
  state_ = State::FieldStart;
}

void CsvParser::feed(std::string_view text) {
  if (separator_ == 0) separator_ = guess_separator(text.substr(0, 65536));
  const char sep = separator_;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const char c = text[i];
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') {
        ++i;
        continue;
      }
    }
    switch (state_) {
      case State::Quoted: {
        std::size_t j = i;
        while (j < n && text[j] != '"') ++j;
        current().text.append(text.data() + i, j - i);
        if (j < n) state_ = State::QuoteInQuoted;
        i = j + 1;
        row_open_ = true;
        continue;
      }
      case State::QuoteInQuoted:
        if (c == '"') {  // "" inside quotes: one quote
          current().text.push_back('"');
          state_ = State::Quoted;
          ++i;
          continue;
        }
        state_ = State::Unquoted;  // the quote closed; text after it (lenient) joins the field
        break;
      case State::FieldStart:
      case State::Unquoted:
        break;
    }
    // Unquoted or at a field start.
    if (c == sep) {
      end_field();
      state_ = State::FieldStart;
      row_open_ = true;
      ++i;
    } else if (c == '\n' || c == '\r') {
      end_row();
      skip_lf_ = c == '\r';
      ++i;
    } else if (c == '"' && state_ == State::FieldStart) {
      state_ = State::Quoted;
      quote_row_ = row_number_;
      current();
      row_open_ = true;
      ++i;
    } else {
      std::size_t j = i + 1;  // a quote after the start of an unquoted field is an ordinary character
      while (j < n && text[j] != sep && text[j] != '\n' && text[j] != '\r') ++j;
      current().text.append(text.data() + i, j - i);
      state_ = State::Unquoted;
      row_open_ = true;
      i = j;
    }
  }
}

void CsvParser::finish() {
  if (state_ == State::Quoted)
    throw ImportError(file_, "第" + std::to_string(quote_row_) + "行开始的引号没有闭合 (unterminated quote from row " +
                                 std::to_string(quote_row_) + ")");
  if (row_open_) end_row();
}

}  // namespace caseaudit::audit::import
