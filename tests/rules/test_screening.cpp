// Transfer screening: a case's cause and amounts against the filing thresholds
// in force (rules/screening/offences.yaml + rules/thresholds/).
#include <catch2/catch.hpp>

#include <fstream>

#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/screening.h"
#include "support/fixtures.h"

using namespace caseaudit;
using namespace caseaudit::rules;

namespace {

const ThresholdTable& table() {
  static const ThresholdTable t = ThresholdTable::load_default();
  return t;
}

const OffenceMap& offences() {
  static const OffenceMap m = OffenceMap::load(default_rules_dir() / "screening", table());
  return m;
}

TransferScreening run(const std::string& cause, const std::string& facts, forms::Date when = {2023, 6, 1}) {
  ScreeningInput in;
  in.cause = cause;
  in.measured = read_measures(facts, table(), offences().match(cause));
  in.conduct = when;
  return screen(in, offences(), table(), 0.8);
}

}  // namespace

TEST_CASE("amounts are read from the facts as documents state them") {
  const auto m = read_measures("货值金额52,000元，销售金额为 5.2万元，违法所得人民币3000元", table());
  REQUIRE(m.count("货值金额"));
  CHECK(m.at("货值金额").hundredths == 5200000);
  CHECK(m.at("销售金额").hundredths == 5200000);
  CHECK(m.at("违法所得").hundredths == 300000);
  CHECK(read_measures("销售金额待查", table()).empty());
  CHECK(read_measures("销售金额５２０００元", table()).at("销售金额").hundredths == 5200000);
}

TEST_CASE("sales not stated as a sum are the selling price times the quantity sold, a purchase price is not a sale") {
  const auto sales = [](std::string_view t) { return sales_from_price(t).value_or(Quantity{-1, Unit::Yuan}).hundredths; };
  CHECK(sales("以每瓶13元的价格从某公司购进上述商品1209瓶，以每瓶36元的价格对外销售，已售出1179瓶，违法经营额人民币4.35万元") ==
        4244400);
  CHECK(sales("购进上述产品5吨，进货价为每吨4140元，销售价为每吨4326元，截至案发已售出4吨") == 1730400);
  CHECK(sales("以每公斤12.5元的价格销售，已销售137公斤") == 171250);
  // Only a purchase price; two goods at two prices; a quantity in another word: no figure.
  CHECK(sales("以每瓶13元的价格购进上述商品1209瓶，已售出1179瓶") == -1);
  CHECK(sales("以每瓶36元的价格销售洗发水，以每支20元的价格销售牙膏，已售出50瓶") == -1);
  CHECK(sales("以每箱360元的价格对外销售，已售出1179瓶") == -1);
}

TEST_CASE("a fined case whose sales reach the threshold looks due for transfer") {
  const auto s = run("销售不符合保障人身、财产安全的国家标准的产品", "货值金额80000元，销售金额62000元，违法所得9000元");
  CHECK(s.call == TransferCall::Due);
  CHECK(s.offence == "生产、销售伪劣产品罪");
  REQUIRE(s.threshold);
  CHECK(s.ratio >= 1.0);  // the strongest of the offence's thresholds: here 3 × 销售金额 + 货值金额 against 15万
  CHECK(s.message.find("达到立案追诉标准") != std::string::npos);
}

TEST_CASE("80% of a threshold calls for early intervention, less does not") {
  CHECK(run("销售侵犯注册商标专用权的商品", "销售金额42000元").call == TransferCall::Early);
  CHECK(run("销售侵犯注册商标专用权的商品", "销售金额39000元").call == TransferCall::Below);
  // the trademark case's 违法经营额 counts sold and unsold goods (15万 combined threshold)
  CHECK(run("销售侵犯注册商标专用权的商品", "违法经营额160000元").call == TransferCall::Due);
}

TEST_CASE("tobacco cases use the tobacco figures") {
  const auto s = run("未在当地烟草专卖批发企业进货", "非法经营数额56000元，违法所得8000元");
  CHECK(s.call == TransferCall::Due);
  CHECK_FALSE(s.notes.empty());  // the disputed reading is said
}

TEST_CASE("a cause without a threshold, or no amount, makes no call") {
  CHECK(run("未取得食品经营许可从事食品经营活动", "货值金额90000元").call == TransferCall::None);
  CHECK(run("销售不符合保障人身、财产安全的国家标准的产品", "现场查获").call == TransferCall::None);
}

TEST_CASE("a malformed offences file is refused with its line") {
  test::ScratchDir dir("screening-bad");
  std::ofstream(dir / "offences.yaml") << "offences:\n  - offence: 不存在的罪\n    causes: [x]\n    basis: y\n";
  try {
    OffenceMap::load(dir.path(), table());
    FAIL("loaded");
  } catch (const DataError& e) {
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()).find("不存在的罪") != std::string::npos);
  }
}
