// Transfer screening (移送研判): whether a case's facts look like a crime that
// must be transferred to the police. The case's 案由 (or penalty basis) names
// the offence it may amount to (rules/screening/offences.yaml, with the reading
// of each link), its amounts are read from the facts the documents state
// ("销售金额52000元", "货值金额8.5万元") or from a platform/register 涉案金额
// column, and the offence's criminal filing thresholds in force on the conduct
// date (ThresholdTable) say whether the amounts reach the standard (a transfer
// looks due: 以罚代刑 / 有案不移 if the case was only fined) or reach the
// profile's share of it (麻城: 80%, 提前介入).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caseaudit/forms/document.h"
#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/thresholds.h"

namespace caseaudit::rules {

// One line of offences.yaml: which facts point at an offence.
struct OffenceLink {
  std::string offence;                      // an offence, conduct or threshold id ThresholdTable::for_offence knows
  std::vector<std::string> causes;          // words of the 案由 / 违法行为 that point here
  std::vector<std::string> cites;           // or penalty-basis citations (产品质量法第四十九条)
  std::string case_amount;                  // the measure a bare 涉案金额 is taken as
  std::vector<std::pair<std::string, std::string>> labels;  // more words for measures in the facts: 违法经营额 -> 非法经营数额
  std::string basis;                        // why these facts point at this offence
  std::string note;                         // where the reading is uncertain
  std::filesystem::path file;
  int line = 0;
};

class OffenceMap {
 public:
  // Reads <folder>/offences.yaml; every offence must be known to `table`.
  // Throws DataError (file, line, reason).
  static OffenceMap load(const std::filesystem::path& folder, const ThresholdTable& table);

  // The first link whose cause words occur in the text (案由, 违法事实 ...) or
  // whose citation occurs in the basis text; nullptr when none does.
  const OffenceLink* match(std::string_view cause, std::string_view basis = {}) const;
  const std::vector<OffenceLink>& links() const { return links_; }

 private:
  std::vector<OffenceLink> links_;
};

// The amounts stated in free text, by measure: every measure name of the table
// that is measured directly, and the link's extra labels, followed (after
// 为/达/共计/合计/约/人民币/：) by a number and its unit ("52,000元", "5.2万元",
// "3000支"). The largest figure given for a measure counts.
Measurements read_measures(std::string_view text, const ThresholdTable& table, const OffenceLink* link = nullptr);

// 销售金额 computed from facts that state a selling price and the quantity
// sold in the same measure word but no 销售金额 ("以每瓶36元的价格对外销售，
// 已售出1179瓶": 42444元); nullopt unless exactly one selling price (a clause
// that sells and does not buy) and one quantity sold are stated.
std::optional<Quantity> sales_from_price(std::string_view text);

enum class TransferCall {
  None,        // no offence matched or no amount known: nothing to say
  Below,       // below the profile's share of every threshold
  Early,       // at or above the share (提前介入), below the threshold
  Due,         // at or above a threshold: a transfer looks due
};
std::string_view transfer_call_name(TransferCall c);  // none below early due

// Self-contained (copies, no pointers into the tables), so a report can
// outlive the tables it was made with.
struct TransferScreening {
  TransferCall call = TransferCall::None;
  std::string offence;                 // what the cause points at; "" when nothing does
  std::optional<Threshold> threshold;  // the threshold behind the call (the strongest evaluation)
  Quantity measured;                   // its measure's value in the case
  double ratio = 0;                    // measured / threshold value
  forms::Date conduct;                 // the date whose thresholds applied
  std::string message;           // Chinese with English, ready for a report
  std::vector<std::string> notes;
  // screen_case only: the amounts the case file's own documents state, by
  // measure (the party's history not included), and the measure a bare
  // 涉案金额 is taken as for the offence matched ("" when none matched).
  Measurements stated;
  std::string case_measure;
  // Whether the file's value of case_measure can stand against the platform:
  // no document's facts give another value, and two give this one or the only
  // one that does was read with high confidence.
  bool case_measure_sure = false;
};

struct ScreeningInput {
  std::string cause;          // 案由 (and any other text naming the conduct)
  std::string basis;          // 处罚依据 / 违法条款 text
  Measurements measured;      // amounts by measure, already read
  std::optional<forms::Date> conduct;  // date the thresholds are taken at (the conduct; else 立案日期)
  Who party = Who::Any;
  // The offence the cause points at, when the caller has matched it already
  // (OffenceMap::match on cause and basis); null: screen matches it.
  const OffenceLink* offence = nullptr;
};

TransferScreening screen(const ScreeningInput& in, const OffenceMap& offences, const ThresholdTable& table,
                         double near_share);

// The same for a case file read by forms, through its case values
// (case_facts.h): the 案由 of every document, amounts from the facts
// (违法事实) and the transfer documents' 涉案金额, the party kind from the
// credit code or ID number, the conduct date taken as the 立案日期, else the
// 告知日期, else the 决定日期 (said in the notes). `history`: measures of the
// party's history (earlier penalties) when the caller can count them.
TransferScreening screen_case(const forms::CaseExtraction& c, const CaseFacts& facts, const OffenceMap& offences,
                              const ThresholdTable& table, double near_share, const Measurements& history = {});

}  // namespace caseaudit::rules
