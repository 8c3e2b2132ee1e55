// OCR look-alikes (see lookalikes.h).
#include "caseaudit/forms/lookalikes.h"

#include <algorithm>
#include <array>

namespace caseaudit::forms {

namespace {

// Groups of characters read one for another. Latin/digit groups come from
// what the engines do to 文号 and codes; the Chinese groups from misread agency
// and party names (菀州市 for 宛州市, …专英局 for …专卖局, 青阳县市监督理局).
constexpr std::array<std::u32string_view, 35> kGroups = {
    U"0OoDQ〇○", U"1Il|7", U"2Zz", U"5Ss6", U"68Bb", U"38", U"089",
    U"〔[(【「{〖『﹝CcLl", U"〕])】」}〗』﹞Jj",
    U"宛菀苑", U"州洲川", U"市巿币", U"场扬汤杨", U"监盐蓝", U"管菅营", U"理埋里", U"局居届",
    U"卖英买实", U"烟姻咽", U"环坏怀", U"境镜竟", U"县悬", U"区匹", U"漯漂梨", U"督替",
    U"务各", U"税锐", U"商啇", U"阳旧", U"执扒", U"罚罸", U"二三", U"日曰", U"郾郡郧鄢", U"一-－—–_"};

}  // namespace

bool lookalike(char32_t a, char32_t b) {
  if (a == b) return true;
  for (const std::u32string_view g : kGroups)
    if (g.find(a) != std::u32string_view::npos && g.find(b) != std::u32string_view::npos) return true;
  return false;
}

std::vector<char> code_confusables(char c) {
  if (c == 'l') return {'1'};
  const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  switch (u) {
    case 'O': case 'D': case 'Q': return {'0'};
    case 'I': return {'1'};
    case 'Z': return {'2'};
    case 'S': return {'5'};
    case 'B': return {'8'};
    case '0': return {'O'};
    case '1': return {'I'};
    case '2': return {'Z'};
    case '5': return {'S'};
    case '8': return {'B'};
    default: return {};
  }
}

double edit_distance(std::u32string_view a, std::u32string_view b, bool ocr_costs) {
  if (a.size() < b.size()) std::swap(a, b);
  thread_local std::vector<double> row;
  row.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<double>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    double diagonal = row[0];
    row[0] = static_cast<double>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const double above = row[j];
      double sub = 0;
      if (a[i - 1] != b[j - 1]) sub = ocr_costs && lookalike(a[i - 1], b[j - 1]) ? 0.3 : 1.0;
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + sub});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double similarity(std::u32string_view a, std::u32string_view b, bool ocr_costs) {
  const std::size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1;
  return std::max(0.0, 1.0 - edit_distance(a, b, ocr_costs) / static_cast<double>(longest));
}

}  // namespace caseaudit::forms
