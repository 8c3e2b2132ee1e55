// Masking 身份证号 in what a person reads (reports, messages, ledgers,
// summaries): the first 6 and last 4 characters with * between, unless the
// user asks for them in full (--show-ids). The one place that knows how.
#pragma once

#include <string>

namespace caseaudit::forms {

// A known ID number (a 身份证号 field's value): every character but the first
// 6 and last 4 hidden; a text shorter than 11 characters is returned as is.
std::string mask_id(const std::string& id);

// Every ID number inside a text (an 18-character run whose birth date is
// plausible, or the old 15 digits) masked; amounts, 文号 and 统一社会信用代码
// stay readable.
std::string mask_id_numbers(const std::string& text);

// mask_id_numbers on every string of a JSON value (numbers are left alone:
// a long fraction is not an ID number). Json: nlohmann::json or ordered_json.
template <class Json>
void mask_json_strings(Json& j) {
  if (j.is_string()) {
    auto& text = j.template get_ref<typename Json::string_t&>();
    text = mask_id_numbers(text);
  } else if (j.is_structured()) {
    for (auto& v : j) mask_json_strings(v);
  }
}

}  // namespace caseaudit::forms
