// Regional profiles: the default profile carries the 漯河 opinion's seven
// kinds of information with 7 working days each and its source, 麻城's 80%
// and police follow-up points, 国务院令第310号's 3 days; a profile extends
// another and overrides single values with their own sources; every malformed
// file is refused with file and line.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/profile.h"
#include "caseaudit/rules/thresholds.h"
#include "support/fixtures.h"

using namespace caseaudit::rules;
using caseaudit::test::ScratchDir;
using caseaudit::test::source_dir;
using caseaudit::test::write_file;

namespace {

std::filesystem::path shipped_dir() { return source_dir() / "rules" / "profiles"; }

const Duration kSevenWorkingDays{7, Duration::Unit::WorkingDays};

}  // namespace

TEST_CASE("the default profile: seven kinds of information, 7 working days each, with the 漯河 source") {
  const Profile p = load_profile(shipped_dir(), "default");
  CHECK(p.name == "default");
  CHECK(p.chain == std::vector<std::string>{"default"});
  CHECK(p.title.find("漯河") != std::string::npos);

  const std::vector<std::pair<std::string, Clock>> kinds = {
      {"violation_facts", Clock::FactsFound},
      {"filing", Clock::CaseFiled},
      {"transfer", Clock::CaseTransferred},
      {"withdrawal", Clock::CaseWithdrawn},
      {"police_refusal_objection", Clock::RefusalObjection},
      {"police_revocation_objection", Clock::RevocationObjection},
      {"consultation", Clock::Consultation},
  };
  REQUIRE(p.entry_deadlines.size() == kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const auto& [kind, clock] = kinds[i];
    INFO(kind);
    CHECK(p.entry_deadlines[i].kind == kind);  // in the opinion's order
    const EntryDeadline* d = p.entry_deadline(kind);
    REQUIRE(d != nullptr);
    CHECK(d->deadline == kSevenWorkingDays);
    CHECK(d->deadline.text() == "7 working days");
    CHECK(d->clock == clock);
    CHECK_FALSE(d->information.empty());
    CHECK_FALSE(d->clock_text.empty());
    CHECK(d->source.document == "luohe-2018");
    CHECK(d->source.title.find("漯河市行政执法与刑事司法衔接工作的实施意见") != std::string::npos);
    CHECK(d->source.article.find("7个工作日内录入") != std::string::npos);
    CHECK(d->source.text().find("《中共漯河市委办公室") == 0);
    CHECK(d->set_at.file.filename() == "default.yaml");
    CHECK(d->set_at.line > 0);
  }
  CHECK(p.entry_deadline("filing")->information.find("立案调查决定") != std::string::npos);
  CHECK(p.entry_deadline("filing")->clock_text.find("立案") != std::string::npos);
  CHECK(p.entry_deadline("no_such_kind") == nullptr);

  CHECK_FALSE(p.counting.first_day_counts);
  CHECK(p.counting.source.article.find("第二百零一条") == 0);

  CHECK(p.early_intervention.share == Approx(0.8));
  CHECK(p.early_intervention.source.document == "macheng");
  CHECK(p.early_intervention.source.article.find("80%") != std::string::npos);

  CHECK(p.police_decision_after_transfer.limit == Duration{3, Duration::Unit::Days});
  CHECK(p.police_decision_after_transfer.source.number.find("国务院令第310号") == 0);
  CHECK(p.police_decision_after_transfer.source.article == "第八条");
  CHECK(p.police_filing_after_transfer.limit == Duration{6, Duration::Unit::Months});
  CHECK(p.police_filing_after_transfer.source.document == "macheng");
  CHECK(p.investigation_open.limit == Duration{1, Duration::Unit::Years});
  CHECK(p.investigation_open.source.document == "macheng");

  // Every pack the profile applies is shipped in rules/packs.
  REQUIRE_FALSE(p.rule_packs.empty());
  for (const std::string& pack : p.rule_packs) {
    INFO(pack);
    CHECK(std::filesystem::exists(caseaudit::test::source_dir() / "rules" / "packs" / (pack + ".yaml")));
  }
}

TEST_CASE("the profile's early-intervention share drives the threshold evaluation") {
  const Profile p = load_profile(shipped_dir(), "default");
  const ThresholdTable t = ThresholdTable::load(source_dir() / "rules" / "thresholds");
  const auto r = t.evaluate("生产、销售伪劣产品罪", {2024, 1, 1}, {{"销售金额", Quantity::whole(40000, Unit::Yuan)}},
                            Who::Any, p.early_intervention.share);
  REQUIRE_FALSE(r.empty());
  CHECK(strongest(r)->level == Level::Near);
}

