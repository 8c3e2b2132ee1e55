// The audit job's outputs (see audit_output.h): the JSON for other tools, the
// findings ledger a prosecutor files (CSV that Excel opens), and the report.
#include "audit_output.h"

#include <cstdio>
#include <sstream>

#include "caseaudit/forms/id_mask.h"
#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "ledger_text.h"
#include "ledger_xlsx.h"

namespace caseaudit::audit {

namespace fs = std::filesystem;

namespace {

void write_text(const fs::path& p, const std::string& text, AuditJobReport& report) {
  ocr::write_file_atomically(p, text);
  report.written.push_back(p);
}

// One ledger cell: line breaks (YAML's folded texts end with one) become
// spaces, so each finding is one line of the ledger.
std::string csv_cell(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string ledger_csv(const AuditJobReport& r, bool mask) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  };
  line(ledger_header());
  int n = 0;
  for (const auto& f : r.result.findings) line(ledger_cells(++n, f, mask));
  return out;
}

// A spreadsheet row a finding is about: {"file", "sheet", "row"}.
nlohmann::ordered_json row_json(const Origin& o) {
  nlohmann::ordered_json j;
  j["file"] = ocr::readable_path(o.file);
  if (!o.sheet.empty()) j["sheet"] = o.sheet;
  j["row"] = o.row;
  return j;
}

// A finding as JSON, with what it is about: "case" (a scanned case file's
// name), "case_row" (a register row), "row" (a platform export row), and
// whether the case file's unit could not be resolved.
nlohmann::ordered_json finding_json(const AuditFinding& f, const AuditJobReport& r) {
  nlohmann::ordered_json j = to_json(f);
  if (f.file && *f.file < r.files.size()) {
    const CaseRecord& c = r.files[*f.file];
    if (c.origin.row == 0) j["case"] = ocr::readable_path(c.origin.file.filename());
    else j["case_row"] = row_json(c.origin);
    if (!c.unit_read.empty()) j["unit_read"] = c.unit_read;
    for (const auto& u : r.units)
      if (u.file == *f.file && !u.resolved) j["unit_unresolved"] = true;
  }
  if (f.entry && *f.entry < r.entries.size()) j["row"] = row_json(r.entries[*f.entry].origin);
  return j;
}

}  // namespace

std::string audit_report_text(const AuditJob& job, const AuditJobReport& r) {
  std::ostringstream out;
  out << "两法衔接平台录入核查报告 platform reconciliation report\n";
  out << "核查基准日 as of: " << job.options.as_of.iso() << "    规则配置 profile: " << job.profile << "\n";
  out << "案卷/台账 " << r.files.size() << " 件，平台录入 " << r.entries.size() << " 条；关联 " << r.result.linking.links.size()
      << " 对 (links)，待人工核对 " << r.result.linking.ambiguous.size() << " 件\n";
  for (const auto& w : r.warnings) out << "! " << w << "\n";
  for (const auto& u : r.unreadable) out << "! 无法读取 (unreadable) " << u.message << "\n";
  if (!r.cell_problems.empty())
    out << "! " << r.cell_problems.size() << " 个单元格无法识别，已按未知处理 (cells kept as unknown; see audit.json)\n";
  if (!r.imported.empty()) {
    out << "\n读取的表格及列配置 files and column profiles\n";
    for (const auto& f : r.imported)
      out << "  " << (f.side == "platform" ? "平台导出 " : "台账 ") << f.file.filename().string() << "：" << f.profile
          << (f.title.empty() ? "" : "（" + f.title + "）") << (f.chosen ? " [自动选择 auto]" : "") << "\n";
  }
  bool any_unit = false;
  for (const auto& u : r.units)
    if (u.unit != u.read || !u.resolved) any_unit = true;
  if (any_unit) {
    out << "\n案卷单位识别 units of the scanned case files\n";
    for (const auto& u : r.units) {
      if (u.resolved && u.unit == u.read) continue;
      out << "  " << r.files[u.file].origin.text() << " “" << u.read << "” → "
          << (u.resolved ? u.unit : "无法确定，按原文 (not resolved, kept as read)") << "：" << u.how << "\n";
    }
  }

  out << "\n各单位统计 per-unit statistics（区间为95%置信区间 95% intervals）\n";
  for (const auto& u : r.result.units) {
    out << "\n【" << u.unit << "】\n";
    out << "  案件 cases " << u.cases << "，已录入 entered " << u.entered << "，录入率 " << percent(u.entered, u.cases) << " "
        << interval(u.entry_ci) << "\n";
    out << "  按时录入 on time " << u.on_time << "/" << u.timed << "，及时率 " << percent(u.on_time, u.timed) << " "
        << interval(u.on_time_ci);
    if (u.median_delay) out << "，录入用时中位数 " << *u.median_delay << " 个工作日 (median delay, working days)";
    out << "\n  有录入无案卷 entries without a case file: " << u.orphans << "\n";
    if (u.checked)
      out << "  文书检查 documents: 扫描案卷 " << u.checked << " 件，有错误级问题 " << u.with_defects << " 件（"
          << percent(u.with_defects, u.checked) << " " << interval(u.defective_ci) << "），错误级问题 " << u.defects
          << " 项，平均每卷 " << (static_cast<double>(u.defects) / u.checked) << " 项 (defects per file)\n";
    out << "  选择性录入检验 selective entry: " << u.selective.words << (u.selective.selective ? " → 疑似选择性录入" : "") << "\n";
  }

  out << "\n问题清单 findings（" << r.result.findings.size() << " 项）\n";
  std::string unit;
  for (const auto& f : r.result.findings) {
    if (f.unit != unit) out << "\n【" << (unit = f.unit) << "】\n";
    out << "  [" << severity_zh(f.severity) << "] " << kind_zh(f) << " " << f.number << (f.party.empty() ? "" : " " + f.party)
        << "\n      " << f.message << "\n      依据 basis: " << f.basis << "\n";
    if (!f.note.empty()) out << "      说明 note: " << f.note << "\n";
    for (const auto& e : f.evidence) out << "      见 see: " << e << "\n";
  }
  if (r.result.findings.empty()) out << "  未发现问题 (no findings)\n";
  if (!r.to_verify.empty()) {
    out << "\n待核实 to verify（" << r.to_verify.size() << " 项：识别不清，无法判断，请对照原件 could not be read well enough to judge）\n";
    for (const auto& f : r.to_verify) {
      out << "  " << f.number << (f.party.empty() ? "" : " " + f.party) << "\n      " << f.message << "\n";
      for (const auto& e : f.evidence) out << "      见 see: " << e << "\n";
    }
  }
  for (const auto& n : r.result.notes) out << "! " << n << "\n";
  return job.mask_ids ? mask_id_numbers(out.str()) : out.str();
}

