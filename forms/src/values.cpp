// From a field's raw text to its normalised value (see fields.h). Text that
// cannot be read as its type keeps its raw form with parsed=false and the
// reason: never a guess.
#include <unicode/regex.h>

#include <algorithm>

#include "caseaudit/forms/code_points.h"
#include "caseaudit/forms/normalize.h"
#include "fields.h"
#include "fuzzy.h"

namespace caseaudit::forms {

namespace {

nlohmann::json yuan_value(const Amount& a) {
  if (a.fen % 100 == 0) return a.fen / 100;
  return static_cast<double>(a.fen) / 100.0;
}

// 人民币 before capitals is part of how they are written, not the value.
std::string without_currency(std::string s) {
  for (const std::string prefix : {"人民币", "(大写)", "（大写）", "大写：", "大写:", "大写"})
    if (s.rfind(prefix, 0) == 0) s = s.substr(prefix.size());
  return s;
}

void code_value(ExtractedField& f, const CodeCheck& c, const char* what) {
  f.value = c.code;
  f.parsed = c.well_formed;
  if (!c.well_formed) {
    f.value = nullptr;
    f.problem = std::string(what) + "格式不符 (not a well-formed code)";
  } else if (!c.check_ok) {
    f.problem = std::string(what) + "校验位不符 (check character fails)";
  }
  if (!c.possible_misread.empty()) f.problem += "；可能为识别错误，应为 " + c.possible_misread + " (possible OCR misread)";
}

// 执法人员 as a list of {name, 证号} (证号 "" when none is printed).
// A four-character name without a two-character surname (李四王五): two names
// whose separating space the reading lost, as likely as one name; "" if none.
std::string joined_names(const nlohmann::json& officers) {
  static constexpr std::u32string_view kDoubleSurnames[] = {
      U"欧阳", U"司马", U"上官", U"诸葛", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容", U"长孙", U"宇文", U"司徒",
      U"夏侯", U"令狐", U"钟离", U"澹台", U"呼延", U"端木", U"百里", U"南宫", U"西门", U"独孤", U"轩辕", U"万俟"};
  for (const auto& o : officers) {
    const std::u32string name = to_u32(o["name"].get<std::string>());
    if (name.size() != 4) continue;
    if (std::none_of(std::begin(kDoubleSurnames), std::end(kDoubleSurnames),
                     [&](std::u32string_view s) { return name.compare(0, 2, s) == 0; }))
      return to_utf8(name);
  }
  return "";
}

nlohmann::json officers(const std::string& raw, std::string* leftover) {
  nlohmann::json list = nlohmann::json::array();
  for (const Officer& o : parse_officers(raw, leftover)) list.push_back({{"name", o.name}, {"证号", o.cert}});
  return list;
}

// OCR reads the year brackets of a 文号 as quotation marks at times
// (漯环立案“2022】180号): with a four-digit year between them they can only be brackets.
std::string quotes_as_brackets(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"“", "〔"}, {"”", "〕"}, {"‘", "〔"}, {"’", "〕"}, {"\"", "〔"}})
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// Specks read as dots inside a 文号 (漯环立〔2021〕·133号).
std::string without_dots(std::string s) {
  for (const std::string dot : {"·", "•", "・"})
    for (std::size_t at = s.find(dot); at != std::string::npos; at = s.find(dot)) s.erase(at, dot.size());
  return s;
}

// What OCR makes of a date's characters: 曰 for 日, o or Q for 〇 in a year
// written in Chinese numerals.
// A year in Chinese numerals with one 〇 dropped (二二一年: a case file's year
// is 20xx) gets it back after the 二.
const char* party_kind(const std::string& name) {
  for (const char* unit : {"公司", "厂", "店", "部", "中心", "合作社", "商行", "超市", "药房", "诊所", "酒店", "餐厅", "工作室",
                           "经营部", "门市", "个体工商户", "宾馆", "协会", "医院", "学校", "站"})
    if (name.find(unit) != std::string::npos) return "unit";
  return "person";
}

}  // namespace

