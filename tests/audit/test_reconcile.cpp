// Reconciliation on small hand-made case records: each finding kind raised
// when it should be and not otherwise.
#include <catch2/catch.hpp>

#include <algorithm>

#include "caseaudit/audit/reconcile.h"
#include "caseaudit/rules/data_error.h"
#include "support/fixtures.h"

using namespace caseaudit;
using namespace caseaudit::audit;

namespace {

const AuditContext& ctx() {
  static const AuditContext c = AuditContext::load({}, "default");
  return c;
}

CaseRecord record(const std::string& number, const std::string& party, forms::Date filed, std::int64_t amount_yuan,
                  Category cat = Category::Penalty, const std::string& cause = "销售不符合保障人身、财产安全的国家标准的产品") {
  CaseRecord r;
  r.unit = "宛城区市场监督管理局";
  r.number = number;
  r.number_key = doc_number_key(number);
  r.party = party;
  r.party_key = party_key(party);
  r.cause = cause;
  r.category = cat;
  r.filed = filed;
  r.case_amount = amount_yuan * 100;
  r.fine = amount_yuan * 100;
  return r;
}

std::vector<std::string> kinds_for(const ReconcileResult& r, const std::string& number) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.number == doc_number_key(number)) out.push_back(f.kind);
  std::sort(out.begin(), out.end());
  return out;
}

ReconcileOptions options() {
  ReconcileOptions o;
  o.as_of = {2024, 6, 30};
  return o;
}

}  // namespace

TEST_CASE("an entry within 7 working days is on time, also across National Day; one day more is late") {
  CaseRecord file = record("宛市监处罚〔2023〕10号", "南阳某某商贸有限公司", {2023, 9, 27}, 1000);
  CaseRecord on_time = file, late = file;
  on_time.number = "宛市监处罚[2023]10号";  // another bracket style: same case
  on_time.entered = forms::Date{2023, 10, 12};  // 7 working days after 09-27 (holiday 09-29..10-06)
  auto r = reconcile({file}, {on_time}, ctx(), options());
  CHECK(kinds_for(r, file.number).empty());
  late.entered = forms::Date{2023, 10, 13};
  r = reconcile({file}, {late}, ctx(), options());
  REQUIRE(kinds_for(r, file.number) == std::vector<std::string>{"platform.late"});
  CHECK(r.findings.front().message.find("8 个工作日") != std::string::npos);
}

TEST_CASE("a region whose deadline is in calendar days is judged in calendar days") {
  // A profile added as data, extending the default: filing information within 10 days.
  caseaudit::test::ScratchDir dir("reconcile-calendar-days");
  std::filesystem::copy(rules::default_rules_dir(), dir.path(), std::filesystem::copy_options::recursive);
  caseaudit::test::write_file(dir / "profiles" / "tendays.yaml",
                              "name: tendays\nextends: default\ntitle: 十日\nsources:\n  local:\n    title: 某市两法衔接实施办法\n"
                              "entry_deadlines:\n  filing:\n    deadline: 10 days\n    source: {document: local, article: 第五条}\n");
  const AuditContext ten = AuditContext::load(dir.path(), "tendays");
  CaseRecord file = record("宛市监处罚〔2023〕18号", "南阳市宛城区鑫源商贸有限公司", {2023, 9, 27}, 1000);
  CaseRecord entry = file;
  entry.entered = forms::Date{2023, 10, 7};  // 10 calendar days (7 working days would allow 10-12)
  CHECK(kinds_for(reconcile({file}, {entry}, ten, options()), file.number).empty());
  entry.entered = forms::Date{2023, 10, 8};
  const auto r = reconcile({file}, {entry}, ten, options());
  REQUIRE(kinds_for(r, file.number) == std::vector<std::string>{"platform.late"});
  CHECK(r.findings.front().message.find("相隔 11 日") != std::string::npos);
}

TEST_CASE("a case with no entry is 漏录, an entry with no case file is reported, blanks are incomplete") {
  CaseRecord a = record("宛市监处罚〔2023〕11号", "南阳市宛城区鑫源商贸有限公司", {2023, 5, 8}, 1000);
  CaseRecord b = record("宛市监处罚〔2023〕12号", "南阳市卧龙区华泰五金经营部", {2023, 5, 8}, 1000);
  CaseRecord entry_b = b, orphan = record("宛市监处罚〔2023〕99号", "河南省宏达建材销售有限公司", {2023, 5, 8}, 1000);
  entry_b.entered = orphan.entered = forms::Date{2023, 5, 9};
  entry_b.blank = {"涉案金额"};
  const auto r = reconcile({a, b}, {entry_b, orphan}, ctx(), options());
  CHECK(kinds_for(r, a.number) == std::vector<std::string>{"platform.missing"});
  CHECK(kinds_for(r, b.number) == std::vector<std::string>{"platform.incomplete"});
  CHECK(kinds_for(r, orphan.number) == std::vector<std::string>{"platform.orphan"});
}

TEST_CASE("a different fine is a disagreement; a transfer entered as a penalty is a category error") {
  CaseRecord file = record("宛市监处罚〔2023〕13号", "丁公司", {2023, 5, 8}, 20000);
  CaseRecord entry = file;
  entry.entered = forms::Date{2023, 5, 9};
  entry.fine = 2000 * 100;
  auto r = reconcile({file}, {entry}, ctx(), options());
  CHECK(kinds_for(r, file.number) == std::vector<std::string>{"platform.mismatch"});

  CaseRecord transfer = record("宛市监移〔2023〕3号", "戊公司", {2023, 5, 8}, 80000, Category::Transfer);
  transfer.transferred = transfer.police_filed = forms::Date{2023, 6, 1};
  CaseRecord as_penalty = transfer;
  as_penalty.category = Category::Penalty;
  as_penalty.entered = forms::Date{2023, 5, 9};
  r = reconcile({transfer}, {as_penalty}, ctx(), options());
  CHECK(kinds_for(r, transfer.number) == std::vector<std::string>{"platform.category"});
}