TEST_CASE("every shipped profile loads, macheng extends default") {
  const auto names = profile_names(shipped_dir());
  CHECK(names.size() >= 2);
  for (const auto& n : names) {
    INFO(n);
    CHECK_NOTHROW(load_profile(shipped_dir(), n));
  }
  const Profile m = load_profile(shipped_dir(), "macheng");
  CHECK(m.chain == std::vector<std::string>{"macheng", "default"});
  CHECK(m.title.find("麻城") != std::string::npos);
  CHECK(m.note.find("stand-in") != std::string::npos);
  REQUIRE(m.entry_deadlines.size() == 7);
  // Inherited: the value and its source; overridden: the note only.
  const EntryDeadline* filing = m.entry_deadline("filing");
  REQUIRE(filing);
  CHECK(filing->deadline == kSevenWorkingDays);
  CHECK(filing->source.document == "luohe-2018");
  CHECK(filing->set_at.file.filename() == "default.yaml");
  CHECK(filing->note.find("麻城's own deadline is unknown") != std::string::npos);
  CHECK(m.early_intervention.share == Approx(0.8));
}

TEST_CASE("the default profile says how every audit finding kind is reported, with its sources") {
  const Profile p = load_profile(shipped_dir(), "default");
  REQUIRE(p.findings.size() == 13);
  const FindingSpec* missing = p.finding("platform.missing");
  REQUIRE(missing);
  CHECK(missing->title == "漏录");
  CHECK(missing->severity == Severity::Error);
  CHECK(missing->message.find("漏录") == 0);
  REQUIRE(missing->sources.size() == 2);
  CHECK(missing->sources[0].document == "luohe-2018");
  CHECK(missing->sources[1].document == "peixian-2017");
  CHECK(missing->basis().find("》三、") != std::string::npos);
  CHECK(missing->basis().find("；《沛县") != std::string::npos);
  CHECK(p.finding("platform.late")->sources.empty());  // its basis is the deadline's own source
  CHECK(p.finding("platform.party_typo")->severity == Severity::Warning);
  CHECK(p.finding("platform.category")->sources[0].article.find("数据不实") != std::string::npos);
  const FindingSpec* police = p.finding("police.decision_overdue");
  CHECK(police->severity == Severity::Warning);
  REQUIRE(police->escalated);
  CHECK(*police->escalated == Severity::Error);
  CHECK(p.finding("no.such_kind") == nullptr);
}

TEST_CASE("nanyang extends default: the entry clock starts at the decision, its own sources beside 漯河's deadline") {
  const Profile n = load_profile(shipped_dir(), "nanyang");
  CHECK(n.chain == std::vector<std::string>{"nanyang", "default"});
  const EntryDeadline* filing = n.entry_deadline("filing");
  REQUIRE(filing);
  CHECK(filing->clock == Clock::CaseDecided);
  CHECK(filing->deadline == kSevenWorkingDays);
  CHECK(filing->source.document == "luohe-2018");  // the days are 漯河's, and say so
  REQUIRE(filing->clock_source);
  CHECK(filing->clock_source->document == "nanyang-2015");
  CHECK(filing->clock_source->article.find("作出的行政处罚案件") != std::string::npos);
  CHECK(filing->note.find("漯河") != std::string::npos);
  CHECK(n.note.find("no number of days") != std::string::npos);
  CHECK(n.finding("platform.missing")->sources[0].document == "nanyang-2015");
  CHECK(n.finding("platform.missing")->title == "漏录");  // inherited key by key
  CHECK(n.finding("criminal.fine_instead")->sources.size() == 2);
  CHECK(n.finding("platform.mismatch")->sources[0].document == "luohe-2018");  // not overridden
}

// ---- extends and overrides, in scratch folders ----

namespace {

// A complete base profile in a scratch folder (the shipped default, copied).
struct Folder {
  ScratchDir dir{"profiles"};
  Folder() { std::filesystem::copy_file(shipped_dir() / "default.yaml", dir / "default.yaml"); }
  void add(const std::string& name, const std::string& text) const { write_file(dir / (name + ".yaml"), text); }
  Profile load(const std::string& name) const { return load_profile(dir.path(), name); }
};

const char* kFiveDays = R"(extends: default
title: 示例地区
sources:
  example-2020:
    title: 示例地区两法衔接工作办法
entry_deadlines:
  filing:
    deadline: 5 working days
    source: {document: example-2020, article: 第六条}
early_intervention:
  share: 0.7
  source: {document: example-2020, article: 第九条}
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at == std::string::npos) throw std::logic_error("test text lacks " + from);
  return s.replace(at, from.size(), to);
}

