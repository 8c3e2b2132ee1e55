// Legal citations in a passage (see normalize.h).
#include "caseaudit/forms/lookalikes.h"
#include "caseaudit/forms/normalize.h"
#include "normalize/detail.h"

namespace caseaudit::forms {

using namespace detail;

std::string Citation::text() const {
  std::string out = "《" + law + "》第" + std::to_string(article) + "条";
  if (paragraph > 0) out += "第" + std::to_string(paragraph) + "款";
  if (item > 0) out += "第" + std::to_string(item) + "项";
  return out;
}

namespace {

bool is_numeral_char(char32_t c) {
  return is_ascii_digit(c) || numeral_digit(c, Numerals::plain) >= 0 ||
         numeral_small_unit(c, Numerals::plain) > 0;
}

// Reads 第N<marker> at `pos` (N Arabic or Chinese; for 项 the number may
// be in brackets: 第(二)项, 第（2）项 fold to ASCII brackets). On success
// returns N and moves `pos` past the marker.
std::optional<int> read_ordinal(std::u32string_view s, std::size_t& pos, char32_t marker) {
  std::size_t i = pos;
  if (i >= s.size() || s[i] != U'第') return std::nullopt;
  ++i;
  // A speck read after 第 (第·一百二十二条), and 一 read as a dash (第－款).
  while (i < s.size() && (s[i] == U'·' || s[i] == U'•' || s[i] == U'・' || s[i] == U'.')) ++i;
  if (i + 1 < s.size() && s[i] != U'一' && !is_numeral_char(s[i]) && lookalike(s[i], U'一') && s[i + 1] == marker) {
    pos = i + 2;
    return 1;
  }
  const bool bracketed = marker == U'项' && i < s.size() && s[i] == U'(';
  if (bracketed) ++i;
  const std::size_t start = i;
  while (i < s.size() && is_numeral_char(s[i])) ++i;
  const auto number = read_count(s.substr(start, i - start), 4);
  if (!number || *number <= 0) return std::nullopt;
  if (bracketed) {
    if (i >= s.size() || s[i] != U')') return std::nullopt;
    ++i;
  }
  if (i >= s.size() || s[i] != marker) return std::nullopt;
  pos = i + 1;
  return number;
}

// 之一, 之二 ... after an article: skipped, the article number stays.
void skip_article_suffix(std::u32string_view s, std::size_t& pos) {
  if (pos + 1 < s.size() && s[pos] == U'之' && numeral_digit(s[pos + 1], Numerals::plain) > 0)
    pos += 2;
}

}  // namespace

// Scanning rules:
// - 《...》 sets the law for the articles that follow, up to the next 《》 or
//   the end of the sentence (。): an article after 。 without a law of its
//   own is not attributed (it could cite another law) and is skipped;
// - 第N条 [之N] [第N款] [第N项] makes one citation; 第五十条之一 is read as
//   article 50 (the 之一 is dropped);
// - after 、 a 第N款 or 第N项 without 条 continues the previous article
//   ("第四十九条第一款、第二款" gives paragraphs 1 and 2 of article 49);
// - numbers are Arabic or Chinese with units (第一百二十三条), never digit
//   by digit.
std::vector<Citation> parse_citations(std::string_view text) {
  const std::u32string folded_text = folded(text);
  const std::u32string_view s = folded_text;
  std::vector<Citation> out;
  std::string law;
  bool chain = false;  // the last citation can be continued after 、
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = s[i];
    if (c == U'《') {
      const std::size_t close = s.find(U'》', i + 1);
      if (close == std::u32string_view::npos) break;
      law = to_utf8(s.substr(i + 1, close - i - 1));
      chain = false;
      i = close + 1;
      continue;
    }
    if (c == U'。') {
      law.clear();
      chain = false;
      ++i;
      continue;
    }
    if (c != U'第' || law.empty()) {
      if (c != U'、') chain = false;
      ++i;
      continue;
    }
    std::size_t pos = i;
    Citation citation;
    citation.law = law;
    if (const auto article = read_ordinal(s, pos, U'条')) {
      citation.article = *article;
      skip_article_suffix(s, pos);
      if (const auto paragraph = read_ordinal(s, pos, U'款')) citation.paragraph = *paragraph;
      if (const auto item = read_ordinal(s, pos, U'项')) citation.item = *item;
    } else if (chain && i > 0 && s[i - 1] == U'、') {
      citation.article = out.back().article;
      if (const auto paragraph = read_ordinal(s, pos, U'款')) {
        citation.paragraph = *paragraph;
        if (const auto item = read_ordinal(s, pos, U'项')) citation.item = *item;
      } else if (const auto item = read_ordinal(s, pos, U'项')) {
        citation.paragraph = out.back().paragraph;
        citation.item = *item;
      } else {
        chain = false;
        ++i;
        continue;
      }
    } else {
      ++i;
      continue;
    }
    out.push_back(citation);
    chain = true;
    i = pos;
  }
  return out;
}

}  // namespace caseaudit::forms
