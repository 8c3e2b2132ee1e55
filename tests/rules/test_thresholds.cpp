// Criminal filing thresholds: the shipped table has every offence of the
// brief's table with the figures and dates of its source, the threshold in
// force depends on the date of the conduct, values are reached / near / below
// at the exact edges, and every malformed file is refused with file and line.
#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>

#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/thresholds.h"
#include "support/fixtures.h"

using namespace caseaudit::rules;
using caseaudit::forms::Date;
using caseaudit::test::ScratchDir;
using caseaudit::test::source_dir;
using caseaudit::test::write_file;

namespace {

const ThresholdTable& shipped() {
  static const ThresholdTable table = ThresholdTable::load(source_dir() / "rules" / "thresholds");
  return table;
}

Quantity yuan(std::int64_t y) { return Quantity::whole(y, Unit::Yuan); }
Quantity fen(std::int64_t f) { return Quantity{f, Unit::Yuan}; }

const Date kToday{2024, 6, 1};

// The one threshold with this id in force on the date; fails the test if none.
const Threshold& rule(const std::string& id, Date d = kToday) {
  const Threshold* t = shipped().in_force(id, d);
  INFO(id << " on " << d.iso());
  REQUIRE(t != nullptr);
  return *t;
}

void check_rule(const std::string& offence, const std::string& id, const std::string& measure, Who who, Quantity value,
                Date d = kToday) {
  const Threshold& t = rule(id, d);
  INFO(id);
  CHECK(t.offence == offence);
  CHECK(t.measure == measure);
  CHECK(t.who == who);
  CHECK(t.value == value);
  CHECK(t.comparison == Comparison::AtLeast);
  CHECK_FALSE(t.law_article.empty());
  CHECK_FALSE(t.source.title.empty());
  CHECK_FALSE(t.source.article.empty());
  CHECK(t.source.text().find(t.source.article) != std::string::npos);
}

Level level_of(const std::string& id, const Measurements& m, Date d = kToday, double share = kDefaultNearShare) {
  const auto e = shipped().evaluate(rule(id, d), m, share);
  REQUIRE(e.has_value());
  return e->level;
}

}  // namespace

