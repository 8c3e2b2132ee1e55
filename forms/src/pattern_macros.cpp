// Named pieces of template patterns (see templates.h expand_pattern). One
// definition of what a date, a 文号 or an amount looks like, so no template
// writes its own and misses a form another bureau prints.
#include <map>

#include "caseaudit/forms/templates.h"

namespace caseaudit::forms {

namespace {

const std::map<std::string, std::string>& macros() {
  static const std::map<std::string, std::string> m = {
      // Arabic (full-width digits too), Chinese numerals (OCR reads 〇 as ○ O 0 o and 日 as 曰 at times),
      // and numeric forms with one separator.
      {"{DATE}",
       "(?:[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}(?:[日曰]|月(?![0-9０-９]))"
       "|[二〇○OoQ0零百一三四五六七八九]{3,4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}(?:[日曰]|月(?![一二三四五六七八九十]))"
       "|[0-9]{4}(?:[.．](?:[0-9]{1,2})[.．]|-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{1,2}(?![0-9]))"},
      // The prefix is the agency's short name and the kind of document (宛市监处罚): a
      // run of Han characters that does not reach back into the words before it.
      {"{DOCNO}",
       "[\\p{Han}--[书表单的了于对与为是号在及和]]{1,12}[〔\\[(（【「［｛{﹝〖|丨][0-9０-９OoIl]{4}[〕\\])）】」］｝}﹞〗]第?[0-9０-９]+号"},
      {"{AMOUNT}", "[0-9０-９][0-9０-９,，.．]*(?:万|亿)?元"},
      {"{AGENCY}", "\\p{Han}{2,24}?(?:局|委员会|办公室|大队|支队|管理处|执法队|中心)"},
  };
  return m;
}

}  // namespace

std::string expand_pattern(const std::string& pattern) {
  std::string out = pattern;
  for (const auto& [name, text] : macros())
    for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at + text.size()))
      out.replace(at, name.size(), text);
  return out;
}

}  // namespace caseaudit::forms