void normalise_field(ExtractedField& f, const FieldSpec& spec) {
  const FieldType type = spec.type;
  f.parsed = false;
  f.problem.clear();
  f.value = nullptr;
  // A space in the text only parts items side by side in a table cell
  // (table_text.h): officers are told apart by it, every other value is read
  // as if it were not there (2023 年 10 月 3 日).
  if (type != FieldType::Officers) std::erase(f.raw, ' ');
  const std::string raw = f.raw;
  switch (type) {
    case FieldType::Text:
      f.value = fold_width(raw), f.parsed = true;
      return;
    case FieldType::Party:
      f.value = {{"name", raw}, {"kind", party_kind(raw)}}, f.parsed = true;
      return;
    case FieldType::DocNumber:
      if (auto n = parse_doc_number(raw); n || (n = parse_doc_number(quotes_as_brackets(without_dots(raw))))) {
        f.value = n->canonical(), f.parsed = true;
      } else {
        f.problem = "文号无法识别 (not a document number)";
      }
      return;
    case FieldType::Date:
      if (auto d = parse_date(raw); d && (d->year < 1900 || d->year > 2099)) {
        f.problem = "日期年份不合理：" + raw + " (a year no case file carries: a misread)";
      } else if (d) {
        f.value = d->iso(), f.parsed = true;
      } else if ((d = repair_date(raw))) {
        f.value = d->iso(), f.parsed = true;
        f.corrected_from = raw;
      } else {
        f.problem = "日期无法识别 (not a date)";
      }
      return;
    case FieldType::Amount:
      if (const auto a = parse_amount(raw)) {
        f.value = yuan_value(*a), f.parsed = true;
      } else {
        f.problem = "金额无法识别 (not an amount)";
      }
      return;
    case FieldType::CapitalAmount:
      if (const auto a = parse_capital_amount(without_currency(raw))) {
        f.value = yuan_value(*a), f.parsed = true;
      } else {
        f.problem = "大写金额无法识别 (not an amount in capitals)";
      }
      return;
    case FieldType::CreditCode:
      code_value(f, check_credit_code(raw), "统一社会信用代码");
      return;
    case FieldType::IdNumber:
      code_value(f, check_id_number(raw), "身份证号");
      return;
    case FieldType::Citations: {
      nlohmann::json list = nlohmann::json::array();
      for (const Citation& c : parse_citations(raw))
        list.push_back({{"law", c.law}, {"article", c.article}, {"paragraph", c.paragraph}, {"item", c.item}, {"text", c.text()}});
      f.parsed = !list.empty();
      if (f.parsed) f.value = list;
      else f.problem = "未识别到法律条款 (no citation found)";
      return;
    }
    case FieldType::Officers: {
      std::string leftover;
      nlohmann::json list = officers(raw, &leftover);
      f.parsed = !list.empty();
      if (f.parsed) f.value = list;
      else f.problem = "未识别到执法人员 (no officer named)";
      bool uncertified = false;
      for (const auto& o : list) uncertified |= o["证号"].get<std::string>().empty();
      if (f.parsed && uncertified && leftover.find_first_of("0123456789") != std::string::npos)
        f.problem = "执法证号无法识别：" + leftover + " (a certificate number could not be read)";
      else if (f.parsed && !leftover.empty())
        f.problem = "部分内容未能识别为姓名或证号：" + leftover + " (part of the text was read as neither a name nor a number)";
      else if (const std::string joined = joined_names(list); !joined.empty())
        f.problem = "「" + joined + "」可能是两人姓名连写（空格未识别），请核对 (may be two names with the space between them lost)";
      return;
    }
    case FieldType::Terms: {
      nlohmann::json list = nlohmann::json::array();
      for (const std::string& term : spec.terms)
        if (raw.find(term) != std::string::npos) list.push_back(term);
      f.parsed = !list.empty();
      if (f.parsed) f.value = list;
      else f.problem = "未识别到所列项目 (none of the listed terms)";
      return;
    }
    case FieldType::Seal:
    case FieldType::Rows:
      f.parsed = true;  // set where they are read
      return;
  }
}

}  // namespace caseaudit::forms