// The profile `name` must be refused at file:line with a message containing `words`.
void refused(const Folder& f, const std::string& name, const std::string& file, int line, const std::string& words) {
  INFO("expecting " << file << ":" << line << " " << words);
  try {
    f.load(name);
    FAIL("the profile was accepted");
  } catch (const DataError& e) {
    INFO(e.what());
    CHECK(e.file().filename() == file);
    CHECK(e.line() == line);
    CHECK(std::string(e.what()).find(words) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("a profile extends another and overrides single values with their own sources") {
  Folder f;
  f.add("example", kFiveDays);
  const Profile p = f.load("example");
  CHECK(p.chain == std::vector<std::string>{"example", "default"});
  CHECK(p.title == "示例地区");
  const EntryDeadline* filing = p.entry_deadline("filing");
  REQUIRE(filing);
  CHECK(filing->deadline == Duration{5, Duration::Unit::WorkingDays});
  CHECK(filing->source.document == "example-2020");
  CHECK(filing->source.title == "示例地区两法衔接工作办法");
  CHECK(filing->source.article == "第六条");
  CHECK(filing->set_at.file.filename() == "example.yaml");
  CHECK(filing->set_at.line == 8);
  CHECK(filing->clock == Clock::CaseFiled);  // not overridden: inherited
  CHECK(filing->information.find("立案调查决定") != std::string::npos);
  // The other kinds keep the base's 7 working days and source.
  CHECK(p.entry_deadline("transfer")->deadline == kSevenWorkingDays);
  CHECK(p.entry_deadline("transfer")->source.document == "luohe-2018");
  CHECK(p.early_intervention.share == Approx(0.7));
  CHECK(p.early_intervention.source.article == "第九条");
  CHECK(p.early_intervention.note.empty());  // the base's note went with the base's value
  CHECK(p.police_decision_after_transfer.limit == Duration{3, Duration::Unit::Days});

  // A profile may extend one that extends another, and add a kind.
  f.add("county", R"(extends: example
title: 示例县
entry_deadlines:
  penalty_decision:
    information: 行政处罚决定信息
    deadline: 10 days
    clock: case_filed
    clock_text: 立案之日
    source: {document: example-2020, article: 第七条}
rule_packs: [penalty-decision]
)");
  const Profile c = f.load("county");
  CHECK(c.chain == std::vector<std::string>{"county", "example", "default"});
  CHECK(c.entry_deadline("filing")->deadline == Duration{5, Duration::Unit::WorkingDays});
  REQUIRE(c.entry_deadlines.size() == 8);
  CHECK(c.entry_deadlines.back().kind == "penalty_decision");
  CHECK(c.entry_deadlines.back().deadline == Duration{10, Duration::Unit::Days});
  CHECK(c.rule_packs == std::vector<std::string>{"penalty-decision"});
  CHECK(c.early_intervention.share == Approx(0.7));
}

TEST_CASE("malformed profiles are refused with file and line") {
  Folder f;
  SECTION("bad YAML") {
    f.add("p", replace(kFiveDays, "title: 示例地区", "title: 示例: 地区"));
    refused(f, "p", "p.yaml", 2, "bad YAML");
  }
  SECTION("unknown key") {
    f.add("p", replace(kFiveDays, "    deadline: 5 working days\n", "    deadline: 5 working days\n    deadlne: 4 days\n"));
    refused(f, "p", "p.yaml", 9, "unknown key \"deadlne\"");
  }
  SECTION("unknown top-level key") {
    f.add("p", "region: 示例\n" + std::string(kFiveDays));
    refused(f, "p", "p.yaml", 1, "unknown key \"region\"");
  }
  SECTION("unknown extends") {
    f.add("p", replace(kFiveDays, "extends: default", "extends: defualt"));
    refused(f, "p", "p.yaml", 1, "unknown profile \"defualt\"");
  }
  SECTION("extends in a circle") {
    f.add("a", "extends: b\ntitle: A\n");
    f.add("b", "extends: a\ntitle: B\n");
    refused(f, "a", "b.yaml", 1, "extends it back");
  }
  SECTION("an overridden value without its source") {
    f.add("p", replace(kFiveDays, "    source: {document: example-2020, article: 第六条}\n", ""));
    refused(f, "p", "p.yaml", 7, "needs its source");
  }
  SECTION("a source document not in sources") {
    f.add("p", replace(kFiveDays, "{document: example-2020, article: 第六条}", "{document: example-2021, article: 第六条}"));
    refused(f, "p", "p.yaml", 9, "\"example-2021\" is not in sources");
  }
  SECTION("a source without article") {
    f.add("p", replace(kFiveDays, "{document: example-2020, article: 第六条}", "{document: example-2020}"));
    refused(f, "p", "p.yaml", 9, "article is missing");
  }
  SECTION("a deadline that is not a length of time") {
    f.add("p", replace(kFiveDays, "5 working days", "five working days"));
    refused(f, "p", "p.yaml", 8, "is not a length of time");
  }
  SECTION("a negative deadline") {
    f.add("p", replace(kFiveDays, "5 working days", "-5 working days"));
    refused(f, "p", "p.yaml", 8, "negative deadline");
  }
  SECTION("a zero deadline") {
    f.add("p", replace(kFiveDays, "5 working days", "0 working days"));
    refused(f, "p", "p.yaml", 8, "is not a length of time");
  }
  SECTION("unknown clock") {
    f.add("p", replace(kFiveDays, "    deadline: 5 working days\n", "    deadline: 5 working days\n    clock: decision\n"));
    refused(f, "p", "p.yaml", 9, "unknown clock \"decision\"");
  }
  SECTION("a negative share") {
    f.add("p", replace(kFiveDays, "share: 0.7", "share: -0.7"));
    refused(f, "p", "p.yaml", 11, "negative share");
  }
  SECTION("a share above 1") {
    f.add("p", replace(kFiveDays, "share: 0.7", "share: 80"));
    refused(f, "p", "p.yaml", 11, "at most 1");
  }
  SECTION("a name that is not the file's") {
    f.add("p", "name: other\n" + std::string(kFiveDays));
    refused(f, "p", "p.yaml", 1, "differs from the file name");
  }
  SECTION("a source key defined again") {
    f.add("p", replace(kFiveDays, "  example-2020:", "  luohe-2018:\n    title: 另一个文件\n  example-2020:"));
    refused(f, "p", "p.yaml", 4, "already defined at");
  }
  SECTION("a new kind without its clock") {
    f.add("p", replace(kFiveDays, "  filing:\n", "  new_kind:\n    information: 新信息\n    deadline: 3 days\n"
                                                  "    clock_text: 某日\n    source: {document: example-2020, article: 第八条}\n  filing:\n"));
    refused(f, "p", "p.yaml", 7, "clock is missing");
  }
  SECTION("a base profile without police limits") {
    f.add("base", "title: 不完整\nsources:\n  s:\n    title: 某文件\nentry_deadlines:\n  filing:\n    information: 立案信息\n"
                  "    deadline: 7 working days\n    clock: case_filed\n    clock_text: 立案之日\n    source: {document: s, article: 一}\n"
                  "deadline_counting:\n  first_day_counts: false\n  source: {document: s, article: 二}\n"
                  "early_intervention:\n  share: 0.8\n  source: {document: s, article: 三}\nrule_packs: []\n");
    refused(f, "base", "base.yaml", 0, "police.decision_after_transfer is missing");
  }
  SECTION("first_day_counts not true or false") {
    f.add("p", std::string(kFiveDays) + "deadline_counting:\n  first_day_counts: sometimes\n  source: {document: example-2020, article: 一}\n");
    refused(f, "p", "p.yaml", 14, "true or false");
  }
  SECTION("rule_packs not a list") {
    f.add("p", std::string(kFiveDays) + "rule_packs: criminal-thresholds\n");
    refused(f, "p", "p.yaml", 13, "must be a list");
  }
  SECTION("an empty file") {
    f.add("p", "");
    refused(f, "p", "p.yaml", 0, "empty");
  }
  SECTION("no such profile") { refused(f, "nowhere", "nowhere.yaml", 0, "no such profile"); }
  SECTION("a finding kind that is not dotted names") {
    f.add("p", std::string(kFiveDays) + "findings:\n  Missing:\n    severity: warning\n");
    refused(f, "p", "p.yaml", 14, "finding kind is lower-case names joined by dots");
  }
  SECTION("a finding severity that is not one") {
    f.add("p", std::string(kFiveDays) + "findings:\n  platform.missing:\n    severity: grave\n");
    refused(f, "p", "p.yaml", 15, "severity must be error, warning or info");
  }
  SECTION("an unknown key in a finding") {
    f.add("p", std::string(kFiveDays) + "findings:\n  platform.missing:\n    basis: 某文件\n");
    refused(f, "p", "p.yaml", 15, "unknown key \"basis\"");
  }
  SECTION("a finding source not in sources") {
    f.add("p", std::string(kFiveDays) + "findings:\n  platform.missing:\n    source: {document: nowhere, article: 一}\n");
    refused(f, "p", "p.yaml", 15, "\"nowhere\" is not in sources");
  }
  SECTION("a finding source that is not {document, article}") {
    f.add("p", std::string(kFiveDays) + "findings:\n  platform.missing:\n    source: 漯河意见\n");
    refused(f, "p", "p.yaml", 15, "source must be {document, article} or a list");
  }
  SECTION("a new finding kind without its message") {
    f.add("p", std::string(kFiveDays) + "findings:\n  platform.new_kind:\n    title: 新\n    severity: info\n    source: []\n");
    refused(f, "p", "p.yaml", 14, "message is missing");
  }
  SECTION("a clock set without a source or clock_source") {
    f.add("p", replace(kFiveDays, "    deadline: 5 working days\n    source: {document: example-2020, article: 第六条}\n",
                       "    clock: case_decided\n"));
    refused(f, "p", "p.yaml", 7, "needs its source");
  }
}

TEST_CASE("findings are overridden key by key, a clock with its own clock_source keeps the deadline's source") {
  Folder f;
  f.add("example", std::string(kFiveDays) + R"(findings:
  platform.missing:
    severity: warning
    source: [{document: example-2020, article: 第十条}]
  platform.orphan:
    message: 新的说明
)");
  const Profile p = f.load("example");
  const FindingSpec* missing = p.finding("platform.missing");
  CHECK(missing->severity == Severity::Warning);
  CHECK(missing->title == "漏录");  // inherited
  REQUIRE(missing->sources.size() == 1);  // the new list replaces the old
  CHECK(missing->basis() == "《示例地区两法衔接工作办法》第十条");
  CHECK(missing->set_at.file.filename() == "example.yaml");
  CHECK(p.finding("platform.orphan")->message == "新的说明");
  CHECK(p.finding("platform.orphan")->note.find("not a defect") != std::string::npos);  // no new source: the note stays
  CHECK(p.findings.size() == 13);

  f.add("decision", R"(extends: example
title: 决定起算
sources:
  decision-2021:
    title: 某地行政处罚信息录入办法
entry_deadlines:
  filing:
    clock: case_decided
    clock_source: {document: decision-2021, article: 第三条}
)");
  const Profile d = f.load("decision");
  const EntryDeadline* filing = d.entry_deadline("filing");
  CHECK(filing->clock == Clock::CaseDecided);
  CHECK(filing->deadline == Duration{5, Duration::Unit::WorkingDays});
  CHECK(filing->source.document == "example-2020");
  REQUIRE(filing->clock_source);
  CHECK(filing->clock_source->text() == "《某地行政处罚信息录入办法》第三条");
  CHECK(clock_name(Clock::CaseDecided) == "case_decided");
  CHECK(parse_clock("case_decided") == Clock::CaseDecided);
}

TEST_CASE("durations read as a profile writes them") {
  CHECK(Duration::parse("7 working days") == Duration{7, Duration::Unit::WorkingDays});
  CHECK(Duration::parse("1 working day") == Duration{1, Duration::Unit::WorkingDays});
  CHECK(Duration::parse("7个工作日") == Duration{7, Duration::Unit::WorkingDays});
  CHECK(Duration::parse("3日") == Duration{3, Duration::Unit::Days});
  CHECK(Duration::parse("6个月") == Duration{6, Duration::Unit::Months});
  CHECK(Duration::parse("1 year") == Duration{1, Duration::Unit::Years});
  CHECK_FALSE(Duration::parse("7 weeks"));
  CHECK_FALSE(Duration::parse("0 days"));
  CHECK_FALSE(Duration::parse("-3 days"));
  CHECK_FALSE(Duration::parse("days"));
  CHECK(Duration{1, Duration::Unit::Years}.text() == "1 year");
  CHECK(Duration{3, Duration::Unit::Days}.text() == "3 days");
}
