// Case records (see record.h).
#include "caseaudit/audit/record.h"

#include "caseaudit/forms/normalize.h"
#include "caseaudit/ocr/readable_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

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

SourceFile::SourceFile(const std::filesystem::path& path) {
  auto shared = std::make_shared<Shared>();
  shared->path = path;
  const std::string folder = ocr::readable_path(path.parent_path().filename());
  shared->readable = (folder.empty() ? "" : folder + "/") + ocr::readable_path(path.filename());
  shared_ = std::move(shared);
}

std::string Origin::text() const {
  if (row == 0) return "案卷 " + ocr::readable_path(file.filename()) + " (case file)";
  return file.readable_name() + (sheet.empty() ? "" : " [" + sheet + "]") + " 第" + std::to_string(row) + "行 (row " +
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
  std::string normalised;
  if (!forms::nfkc_inert(name)) {  // most names are: no normaliser for them
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    const icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    const icu::UnicodeString folded = U_SUCCESS(status) ? nfkc->normalize(s, status) : s;
    (U_SUCCESS(status) ? folded : s).toUTF8String(normalised);  // valid UTF-8 from here on
    name = normalised;
  }
  std::string out;
  out.reserve(name.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(name.data());
  const auto length = static_cast<int32_t>(name.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || u_isspace(c) || u_ispunct(c)) continue;  // brackets, dots, quotes, dashes
    char buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, u_tolower(c));
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace caseaudit::audit
