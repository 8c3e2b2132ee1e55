// References between a case file's documents: "type.field" names the first
// document of a type whose field reads as a date; "type[key=name].field" picks
// the document of that type that refers to another (the 送达回证 whose 送达文书
// is the 行政处罚决定书). A reference matches by the document type it names,
// whatever the punctuation around it (《行政处罚决定书》(宛临市监处罚〔2023〕33号),
// 行政处罚决定书 宛临…), and by the 文号 it gives when that is another
// document's of the file.
#pragma once

#include <optional>
#include <string>

#include "caseaudit/forms/document.h"
#include "caseaudit/forms/normalize.h"

namespace caseaudit::rules {

struct DatedField {
  int doc = -1;
  const forms::Document* d = nullptr;
  const forms::ExtractedField* f = nullptr;
  forms::Date date;
};

std::optional<DatedField> dated(const forms::CaseExtraction& c, const std::string& ref);

// Whether document `d`'s field `key` (送达文书) refers to a document of type `type`.
bool refers_to(const forms::CaseExtraction& c, const forms::Document& d, const std::string& key, const std::string& type);

}  // namespace caseaudit::rules
