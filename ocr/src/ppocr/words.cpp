// Grouping recognised characters into words (see words.h).
#include "ppocr/words.h"

#include "text_join.h"

namespace caseaudit::ocr::ppocr {
namespace {

char32_t first_code_point(const std::string& s) {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (static_cast<std::size_t>(n) > s.size()) return c;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[static_cast<std::size_t>(k)]) & 0x3F);
  return cp;
}

}  // namespace

Line make_line(const std::vector<ReadChar>& chars, const std::function<Box(double, double)>& span_box) {
  Line line;
  double confidence_sum = 0;
  std::size_t counted = 0;
  std::size_t i = 0;
  while (i < chars.size()) {
    if (chars[i].text == " " || chars[i].text.empty()) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    if (!is_cjk(first_code_point(chars[i].text))) {
      while (end < chars.size() && chars[end].text != " " && !chars[end].text.empty() &&
             !is_cjk(first_code_point(chars[end].text)))
        ++end;
    }
    Word w;
    float sum = 0;
    for (std::size_t k = i; k < end; ++k) {
      w.text += chars[k].text;
      sum += chars[k].confidence;
    }
    w.confidence = sum / static_cast<float>(end - i);
    w.box = span_box(chars[i].x0, chars[end - 1].x1);
    confidence_sum += sum;
    counted += end - i;
    line.words.push_back(std::move(w));
    i = end;
  }
  line.text = join_words(line.words);
  line.confidence = counted ? static_cast<float>(confidence_sum / static_cast<double>(counted)) : 0.0f;
  return line;
}

}  // namespace caseaudit::ocr::ppocr