TEST_CASE("every offence of the brief's table has its thresholds with sources") {
  const auto& t = shipped();
  REQUIRE(t.all().size() >= 20);

  // 生产、销售伪劣产品 (刑法 140): 追诉标准（一） art. 16
  check_rule("生产、销售伪劣产品罪", "fake-products-sales", "销售金额", Who::Any, yuan(50000));
  check_rule("生产、销售伪劣产品罪", "fake-products-goods", "货值金额", Who::Any, yuan(150000));
  check_rule("生产、销售伪劣产品罪", "fake-products-combined", "伪劣产品折算金额", Who::Any, yuan(150000));
  CHECK(rule("fake-products-sales").source.article.find("第十六条") == 0);
  CHECK(rule("fake-products-sales").source.number == "公通字〔2008〕36号");
  CHECK(rule("fake-products-sales").law_article == "刑法第一百四十条");
  // 销售假冒注册商标的商品 (刑法 214)
  check_rule("销售假冒注册商标的商品罪", "counterfeit-trademark-goods-sales", "销售金额", Who::Any, yuan(50000));
  check_rule("销售假冒注册商标的商品罪", "counterfeit-trademark-goods-goods", "货值金额", Who::Any, yuan(150000));
  CHECK_FALSE(rule("counterfeit-trademark-goods-sales").note.empty());  // uncertain after 刑法修正案（十一）
  // 非法经营 (刑法 225), general: person 5万 / 1万, unit 50万 / 10万
  check_rule("非法经营罪", "illegal-business-person-amount", "非法经营数额", Who::Person, yuan(50000));
  check_rule("非法经营罪", "illegal-business-person-gains", "违法所得", Who::Person, yuan(10000));
  check_rule("非法经营罪", "illegal-business-unit-amount", "非法经营数额", Who::Organisation, yuan(500000));
  check_rule("非法经营罪", "illegal-business-unit-gains", "违法所得", Who::Organisation, yuan(100000));
  // 非法经营烟草专卖品: 5万 / 2万 / 20万支, 两高 2010 interpretation
  check_rule("非法经营罪", "tobacco-amount", "非法经营数额", Who::Any, yuan(50000));
  check_rule("非法经营罪", "tobacco-gains", "违法所得", Who::Any, yuan(20000));
  check_rule("非法经营罪", "tobacco-cigarettes", "卷烟数量", Who::Any, Quantity::whole(200000, Unit::Zhi));
  CHECK(rule("tobacco-cigarettes").conduct == "非法经营烟草专卖品");
  CHECK(rule("tobacco-cigarettes").source.number == "法释〔2010〕7号");
  // 逃税 (刑法 201): 10万 and 10% of the tax due
  check_rule("逃税罪", "tax-evasion", "逃避缴纳税款数额", Who::Any, yuan(100000));
  REQUIRE(rule("tax-evasion").also.size() == 1);
  CHECK(rule("tax-evasion").also[0].measure == "逃税比例");
  CHECK(rule("tax-evasion").also[0].value == Quantity::whole(10, Unit::Percent));
  // 虚开增值税专用发票 (刑法 205): 10万 / 5万
  check_rule("虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", "vat-invoice-tax", "虚开税款数额", Who::Any, yuan(100000));
  check_rule("虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", "vat-invoice-loss", "国家税款损失数额", Who::Any, yuan(50000));
  // 非法占用农用地 (刑法 342): 5亩 basic farmland, 10亩 other farmland, art. 67
  check_rule("非法占用农用地罪", "farmland-basic", "基本农田面积", Who::Any, Quantity::whole(5, Unit::Mu));
  check_rule("非法占用农用地罪", "farmland-other", "其他耕地面积", Who::Any, Quantity::whole(10, Unit::Mu));
  CHECK(rule("farmland-basic").source.article.find("第六十七条") == 0);

  // Every shipped threshold carries its file and line, and every measure it uses exists.
  for (const auto& th : t.all()) {
    INFO(th.id);
    CHECK(th.line > 0);
    CHECK(th.where().find(".yaml:") != std::string::npos);
    CHECK(t.measure(th.measure) != nullptr);
  }
}

TEST_CASE("the threshold in force on the date of the conduct applies") {
  // 逃税: 5万 under the 2010 text, 10万 from 2022-05-15.
  CHECK(rule("tax-evasion", {2021, 6, 1}).value == yuan(50000));
  CHECK(rule("tax-evasion", {2021, 6, 1}).source.article.find("第五十七条") == 0);
  CHECK(rule("tax-evasion", {2023, 6, 1}).value == yuan(100000));
  CHECK(rule("tax-evasion", {2023, 6, 1}).source.article.find("第五十二条") == 0);
  CHECK(rule("tax-evasion", {2022, 5, 14}).value == yuan(50000));
  CHECK(rule("tax-evasion", {2022, 5, 15}).value == yuan(100000));
  CHECK(rule("tax-evasion-withholding", {2021, 6, 1}).value == yuan(50000));
  CHECK(rule("tax-evasion-withholding", {2023, 6, 1}).value == yuan(100000));
  // 虚开: 1万 / 5千 before, 10万 / 5万 after.
  CHECK(rule("vat-invoice-tax", {2019, 1, 1}).value == yuan(10000));
  CHECK(rule("vat-invoice-loss", {2019, 1, 1}).value == yuan(5000));
  CHECK(rule("vat-invoice-tax", {2022, 5, 15}).value == yuan(100000));
  CHECK(rule("vat-invoice-loss", {2022, 5, 15}).value == yuan(50000));
  CHECK(rule("vat-invoice-tax", {2022, 5, 14}).value == yuan(10000));
  // Before the first standard was issued there is none.
  CHECK(shipped().in_force("tax-evasion", {2009, 1, 1}) == nullptr);
  CHECK(shipped().in_force("no-such-rule", kToday) == nullptr);

  // The same case, measured on two conduct dates: evaded 8万, 15% of the tax due.
  const Measurements m = {{"逃避缴纳税款数额", yuan(80000)}, {"逃税比例", Quantity::whole(15, Unit::Percent)}};
  const auto in2021 = shipped().evaluate("逃税罪", {2021, 6, 1}, m);
  REQUIRE(in2021.size() == 1);
  CHECK(in2021[0].level == Level::Reached);
  CHECK(in2021[0].ratio == Approx(1.6));
  const auto in2023 = shipped().evaluate("逃税", {2023, 6, 1}, m);  // without the final 罪
  REQUIRE(in2023.size() == 1);
  CHECK(in2023[0].level == Level::Near);
  CHECK(in2023[0].ratio == Approx(0.8));

  // 虚开 2万 tax: a crime before the revision, below after it.
  const Measurements vat = {{"虚开税款数额", yuan(20000)}};
  CHECK(level_of("vat-invoice-tax", vat, {2021, 12, 31}) == Level::Reached);
  CHECK(level_of("vat-invoice-tax", vat, {2023, 1, 1}) == Level::Below);
}

