// Transfer screening of a case file read by forms (see screening.h): the
// amounts stated in the facts, the cause, the party kind and the date.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "caseaudit/rules/screening.h"

namespace caseaudit::rules {

namespace {

bool starts_with(std::string_view s, std::size_t at, std::string_view w) { return s.substr(at, w.size()) == w; }

// Skips what stands between a label and its figure: 为 达 共计 合计 约 是 人民币 ： : and spaces.
std::size_t skip_connectors(std::string_view s, std::size_t at) {
  static const std::vector<std::string_view> words = {"为", "达", "共计", "合计", "总计", "约", "是", "人民币", "：", ":", " ", "\u3000", "¥", "￥"};
  for (bool moved = true; moved;) {
    moved = false;
    for (auto w : words)
      if (starts_with(s, at, w)) at += w.size(), moved = true;
  }
  return at;
}

// A figure at `at`: digits (ASCII or full-width), , ， . ．, then 万 or 亿
// optionally, then the unit. Returns the number text (ASCII) and the unit word.
std::optional<std::pair<std::string, std::string>> figure_at(std::string_view s, std::size_t at) {
  std::string number;
  while (at < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[at]);
    if (c >= '0' && c <= '9') { number += s[at]; ++at; continue; }
    if (c == ',' ) { ++at; continue; }
    if (c == '.') { number += '.'; ++at; continue; }
    if (starts_with(s, at, "，") && !number.empty() && at + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[at + 3]))) { at += 3; continue; }
    if (starts_with(s, at, "．")) { number += '.'; at += 3; continue; }
    // full-width digits ０-９: EF BC 90..99
    if (c == 0xEF && at + 2 < s.size() && static_cast<unsigned char>(s[at + 1]) == 0xBC) {
      const unsigned char d = static_cast<unsigned char>(s[at + 2]);
      if (d >= 0x90 && d <= 0x99) { number += static_cast<char>('0' + (d - 0x90)); at += 3; continue; }
    }
    break;
  }
  if (number.empty() || number == ".") return std::nullopt;
  for (std::string_view mult : {"万", "亿"})
    if (starts_with(s, at, mult)) number += std::string(mult), at += mult.size();
  for (std::string_view unit : {"元", "支", "亩"})
    if (starts_with(s, at, unit)) return std::make_pair(number, std::string(unit));
  return std::nullopt;
}

std::optional<Quantity> quantity_of(const std::string& number, Unit unit) {
  std::string n = number;
  if (const auto p = n.find("亿"); p != std::string::npos) {
    auto q = Quantity::parse(n.substr(0, p), unit);
    if (!q) return std::nullopt;
    q->hundredths *= 100000000;
    return q;
  }
  return Quantity::parse(n, unit);
}

void read_label(std::string_view text, std::string_view label, const Measure& m, Measurements& out) {
  for (std::size_t at = text.find(label); at != std::string_view::npos; at = text.find(label, at + 1)) {
    const auto fig = figure_at(text, skip_connectors(text, at + label.size()));
    if (!fig || fig->second != unit_name(m.unit)) continue;
    const auto q = quantity_of(fig->first, m.unit);
    if (!q) continue;
    auto [it, fresh] = out.emplace(m.name, *q);
    if (!fresh && it->second.hundredths < q->hundredths) it->second = *q;
  }
}

const forms::ExtractedField* field_of(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  for (const auto& d : c.documents)
    if (d.type == type)
      if (const auto* f = d.field(name)) return f;
  return nullptr;
}

std::string raw_of(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  const auto* f = field_of(c, type, name);
  return f ? f->raw : std::string();
}

}  // namespace

Measurements read_measures(std::string_view text, const ThresholdTable& table, const OffenceLink* link) {
  Measurements out;
  for (const auto& m : table.measures())
    if (m.formula.empty()) read_label(text, m.name, m, out);
  if (link)
    for (const auto& [word, measure] : link->labels)
      if (const Measure* m = table.measure(measure)) read_label(text, word, *m, out);
  return out;
}

TransferScreening screen_case(const forms::CaseExtraction& c, const OffenceMap& offences, const ThresholdTable& table,
                              double near_share) {
  ScreeningInput in;
  for (const char* type : {"立案审批表", "行政处罚决定书", "涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告"})
    in.cause += raw_of(c, type, "案由") + " ";
  in.cause += raw_of(c, "涉嫌犯罪案件移送书", "涉嫌罪名");
  in.basis = raw_of(c, "行政处罚决定书", "处罚依据") + " " + raw_of(c, "行政处罚决定书", "违法条款");
  const OffenceLink* link = offences.match(in.cause, in.basis);

  // Amounts: the facts of the decision, then the transfer documents' 涉案金额.
  std::string facts = raw_of(c, "行政处罚决定书", "违法事实");
  for (const char* type : {"涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告"}) facts += " " + raw_of(c, type, "涉案金额");
  in.measured = read_measures(facts, table, link);
  if (link && !link->case_amount.empty() && !in.measured.count(link->case_amount))
    for (const char* type : {"涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告"})
      if (const auto* f = field_of(c, type, "涉案金额"); f && f->parsed && f->value.is_number()) {  // yuan
        in.measured.emplace(link->case_amount, Quantity{std::llround(f->value.get<double>() * 100), Unit::Yuan});
        break;
      }

  for (const char* type : {"行政处罚决定书", "立案审批表", "涉嫌犯罪案件移送书"}) {
    if (const auto* f = field_of(c, type, "统一社会信用代码"); f && !f->raw.empty()) { in.party = Who::Organisation; break; }
    if (const auto* f = field_of(c, type, "身份证号"); f && !f->raw.empty()) { in.party = Who::Person; break; }
  }
  for (const char* type : {"立案审批表", "行政处罚决定书", "涉嫌犯罪案件移送书"})
    if (in.conduct = forms::parse_date(raw_of(c, type, "立案日期")); in.conduct) break;

  TransferScreening s = screen(in, offences, table, near_share);
  if (in.conduct && s.call != TransferCall::None)
    s.notes.push_back("以立案日期 " + in.conduct->iso() + " 代替违法行为发生日期选取当时有效的标准 (the filing date stands for the conduct date)");
  return s;
}

}  // namespace caseaudit::rules
