// Reconciliation on small hand-made case records: each finding kind raised
// when it should be and not otherwise.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

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

TEST_CASE("an entry within 7 working days is on time, also across National Day, one day more is late") {
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
  entry_b.blank = {{"涉案金额", "case_amount", MustFill::WhenKnown}};
  const auto r = reconcile({a, b}, {entry_b, orphan}, ctx(), options());
  CHECK(kinds_for(r, a.number) == std::vector<std::string>{"platform.missing"});
  CHECK(kinds_for(r, b.number) == std::vector<std::string>{"platform.incomplete"});
  CHECK(kinds_for(r, orphan.number) == std::vector<std::string>{"platform.orphan"});
}

TEST_CASE("a different fine is a disagreement, a transfer entered as a penalty is a category error") {
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

TEST_CASE("a platform 涉案金额 the facts state under another measure agrees, one the file states nowhere disagrees") {
  // The facts: 销售金额 30,000 元 (the offence's measure, taken as the file's
  // 涉案金额) and 货值金额 45,000 元; a bureau may have entered either.
  CaseRecord file = record("宛市监处罚〔2023〕21号", "己公司", {2023, 5, 8}, 30000);
  file.stated_amounts = {3000000, 4500000};
  CaseRecord entry = file;
  entry.entered = forms::Date{2023, 5, 9};
  entry.case_amount = 4500000;
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  entry.case_amount = 450000;
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number) ==
        std::vector<std::string>{"platform.mismatch"});
  // Read from a single low-confidence page: not sure enough to call the platform wrong.
  file.unsure.insert("case_amount");
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
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

TEST_CASE("a unit that leaves out its large cases is called selective, random omissions are not") {
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
  CHECK(r.units[0].selective.case_amount.p < 0.001);
  CHECK(r.units[0].selective.measures.front() == "涉案金额");
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

// ---- issue 11: typos on the platform, selective entry on fines, incomplete
// means the file has it, findings and clocks from the profile ----

namespace {

const AuditContext& nanyang() {
  static const AuditContext c = AuditContext::load({}, "nanyang");
  return c;
}

std::vector<const AuditFinding*> of_kind(const ReconcileResult& r, const std::string& kind) {
  std::vector<const AuditFinding*> out;
  for (const auto& f : r.findings)
    if (f.kind == kind) out.push_back(&f);
  return out;
}

}  // namespace

TEST_CASE("a party read surely and entered a character or two off is a typo on the platform, a doubtful read is not") {
  CaseRecord file = record("宛市监处罚〔2023〕20号", "南阳市宛城区鑫源商贸有限公司", {2023, 5, 8}, 1000);
  file.origin.file = "case-020";  // a scanned case file (row 0)
  file.party_confidence = 0.98f;
  file.party_sources = 2;
  CaseRecord entry = file;
  entry.origin = {"export.csv", "", 5};
  entry.party = "南阳市宛城区鑫元商贸有限公司";
  entry.party_key = party_key(entry.party);
  entry.entered = forms::Date{2023, 5, 9};
  auto r = reconcile({file}, {entry}, ctx(), options());
  REQUIRE(kinds_for(r, file.number) == std::vector<std::string>{"platform.party_typo"});
  const AuditFinding& f = r.findings.front();
  CHECK(f.severity == rules::Severity::Warning);
  CHECK(f.title == "录入当事人名称有误");
  CHECK(f.message.find("南阳市宛城区鑫源商贸有限公司") != std::string::npos);
  CHECK(f.message.find("南阳市宛城区鑫元商贸有限公司") != std::string::npos);
  CHECK(f.basis.find("漯河") != std::string::npos);

  // Two characters off in a long name: still a typo.
  entry.party = "南阳市宛城区鑫元商务有限公司", entry.party_key = party_key(entry.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number) ==
        std::vector<std::string>{"platform.party_typo"});
  // A character lost from the reading (a rare place name OCR does not know) is an OCR slip, not a typo.
  entry.party = "南阳市宛城区鑫源商贸有限公司", entry.party_key = party_key(entry.party);
  file.party = "南阳市城区鑫源商贸有限公司", file.party_key = party_key(file.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  file.party = "南阳市宛城区鑫源商贸有限公司", file.party_key = party_key(file.party);
  // Read the same on two documents, but a look-alike apart (宛/菀): one font may be misread alike twice.
  entry.party = "南阳市菀城区鑫源商贸有限公司", entry.party_key = party_key(entry.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());

  // One document read with high confidence: a character OCR does not confuse (源/元) is a typo ...
  file.party_confidence = 0.97f;
  file.party_sources = 1;
  entry.party = "南阳市宛城区鑫元商贸有限公司", entry.party_key = party_key(entry.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number) ==
        std::vector<std::string>{"platform.party_typo"});
  // ... an OCR look-alike (宛/菀) may still be a slip: silent, as before.
  entry.party = "南阳市菀城区鑫源商贸有限公司", entry.party_key = party_key(entry.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  // A fair read (0.85) on one document says nothing, look-alike or not.
  file.party_confidence = 0.85f;
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  entry.party = "南阳市宛城区鑫元商贸有限公司", entry.party_key = party_key(entry.party);
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  // A doubtful read (0.6) says nothing either way, even on two documents.
  file.party_sources = 2;
  file.party_confidence = 0.6f;
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
  // A register row is typed, not read: which side mistyped cannot be told.
  file.party_confidence = 0;
  file.origin = {"register.csv", "", 3};
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());
}

