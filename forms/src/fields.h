// Reading one field of a document: locate its text by the template's
// locators (after a label, in a table cell, a section, a pattern) and
// normalise it to a value of the field's type.
#pragma once

#include <vector>

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/templates.h"
#include "caseaudit/ocr/page.h"
#include "doc_text.h"
#include "table_text.h"

namespace caseaudit::forms {

// The document's pages and their text, built once per document.
struct DocView {
  const Template* tmpl = nullptr;
  std::vector<const ocr::PageResult*> pages;
  std::vector<int> ids;  // case-file page index of each page
  DocText all, first, last;
  DocText gapped;  // `all` with wide gaps kept as spaces: where officers are read
  DocText tail;  // the last lines of the last page: the signature block
  std::vector<std::vector<TableView>> tables;  // per page: its ruled tables, cells over `all`
};

DocView make_view(const Template* tmpl, const std::vector<ocr::PageResult>& pages, const std::vector<int>& ids);

// The text of every table cell of the document, one cell a line: a label
// printed over two lines of its cell ("负责人审批" / "意见") reads whole here,
// where the page's reading order interleaves the cells beside it.
icu::UnicodeString cells_text(const DocView& view);

// The field, or nullopt when no locator finds its text.
std::optional<ExtractedField> extract_field(const FieldSpec& spec, const DocView& view);

// Sets value/parsed/problem of a field from its raw text (normalize.h).
void normalise_field(ExtractedField& f, const FieldSpec& spec);

}  // namespace caseaudit::forms