void write_audit_outputs(const AuditJob& job, AuditJobReport& r) {
  const fs::path dir = job.cases.output;
  ocr::check_output_folder(dir);
  ocr::StageClock clock(r.times);

  nlohmann::ordered_json j;
  j["schema"] = "caseaudit.audit/1";
  j["as_of"] = job.options.as_of.iso();
  j["profile"] = job.profile;
  j["case_records"] = r.files.size();
  j["platform_entries"] = r.entries.size();
  j["units"] = nlohmann::ordered_json::array();
  for (const auto& u : r.result.units) j["units"].push_back(to_json(u));
  j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : r.result.findings) j["findings"].push_back(finding_json(f, r));
  j["links"] = nlohmann::ordered_json::array();
  for (const auto& l : r.result.linking.links) {
    nlohmann::ordered_json e;  // member by member: a braced list would copy each value
    e["case"] = r.files[l.file].origin.text();
    e["entry"] = r.entries[l.entry].origin.text();
    e["score"] = l.score;
    e["by_number"] = l.by_number;
    e["explain"] = l.explain();
    j["links"].push_back(std::move(e));
  }
  j["to_verify"] = nlohmann::ordered_json::array();
  for (const auto& f : r.to_verify) j["to_verify"].push_back(finding_json(f, r));
  j["column_profiles"] = nlohmann::ordered_json::array();
  for (const auto& f : r.imported)
    j["column_profiles"].push_back({{"file", ocr::readable_path(f.file)}, {"side", f.side}, {"profile", f.profile}, {"auto", f.chosen},
                                    {"fields", f.fields_mapped}});
  j["unit_resolution"] = nlohmann::ordered_json::array();
  for (const auto& u : r.units) {
    nlohmann::ordered_json e;
    e["case"] = ocr::readable_path(r.files[u.file].origin.file.filename());
    e["read"] = u.read;
    e["unit"] = u.unit;
    e["resolved"] = u.resolved;
    if (!u.resolved) e["unit_unresolved"] = true;
    e["score"] = u.score;
    if (!u.closest.empty()) e["closest"] = u.closest;
    e["how"] = u.how;
    j["unit_resolution"].push_back(e);
  }
  j["unreadable"] = nlohmann::ordered_json::array();
  for (const auto& u : r.unreadable) j["unreadable"].push_back({{"file", ocr::readable_path(u.file)}, {"message", u.message}});
  j["cell_problems"] = nlohmann::ordered_json::array();
  for (const auto& p : r.cell_problems) j["cell_problems"].push_back(p.message());
  j["warnings"] = r.warnings;
  j["notes"] = r.result.notes;
  clock.lap("output: build JSON");
  if (job.mask_ids) forms::mask_json_strings(j);
  clock.lap("output: mask JSON");
  write_text(dir / "audit.json", ocr::json_text(j, 1) + "\n", r);
  clock.lap("output: write audit.json");
  write_text(dir / "audit-findings.csv", ledger_csv(r, job.mask_ids), r);
  clock.lap("output: csv");
  write_ledger_xlsx(dir / "audit-findings.xlsx", r, job.mask_ids);
  r.written.push_back(dir / "audit-findings.xlsx");
  clock.lap("output: xlsx");
  r.report_text = audit_report_text(job, r);
  write_text(dir / "audit-report.txt", r.report_text, r);
  clock.lap("output: report text");
}

}  // namespace caseaudit::audit