TEST_CASE("reached, near and below at the edges") {
  auto sales = [](Quantity q) { return Measurements{{"销售金额", q}}; };
  CHECK(level_of("fake-products-sales", sales(yuan(50000))) == Level::Reached);  // exactly 5万: 以上 includes it
  CHECK(level_of("fake-products-sales", sales(fen(4999999))) == Level::Near);    // 49999.99
  CHECK(level_of("fake-products-sales", sales(yuan(40000))) == Level::Near);     // exactly 80%
  CHECK(level_of("fake-products-sales", sales(fen(3999999))) == Level::Below);   // 39999.99
  CHECK(level_of("fake-products-sales", sales(yuan(39999))) == Level::Below);
  CHECK(level_of("fake-products-sales", sales(yuan(0))) == Level::Below);

  const auto e = shipped().evaluate(rule("fake-products-sales"), sales(yuan(40000)));
  REQUIRE(e);
  CHECK(e->ratio == Approx(0.8));
  CHECK(e->measured == yuan(40000));
  CHECK(e->threshold->id == "fake-products-sales");

  // The near share is configurable (a profile's early_intervention share).
  CHECK(level_of("fake-products-sales", sales(yuan(40000)), kToday, 0.9) == Level::Below);
  CHECK(level_of("fake-products-sales", sales(yuan(45000)), kToday, 0.9) == Level::Near);
  CHECK(level_of("fake-products-sales", sales(yuan(39999)), kToday, 0.5) == Level::Near);
  CHECK_THROWS_AS(shipped().evaluate(rule("fake-products-sales"), sales(yuan(1)), 0.0), std::invalid_argument);

  // Money from the forms normaliser.
  const auto parsed = caseaudit::forms::parse_amount("伍万元整");
  REQUIRE(parsed);
  CHECK(level_of("fake-products-sales", sales(Quantity::money(*parsed))) == Level::Reached);

  // A measure not in the case: nothing to evaluate.
  CHECK_FALSE(shipped().evaluate(rule("fake-products-sales"), Measurements{}).has_value());
  // A value in the wrong unit is a caller's error.
  CHECK_THROWS_AS(shipped().evaluate(rule("fake-products-sales"), sales(Quantity::whole(5, Unit::Mu))), std::invalid_argument);

  // Areas, counts and percentages are exact too.
  CHECK(level_of("farmland-basic", {{"基本农田面积", Quantity::whole(5, Unit::Mu)}}) == Level::Reached);
  CHECK(level_of("farmland-basic", {{"基本农田面积", Quantity{399, Unit::Mu}}}) == Level::Below);  // 3.99亩
  CHECK(level_of("farmland-basic", {{"基本农田面积", Quantity{400, Unit::Mu}}}) == Level::Near);   // 4亩
  CHECK(level_of("tobacco-cigarettes", {{"卷烟数量", Quantity::whole(199999, Unit::Zhi)}}) == Level::Near);
  CHECK(level_of("tobacco-cigarettes", {{"卷烟数量", Quantity::whole(200000, Unit::Zhi)}}) == Level::Reached);
}

