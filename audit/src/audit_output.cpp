// The audit job's outputs (see audit_output.h): the JSON for other tools, the
// findings ledger a prosecutor files (CSV that Excel opens), and the report.
#include "audit_output.h"

#include <cstdio>
#include <future>
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

namespace {

nlohmann::ordered_json link_json(const Link& l, const AuditJobReport& r) {
  nlohmann::ordered_json e;  // member by member: a braced list would copy each value
  e["case"] = r.files[l.file].origin.text();
  e["entry"] = r.entries[l.entry].origin.text();
  e["score"] = l.score;
  e["by_number"] = l.by_number;
  e["explain"] = l.explain();
  return e;
}

// `value` as dump(1) writes it `depth` levels into a document: each line
// after its first indented by `depth` more spaces (a line break inside a JSON
// string is written \n, so every raw one is layout).
void put_json(std::ostream& out, const nlohmann::ordered_json& value, int depth) {
  const std::string text = ocr::json_text(value, 1);
  const std::string pad(static_cast<std::size_t>(depth), ' ');
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; from = nl + 1, nl = text.find('\n', from))
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from)) << pad;
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

// audit.json (caseaudit.audit/1) without its links, IDs masked unless asked not to.
nlohmann::ordered_json audit_json(const AuditJob& job, const AuditJobReport& r) {
  // An ordered_json object is a vector of (const key, value) pairs: growing
  // it copies every value, the arrays of findings and links too. Room first.
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j.get_ref<nlohmann::ordered_json::object_t&>().reserve(24);
  j["schema"] = "caseaudit.audit/1";
  j["as_of"] = job.options.as_of.iso();
  j["profile"] = job.profile;
  j["case_records"] = r.files.size();
  j["platform_entries"] = r.entries.size();
  j["units"] = nlohmann::ordered_json::array();
  for (const auto& u : r.result.units) j["units"].push_back(to_json(u));
  j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : r.result.findings) j["findings"].push_back(finding_json(f, r));
  j["links"] = nullptr;  // one a case: streamed by write_audit_json, never held at once
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
  if (job.mask_ids) forms::mask_json_strings(j);
  return j;
}

// audit.json as dump(1) writes it, the links (one per linked case: the
// largest part) made and written one at a time.
void write_audit_json(std::ostream& out, const nlohmann::ordered_json& head, const AuditJobReport& r, bool mask) {
  out << "{\n";
  bool first = true;
  for (const auto& [key, value] : head.items()) {
    out << (first ? " " : ",\n ") << ocr::json_text(nlohmann::ordered_json(key), 1) << ": ";
    first = false;
    if (key != "links") {
      put_json(out, value, 1);
      continue;
    }
    const auto& links = r.result.linking.links;
    if (links.empty()) out << "[]";
    for (std::size_t i = 0; i < links.size(); ++i) {
      nlohmann::ordered_json e = link_json(links[i], r);
      if (mask) forms::mask_json_strings(e);
      out << (i ? ",\n  " : "[\n  ");
      put_json(out, e, 2);
    }
    if (!links.empty()) out << "\n ]";
  }
  out << "\n}\n";
}

}  // namespace

void write_audit_outputs(const AuditJob& job, AuditJobReport& r) {
  const fs::path dir = job.cases.output;
  ocr::check_output_folder(dir);
  // Two halves, one on each of the two cores a laptop has: the ledgers, and
  // audit.json with the report. Both only read the report until joined.
  ocr::StageTimes json_times, ledger_times;
  std::string report_text;
  auto ledgers = std::async(std::launch::async, [&] {
    ocr::StageClock clock(ledger_times);
    ocr::write_file_atomically(dir / "audit-findings.csv", ledger_csv(r, job.mask_ids));
    clock.lap("output 2: csv");
    write_ledger_xlsx(dir / "audit-findings.xlsx", r, job.mask_ids);
    clock.lap("output 2: xlsx");
  });
  {
    ocr::StageClock clock(json_times);
    try {
      const nlohmann::ordered_json head = audit_json(job, r);
      clock.lap("output 1: build JSON");
      ocr::write_file_atomically(dir / "audit.json", [&](std::ostream& out) { write_audit_json(out, head, r, job.mask_ids); });
      clock.lap("output 1: write audit.json");
      report_text = audit_report_text(job, r);
      ocr::write_file_atomically(dir / "audit-report.txt", report_text);
      clock.lap("output 1: report text");
    } catch (...) {
      ledgers.wait();
      throw;
    }
    ledgers.get();  // rethrows what the other half threw
  }
  r.times.merge(json_times);
  r.times.merge(ledger_times);
  r.report_text = std::move(report_text);
  for (const char* name : {"audit.json", "audit-findings.csv", "audit-findings.xlsx", "audit-report.txt"})
    r.written.push_back(dir / name);
}

}  // namespace caseaudit::audit
