// 执法人员: names and certificate numbers in the many ways bureaus print them
// (see normalize.h parse_officers).
#include <algorithm>

#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

namespace {

using detail::to_u32;
using detail::to_utf8;

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool is_alnum(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Words that say a certificate number follows.
constexpr std::u32string_view kCertLabels[] = {U"执法证件号码", U"执法证件号", U"执法证编号", U"执法证号码", U"执法证号",
                                               U"执法证件",     U"执法证",     U"证件号码",   U"证件号",     U"证号",
                                               U"编号",         U"证编号"};
// Words that name the role (the label of the list); removed.
constexpr std::u32string_view kRoleWords[] = {
    U"执法人员及执法证号", U"承办人及执法证号", U"承办人员及执法证号", U"办案人员及执法证号", U"执法人员及证号",
    U"执法人员",           U"承办人员",         U"办案人员",           U"调查人员",           U"检查人员",
    U"送达人员",           U"承办人",           U"送达人",             U"办案人",             U"经办人",
    U"执法者",             U"姓名",             U"签名",               U"签字",               U"本局",
    U"我局",               U"同志",             U"以及",               U"主办",               U"协办",
    U"分别为",             U"分别是",           U"分别",             U"调查人",             U"报告人",
    U"此致",               U"敬礼",             U"特此报告"};
// Joiners between two names.
constexpr std::u32string_view kJoiners = U"和及与跟";
constexpr std::u32string_view kSeparators = U"、，,；;：:（）()[]【】〔〕 \n\t/|·.。丨｜“”\"'《》-—";
// Provinces' one-character abbreviations, which start certificate prefixes (豫烟执552066, 苏A0123456).
constexpr std::u32string_view kProvinces = U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台";
// Han characters that cannot be part of a person's name here.
constexpr std::u32string_view kNotInNames = U"证号码执法人员承办局市县区省队所站依对等进行查调";

bool starts_with(std::u32string_view s, std::size_t at, std::u32string_view w) { return s.substr(at, w.size()) == w; }

struct Token {
  enum Kind { Name, Cert } kind;
  std::u32string text;
};

// A certificate number at `at`: an optional Han prefix (after a label: any
// 1-6 Han characters; without one: a province abbreviation, optionally with up
// to three more characters ending in 执), then letters and digits with at
// least five digits.
std::size_t cert_length(std::u32string_view s, std::size_t at, bool labelled) {
  std::size_t i = at;
  std::size_t han = 0;
  while (i + han < s.size() && is_han(s[i + han]) && han < 6) ++han;
  if (han > 0) {
    const std::u32string_view prefix = s.substr(i, han);
    bool ok = labelled;
    if (!ok && kProvinces.find(prefix.front()) != std::u32string_view::npos)
      ok = han == 1 || (han <= 4 && prefix.back() == U'执');
    if (!ok) return 0;
    i += han;
  }
  std::size_t j = i, digits = 0;
  while (j < s.size() && (is_alnum(s[j]) || (s[j] == U'-' && j > i && j + 1 < s.size() && is_alnum(s[j + 1])))) {
    digits += is_digit(s[j]);
    ++j;
  }
  if (digits < 5 || j - i > 24) return 0;
  return j - at;
}

// The names in a run of Han characters: one name of 2-4 characters; with
// `split`, two names written together ("张三李四" -> 张三, 李四; "张三和李四").
std::vector<std::u32string> names_in(std::u32string_view run, bool split) {
  std::vector<std::u32string> out;
  std::vector<std::u32string_view> parts;
  std::size_t from = 0;
  for (std::size_t i = 1; i + 2 < run.size() + 1; ++i)
    if (kJoiners.find(run[i]) != std::u32string_view::npos && i - from >= 2 && run.size() - i > 2) {
      parts.push_back(run.substr(from, i - from));
      from = i + 1;
    }
  parts.push_back(run.substr(from));
  for (std::u32string_view p : parts) {
    if (p.size() < 2) continue;
    if (p.size() <= 3 || (p.size() == 4 && !(split && parts.size() == 1))) {
      out.emplace_back(p);
    } else if (split && p.size() <= 8) {
      const std::size_t first = p.size() == 5 ? 2 : p.size() / 2;
      out.emplace_back(p.substr(0, first));
      out.emplace_back(p.substr(first));
    }
  }
  return out;
}

bool name_like(std::u32string_view run) {
  for (const char32_t c : run)
    if (kNotInNames.find(c) != std::u32string_view::npos) return false;
  return run.size() >= 2;
}

}  // namespace

std::vector<Officer> parse_officers(std::string_view text, std::string* leftover) {
  // White space separates (a name per line, "张三 李四"); folding removes it.
  std::string spaced(text);
  for (char& c : spaced)
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') c = '/';
  // Role words go, so "执法人员张三" leaves the name.
  std::u32string s;
  {
    const std::u32string in = detail::folded(spaced);
    for (std::size_t i = 0; i < in.size();) {
      std::size_t skip = 0;
      for (const std::u32string_view w : kRoleWords)
        if (starts_with(in, i, w)) {
          skip = w.size();
          break;
        }
      if (skip) {
        s.push_back(U'/');
        i += skip;
      } else {
        s.push_back(in[i++]);
      }
    }
  }

  std::vector<Token> tokens;
  std::u32string unread;
  bool labelled = false;  // a certificate label was just passed
  std::u32string han;     // the Han run being collected
  auto flush_han = [&] {
    if (!han.empty()) {
      if (name_like(han)) {
        tokens.push_back({Token::Name, han});
      } else {
        // Pieces of labels (执法 of a 执法/证号 broken by a line end) are read;
        // anything else is not.
        for (const char32_t c : han)
          if (kNotInNames.find(c) == std::u32string_view::npos) unread.push_back(c);
      }
      han.clear();
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    bool label = false;
    for (const std::u32string_view w : kCertLabels)
      if (starts_with(s, i, w)) {
        flush_han();
        i += w.size();
        labelled = label = true;
        break;
      }
    if (label) continue;
    if (kSeparators.find(s[i]) != std::u32string::npos) {
      flush_han();
      ++i;
      continue;
    }
    // A certificate number starts here (after a label, a Han prefix is part of it).
    if (han.empty() || labelled || is_alnum(s[i])) {
      const std::size_t n = cert_length(s, i, labelled);
      if (n > 0) {
        flush_han();
        tokens.push_back({Token::Cert, s.substr(i, n)});
        i += n;
        labelled = false;
        continue;
      }
    }
    if (is_han(s[i])) {
      // A name runs up to a character that starts a certificate number with a province prefix.
      if (han.size() >= 2 && kProvinces.find(s[i]) != std::u32string::npos && cert_length(s, i, false) > 0) {
        flush_han();
        continue;
      }
      han.push_back(s[i]);
      labelled = false;
      ++i;
      continue;
    }
    flush_han();
    if (is_alnum(s[i])) unread.push_back(s[i]);
    ++i;
  }
  flush_han();

  // Pair names with certificate numbers in the order they are written: a
  // name and its number in turn, or all names first and then the numbers.
  // Names written together ("张三李四") are split only when there are more
  // numbers than name runs.
  std::size_t certs = 0, runs = 0;
  for (const Token& t : tokens) (t.kind == Token::Cert ? certs : runs) += 1;
  const bool split = runs < certs;
  std::vector<std::u32string> names;
  std::vector<std::u32string> numbers;
  for (const Token& t : tokens) {
    if (t.kind == Token::Cert) {
      numbers.push_back(t.text);
      continue;
    }
    std::vector<std::u32string> found = names_in(t.text, split);
    if (found.empty()) unread += t.text;
    for (auto& n : found) names.push_back(std::move(n));
  }
  std::vector<Officer> out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    Officer o;
    o.name = to_utf8(names[k]);
    if (k < numbers.size()) o.cert = to_utf8(numbers[k]);
    out.push_back(std::move(o));
  }
  if (leftover) {
    for (std::size_t k = names.size(); k < numbers.size(); ++k) unread += numbers[k];
    *leftover = to_utf8(unread);
  }
  return out;
}

}  // namespace caseaudit::forms