TEST_CASE("selective entry on penalty cases with no 涉案金额 is tested on their fines, and says which measure") {
  std::vector<CaseRecord> files, entries;
  for (int i = 1; i <= 40; ++i) {
    for (const char* unit : {"宛城区市场监督管理局", "卧龙区市场监督管理局"}) {
      CaseRecord c = record(std::string(unit == std::string("宛城区市场监督管理局") ? "宛" : "卧") + "市监处罚〔2023〕" +
                                std::to_string(100 + i) + "号",
                            std::string(unit).substr(0, 9) + "商户" + std::to_string(i), {2023, 3, 1}, 0, Category::Penalty,
                            "超过大气污染物排放标准排放大气污染物");
      c.unit = unit;
      c.case_amount.reset();  // the files state no amount involved
      c.fine = std::int64_t{i} * 2000 * 100;
      files.push_back(c);
      // 宛城区 leaves out its ten largest fines; 卧龙区 four spread over the range.
      const bool left_out = c.unit == "宛城区市场监督管理局" ? i > 30 : (i % 10 == 5);
      if (!left_out) {
        c.entered = forms::Date{2023, 3, 2};
        entries.push_back(c);
      }
    }
  }
  const auto r = reconcile(files, entries, ctx(), options());
  REQUIRE(r.units.size() == 2);
  const UnitStats& wancheng = r.units[0].unit == "宛城区市场监督管理局" ? r.units[0] : r.units[1];
  const UnitStats& wolong = r.units[0].unit == "宛城区市场监督管理局" ? r.units[1] : r.units[0];
  CHECK(wancheng.selective.selective);
  CHECK_FALSE(wancheng.selective.case_amount.tested);  // no case states a 涉案金额
  CHECK(wancheng.selective.fine.tested);
  CHECK(wancheng.selective.fine.p < 0.001);
  CHECK(wancheng.selective.measures == std::vector<std::string>{"罚款金额"});
  CHECK_FALSE(wolong.selective.selective);
  CHECK(wolong.selective.fine.tested);
  const auto found = of_kind(r, "platform.selective");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->unit == "宛城区市场监督管理局");
  CHECK(found[0]->message.find("检验项 罚款金额 显著") != std::string::npos);
  CHECK(found[0]->message.find("涉案金额：载明该金额的未录入案件 0 件") != std::string::npos);
  CHECK(found[0]->basis.find("麻城") != std::string::npos);
  const auto j = to_json(wancheng);
  CHECK(j["selective_entry"]["measures"] == nlohmann::json::array({"罚款金额"}));
  CHECK(j["selective_entry"]["amounts"][1]["measure"] == "罚款金额");
  CHECK(j["selective_entry"]["amounts"][0]["tested"] == false);
}

TEST_CASE("a blank column is incomplete only when the file shows the value or the category requires it") {
  CaseRecord file = record("宛市监处罚〔2023〕30号", "南阳市某排放企业", {2023, 5, 8}, 0);
  file.case_amount.reset();  // an emission case: no amount involved
  CaseRecord entry = file;
  entry.entered = forms::Date{2023, 5, 9};
  entry.blank = {{"涉案金额", "case_amount", MustFill::WhenKnown}, {"移送日期", "transferred", MustFill::Transfer}};
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number).empty());

  file.case_amount = 12000 * 100;  // the file states one: the platform lacks it
  auto r = reconcile({file}, {entry}, ctx(), options());
  REQUIRE(kinds_for(r, file.number) == std::vector<std::string>{"platform.incomplete"});
  CHECK(r.findings[0].message.find("涉案金额 未填，案卷载明 12000元") != std::string::npos);
  CHECK(r.findings[0].message.find("移送日期") == std::string::npos);  // not a transfer

  // A transfer needs its 移送日期 whatever the file shows.
  CaseRecord transfer = record("宛市监移〔2023〕31号", "南阳市某公司", {2023, 5, 8}, 90000, Category::Transfer);
  CaseRecord t_entry = transfer;
  t_entry.entered = forms::Date{2023, 5, 9};
  t_entry.blank = {{"移送日期", "transferred", MustFill::Transfer}};
  r = reconcile({transfer}, {t_entry}, ctx(), options());
  REQUIRE(of_kind(r, "platform.incomplete").size() == 1);
  CHECK(of_kind(r, "platform.incomplete")[0]->message.find("移送日期 未填（涉嫌犯罪移送案件必填") != std::string::npos);
}

