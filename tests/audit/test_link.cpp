// Linking case files to platform entries: exact 文号 in any bracket style,
// OCR slips linked by score with the slip listed, the right pairs among one
// party's cases, ambiguity left for a person, one-to-one, what is left over
// on each side, and the same links on every run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>

#include "caseaudit/audit/link.h"

using namespace caseaudit;
using namespace caseaudit::audit;

namespace {

CaseRecord record(const std::string& number, const std::string& party, const std::string& filed,
                  std::optional<std::int64_t> fine_yuan = std::nullopt, Category category = Category::Penalty) {
  CaseRecord r;
  r.unit = "南阳市宛城区市场监督管理局";
  r.number = number;
  r.number_key = doc_number_key(number);
  r.party = party;
  r.party_key = party_key(party);
  if (!filed.empty()) r.filed = forms::parse_date(filed);
  if (fine_yuan) r.fine = *fine_yuan * 100;
  r.category = category;
  return r;
}

const Link* link_of(const Linking& l, std::size_t file) {
  for (const Link& k : l.links)
    if (k.file == file) return &k;
  return nullptr;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

TEST_CASE("the same 文号 in different bracket styles links by number") {
  const std::vector<CaseRecord> files = {record("宛市监处罚[2023]87号", "南阳市某某商贸有限公司", "2023-05-12", 5000),
                                         record("宛市监处罚(2023)88号", "张三", "2023-05-20", 300)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚（２０２３）第0088号", "张三", "2023-05-20", 300),
                                           record("宛市监处罚〔2023〕87号", "南阳市某某商贸有限公司", "2023-05-12", 5000)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 2);
  CHECK(l.links[0].file == 0);
  CHECK(l.links[0].entry == 1);
  CHECK(l.links[0].by_number);
  CHECK(l.links[0].score == 1.0);
  CHECK(contains(l.links[0].agreed, "文号一致"));
  CHECK(contains(l.links[0].agreed, "当事人一致"));
  CHECK(l.links[0].differed.empty());
  CHECK(l.links[1].entry == 0);
  CHECK(l.links[0].explain() == "按文号关联；一致：文号、当事人、案件类别、立案日期、罚款金额");
  CHECK(l.files_unlinked.empty());
  CHECK(l.entries_unlinked.empty());
  CHECK(l.ambiguous.empty());
}

TEST_CASE("a 文号 with an OCR slip links by score and the slip is listed") {
  const std::vector<CaseRecord> files = {
      record("宛市监处罚〔2023〕37号", "南阳市甲乙商贸有限公司", "2023-03-02", 20000),   // 8 read as 3
      record("宛市监处罚C2023〕52号", "南阳市丙丁餐饮有限公司", "2023-04-11", 1500),    // 〔 read as C
      record("宛市监处罚〔2023〕64号", "南阳市戊己建材有限公司", "2023-06-01", 800),
  };
  const std::vector<CaseRecord> entries = {
      record("宛市监处罚〔2023〕86号", "王五", "2023-09-30", 100),
      record("宛市监处罚〔2023〕87号", "南阳市甲乙商贸有限公司", "2023-03-02", 20000),
      record("宛市监处罚〔2023〕52号", "南阳市丙丁餐饮有限公司", "2023-04-11", 1500),
  };
  REQUIRE(files[1].number_key.empty());  // the misread bracket makes the 文号 unreadable to the strict parser
  const Linking l = link_records(files, entries);

  const Link* slip = link_of(l, 0);
  REQUIRE(slip);
  CHECK(slip->entry == 1);
  CHECK_FALSE(slip->by_number);
  CHECK(slip->score >= 0.8);
  CHECK(contains(slip->differed, "文号相近（可能为识别误差）: 案卷 宛市监处罚〔2023〕37号 / 平台 宛市监处罚〔2023〕87号"));
  REQUIRE(slip->differences.size() == 1);
  CHECK(slip->differences[0].field == LinkField::Number);
  CHECK(slip->differences[0].likely_misread);

  const Link* bracket = link_of(l, 1);
  REQUIRE(bracket);
  CHECK(bracket->entry == 2);
  CHECK_FALSE(bracket->by_number);
  CHECK(contains(bracket->differed, "文号相近（可能为识别误差）: 案卷 宛市监处罚C2023〕52号 / 平台 宛市监处罚〔2023〕52号"));

  // 64号 has no entry: the 86号 entry of another party and date is not a candidate.
  CHECK(l.files_unlinked == std::vector<std::size_t>{2});
  CHECK(l.entries_unlinked == std::vector<std::size_t>{0});
}

TEST_CASE("a linked pair lists every field that differs, a misread party name marked as such") {
  const std::vector<CaseRecord> files = {record("宛市监处罚〔2023〕87号", "南阳市某某商贸有限公司", "2023-05-12", 52000)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕87号", "南阳市某菜商贸有限公司", "2023-05-15", 5200)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 1);
  const Link& k = l.links[0];
  CHECK(k.by_number);
  CHECK(contains(k.differed, "当事人相近（可能为识别误差）: 案卷 南阳市某某商贸有限公司 / 平台 南阳市某菜商贸有限公司"));
  CHECK(contains(k.differed, "立案日期: 案卷 2023-05-12 / 平台 2023-05-15"));
  CHECK(contains(k.differed, "罚款金额: 案卷 52000元 / 平台 5200元"));
  REQUIRE(k.differences.size() == 3);
  CHECK(k.differences[0].field == LinkField::Party);
  CHECK(k.differences[0].likely_misread);
  CHECK_FALSE(k.differences[1].likely_misread);
  CHECK(k.explain().find("不一致：当事人相近，可能为识别误差（案卷 南阳市某某商贸有限公司 / 平台 南阳市某菜商贸有限公司）、"
                         "立案日期（案卷 2023-05-12 / 平台 2023-05-15）、罚款金额（案卷 52000元 / 平台 5200元）") !=
        std::string::npos);

  // A different person is a plain difference, not a misread.
  const std::vector<CaseRecord> other = {record("宛市监处罚〔2023〕87号", "李四", "2023-05-12", 52000)};
  const Linking m = link_records(files, other);
  REQUIRE(m.links.size() == 1);
  CHECK(contains(m.links[0].differed, "当事人: 案卷 南阳市某某商贸有限公司 / 平台 李四"));
  CHECK_FALSE(m.links[0].differences[0].likely_misread);
}

TEST_CASE("one party's two cases link by their dates and amounts") {
  // The files' 文号 were not read; the platform lists the later case first.
  const std::vector<CaseRecord> files = {record("", "南阳市某某商贸有限公司", "2023-03-01", 3000),
                                         record("", "南阳市某某商贸有限公司", "2023-08-15", 12000)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕140号", "南阳市某某商贸有限公司", "2023-08-15", 12000),
                                           record("宛市监处罚〔2023〕31号", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 2);
  CHECK(l.links[0].file == 0);
  CHECK(l.links[0].entry == 1);
  CHECK(l.links[1].file == 1);
  CHECK(l.links[1].entry == 0);
  CHECK(l.ambiguous.empty());
}

TEST_CASE("two equally good candidates are left for a person, not guessed") {
  const std::vector<CaseRecord> files = {record("", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕30号", "南阳市某某商贸有限公司", "2023-03-01", 3000),
                                           record("宛市监处罚〔2023〕31号", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const Linking l = link_records(files, entries);
  CHECK(l.links.empty());
  REQUIRE(l.ambiguous.size() == 1);
  CHECK(l.ambiguous[0].file == 0);
  CHECK(l.ambiguous[0].entries == std::vector<std::size_t>{0, 1});
  CHECK(l.ambiguous[0].scores.size() == 2);
  CHECK(l.files_unlinked.empty());
  CHECK(l.entries_unlinked.empty());  // they are candidates, not entries without a file

  // Two files for one entry: both are left for a person, each naming the other.
  const std::vector<CaseRecord> two = {files[0], files[0]};
  const Linking m = link_records(two, {entries[0]});
  CHECK(m.links.empty());
  REQUIRE(m.ambiguous.size() == 2);
  CHECK(m.ambiguous[0].rival_files == std::vector<std::size_t>{1});
  CHECK(m.ambiguous[1].rival_files == std::vector<std::size_t>{0});

  // The same 文号 on two entries is not a number link either.
  const std::vector<CaseRecord> dup = {record("宛市监处罚〔2023〕30号", "南阳市某某商贸有限公司", "2023-03-01", 3000),
                                       record("宛市监处罚[2023]30号", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const Linking d = link_records({dup[0]}, dup);
  CHECK(d.links.empty());
  REQUIRE(d.ambiguous.size() == 1);
}

TEST_CASE("a duplicated 文号 falls through to scoring among its candidates") {
  const std::vector<CaseRecord> files = {record("宛市监处罚〔2023〕30号", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕30号", "赵六", "2023-10-09", 200),
                                           record("宛市监处罚〔2023〕30号", "南阳市某某商贸有限公司", "2023-03-01", 3000)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 1);
  CHECK(l.links[0].entry == 1);
  CHECK_FALSE(l.links[0].by_number);
  CHECK(l.entries_unlinked == std::vector<std::size_t>{0});
}

namespace {

// A population with near-duplicates: parties shared between cases, 文号 with slips.
void population(std::uint64_t seed, std::vector<CaseRecord>& files, std::vector<CaseRecord>& entries) {
  std::uint64_t s = seed;
  auto next = [&s](std::uint64_t n) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (s >> 33) % n;
  };
  const char* names[] = {"南阳市甲乙商贸有限公司", "南阳市丙丁餐饮有限公司", "张三", "李四", "王五", "宛城区某某建材经营部"};
  for (int i = 0; i < 300; ++i) {
    const std::string date = "2023-" + std::to_string(1 + next(12)) + "-" + std::to_string(1 + next(28));
    const std::string name = names[next(6)];
    const auto fine = static_cast<std::int64_t>(100 * (1 + next(5)));
    const std::string serial = std::to_string(1 + next(150));
    if (next(10) != 0) entries.push_back(record("宛市监处罚〔2023〕" + serial + "号", name, date, fine));
    if (next(10) != 0) {
      const std::string number = next(4) == 0 ? "" : next(3) == 0 ? "宛市监处罚C2023〕" + serial + "号" : "宛市监处罚[2023]" + serial + "号";
      files.push_back(record(number, name, date, fine));
    }
  }
}

}  // namespace

TEST_CASE("links are one to one and every record is accounted for once") {
  std::vector<CaseRecord> files, entries;
  population(7, files, entries);
  const Linking l = link_records(files, entries);
  std::set<std::size_t> linked_files, linked_entries;
  for (const Link& k : l.links) {
    CHECK(linked_files.insert(k.file).second);
    CHECK(linked_entries.insert(k.entry).second);
    CHECK(k.score >= (k.by_number ? 1.0 : 0.6));
  }
  CHECK(std::is_sorted(l.links.begin(), l.links.end(), [](const Link& a, const Link& b) { return a.file < b.file; }));
  std::set<std::size_t> all_files = linked_files;
  for (const Ambiguity& a : l.ambiguous) CHECK(all_files.insert(a.file).second);
  for (std::size_t f : l.files_unlinked) CHECK(all_files.insert(f).second);
  CHECK(all_files.size() == files.size());
  for (std::size_t e : l.entries_unlinked) CHECK(linked_entries.count(e) == 0);
  CHECK(l.links.size() > files.size() / 2);
}

TEST_CASE("entries without files and files without entries are listed") {
  const std::vector<CaseRecord> files = {record("宛市监处罚〔2023〕1号", "张三", "2023-01-05", 100),
                                         record("宛市监处罚〔2023〕2号", "李四", "2023-01-06", 200)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2022〕9号", "王五", "2022-11-05", 900),
                                           record("宛市监处罚〔2023〕2号", "李四", "2023-01-06", 200),
                                           record("宛市监处罚〔2023〕3号", "赵六", "2023-02-01", 300)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 1);
  CHECK(l.files_unlinked == std::vector<std::size_t>{0});
  CHECK(l.entries_unlinked == std::vector<std::size_t>{0, 2});
  const Linking none = link_records({}, entries);
  CHECK(none.entries_unlinked.size() == 3);
}

TEST_CASE("the same input gives the same links") {
  std::vector<CaseRecord> files, entries;
  population(11, files, entries);
  const Linking a = link_records(files, entries);
  const Linking b = link_records(files, entries);
  REQUIRE(a.links.size() == b.links.size());
  for (std::size_t i = 0; i < a.links.size(); ++i) {
    CHECK(a.links[i].file == b.links[i].file);
    CHECK(a.links[i].entry == b.links[i].entry);
    CHECK(a.links[i].explain() == b.links[i].explain());
  }
  CHECK(a.files_unlinked == b.files_unlinked);
  CHECK(a.entries_unlinked == b.entries_unlinked);
  REQUIRE(a.ambiguous.size() == b.ambiguous.size());
  for (std::size_t i = 0; i < a.ambiguous.size(); ++i) CHECK(a.ambiguous[i].entries == b.ambiguous[i].entries);
}

TEST_CASE("broken text and empty records do not stop linking") {
  CaseRecord bad;
  bad.number = std::string("宛市监\xff\xfe处罚〔2023〕87号");
  bad.party = std::string("\xc3(");
  const std::vector<CaseRecord> files = {bad, CaseRecord{}};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕87号", "张三", "2023-01-05"), CaseRecord{}};
  const Linking l = link_records(files, entries);
  CHECK(l.links.size() + l.ambiguous.size() + l.files_unlinked.size() == 2);
}

TEST_CASE("an exact 文号 on two different cases is not taken on the 文号 alone") {
  // The file's serial 1 was read as 7, which is another case's 文号; that case has no file.
  const std::vector<CaseRecord> files = {record("宛市监处罚〔2023〕7号", "南阳市甲乙商贸有限公司", "2023-03-02", 20000)};
  const std::vector<CaseRecord> entries = {record("宛市监处罚〔2023〕7号", "王五", "2023-09-30", 100),
                                           record("宛市监处罚〔2023〕1号", "南阳市甲乙商贸有限公司", "2023-03-02", 20000)};
  const Linking l = link_records(files, entries);
  REQUIRE(l.links.size() == 1);
  CHECK(l.links[0].entry == 1);
  CHECK_FALSE(l.links[0].by_number);
  CHECK(contains(l.links[0].differed, "文号相近（可能为识别误差）: 案卷 宛市监处罚〔2023〕7号 / 平台 宛市监处罚〔2023〕1号"));
  CHECK(l.entries_unlinked == std::vector<std::size_t>{0});
}
