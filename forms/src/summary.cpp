// The readable summary of an extraction (Chinese, English beside the headings).
#include <sstream>

#include "caseaudit/forms/extract.h"
#include "caseaudit/forms/id_mask.h"
#include "fuzzy.h"

namespace caseaudit::forms {

namespace {

std::string page_range(const std::vector<int>& pages) {
  if (pages.empty()) return "";
  const int first = pages.front() + 1, last = pages.back() + 1;
  return first == last ? "第" + std::to_string(first) + "页" : "第" + std::to_string(first) + "-" + std::to_string(last) + "页";
}

std::string show(const ExtractedField& f, bool mask) {
  if (!f.parsed) return "「" + (f.type == "id_number" && mask ? mask_id(f.raw) : f.raw) + "」（无法识别 unreadable）";
  if (f.type == "id_number" && mask) return mask_id(f.value.get<std::string>());
  if (f.value.is_string()) return f.value.get<std::string>();
  if (f.type == "party") return f.value.value("name", "") + (f.value.value("kind", "") == "unit" ? "（单位）" : "（个人）");
  if (f.type == "amount" || f.type == "capital_amount") return f.value.dump() + " 元";
  if (f.type == "seal") return f.value.get<bool>() ? "有 present" : "无 absent";
  if (f.type == "rows") {
    std::string s;
    for (const auto& row : f.value) {
      s += "\n      ";
      for (const auto& [k, v] : row.items()) s += k + "：" + (v.is_string() ? v.get<std::string>() : v.dump()) + "  ";
    }
    return s;
  }
  if (f.type == "terms") {
    std::string s;
    for (const auto& t : f.value) s += (s.empty() ? "" : "、") + t.get<std::string>();
    return s;
  }
  if (f.type == "citations" || f.type == "officers") {
    std::string s;
    for (const auto& item : f.value) {
      if (!s.empty()) s += "；";
      s += f.type == "citations" ? item.value("text", "") : item.value("name", "") + "（" + item.value("证号", "") + "）";
    }
    return s;
  }
  return f.value.dump();
}

}  // namespace

std::string summary_text(const CaseExtraction& c, bool mask_ids) {
  std::ostringstream out;
  std::size_t nonstandard = 0, unknown = 0;
  for (const Document& d : c.documents) {
    nonstandard += !d.standard;
    unknown += d.type == kUnknownType;
  }
  out << "案卷 case file: " << c.name << "（" << c.pages.size() << " 页 pages，" << c.documents.size()
      << " 份文书 documents；非标准 non-standard " << nonstandard << "，未识别 unknown " << unknown << "）\n";
  for (std::size_t i = 0; i < c.documents.size(); ++i) {
    const Document& d = c.documents[i];
    out << "\n[" << i + 1 << "] " << d.type << "  " << page_range(d.pages);
    if (d.type != kUnknownType && d.slug != "blank") {
      char conf[16];
      std::snprintf(conf, sizeof conf, "%.2f", d.confidence);
      out << "  置信度 confidence " << conf;
    }
    out << "\n";
    for (const Deviation& v : d.deviations) out << "    ! 非标准 non-standard: " << v.message << "\n";
    for (const ExtractedField& f : d.fields) {
      out << "    " << f.name << "：" << show(f, mask_ids);
      if (!f.problem.empty() && f.parsed) out << "  ! " << f.problem;
      out << "\n";
    }
    if (!d.missing_fields.empty()) {
      out << "    ! 未找到必填项 required fields not found: ";
      for (std::size_t k = 0; k < d.missing_fields.size(); ++k) out << (k ? "、" : "") << d.missing_fields[k];
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace caseaudit::forms