TEST_CASE("findings cite the profile's basis: the same audit under two profiles") {
  const CaseRecord missing = record("宛市监处罚〔2023〕40号", "南阳市某某商行", {2023, 5, 8}, 1000);
  const auto by_default = reconcile({missing}, {}, ctx(), options());
  const auto by_nanyang = reconcile({missing}, {}, nanyang(), options());
  REQUIRE(of_kind(by_default, "platform.missing").size() == 1);
  REQUIRE(of_kind(by_nanyang, "platform.missing").size() == 1);
  const std::string a = of_kind(by_default, "platform.missing")[0]->basis, b = of_kind(by_nanyang, "platform.missing")[0]->basis;
  CHECK(a.find("漯河") != std::string::npos);
  CHECK(a.find("南阳") == std::string::npos);
  CHECK(b.find("南阳市人民政府办公室") != std::string::npos);
  CHECK(b.find("督促联网单位全面及时录入行政处罚案件") != std::string::npos);
  CHECK(b.find("漯河") == std::string::npos);
  CHECK(of_kind(by_default, "platform.missing")[0]->title == "漏录");
}

TEST_CASE("a decision-clock profile judges lateness from 决定日期") {
  CaseRecord file = record("宛市监处罚〔2023〕41号", "南阳市某某商行", {2023, 3, 1}, 1000);
  file.decided = forms::Date{2023, 9, 27};
  CaseRecord entry = file;
  entry.entered = forms::Date{2023, 10, 12};  // 7 working days after the decision (National Day between)
  CHECK(kinds_for(reconcile({file}, {entry}, nanyang(), options()), file.number).empty());
  // The default profile counts from 立案 (2023-03-01): long late.
  CHECK(kinds_for(reconcile({file}, {entry}, ctx(), options()), file.number) == std::vector<std::string>{"platform.late"});
  entry.entered = forms::Date{2023, 10, 13};
  const auto r = reconcile({file}, {entry}, nanyang(), options());
  REQUIRE(kinds_for(r, file.number) == std::vector<std::string>{"platform.late"});
  CHECK(r.findings[0].message.find("决定日期 2023-09-27") != std::string::npos);
  CHECK(r.findings[0].message.find("8 个工作日") != std::string::npos);
  CHECK(r.findings[0].basis.find("作出的行政处罚案件") != std::string::npos);  // the clock's own source
  // Without a decision date, lateness is not judged, and the notes say so.
  file.decided.reset();
  entry.decided.reset();
  const auto unjudged = reconcile({file}, {entry}, nanyang(), options());
  CHECK(kinds_for(unjudged, file.number).empty());
  REQUIRE(unjudged.notes.size() == 1);
  CHECK(unjudged.notes[0].find("无决定日期") != std::string::npos);
}

TEST_CASE("a finding kind's report is data: a region overrides one without recompiling, a bad entry is refused") {
  caseaudit::test::ScratchDir dir("reconcile-findings");
  std::filesystem::copy(rules::default_rules_dir(), dir.path(), std::filesystem::copy_options::recursive);
  caseaudit::test::write_file(dir / "profiles" / "county.yaml",
                              "extends: default\ntitle: 某县\nsources:\n  county-2022:\n    title: 某县两法衔接工作办法\n"
                              "findings:\n  platform.missing:\n    title: 未录入\n    severity: warning\n"
                              "    message: 未录入平台 (not entered)\n    source: {document: county-2022, article: 第四条}\n");
  const AuditContext county = AuditContext::load(dir.path(), "county");
  const CaseRecord missing = record("宛市监处罚〔2023〕42号", "南阳市某某商行", {2023, 5, 8}, 1000);
  const auto r = reconcile({missing}, {}, county, options());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].title == "未录入");
  CHECK(r.findings[0].severity == rules::Severity::Warning);
  CHECK(r.findings[0].message == "未录入平台 (not entered)");
  CHECK(r.findings[0].basis == "《某县两法衔接工作办法》第四条");

  // A kind the audit does not report (a misspelt override) is refused at its line.
  caseaudit::test::write_file(dir / "profiles" / "typo.yaml",
                              "extends: default\ntitle: 某县\nfindings:\n  platform.mising:\n    title: 漏录\n    severity: warning\n"
                              "    message: 漏录\n    source: []\n");
  try {
    AuditContext::load(dir.path(), "typo");
    FAIL("accepted");
  } catch (const rules::DataError& e) {
    CHECK(e.file().filename() == "typo.yaml");
    CHECK(e.line() == 4);
    CHECK(std::string(e.what()).find("unknown finding kind \"platform.mising\"") != std::string::npos);
  }
}