TEST_CASE("a fined case at the threshold is 以罚代刑, at 80% it is 提前介入, transferred or below it is neither") {
  CaseRecord due = record("宛市监处罚〔2023〕14号", "己公司", {2023, 5, 8}, 50000);
  CaseRecord early = record("宛市监处罚〔2023〕15号", "庚公司", {2023, 5, 8}, 40000);
  CaseRecord below = record("宛市监处罚〔2023〕16号", "辛公司", {2023, 5, 8}, 39999);
  CaseRecord food = record("宛市监处罚〔2023〕17号", "壬公司", {2023, 5, 8}, 900000, Category::Penalty,
                           "未取得食品经营许可从事食品经营活动");
  std::vector<CaseRecord> files = {due, early, below, food};
  std::vector<CaseRecord> entries = files;
  for (auto& e : entries) e.entered = forms::Date{2023, 5, 9};
  const auto r = reconcile(files, entries, ctx(), options());
  CHECK(kinds_for(r, due.number) == std::vector<std::string>{"criminal.fine_instead"});
  CHECK(kinds_for(r, early.number) == std::vector<std::string>{"criminal.early"});
  CHECK(kinds_for(r, below.number).empty());
  CHECK(kinds_for(r, food.number).empty());
}

TEST_CASE("police: no decision long after a transfer, an investigation open over a year") {
  CaseRecord waiting = record("宛市监移〔2023〕4号", "癸公司", {2023, 5, 8}, 90000, Category::Transfer);
  waiting.transferred = forms::Date{2023, 6, 1};
  CaseRecord decided = waiting;
  decided.number = "宛市监移〔2023〕5号", decided.number_key = doc_number_key(decided.number), decided.party = "子公司";
  decided.police_filed = forms::Date{2023, 6, 3};
  decided.status = "已移送起诉";
  CaseRecord open = decided;
  open.number = "宛市监移〔2023〕6号", open.number_key = doc_number_key(open.number), open.party = "丑公司";
  open.status = "侦查中";
  CaseRecord refused = waiting;  // a 不予立案通知书 answers the transfer too
  refused.number = "宛市监移〔2023〕7号", refused.number_key = doc_number_key(refused.number), refused.party = "寅公司";
  refused.police_refused = forms::Date{2023, 6, 3};
  std::vector<CaseRecord> files = {waiting, decided, open, refused};
  std::vector<CaseRecord> entries = files;
  for (auto& e : entries) e.entered = forms::Date{2023, 6, 2};
  const auto r = reconcile(files, entries, ctx(), options());
  CHECK(kinds_for(r, waiting.number) == std::vector<std::string>{"police.decision_overdue"});
  CHECK(kinds_for(r, decided.number).empty());
  CHECK(kinds_for(r, refused.number).empty());
  CHECK(kinds_for(r, open.number) == std::vector<std::string>{"police.investigation_open"});
}

TEST_CASE("a unit that leaves out its large cases is called selective; random omissions are not") {
  std::vector<CaseRecord> files, entries;
  for (int i = 1; i <= 40; ++i) {
    // amounts 1000..40000 yuan, all below 80% of the 50000 threshold... the largest ten above it
    CaseRecord c = record("宛市监处罚〔2023〕" + std::to_string(100 + i) + "号", "商户" + std::to_string(i), {2023, 3, 1},
                          i * 1000, Category::Penalty, "超过大气污染物排放标准排放大气污染物");
    files.push_back(c);
    if (i <= 30) {
      c.entered = forms::Date{2023, 3, 2};
      entries.push_back(c);
    }
  }
  auto r = reconcile(files, entries, ctx(), options());
  REQUIRE(r.units.size() == 1);
  CHECK(r.units[0].selective.selective);
  CHECK(r.units[0].selective.p < 0.001);
  CHECK(r.units[0].selective.words.find("倍") != std::string::npos);
  CHECK(std::count_if(r.findings.begin(), r.findings.end(), [](const AuditFinding& f) { return f.kind == "platform.selective"; }) == 1);
  CHECK(r.units[0].entered == 30);
  CHECK(r.units[0].on_time == 30);

  // Omit three cases spread over the range instead.
  entries.clear();
  for (int i = 1; i <= 40; ++i)
    if (i != 5 && i != 20 && i != 35) {
      CaseRecord c = files[static_cast<std::size_t>(i - 1)];
      c.entered = forms::Date{2023, 3, 2};
      entries.push_back(c);
    }
  r = reconcile(files, entries, ctx(), options());
  CHECK_FALSE(r.units[0].selective.selective);

  // Leave out the transferred cases instead, whatever their amounts: the case type gives it away.
  entries.clear();
  for (int i = 1; i <= 40; ++i) {
    CaseRecord& c = files[static_cast<std::size_t>(i - 1)];
    c.category = i % 8 == 0 ? Category::Transfer : Category::Penalty;
    if (c.category == Category::Transfer) c.transferred = c.police_filed = forms::Date{2023, 3, 5};
    if (c.category == Category::Penalty) {
      CaseRecord e = c;
      e.entered = forms::Date{2023, 3, 2};
      entries.push_back(e);
    }
  }
  r = reconcile(files, entries, ctx(), options());
  CHECK(r.units[0].selective.transfer_missing == 5);
  CHECK(r.units[0].selective.transfer_p < 0.001);
  CHECK(r.units[0].selective.selective);
}
