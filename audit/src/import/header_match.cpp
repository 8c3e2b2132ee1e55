// Header row search and column mapping (see header_match.h).
#include "import/header_match.h"

#include <algorithm>

#include "caseaudit/forms/normalize.h"
#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::audit::import {

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.erase(s.size() - suffix.size());
    return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace

FoldedHeader fold_header(std::string_view text) {
  std::string s = lower_ascii(forms::fold_width(trim(text)));
  while (!s.empty() && s.front() == '*') s.erase(0, 1);
  while (strip_suffix(s, "*") || strip_suffix(s, ":") || strip_suffix(s, "：")) {
  }
  FoldedHeader h;
  h.full = s;
  h.name = s;
  // A unit in brackets at the end: (元), (万元), [万元], 【万元】.
  for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"}, {"[", "]"}, {"【", "】"}}) {
    if (s.size() > close.size() && s.compare(s.size() - close.size(), close.size(), close) == 0) {
      const std::size_t at = s.rfind(open);
      if (at != std::string::npos && at > 0) {
        const std::string unit = s.substr(at + open.size(), s.size() - close.size() - at - open.size());
        h.name = s.substr(0, at);
        if (unit.find("万元") != std::string::npos || unit == "万") h.multiplier = 10000;
      }
      break;
    }
  }
  if (h.name == h.full && strip_suffix(h.name, "万元")) h.multiplier = 10000;  // 涉案金额万元
  return h;
}

std::vector<MappedColumn> match_row(const Row& row, const ColumnProfile& profile) {
  std::vector<MappedColumn> out;
  std::vector<bool> taken(profile.columns.size(), false);
  for (std::size_t c = 0; c < row.size(); ++c) {
    const std::string_view text = trim(row[c].text);
    if (text.empty() || row[c].numeric) continue;
    const FoldedHeader h = fold_header(text);
    if (h.full.empty()) continue;
    bool matched = false;
    for (const bool by_full : {true, false}) {
      for (std::size_t s = 0; s < profile.columns.size() && !matched; ++s) {
        if (taken[s]) continue;
        for (const std::string& alias : profile.columns[s].headers) {
          const FoldedHeader a = fold_header(alias);
          if ((by_full && a.full == h.full) || (!by_full && a.name == h.name)) {
            out.push_back({c, s, std::string(text), h.multiplier});
            taken[s] = true;
            matched = true;
            break;
          }
        }
      }
      if (matched) break;
    }
  }
  return out;
}

HeaderMatch find_header(const std::vector<Row>& rows, const ColumnProfile& profile) {
  HeaderMatch best;
  std::size_t best_count = 0;
  bool have_first = false;
  std::vector<std::string> first_cells;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<std::string> cells;
    for (const Cell& cell : rows[r])
      if (const auto t = trim(cell.text); !t.empty()) cells.emplace_back(t);
    if (cells.empty()) continue;
    best.any_cell = true;
    if (!have_first) {
      first_cells = cells;
      have_first = true;
    }
    auto mapped = match_row(rows[r], profile);
    if (mapped.size() > best_count) {
      best_count = mapped.size();
      best.row_index = r;
      best.columns = std::move(mapped);
      best.found = std::move(cells);
    }
  }
  if (best_count == 0) best.found = first_cells;
  for (std::size_t s = 0; s < profile.columns.size(); ++s) {
    if (!profile.columns[s].required) continue;
    const bool present = std::any_of(best.columns.begin(), best.columns.end(),
                                     [&](const MappedColumn& m) { return m.spec == s; });
    if (!present) best.missing.push_back(s);
  }
  return best;
}

std::string missing_columns_message(const HeaderMatch& match, const ColumnProfile& profile) {
  std::vector<std::string> names;
  for (const std::size_t s : match.missing) {
    const auto& headers = profile.columns[s].headers;
    std::string n = headers.empty() ? profile.columns[s].field : headers.front();
    if (headers.size() > 1)
      n += "（或 " + join(std::vector<std::string>(headers.begin() + 1, headers.end()), "、") + "）";
    names.push_back(n);
  }
  std::vector<std::string> cut;
  for (const std::string& f : match.found) cut.push_back(ocr::cut_for_message(f));
  std::string found = cut.empty() ? "（无 none）" : join(cut, "、");
  return "缺少必需的列 " + join(names, "；") + " (required column missing)；文件中的列 (columns found): " + found;
}

}  // namespace caseaudit::audit::import

namespace caseaudit::audit::import {

int choose_sheet(const std::vector<std::vector<Row>>& first_rows, const std::vector<ColumnProfile>& candidates) {
  int first_with_data = -1;
  for (std::size_t i = 0; i < first_rows.size(); ++i) {
    const ProfileChoice c = choose_profile(first_rows[i], candidates);
    if (c.index >= 0) return static_cast<int>(i);
    if (c.match.any_cell && first_with_data < 0) first_with_data = static_cast<int>(i);
  }
  return first_with_data;
}

ProfileChoice choose_profile(const std::vector<Row>& rows, const std::vector<ColumnProfile>& candidates) {
  ProfileChoice best;
  std::size_t best_count = 0, closest_count = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    HeaderMatch m = find_header(rows, candidates[i]);
    const std::size_t n = m.columns.size();
    if (m.ok() && (best.index < 0 || n > best_count)) {
      best.index = static_cast<int>(i);
      best.closest = static_cast<int>(i);
      best_count = n;
      best.match = std::move(m);
    } else if (best.index < 0 && (i == 0 || n > closest_count)) {
      best.closest = static_cast<int>(i);
      closest_count = n;
      best.match = std::move(m);
    }
  }
  return best;
}

}  // namespace caseaudit::audit::import