TEST_CASE("伪劣产品: three times the sales plus the unsold goods") {
  // 3万 sold + 6万 unsold: 3 × 3万 + 6万 = 15万, although neither reaches its own figure.
  const Measurements m = {{"销售金额", yuan(30000)}, {"货值金额", yuan(60000)}};
  const auto all = shipped().evaluate("生产、销售伪劣产品罪", kToday, m);
  REQUIRE(all.size() == 3);
  for (const auto& e : all) {
    INFO(e.threshold->id);
    if (e.threshold->id == "fake-products-combined") {
      CHECK(e.level == Level::Reached);
      CHECK(e.measured == yuan(150000));
    } else {
      CHECK(e.level == Level::Below);
    }
  }
  const Evaluation* best = strongest(all);
  REQUIRE(best);
  CHECK(best->threshold->id == "fake-products-combined");

  // 2万 sold + 8万 unsold = 14万: near (93%).
  CHECK(level_of("fake-products-combined", {{"销售金额", yuan(20000)}, {"货值金额", yuan(80000)}}) == Level::Near);
  // 2万 sold + 8.9999万 unsold = 149999: below 15万 but near.
  CHECK(level_of("fake-products-combined", {{"销售金额", yuan(20000)}, {"货值金额", yuan(89999)}}) == Level::Near);
  // Only unsold goods known: the sold amount counts as zero.
  const auto only_goods = shipped().value_of("伪劣产品折算金额", {{"货值金额", yuan(100000)}});
  REQUIRE(only_goods);
  CHECK(*only_goods == yuan(100000));
  CHECK_FALSE(shipped().value_of("伪劣产品折算金额", Measurements{}).has_value());
  // A derived value given directly is used as given.
  CHECK(*shipped().value_of("伪劣产品折算金额", {{"伪劣产品折算金额", yuan(7)}, {"货值金额", yuan(100000)}}) == yuan(7));

  // 销售假冒注册商标的商品: the sum without tripling.
  CHECK(level_of("counterfeit-trademark-goods-combined", {{"销售金额", yuan(30000)}, {"货值金额", yuan(120000)}}) ==
        Level::Reached);
  CHECK(level_of("counterfeit-trademark-goods-combined", {{"销售金额", yuan(30000)}, {"货值金额", yuan(60000)}}) ==
        Level::Below);
}

TEST_CASE("非法经营: a unit's thresholds differ from a person's, tobacco has its own") {
  const Measurements m = {{"非法经营数额", yuan(60000)}};
  const auto person = shipped().evaluate("非法经营罪", kToday, m, Who::Person);
  REQUIRE(person.size() == 1);
  CHECK(person[0].threshold->id == "illegal-business-person-amount");
  CHECK(person[0].level == Level::Reached);

  const auto unit = shipped().evaluate("非法经营罪", kToday, m, Who::Organisation);
  REQUIRE(unit.size() == 1);
  CHECK(unit[0].threshold->id == "illegal-business-unit-amount");
  CHECK(unit[0].level == Level::Below);
  CHECK(unit[0].ratio == Approx(0.12));

  // 违法所得 1.2万: a person reaches 1万, a unit is far from 10万.
  const Measurements gains = {{"违法所得", yuan(12000)}};
  CHECK(strongest(shipped().evaluate("非法经营罪", kToday, gains, Who::Person))->level == Level::Reached);
  CHECK(strongest(shipped().evaluate("非法经营罪", kToday, gains, Who::Organisation))->level == Level::Below);

  // Party unknown: both are listed.
  CHECK(shipped().evaluate("非法经营罪", kToday, m).size() == 2);
  // The general lookup does not include the tobacco conduct, and the other way round.
  for (const Threshold* th : shipped().for_offence("非法经营罪", kToday)) CHECK(th->conduct.empty());
  const auto tobacco = shipped().for_offence("非法经营烟草专卖品", kToday, Who::Organisation);
  REQUIRE(tobacco.size() == 4);  // amount, gains, cigarettes, and the repeat offender's lower amount
  for (const Threshold* th : tobacco) CHECK(th->conduct == "非法经营烟草专卖品");
  // A unit selling 6万 of cigarettes without a licence reaches the tobacco figure.
  CHECK(strongest(shipped().evaluate("非法经营烟草专卖品", kToday, m, Who::Organisation))->level == Level::Reached);
  // By id: that one threshold.
  const auto by_id = shipped().for_offence("tobacco-gains", kToday);
  REQUIRE(by_id.size() == 1);
  CHECK(by_id[0]->id == "tobacco-gains");
}

