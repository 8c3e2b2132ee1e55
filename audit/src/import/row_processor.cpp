// Rows to case records (see row_processor.h).
#include "import/row_processor.h"

#include <algorithm>

#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::audit::import {

namespace {

const Cell kEmptyCell{};

// Longer than any unit, 文号, party, 案由, date or amount (about 3000 Chinese characters).
constexpr std::size_t kMaxCellBytes = 10000;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// First words of the lines printed under a table: totals and signatures.
bool is_footer_text(std::string_view t) {
  static constexpr std::string_view kWords[] = {"合计", "总计", "小计", "共计", "制表", "填表", "填报人", "审核人",
                                                "审核：", "负责人", "统计人", "备注：", "备注:", "注：", "注:", "说明："};
  for (const auto w : kWords)
    if (starts_with(t, w)) return true;
  return false;
}

}  // namespace

RowProcessor::RowProcessor(const std::vector<ColumnProfile>& candidates, ImportReport& report, bool date1904)
    : candidates_(candidates), report_(report), source_(report.file), date1904_(date1904) {}

void RowProcessor::add(int row_number, const Row& row) {
  if (decided_) {
    process(row_number, row);
    return;
  }
  pending_.emplace_back(row_number, row);
  if (pending_.size() >= kHeaderSearchRows) decide_header();
}

void RowProcessor::finish() {
  if (!decided_) decide_header();
}

void RowProcessor::decide_header() {
  decided_ = true;
  std::vector<Row> rows;
  rows.reserve(pending_.size());
  for (const auto& [number, row] : pending_) rows.push_back(row);
  const ProfileChoice choice = choose_profile(rows, candidates_);
  const HeaderMatch& match = choice.match;
  if (!match.any_cell) throw ImportError(report_.file, "文件为空 (empty file)");
  if (choice.index < 0) {
    const ColumnProfile& closest = candidates_[static_cast<std::size_t>(choice.closest)];
    std::string why = missing_columns_message(match, closest);
    if (candidates_.size() > 1)
      why = "没有一个列配置的必需列全部存在 (no column profile fits this file; the closest is " + closest.name + "): " + why;
    throw ImportError(report_.file, why);
  }
  profile_ = &candidates_[static_cast<std::size_t>(choice.index)];
  report_.profile = profile_->name;

  report_.header_row = pending_[match.row_index].first;
  report_.columns_found = match.found;
  const Row& header = pending_[match.row_index].second;
  header_cells_.clear();
  for (const Cell& c : header) header_cells_.emplace_back(trim(c.text));
  for (const MappedColumn& m : match.columns) {
    const ColumnSpec& spec = profile_->columns[m.spec];
    const auto field = field_from_name(spec.field);
    if (!field) continue;  // the loader refuses unknown fields; a hand-built profile may not
    columns_.push_back({m, *field, &spec});
    category_column_ = category_column_ || *field == Field::Category;
    if (std::find(report_.fields_mapped.begin(), report_.fields_mapped.end(), spec.field) == report_.fields_mapped.end())
      report_.fields_mapped.push_back(spec.field);
  }
  if (!category_column_ && profile_->category) report_.fields_mapped.push_back("category");  // given by the profile
  // Per field, what a row with all its columns blank records: every header, in
  // profile order, and the first must_fill rule among them.
  std::vector<const Column*> by_spec;
  for (const Column& c : columns_) by_spec.push_back(&c);
  std::sort(by_spec.begin(), by_spec.end(), [](const Column* a, const Column* b) { return a->map.spec < b->map.spec; });
  for (const Column* c : by_spec) {
    BlankRule& b = blank_rules_[static_cast<std::size_t>(c->field)];
    b.headers += (b.headers.empty() ? "" : "/") + c->map.header;
    b.field = c->spec->field;
    if (b.rule == MustFill::Never) b.rule = c->spec->must_fill;
  }
  auto pending = std::move(pending_);
  pending_.clear();
  for (std::size_t i = match.row_index + 1; i < pending.size(); ++i) process(pending[i].first, pending[i].second);
}

void RowProcessor::problem(CaseRecord& record, const Column& column, const Cell& cell, const std::string& reason) {
  CellProblem p;
  p.file = report_.file;
  p.row = record.origin.row;
  p.column = column.map.header;
  p.raw = ocr::cut_for_message(trim(cell.text));  // a 10 MB cell is not echoed whole
  p.problem = reason;
  record.problems.push_back(p);
  report_.problems.push_back(std::move(p));
}

std::optional<Category> RowProcessor::category_of(std::string_view text) {
  for (const auto& [seen, category] : categories_)
    if (seen == text) return category;
  const auto category = parse_category(text);
  if (categories_.size() < 64) categories_.emplace_back(std::string(text), category);
  return category;
}

