// Texts of the findings ledger and the per-unit table (see ledger_text.h).
#include "ledger_text.h"

#include <cstdio>

namespace caseaudit::audit {

std::string kind_zh(const AuditFinding& f) {
  return f.title.empty() ? "文书/程序问题" : f.title;  // a rule pack's finding (its rule id is the kind) has no title
}

std::string severity_zh(rules::Severity s) {
  switch (s) {
    case rules::Severity::Error: return "错误";
    case rules::Severity::Warning: return "提示";
    case rules::Severity::Info: return "信息";
  }
  return "";
}

std::string percent(int a, int n) {
  if (n == 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * a / n);
  return buf;
}

std::string interval(const Interval& i) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "[%.1f%%, %.1f%%]", 100 * i.low, 100 * i.high);
  return buf;
}

std::vector<std::string> ledger_header() {
  return {"序号", "单位", "文号", "当事人", "问题类型", "问题代码", "严重程度", "说明", "依据", "证据", "备注"};
}

std::vector<std::string> ledger_cells(int n, const AuditFinding& f, bool mask) {
  std::string evidence;
  for (const auto& e : f.evidence) evidence += (evidence.empty() ? "" : "；") + e;
  std::vector<std::string> cells = {std::to_string(n), f.unit, f.number, f.party, kind_zh(f), f.kind,
                                    severity_zh(f.severity), f.message, f.basis, evidence, f.note};
  for (auto& c : cells) {
    while (!c.empty() && (c.back() == '\n' || c.back() == ' ')) c.pop_back();
    if (mask) c = mask_id_numbers(c);
  }
  return cells;
}

std::vector<std::string> unit_stats_header() {
  return {"单位", "案件数", "已录入", "录入率", "录入率95%区间", "可判断及时", "按时录入", "及时率", "及时率95%区间",
          "录入用时中位数(工作日)", "有录入无案卷", "扫描案卷", "有错误级问题案卷", "错误级问题数", "选择性录入检验"};
}

std::vector<std::string> unit_stats_cells(const UnitStats& u) {
  char delay[32] = "—";
  if (u.median_delay) std::snprintf(delay, sizeof delay, "%g", *u.median_delay);
  return {u.unit, std::to_string(u.cases), std::to_string(u.entered), percent(u.entered, u.cases), interval(u.entry_ci),
          std::to_string(u.timed), std::to_string(u.on_time), percent(u.on_time, u.timed), interval(u.on_time_ci), delay,
          std::to_string(u.orphans), std::to_string(u.checked), std::to_string(u.with_defects), std::to_string(u.defects),
          u.selective.words + (u.selective.selective ? " → 疑似选择性录入" : "")};
}

}  // namespace caseaudit::audit