TEST_CASE("逃税: the share of the tax due must also be met") {
  const Date d{2023, 1, 1};
  // 12万 evaded but only 8% of the tax due: not a crime under this item.
  auto e = shipped().evaluate(rule("tax-evasion", d),
                              {{"逃避缴纳税款数额", yuan(120000)}, {"逃税比例", Quantity::whole(8, Unit::Percent)}});
  REQUIRE(e);
  CHECK(e->level == Level::Below);
  REQUIRE(e->unmet.size() == 1);
  CHECK(e->unmet[0] == "逃税比例");
  // 12万 and exactly 10%: reached.
  e = shipped().evaluate(rule("tax-evasion", d),
                         {{"逃避缴纳税款数额", yuan(120000)}, {"逃税比例", Quantity::whole(10, Unit::Percent)}});
  REQUIRE(e);
  CHECK(e->level == Level::Reached);
  CHECK(e->unmet.empty());
  CHECK(e->unknown.empty());
  // Share not known: reached on the amount, the condition left to a person.
  e = shipped().evaluate(rule("tax-evasion", d), {{"逃避缴纳税款数额", yuan(120000)}});
  REQUIRE(e);
  CHECK(e->level == Level::Reached);
  REQUIRE(e->unknown.size() == 1);
  CHECK(e->unknown[0] == "逃税比例");
}

TEST_CASE("quantities parse exactly and print plainly") {
  CHECK(Quantity::parse("50000", Unit::Yuan) == yuan(50000));
  CHECK(Quantity::parse("20万", Unit::Zhi) == Quantity::whole(200000, Unit::Zhi));
  CHECK(Quantity::parse("5万元", Unit::Yuan) == yuan(50000));
  CHECK(Quantity::parse("12.5", Unit::Percent) == Quantity{1250, Unit::Percent});
  CHECK_FALSE(Quantity::parse("-5", Unit::Yuan));
  CHECK_FALSE(Quantity::parse("1.234", Unit::Mu));
  CHECK_FALSE(Quantity::parse("5e4", Unit::Mu));
  CHECK_FALSE(Quantity::parse("", Unit::Mu));
  CHECK(yuan(50000).text() == "50000元");
  CHECK(Quantity{550, Unit::Mu}.text() == "5.5亩");
  CHECK(Quantity{1205, Unit::Percent}.text() == "12.05%");
  CHECK(Quantity::whole(200000, Unit::Zhi).text() == "200000支");
}

// ---- malformed files ----

namespace {

const std::string kGood = R"(documents:
  doc:
    title: 某规定
thresholds:
  - id: demo
    offence: 演示罪
    article: 刑法第一条
    measure: 销售金额
    who: any
    value: 50000
    unit: 元
    comparison: at_least
    source: {document: doc, article: 第一条}
    effective_from: 2010-01-01
    effective_to: 2019-12-31
)";

// A folder with the shipped measures.yaml and one thresholds file t.yaml.
struct BadFolder {
  ScratchDir dir{"thresholds-bad"};
  explicit BadFolder(const std::string& text) {
    std::filesystem::copy_file(source_dir() / "rules" / "thresholds" / "measures.yaml", dir / "measures.yaml");
    write_file(dir / "t.yaml", text);
  }
};

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at == std::string::npos) throw std::logic_error("test text lacks " + from);
  return s.replace(at, from.size(), to);
}

