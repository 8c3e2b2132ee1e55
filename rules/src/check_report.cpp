// The readable self-check report (see check_job.h).
#include <map>
#include <sstream>

#include "caseaudit/forms/id_mask.h"
#include "caseaudit/rules/check_job.h"

namespace caseaudit::rules {

namespace {

const char* severity_zh(Severity s) {
  switch (s) {
    case Severity::Error: return "错误 error";
    case Severity::Warning: return "提示 warning";
    case Severity::Info: return "信息 info";
  }
  return "";
}

std::string pages(const FindingEvidence& e) { return e.page >= 0 ? "第" + std::to_string(e.page + 1) + "页" : ""; }

}  // namespace

std::string check_report_text(const CaseCheck& c, bool mask_ids) {
  std::ostringstream out;
  int errors = 0, warnings = 0;
  for (const auto& f : c.findings) (f.severity == Severity::Error ? errors : warnings) += 1;
  out << "案卷自查 self-check: " << c.extraction.name << "（" << c.extraction.documents.size() << " 份文书 documents；错误 errors "
      << errors << "，提示 warnings " << warnings << "）\n";
  // Findings grouped by document, case-file findings last.
  std::map<int, std::vector<const Finding*>> by_doc;
  for (const auto& f : c.findings) by_doc[f.evidence.empty() ? -1 : f.evidence.front().document].push_back(&f);
  for (const auto& [doc, list] : by_doc) {
    if (doc >= 0 && static_cast<std::size_t>(doc) < c.extraction.documents.size())
      out << "\n[" << doc + 1 << "] " << c.extraction.documents[static_cast<std::size_t>(doc)].type << "\n";
    else
      out << "\n[案卷 case file]\n";
    for (const Finding* f : list) {
      out << "  " << severity_zh(f->severity) << "  " << f->message << "\n      依据 basis: " << f->basis << "\n";
      if (!f->note.empty()) out << "      说明 note: " << f->note << "\n";
      for (const auto& e : f->evidence)
        if (e.page >= 0) out << "      见 see: " << e.doc_type << " " << pages(e) << (e.text.empty() ? "" : "「" + e.text + "」") << "\n";
    }
  }
  if (c.findings.empty()) out << "\n未发现问题 (no findings)\n";
  if (!c.unverified.empty()) {
    out << "\n待核实 to verify（识别不清，无法判断，请对照原件 could not be read well enough to judge: check the page）:\n";
    for (const Finding& f : c.unverified) {
      out << "  " << f.message << "\n";
      for (const auto& e : f.evidence)
        if (e.page >= 0) out << "      见 see: " << e.doc_type << " " << pages(e) << (e.text.empty() ? "" : "「" + e.text + "」") << "\n";
    }
  }
  out << "\n平台录入期限 platform-entry deadlines:\n";
  if (c.entry_deadlines.empty()) out << "  （案卷中没有可起算的日期 no date starts a clock）\n";
  for (const auto& e : c.entry_deadlines) out << "  " << e.message << "\n      依据 basis: " << e.source << "\n";
  for (const auto& n : c.notes) out << "  ! " << n << "\n";
  out << "\n移送研判 transfer screening:\n  " << c.screening.message << "\n";
  for (const auto& n : c.screening.notes) out << "      说明 note: " << n << "\n";
  out << "\n平台录入值 values for the platform:\n";
  for (const auto& [k, v] : c.platform_values.items()) out << "  " << k << "：" << (v.is_string() ? v.get<std::string>() : v.dump()) << "\n";
  return mask_ids ? forms::mask_id_numbers(out.str()) : out.str();
}

}  // namespace caseaudit::rules
