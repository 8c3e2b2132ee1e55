// Page-level classification against the templates, and the split of a case
// file's pages into documents (a page with a title starts a document; a page
// without one continues the one before when it carries that document's page
// number or sections, and is otherwise classified by its sections alone or
// called unknown).
#pragma once

#include <string>
#include <vector>

#include "caseaudit/forms/templates.h"
#include "caseaudit/ocr/page.h"
#include "doc_text.h"

namespace caseaudit::forms {

struct PageClass {
  const Template* tmpl = nullptr;  // null: no title recognised
  double title_score = 0;          // [0, 1]: similarity of the title read to the template's
  std::string title;               // the title line as read
  bool nonstandard_title = false;  // matched one of the template's nonstandard_titles
  bool blank = false;              // (almost) nothing on the page
  int page_number = 0;             // printed page number (— 2 —, 第2页), 0 when none
};

PageClass classify_page(const ocr::PageResult& page, const DocText& text, const TemplateSet& templates);

// Fraction of the template's markers found in the text, [0, 1] (1 when it has none).
double marker_fraction(const Template& t, const icu::UnicodeString& flow);
// Markers of `t` that the text does not show.
std::vector<const Marker*> missing_markers(const Template& t, const icu::UnicodeString& flow);

struct DocumentPlan {
  const Template* tmpl = nullptr;  // null: unknown, or blank
  bool blank = false;
  double confidence = 0;  // from the first page; extract_case refines it over the whole document
  double title_score = 0;
  std::string title;
  bool nonstandard_title = false;
  std::vector<int> pages;
};

std::vector<DocumentPlan> split_documents(const std::vector<ocr::PageResult>& pages, const TemplateSet& templates);

}  // namespace caseaudit::forms