TEST_CASE("a repeat offender: two earlier tobacco penalties in three years make 30,000 yuan a case to transfer") {
  const std::string tobacco = "未在当地烟草专卖批发企业进货";
  const auto penalty = [&](const std::string& number, const std::string& party, forms::Date filed, std::int64_t amount) {
    CaseRecord r = record(number, party, filed, amount, Category::Penalty, tobacco);
    r.unit = "麻城市烟草专卖局";
    r.decided = rules::add_calendar_days(filed, 20);
    return r;
  };
  std::vector<CaseRecord> files = {penalty("麻烟专处罚〔2021〕11号", "张三", {2021, 9, 1}, 8000),
                                   penalty("麻烟专处罚〔2022〕40号", "张三", {2022, 10, 8}, 12000),
                                   penalty("麻烟专处罚〔2023〕95号", "张三", {2023, 11, 2}, 35000),
                                   // Another party with one earlier penalty: 35,000 yuan is 70% of 50,000, nothing to say.
                                   penalty("麻烟专处罚〔2022〕41号", "李四", {2022, 10, 9}, 9000),
                                   penalty("麻烟专处罚〔2023〕96号", "李四", {2023, 11, 3}, 35000)};
  std::vector<CaseRecord> entries = files;
  for (auto& e : entries) e.entered = rules::add_calendar_days(*e.filed, 2);
  const auto r = reconcile(files, entries, ctx(), options());
  REQUIRE(kinds_for(r, "麻烟专处罚〔2023〕95号") == std::vector<std::string>{"criminal.fine_instead"});
  const auto f = std::find_if(r.findings.begin(), r.findings.end(), [](const AuditFinding& x) { return x.kind == "criminal.fine_instead"; });
  CHECK_THAT(f->basis, Catch::Contains("第三条第（三）项"));
  CHECK_THAT(f->note, Catch::Contains("麻烟专处罚〔2021〕11号") && Catch::Contains("麻烟专处罚〔2022〕40号"));
  CHECK(kinds_for(r, "麻烟专处罚〔2023〕96号").empty());
  // Penalties older than three years do not count.
  files[0].filed = forms::Date{2019, 9, 1};
  files[0].decided = forms::Date{2019, 9, 20};
  entries[0] = files[0];
  entries[0].entered = forms::Date{2019, 9, 3};
  CHECK(kinds_for(reconcile(files, entries, ctx(), options()), "麻烟专处罚〔2023〕95号").empty());
}

TEST_CASE("a scanned case file that only looks like an unlinked entry of its unit is one pair to verify, not 漏录 and 有录入无案卷") {
  // The file as read: 文号 and dates far off (a poor scan), the party close to the entry's.
  CaseRecord file = record("宛市监处罚〔2023〕86号", "南阳市宛城区鑫源商贸有限公司", {2023, 2, 1}, 5200);
  file.origin.file = "case-030";
  CaseRecord entry = record("宛市监处罚〔2022〕17号", "南阳市宛城区鑫源商贸有限司", {2023, 9, 30}, 900);
  entry.origin = {"export.csv", "", 4};
  entry.entered = forms::Date{2023, 10, 3};
  // Another entry of the unit nothing resembles: an orphan all the same.
  CaseRecord other = record("宛市监处罚〔2023〕5号", "张三", {2023, 3, 1}, 1000);
  other.origin = {"export.csv", "", 5};
  other.entered = forms::Date{2023, 3, 2};
  const auto r = reconcile({file}, {entry, other}, ctx(), options());
  if (!r.linking.links.empty()) return;  // linked outright: nothing to verify (the scorer took it)
  CHECK(kinds_for(r, file.number).empty());
  CHECK(kinds_for(r, entry.number).empty());
  CHECK(kinds_for(r, other.number) == std::vector<std::string>{"platform.orphan"});
  REQUIRE(r.to_verify.size() == 1);
  CHECK(r.to_verify.front().message.find("待核实") != std::string::npos);
  CHECK(r.to_verify.front().message.find("export.csv") != std::string::npos);
  // A register row is typed, not read: its unlinked row stays 漏录.
  CaseRecord row = file;
  row.origin = {"register.csv", "", 3};
  const auto typed = reconcile({row}, {entry, other}, ctx(), options());
  if (typed.linking.links.empty()) CHECK(kinds_for(typed, row.number) == std::vector<std::string>{"platform.missing"});
}
