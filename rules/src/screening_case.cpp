// Transfer screening of a case file read by forms (see screening.h): the
// amounts stated in the facts, the cause, the party kind and the date.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

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

std::string raw_of(const forms::CaseExtraction& c, std::string_view type, const std::string& name) {
  for (const auto& d : c.documents)
    if (d.type == type)
      if (const auto* f = d.field(name)) return f->raw;
  return std::string();
}


// The measure word after 每 (瓶, 吨, 公斤): one or two Han characters up to the price's first digit.
std::string measure_word(std::string_view s, std::size_t at) {
  std::size_t end = at;
  for (int n = 0; n < 2 && end + 3 <= s.size() && static_cast<unsigned char>(s[end]) >= 0xE4; ++n) end += 3;
  if (end == at || end >= s.size() || !std::isdigit(static_cast<unsigned char>(s[end]))) return {};
  return std::string(s.substr(at, end - at));
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
}

// The clause around `at` (between the nearest ， 。 ； on either side).
std::string_view clause_at(std::string_view s, std::size_t at, std::size_t end) {
  std::size_t from = 0, to = s.size();
  for (std::string_view stop : {"，", "。", "；"}) {
    const std::size_t b = s.rfind(stop, at);
    if (b != std::string_view::npos) from = std::max(from, b + stop.size());
    const std::size_t e = s.find(stop, end);
    if (e != std::string_view::npos) to = std::min(to, e);
  }
  return s.substr(from, to - from);
}

}  // namespace

std::optional<Quantity> sales_from_price(std::string_view text) {
  // Selling prices: 每<word><figure>元 in a clause that sells (以每瓶36元的价格对外销售,
  // 销售价为每吨4326元) and does not buy (进货价为每吨4140元, 以每瓶13元的价格……购进).
  std::set<std::pair<std::string, std::int64_t>> prices;
  for (std::size_t at = text.find("每"); at != std::string_view::npos; at = text.find("每", at + 3)) {
    const std::string word = measure_word(text, at + 3);
    if (word.empty()) continue;
    const auto fig = figure_at(text, at + 3 + word.size());
    if (!fig || fig->second != "元") continue;
    const std::string_view clause = clause_at(text, at, at + 3 + word.size());
    if (!contains_any(clause, {"销售", "出售", "售价", "卖出"}) || contains_any(clause, {"购进", "进货", "购买", "购入", "进价"}))
      continue;
    if (const auto q = quantity_of(fig->first, Unit::Yuan)) prices.insert({word, q->hundredths});
  }
  if (prices.size() != 1) return std::nullopt;  // none, or several goods at several prices
  const auto& [word, price] = *prices.begin();
  // The quantity sold, in the same measure word: 已售出1179瓶, 已销售137公斤.
  std::set<std::int64_t> sold;
  for (std::string_view verb : {"已售出", "已销售", "已出售", "共售出", "销售了"})
    for (std::size_t at = text.find(verb); at != std::string_view::npos; at = text.find(verb, at + verb.size())) {
      std::size_t end = at + verb.size();
      std::string number;
      while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) number += text[end++];
      if (number.empty() || text.substr(end, word.size()) != word) continue;
      if (const auto q = Quantity::parse(number, Unit::Yuan)) sold.insert(q->hundredths);
    }
  if (sold.size() != 1) return std::nullopt;
  return Quantity{price * *sold.begin() / 100, Unit::Yuan};
}

Measurements read_measures(std::string_view text, const ThresholdTable& table, const OffenceLink* link) {
  Measurements out;
  for (const auto& m : table.measures())
    if (m.formula.empty()) read_label(text, m.name, m, out);
  if (link)
    for (const auto& [word, measure] : link->labels)
      if (const Measure* m = table.measure(measure)) read_label(text, word, *m, out);
  return out;
}

TransferScreening screen_case(const forms::CaseExtraction& c, const CaseFacts& facts, const OffenceMap& offences,
                              const ThresholdTable& table, double near_share, const Measurements& history) {
  ScreeningInput in;
  // Every document's 案由 and the transfer's 涉嫌罪名 may name the conduct.
  for (const auto& d : c.documents)
    for (const char* name : {"案由", "涉嫌罪名", "案件名称"})
      if (const auto* f = d.field(name); f && !f->raw.empty()) in.cause += f->raw + " ";
  in.basis = raw_of(c, "行政处罚决定书", "处罚依据") + " " + raw_of(c, "行政处罚决定书", "违法条款") + " " +
             raw_of(c, "行政处罚事先告知书", "处罚依据") + " " + raw_of(c, "行政处罚事先告知书", "违法条款");
  const OffenceLink* link = offences.match(in.cause, in.basis);

  // Amounts: the facts as stated (decision, else notice), then the transfer documents' 涉案金额.
  std::string text = facts.get("facts") ? facts.get("facts")->raw : std::string();
  for (const auto& d : c.documents)
    for (const char* name : {"违法事实", "涉案金额"})
      if (const auto* f = d.field(name); f && !f->raw.empty() && text.find(f->raw) == std::string::npos) text += " " + f->raw;
  in.measured = read_measures(text, table, link);
  bool derived_sales = false;
  if (!in.measured.count("销售金额") && table.measure("销售金额"))
    if (const auto sales = sales_from_price(text)) in.measured.emplace("销售金额", *sales), derived_sales = true;
  if (link && !link->case_amount.empty() && !in.measured.count(link->case_amount))
    if (const auto fen = facts.fen("case_amount")) in.measured.emplace(link->case_amount, Quantity{*fen, Unit::Yuan});
  const Measurements stated = in.measured;

  in.measured.insert(history.begin(), history.end());
  if (facts.get("credit_code")) in.party = Who::Organisation;
  else if (facts.get("id_number")) in.party = Who::Person;
  std::string which;
  for (const auto& [key, name] : std::vector<std::pair<const char*, const char*>>{
           {"filed", "立案日期"}, {"notified", "告知日期"}, {"decided", "决定日期"}})
    if ((in.conduct = facts.date(key))) {
      which = name;
      break;
    }

  in.offence = link;
  TransferScreening s = screen(in, offences, table, near_share);
  if (derived_sales && s.threshold && s.threshold->measure == "销售金额")
    s.notes.push_back("销售金额按事实所载售价乘以已售数量推算为 " + in.measured.at("销售金额").text() +
                      " (sales computed as the stated selling price times the quantity sold)");
  s.stated = stated;
  if (link) s.case_measure = link->case_amount;
  if (const auto it = stated.find(s.case_measure); it != stated.end()) {
    int agree = 0, disagree = 0;
    float confidence = 0;
    for (const auto& d : c.documents)
      if (const auto* f = d.field("违法事实"); f && !f->raw.empty()) {
        const Measurements own = read_measures(f->raw, table, link);
        const auto m = own.find(s.case_measure);
        if (m == own.end()) continue;
        if (m->second.hundredths == it->second.hundredths) ++agree, confidence = std::max(confidence, f->confidence);
        else ++disagree;
      }
    s.case_measure_sure = disagree == 0 && (agree >= 2 || (agree == 1 && confidence >= 0.95f));
  }
  if (in.conduct && s.call != TransferCall::None)
    s.notes.push_back("以" + which + " " + in.conduct->iso() + " 代替违法行为发生日期选取当时有效的标准 (the " +
                      (which == "立案日期" ? std::string("filing") : which == "告知日期" ? "notice" : "decision") +
                      " date stands for the conduct date)");
  return s;
}

}  // namespace caseaudit::rules
