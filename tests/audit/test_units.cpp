// Units of scanned case files (issue 11, class 5): misread agency names are
// resolved to the known units (the platform export's 录入单位, a unit list the
// user gives), by their OCR look-alikes, the 文号 prefix their unit's other
// cases share, or the entry they link to; an agency that is not known stays as
// read and is said to be unresolved.
#include <iconv.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "caseaudit/audit/reconcile.h"
#include "caseaudit/audit/table_import.h"
#include "caseaudit/audit/units.h"
#include "support/fixtures.h"

using namespace caseaudit;
using namespace caseaudit::audit;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

namespace {

struct Unit {
  const char* name;
  const char* prefix;  // its 文号 prefix
};
const Unit kUnits[] = {{"宛州市市场监督管理局", "宛州市监处罚"}, {"宛州市烟草专卖局", "宛州烟罚"},
                       {"青阳县市场监督管理局", "青阳市监罚"},   {"宛州市生态环境局", "宛州环罚"},
                       {"宛城区市场监督管理局", "宛城市监罚"},   {"青阳县烟草专卖局", "青阳烟罚"},
                       {"宛州市应急管理局", "宛州应急罚"}};

CaseRecord record(const std::string& unit, const std::string& number, const std::string& party, int day) {
  CaseRecord r;
  r.unit = unit;
  r.number = number;
  r.number_key = doc_number_key(number);
  r.party = party;
  r.party_key = party_key(party);
  r.category = Category::Penalty;
  r.filed = forms::Date{2023, 4, day};
  return r;
}

// The platform side: three entries per unit, serials 1-3.
std::vector<CaseRecord> entries() {
  std::vector<CaseRecord> out;
  int n = 0;
  for (const Unit& u : kUnits)
    for (int s = 1; s <= 3; ++s) {
      CaseRecord e = record(u.name, std::string(u.prefix) + "〔2023〕" + std::to_string(s) + "号",
                            "商户" + std::to_string(++n) + "有限公司", s);
      e.entered = forms::Date{2023, 4, s + 2};
      e.origin = {"export.csv", "", n + 1};
      out.push_back(e);
    }
  return out;
}

// A scanned case file (origin row 0) of a unit as read, with a 文号 no entry has.
CaseRecord scanned(const std::string& unit_read, const std::string& prefix, int serial) {
  CaseRecord r = record(unit_read, prefix + "〔2023〕" + std::to_string(serial) + "号",
                        "扫描当事人" + std::to_string(serial) + "经营部", 20);
  r.origin.file = "case-" + std::to_string(serial);
  return r;
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 8, '\0');
  char* src = const_cast<char*>(utf8.data());
  char* dst = out.data();
  std::size_t left = utf8.size(), room = out.size();
  REQUIRE(iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

}  // namespace

TEST_CASE("13 misread spellings of 7 units resolve to the 7, an unknown agency is left as read and said so") {
  // Each misreading as OCR makes them: a look-alike (菀/宛, 英/卖, 扬/场, 竟/境, 巿/市, 菅/管,
  // 匹/区, 悬/县, 埋/理, 旧/阳, 居/局), a character read as another (重 for 市), two dropped.
  const std::vector<std::pair<std::string, int>> misread = {
      {"菀州市市场监督管理局", 0}, {"宛州重市场监督管理局", 0}, {"宛州市市扬监督管理局", 0},
      {"宛州市烟草专英局", 1},     {"苑州市烟草专卖居", 1},     {"青阳县市监督理局", 2},
      {"青旧县市场监督管理局", 2}, {"宛州市生态环竟局", 3},     {"宛州巿生态环境局", 3},
      {"宛城区市场监督菅理局", 4}, {"宛城匹市场监督管理局", 4}, {"青阳悬烟草专卖局", 5},
      {"宛州市应急管埋局", 6}};
  std::vector<CaseRecord> files;
  int serial = 100;
  for (const auto& [read, unit] : misread) files.push_back(scanned(read, kUnits[unit].prefix, ++serial));
  files.push_back(scanned("宛州市自然资源和规划局", "宛州自然资源罚", ++serial));  // not a known unit
  const std::vector<CaseRecord> e = entries();

  const auto res = resolve_units(files, e, {});
  REQUIRE(res.size() == files.size());
  std::set<std::string> resolved_units;
  for (std::size_t i = 0; i < misread.size(); ++i) {
    INFO(misread[i].first << ": " << res[i].how);
    CHECK(res[i].resolved);
    CHECK(res[i].read == misread[i].first);
    CHECK(files[i].unit == kUnits[misread[i].second].name);
    CHECK(files[i].unit_read == misread[i].first);
    resolved_units.insert(files[i].unit);
  }
  CHECK(resolved_units.size() == 7);
  const UnitResolution& unknown = res.back();
  INFO(unknown.how);
  CHECK_FALSE(unknown.resolved);
  CHECK(files.back().unit == "宛州市自然资源和规划局");  // kept as read
  CHECK(files.back().unit_read.empty());
  CHECK(unknown.how.find("不相近") != std::string::npos);

  // The per-unit statistics then count 7 units (and the unknown agency apart), not 14.
  const AuditContext ctx = AuditContext::load({}, "default");
  ReconcileOptions o;
  o.as_of = {2024, 6, 30};
  const auto r = reconcile(files, e, ctx, o);
  CHECK(r.units.size() == 8);
}

TEST_CASE("a name close to two units is not guessed, the 文号 prefix or the linked entry may settle it") {
  const std::vector<CaseRecord> e = entries();
  // 宛城市市场监督管理局 is one edit from both 宛州市… and 宛城区…
  std::vector<CaseRecord> files = {scanned("宛城市市场监督管理局", "某某罚", 201)};
  auto res = resolve_units(files, e, {});
  INFO(res[0].how);
  CHECK_FALSE(res[0].resolved);
  CHECK(res[0].how.find("都相近") != std::string::npos);

  // With the 文号 prefix 宛城区's other cases carry, it is 宛城区.
  files = {scanned("宛城市市场监督管理局", "宛城市监罚", 202)};
  res = resolve_units(files, e, {});
  INFO(res[0].how);
  CHECK(res[0].resolved);
  CHECK(files[0].unit == "宛城区市场监督管理局");
  CHECK(res[0].how.find("文号前缀") != std::string::npos);

  // Nothing read, and a 文号 that says nothing: the entry it links to (by party and date) names the unit.
  CaseRecord linked = e[20];  // 宛州市应急管理局's third case
  linked.unit = "";
  linked.number = linked.number_key = "";
  linked.origin = {"case-203", "", 0};
  linked.entered.reset();
  files = {linked};
  res = resolve_units(files, e, {});
  INFO(res[0].how);
  CHECK(res[0].resolved);
  CHECK(files[0].unit == "宛州市应急管理局");
  CHECK(res[0].how.find("关联") != std::string::npos);

  // A clue does not overrule a well-read name of another agency.
  CaseRecord other = e[20];
  other.unit = "宛州市自然资源和规划局";
  other.origin = {"case-204", "", 0};
  files = {other};
  res = resolve_units(files, e, {});
  CHECK_FALSE(res[0].resolved);
  CHECK(files[0].unit == "宛州市自然资源和规划局");

  // Register rows are typed, not read: left alone.
  CaseRecord row = scanned("菀州市市场监督管理局", "宛州市监处罚", 205);
  row.origin = {"register.csv", "", 7};
  files = {row};
  CHECK(resolve_units(files, e, {}).empty());
  CHECK(files[0].unit == "菀州市市场监督管理局");
}

TEST_CASE("a unit list names units the export lacks, it is read as UTF-8 or GB18030") {
  ScratchDir dir("unit-list");
  const std::string list = "# 南阳市执法单位\n宛州市农业农村局\n\n  宛州市自然资源和规划局  \n";
  write_file(dir / "utf8.txt", "\xEF\xBB\xBF" + list);
  write_file(dir / "gb.txt", to_gb18030(list));
  const std::vector<std::string> want = {"宛州市农业农村局", "宛州市自然资源和规划局"};
  CHECK(read_unit_list(dir / "utf8.txt") == want);
  CHECK(read_unit_list(dir / "gb.txt") == want);
  write_file(dir / "latin1.txt", "Caf\xe9 \xe0 la cr\xe8me\n");
  CHECK_THROWS_AS(read_unit_list(dir / "latin1.txt"), ImportError);
  CHECK_THROWS_AS(read_unit_list(dir / "absent.txt"), ImportError);

  std::vector<CaseRecord> files = {scanned("宛州市农业农材局", "宛州农罚", 301), scanned("宛州市自然资源和规划局", "宛州资罚", 302)};
  const auto res = resolve_units(files, entries(), want);
  CHECK(res[0].resolved);
  CHECK(files[0].unit == "宛州市农业农村局");
  CHECK(res[1].resolved);
  CHECK(res[1].how.find("已知单位") != std::string::npos);
}

TEST_CASE("with no known units the names stay as read") {
  std::vector<CaseRecord> files = {scanned("菀州市市场监督管理局", "宛州市监处罚", 401)};
  const auto res = resolve_units(files, {}, {});
  CHECK_FALSE(res[0].resolved);
  CHECK(files[0].unit == "菀州市市场监督管理局");
  CHECK(res[0].how.find("没有已知单位") != std::string::npos);
}
