// Criminal filing thresholds (刑事立案追诉标准) as data: rules/thresholds/*.yaml.
//
// Each threshold says: for this offence, when this measure (销售金额, 货值金额,
// 违法所得, 逃避缴纳税款数额, 基本农田面积, 卷烟数量 ...) of this kind of party
// reaches this value, the case meets the filing standard; with its source and
// the dates it is in force. A later version of a standard is a second entry
// with the same id and a later date range, so a case is measured against the
// threshold in force on the date of the conduct.
//
// The format is described in rules/README.md; every malformed file is refused
// at load with a DataError naming the file and line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "caseaudit/forms/normalize.h"

namespace caseaudit::rules {

// The units a threshold is stated in.
enum class Unit { Yuan, Mu, Zhi, Percent, Times };  // 元, 亩, 支, %, 次
std::string_view unit_name(Unit u);                  // "元", "亩", "支", "%", "次"
std::optional<Unit> parse_unit(std::string_view text);

// An exact quantity in hundredths of its unit: 分 for 元, 0.01 亩, 0.01 %.
struct Quantity {
  std::int64_t hundredths = 0;
  Unit unit = Unit::Yuan;

  static Quantity money(forms::Amount a) { return {a.fen, Unit::Yuan}; }
  static Quantity whole(std::int64_t n, Unit u) { return {n * 100, u}; }
  // "50000", "12.5", "20万" (at most two decimals; 万 multiplies by 10000);
  // money also as forms::parse_arabic_amount reads it ("5万元", "50,000").
  // Negative and malformed numbers give nullopt.
  static std::optional<Quantity> parse(std::string_view number, Unit u);
  std::string text() const;  // "50000元", "5.5亩", "200000支", "10%"
  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// Whom a threshold applies to: a natural person, a unit (单位: a company or
// other organisation), or either.
enum class Who { Person, Organisation, Any };    // person, unit, any
std::string_view who_name(Who w);

enum class Comparison { AtLeast, MoreThan };      // at_least (以上: includes the value), more_than (超过)
std::string_view comparison_name(Comparison c);

// A measure a threshold is stated on; measures.yaml in the thresholds folder.
// A derived measure is computed from others: 3 × 销售金额 + 货值金额.
struct Measure {
  std::string name;
  Unit unit = Unit::Yuan;
  std::string meaning;
  std::vector<std::pair<std::int64_t, std::string>> formula;  // factor, measure; empty when measured directly
  // > 0: a measure of the party's history, not of the case: how many
  // administrative penalties for the same conduct the party had in the years
  // before (受过二次以上行政处罚). Only an audit that sees the party's other
  // cases can count it; a single case file cannot.
  int history_years = 0;
  std::filesystem::path file;
  int line = 0;
};

// A further condition that must also hold (逃税: the amount is also at least
// 10% of the tax due).
struct Condition {
  std::string measure;
  Quantity value;
  Comparison comparison = Comparison::AtLeast;
  // A required condition that is not known makes the threshold not apply
  // (a repeat offender's standard needs the party's history); a condition
  // that is not required and not known is only listed to check by hand.
  bool required = false;
  int line = 0;
};

// Where a threshold comes from.
struct Source {
  std::string document;  // key in the file's documents: (zhuisu-2-2022)
  std::string title;     // the document's full title
  std::string number;    // 公通字〔2022〕12号; may be empty
  std::string article;   // 第五十二条第（一）项
  std::string text() const;  // 《title》（number）article
};

struct Threshold {
  std::string id;           // stable: the same rule across versions (tax-evasion)
  std::string offence;      // 逃税罪
  std::string conduct;      // a narrower kind of conduct with its own figures (非法经营烟草专卖品); may be empty
  std::string law_article;  // 刑法第二百零一条
  std::string measure;      // 逃避缴纳税款数额
  Who who = Who::Any;
  Quantity value;
  Comparison comparison = Comparison::AtLeast;
  std::vector<Condition> also;
  Source source;
  forms::Date effective_from;
  std::optional<forms::Date> effective_to;  // last day in force; nullopt: still in force
  std::string note;                          // where the rule is uncertain, why
  std::filesystem::path file;
  int line = 0;

  bool in_force_on(const forms::Date& d) const;
  bool applies_to(Who party) const;  // Any party: every threshold applies
  std::string where() const;         // "file:line"
};

enum class Level { Below, Near, Reached };
std::string_view level_name(Level l);  // "below", "near", "reached"

// One threshold measured against a case.
struct Evaluation {
  const Threshold* threshold = nullptr;
  Quantity measured;      // the measure's value (a derived measure: computed)
  double ratio = 0;       // measured / threshold value
  // Reached: the value reaches the threshold and no further condition is
  // known to fail. Near: not reached, and the value is at least the near
  // share of the threshold (麻城: 80%). A further condition known to fail
  // makes it Below whatever the value.
  Level level = Level::Below;
  std::vector<std::string> unmet;    // measures of further conditions that fail
  std::vector<std::string> unknown;  // measures of further conditions not given: check by hand
};

// A case's measured values by measure name. A derived measure not given is
// computed from its terms when at least one is given; a missing term counts
// as zero (the amounts the file shows).
using Measurements = std::map<std::string, Quantity, std::less<>>;

inline constexpr double kDefaultNearShare = 0.8;  // 麻城: 提前介入 at 80% of the threshold

class ThresholdTable {
 public:
  // Reads <folder>/measures.yaml, then every other *.yaml in the folder.
  static ThresholdTable load(const std::filesystem::path& folder);
  static ThresholdTable load_default();  // default_rules_dir() / "thresholds"

  const std::vector<Threshold>& all() const { return thresholds_; }
  const std::vector<Measure>& measures() const { return measures_; }
  const Measure* measure(std::string_view name) const;

  // The version of threshold `id` in force on the conduct date; nullptr if none.
  const Threshold* in_force(std::string_view id, const forms::Date& conduct) const;

  // The thresholds in force on the conduct date that apply to the party, in
  // file order, named by:
  //  - an offence name (with or without the final 罪): its general thresholds,
  //    those without a conduct (非法经营罪: 其他非法经营活动);
  //  - a conduct name: that conduct's own thresholds (非法经营烟草专卖品);
  //  - a threshold id: that threshold.
  std::vector<const Threshold*> for_offence(std::string_view offence_or_id, const forms::Date& conduct,
                                            Who party = Who::Any) const;

  // The value of a measure in the measurements (derived: computed), if known.
  std::optional<Quantity> value_of(std::string_view measure, const Measurements& values) const;

  // One threshold against the measurements; nullopt when its measure, or a
  // required condition's, is not known. near_share is in (0, 1].
  std::optional<Evaluation> evaluate(const Threshold& t, const Measurements& values,
                                     double near_share = kDefaultNearShare) const;

  // Every threshold of the offence in force on the conduct date whose measure
  // is known.
  std::vector<Evaluation> evaluate(std::string_view offence_or_id, const forms::Date& conduct,
                                   const Measurements& values, Who party = Who::Any,
                                   double near_share = kDefaultNearShare) const;

 private:
  std::vector<Measure> measures_;
  std::vector<Threshold> thresholds_;
};

// The strongest evaluation: reached before near before below, then the
// higher ratio; nullptr for an empty list.
const Evaluation* strongest(const std::vector<Evaluation>& evaluations);

}  // namespace caseaudit::rules
