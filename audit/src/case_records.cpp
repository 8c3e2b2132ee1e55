// Case records from scanned case files (see case_records.h).
#include "caseaudit/audit/case_records.h"

#include <cmath>

namespace caseaudit::audit {

namespace {

const forms::ExtractedField* field(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  for (const auto& d : c.documents)
    if (d.type == type)
      if (const auto* f = d.field(name); f && !f->raw.empty()) return f;
  return nullptr;
}

std::string text(const forms::ExtractedField* f) {
  if (!f) return "";
  if (f->parsed && f->value.is_string()) return f->value.get<std::string>();
  if (f->parsed && f->value.is_object() && f->value.contains("name")) return f->value["name"].get<std::string>();
  return f->raw;
}

std::string first_text(const forms::CaseExtraction& c, std::initializer_list<const char*> types, const std::string& name) {
  for (const char* t : types)
    if (const auto* f = field(c, t, name)) return text(f);
  return "";
}

std::optional<forms::Date> date(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  const auto* f = field(c, type, name);
  return f ? forms::parse_date(text(f)) : std::nullopt;
}

std::optional<std::int64_t> fen(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  const auto* f = field(c, type, name);
  if (!f || !f->parsed || !f->value.is_number()) return std::nullopt;
  return std::llround(f->value.get<double>() * 100);
}

}  // namespace

CaseRecord record_from_case(const forms::CaseExtraction& c, const std::filesystem::path& source) {
  CaseRecord r;
  r.unit = first_text(c, {"行政处罚决定书", "涉嫌犯罪案件移送书", "立案审批表", "结案审批表"}, "机关名称");
  r.number = first_text(c, {"行政处罚决定书", "涉嫌犯罪案件移送书", "立案审批表"}, "文号");
  r.number_key = doc_number_key(r.number);
  r.party = first_text(c, {"行政处罚决定书", "立案审批表", "涉嫌犯罪案件移送书"}, "当事人");
  r.party_key = party_key(r.party);
  // How far the party's reading can be trusted (platform.party_typo): the OCR
  // confidence of the field it came from, and how many documents agree on it.
  for (const char* t : {"行政处罚决定书", "立案审批表", "涉嫌犯罪案件移送书"})
    if (const auto* f = field(c, t, "当事人"); f && text(f) == r.party) {
      r.party_confidence = f->confidence;
      break;
    }
  for (const auto& d : c.documents)
    if (const auto* f = d.field("当事人"); f && !f->raw.empty() && !r.party_key.empty() && party_key(text(f)) == r.party_key)
      ++r.party_sources;
  r.cause = first_text(c, {"立案审批表", "行政处罚决定书", "涉嫌犯罪案件移送书"}, "案由");
  r.name = r.party + (r.cause.rfind("涉嫌", 0) == 0 ? "" : "涉嫌") + r.cause + "案";
  bool transfer = false, any = false;
  for (const auto& d : c.documents) {
    transfer |= d.type == "涉嫌犯罪案件移送书";
    any |= d.type == "行政处罚决定书" || d.type == "立案审批表";
  }
  r.category = transfer ? Category::Transfer : any ? Category::Penalty : Category::Unknown;
  r.filed = date(c, "立案审批表", "立案日期");
  if (!r.filed) r.filed = date(c, "行政处罚决定书", "立案日期");
  r.decided = date(c, "行政处罚决定书", "决定日期");
  r.transferred = date(c, "涉嫌犯罪案件移送书", "移送日期");
  r.withdrawn = date(c, "撤案审批表", "撤案日期");
  r.police_filed = date(c, "立案通知书", "通知日期");
  r.police_refused = date(c, "不予立案通知书", "通知日期");
  r.case_amount = fen(c, "涉嫌犯罪案件移送书", "涉案金额");
  r.fine = fen(c, "行政处罚决定书", "罚款金额");
  r.origin.file = source.empty() ? std::filesystem::path(c.name) : source;
  return r;
}

}  // namespace caseaudit::audit