void RowProcessor::process(int row_number, const Row& row) {
  auto cell_at = [&](std::size_t c) -> const Cell& { return c < row.size() ? row[c] : kEmptyCell; };

  // Blank: nothing in any mapped column (a lone 序号 or a note in an unmapped column counts as blank).
  bool any = false;
  std::size_t same_as_header = 0;
  for (const Column& col : columns_) {
    const std::string_view t = trim(cell_at(col.map.column).text);
    if (!t.empty()) any = true;
    if (!t.empty() && t == col.map.header) ++same_as_header;
  }
  if (!any) {
    ++report_.skipped_rows;
    return;
  }
  if (same_as_header >= 2 && same_as_header * 2 >= columns_.size()) {  // the header again (a page break in the export)
    ++report_.skipped_rows;
    return;
  }
  // Footer: the first non-empty cell says 合计 / 制表人 ..., and the row has no readable 文号.
  for (std::size_t c = 0; c < row.size(); ++c) {
    const std::string_view t = trim(row[c].text);
    if (t.empty()) continue;
    if (!is_footer_text(t)) break;
    bool has_number = false;
    for (const Column& col : columns_)
      if (col.field == Field::Number && !doc_number_key(trim(cell_at(col.map.column).text)).empty()) has_number = true;
    if (has_number) break;
    CellProblem p;
    p.file = report_.file;
    p.row = row_number;
    p.column = c < header_cells_.size() && !header_cells_[c].empty() ? header_cells_[c]
                                                                     : "第" + std::to_string(c + 1) + "列";
    p.raw = ocr::cut_for_message(t);
    p.problem = "表尾行（合计、制表人等）不是案件，已跳过 (footer row skipped)";
    report_.problems.push_back(std::move(p));
    ++report_.skipped_rows;
    return;
  }

  CaseRecord& rec = report_.records.emplace_back();  // filled in place: a record is large
  rec.origin.file = source_;
  rec.origin.sheet = report_.sheet;
  rec.origin.row = row_number;
  // A field given by several columns takes the first filled one in profile
  // order (the spec index); it is blank only when every one of them is.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t chosen[kFieldCount];
  std::fill(std::begin(chosen), std::end(chosen), kNone);
  auto is_blank = [&](const Column& col) {
    const Cell& cell = cell_at(col.map.column);
    return !cell.numeric && is_blank_value(trim(cell.text));
  };
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const std::size_t f = static_cast<std::size_t>(columns_[i].field);
    if (is_blank(columns_[i])) continue;
    if (chosen[f] == kNone || columns_[i].map.spec < columns_[chosen[f]].map.spec) chosen[f] = i;
  }
  bool blank_said[kFieldCount] = {};
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const Column& col = columns_[i];
    const std::size_t f = static_cast<std::size_t>(col.field);
    if (chosen[f] == kNone) {
      if (blank_said[f]) continue;
      blank_said[f] = true;
      const BlankRule& b = blank_rules_[f];
      if (b.rule != MustFill::Never) rec.blank.push_back({b.headers, b.field, b.rule});
      continue;
    }
    if (chosen[f] != i) continue;
    const Cell& cell = cell_at(col.map.column);
    std::string_view t = trim(cell.text);
    if (t.size() > kMaxCellBytes) {  // no case field is this long: not kept, never echoed whole
      problem(rec, col, cell, "单元格过长，按未知处理 (cell too long: kept as unknown)");
      continue;
    }
    for (const auto& [from, to] : col.spec->values)
      if (t == from) {
        t = to;
        break;
      }
    auto set_date = [&](std::optional<forms::Date>& target) {
      DateCell d = read_date_cell(cell, date1904_);
      if (d.date) target = d.date;
      else if (!d.problem.empty()) problem(rec, col, cell, d.problem);
    };
    auto set_amount = [&](std::optional<std::int64_t>& target) {
      AmountCell a = read_amount_cell(cell, col.map.multiplier);
      if (a.fen) target = a.fen;
      else if (!a.problem.empty()) problem(rec, col, cell, a.problem);
    };
    switch (col.field) {
      case Field::Unit: rec.unit = t; break;
      case Field::Number:
        rec.number = t;
        rec.number_key = doc_number_key(t);
        break;
      case Field::Name: rec.name = t; break;
      case Field::Party:
        rec.party = t;
        rec.party_key = party_key(t);
        break;
      case Field::Cause: rec.cause = t; break;
      case Field::Status: rec.status = t; break;
      case Field::Category:
        if (const auto c = category_of(t)) rec.category = *c;
        else problem(rec, col, cell, "案件类别无法识别，应为行政处罚或涉嫌犯罪移送 (category not recognised)");
        break;
      case Field::Filed: set_date(rec.filed); break;
      case Field::Decided: set_date(rec.decided); break;
      case Field::Transferred: set_date(rec.transferred); break;
      case Field::Withdrawn: set_date(rec.withdrawn); break;
      case Field::PoliceFiled: set_date(rec.police_filed); break;
      case Field::PoliceRefused: set_date(rec.police_refused); break;
      case Field::Entered: set_date(rec.entered); break;
      case Field::CaseAmount: set_amount(rec.case_amount); break;
      case Field::Fine: set_amount(rec.fine); break;
    }
  }
  if (!category_column_ && profile_->category) rec.category = *profile_->category;
}

}  // namespace caseaudit::audit::import
