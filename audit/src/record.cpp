// Case records (see record.h).
#include "caseaudit/audit/record.h"

#include "caseaudit/ocr/readable_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace caseaudit::audit {

std::string_view category_name(Category c) {
  switch (c) {
    case Category::Penalty: return "行政处罚";
    case Category::Transfer: return "涉嫌犯罪移送";
    case Category::Unknown: break;
  }
  return "未知";
}

std::optional<Category> parse_category(std::string_view text) {
  const std::string t = party_key(text);
  if (t.empty()) return std::nullopt;
  for (const char* k : {"移送", "涉嫌犯罪", "刑事"})
    if (t.find(k) != std::string::npos) return Category::Transfer;
  for (const char* k : {"行政处罚", "处罚", "一般程序", "简易程序"})
    if (t.find(k) != std::string::npos) return Category::Penalty;
  return std::nullopt;
}

namespace {
constexpr std::pair<MustFill, std::string_view> kMustFill[] = {{MustFill::Never, "never"},
                                                               {MustFill::Always, "always"},
                                                               {MustFill::WhenKnown, "when_known"},
                                                               {MustFill::Transfer, "transfer"},
                                                               {MustFill::Penalty, "penalty"}};
}  // namespace

std::string_view must_fill_name(MustFill m) {
  for (const auto& [v, name] : kMustFill)
    if (v == m) return name;
  return "never";
}

std::optional<MustFill> parse_must_fill(std::string_view text) {
  if (text == "true" || text == "yes") return MustFill::Always;
  if (text == "false" || text == "no") return MustFill::Never;
  for (const auto& [v, name] : kMustFill)
    if (name == text) return v;
  return std::nullopt;
}

std::string Origin::text() const {
  if (row == 0) return "案卷 " + ocr::readable_path(file.filename()) + " (case file)";
  // The folder too: a unit's register and export often share a file name.
  const std::string folder = ocr::readable_path(file.parent_path().filename());
  const std::string name = (folder.empty() ? "" : folder + "/") + ocr::readable_path(file.filename());
  return name + (sheet.empty() ? "" : " [" + sheet + "]") + " 第" + std::to_string(row) + "行 (row " +
         std::to_string(row) + ")";
}

std::string CellProblem::message() const {
  return ocr::readable_path(file.filename()) + " 第" + std::to_string(row) + "行 " + column + " “" + raw + "”: " + problem;
}

std::string doc_number_key(std::string_view text) {
  const auto n = forms::parse_doc_number(text);
  return n ? n->canonical() : std::string();
}

std::string party_key(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded = nfkc->normalize(s, status);
    if (U_SUCCESS(status)) s = folded;
  }
  icu::UnicodeString out;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isspace(c) || u_ispunct(c)) continue;  // brackets, dots, quotes, dashes
    out.append(u_tolower(c));
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace caseaudit::audit
