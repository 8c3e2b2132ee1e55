// The words and cells shared by the ledger (CSV and Excel) and the report:
// finding kinds and severities in Chinese, rates and intervals as text.
#pragma once

#include <string>
#include <vector>

#include "caseaudit/audit/reconcile.h"

namespace caseaudit::audit {

std::string kind_zh(const AuditFinding& f);     // the profile's title (漏录, 迟录 ...); a rule pack's finding: 文书/程序问题
std::string severity_zh(rules::Severity s);     // 错误 | 提示 | 信息
std::string percent(int a, int n);              // "82.5%", "—" when n is 0
std::string interval(const Interval& i);        // "[70.6%, 90.2%]"

std::vector<std::string> ledger_header();
// One finding's row (n is its 序号), ID numbers masked when `mask`.
std::vector<std::string> ledger_cells(int n, const AuditFinding& f, bool mask);
std::vector<std::string> unit_stats_header();
std::vector<std::string> unit_stats_cells(const UnitStats& u);

}  // namespace caseaudit::audit