// Loads the text; the load must fail at file t.yaml (or `file`), line `line`,
// with a message containing `words`.
void refused(const std::string& text, int line, const std::string& words, const std::string& file = "t.yaml") {
  BadFolder f(text);
  INFO("expecting " << file << ":" << line << " " << words);
  try {
    ThresholdTable::load(f.dir.path());
    FAIL("the file was accepted");
  } catch (const DataError& e) {
    INFO(e.what());
    CHECK(e.file().filename() == file);
    CHECK(e.line() == line);
    CHECK(std::string(e.what()).find(words) != std::string::npos);
    if (line > 0) CHECK(std::string(e.what()).find(file + ":" + std::to_string(line) + ": ") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("the test's good file loads") {
  BadFolder f(kGood);
  const auto t = ThresholdTable::load(f.dir.path());
  REQUIRE(t.all().size() == 1);
  CHECK(t.all()[0].line == 5);
  CHECK(t.all()[0].source.text() == "《某规定》第一条");
  CHECK(t.all()[0].effective_to == Date{2019, 12, 31});
}

TEST_CASE("malformed threshold files are refused with file and line") {
  SECTION("bad YAML") { refused(replace(kGood, "    unit: 元\n", "      unit: 元\n"), 11, "bad YAML"); }
  SECTION("bad YAML: an unclosed bracket, found on the next line") {
    refused(replace(kGood, "source: {document: doc, article: 第一条}", "source: {document: doc"), 14, "bad YAML");
  }
  SECTION("unknown key") { refused(replace(kGood, "    who: any\n", "    who: any\n    whom: any\n"), 10, "unknown key \"whom\""); }
  SECTION("unknown top-level key") { refused("version: 2\n" + std::string(kGood), 1, "unknown key \"version\""); }
  SECTION("a key given twice") { refused(replace(kGood, "    who: any\n", "    who: any\n    who: person\n"), 10, "given twice"); }
  SECTION("missing source") { refused(replace(kGood, "    source: {document: doc, article: 第一条}\n", ""), 5, "source is missing"); }
  SECTION("source without article") { refused(replace(kGood, "{document: doc, article: 第一条}", "{document: doc}"), 13, "article is missing"); }
  SECTION("source document not in the file") { refused(replace(kGood, "{document: doc,", "{document: other,"), 13, "not in this file's documents"); }
  SECTION("effective_to before effective_from") {
    refused(replace(kGood, "effective_to: 2019-12-31", "effective_to: 2009-12-31"), 15, "is before effective_from");
  }
  SECTION("missing effective_from") { refused(replace(kGood, "    effective_from: 2010-01-01\n", ""), 5, "effective_from is missing"); }
  SECTION("a date that does not exist") { refused(replace(kGood, "2010-01-01", "2010-02-30"), 14, "is not a date"); }
  SECTION("unknown unit") { refused(replace(kGood, "unit: 元", "unit: 美元"), 11, "unknown unit \"美元\""); }
  SECTION("unit that does not fit the measure") { refused(replace(kGood, "unit: 元", "unit: 亩"), 11, "does not fit measure 销售金额"); }
  SECTION("unknown measure") { refused(replace(kGood, "measure: 销售金额", "measure: 营业额"), 8, "unknown measure \"营业额\""); }
  SECTION("unknown comparison") { refused(replace(kGood, "at_least", "at_most"), 12, "unknown comparison \"at_most\""); }
  SECTION("unknown who") { refused(replace(kGood, "who: any", "who: company"), 9, "unknown who \"company\""); }
  SECTION("negative value") { refused(replace(kGood, "value: 50000", "value: -50000"), 10, "negative value"); }
  SECTION("zero value") { refused(replace(kGood, "value: 50000", "value: 0"), 10, "more than zero"); }
  SECTION("value not a number") { refused(replace(kGood, "value: 50000", "value: lots"), 10, "is not a number"); }
  SECTION("bad id") { refused(replace(kGood, "id: demo", "id: Demo Rule"), 5, "lower-case"); }
  SECTION("a condition with an unknown measure") {
    refused(replace(kGood, "    source:", "    also:\n      - {measure: 比例, value: 10, unit: \"%\", comparison: at_least}\n    source:"),
            14, "unknown measure \"比例\"");
  }
  SECTION("a condition with a negative value") {
    refused(replace(kGood, "    source:", "    also:\n      - {measure: 逃税比例, value: -10, unit: \"%\", comparison: at_least}\n    source:"),
            14, "negative value");
  }
  SECTION("no documents") { refused(replace(kGood, "documents:\n  doc:\n    title: 某规定\n", ""), 1, "documents"); }
  SECTION("document without title") { refused(replace(kGood, "    title: 某规定\n", "    number: 1号\n"), 3, "title is missing"); }
  SECTION("empty file") { refused("", 0, "empty"); }
  SECTION("versions of one id overlap: both entries named") {
    const std::string second = replace(replace(kGood.substr(kGood.find("  - id")), "2010-01-01", "2019-06-01"),
                                       "effective_to: 2019-12-31", "effective_to: null");
    refused(std::string(kGood) + second, 16, "overlaps demo at ");
    BadFolder f(std::string(kGood) + second);
    try {
      ThresholdTable::load(f.dir.path());
      FAIL("accepted");
    } catch (const DataError& e) {
      const std::string what = e.what();
      CHECK(what.find("t.yaml:16: ") != std::string::npos);  // the second entry
      CHECK(what.find("t.yaml:5 ") != std::string::npos);    // names the first
      CHECK(what.find("both in force on 2019-06-01") != std::string::npos);
    }
  }
  SECTION("two ids for one offence, measure and party overlap") {
    const std::string second = replace(replace(kGood.substr(kGood.find("  - id")), "id: demo", "id: demo-2"),
                                       "2010-01-01", "2019-12-31");
    refused(std::string(kGood) + second, 16, "overlaps demo at ");
  }
  SECTION("a unit's and anyone's threshold overlap") {
    const std::string second = replace(replace(kGood.substr(kGood.find("  - id")), "id: demo", "id: demo-unit"),
                                       "who: any", "who: unit");
    refused(std::string(kGood) + second, 16, "overlaps demo");
  }
  SECTION("one id for two different rules") {
    const std::string second = replace(replace(kGood.substr(kGood.find("  - id")), "measure: 销售金额", "measure: 货值金额"),
                                       "2010-01-01", "2020-01-01");
    refused(std::string(kGood) + replace(second, "effective_to: 2019-12-31", "effective_to: 2021-01-01"), 16, "a new rule needs a new id");
  }
}

TEST_CASE("a folder without measures.yaml, or with a bad one, is refused") {
  ScratchDir dir("thresholds-nomeasures");
  write_file(dir / "t.yaml", kGood);
  try {
    ThresholdTable::load(dir.path());
    FAIL("accepted");
  } catch (const DataError& e) {
    CHECK(e.file().filename() == "measures.yaml");
    CHECK(e.line() == 0);
  }
  write_file(dir / "measures.yaml", "measures:\n  - name: 销售金额\n    unit: 元\n    meaning: x\n  - name: 合计\n    unit: 元\n"
                                    "    formula: 3 × 销售金额 + 未知金额\n    meaning: y\n");
  try {
    ThresholdTable::load(dir.path());
    FAIL("accepted");
  } catch (const DataError& e) {
    CHECK(e.file().filename() == "measures.yaml");
    CHECK(e.line() == 7);
    CHECK(std::string(e.what()).find("unknown measure \"未知金额\"") != std::string::npos);
  }
  write_file(dir / "measures.yaml", "measures:\n  - name: 销售金额\n    unit: 斤\n    meaning: x\n");
  try {
    ThresholdTable::load(dir.path());
    FAIL("accepted");
  } catch (const DataError& e) {
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("unknown unit") != std::string::npos);
  }
  CHECK_THROWS_AS(ThresholdTable::load(dir / "no-such-folder"), DataError);
}
