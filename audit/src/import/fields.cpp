// Field names of column profiles (see fields.h).
#include "import/fields.h"

#include <utility>

namespace caseaudit::audit::import {

namespace {
constexpr std::pair<std::string_view, Field> kFields[] = {
    {"unit", Field::Unit},           {"number", Field::Number},         {"name", Field::Name},
    {"party", Field::Party},         {"cause", Field::Cause},           {"status", Field::Status},
    {"category", Field::Category},   {"filed", Field::Filed},           {"decided", Field::Decided},
    {"transferred", Field::Transferred}, {"withdrawn", Field::Withdrawn}, {"police_filed", Field::PoliceFiled},
    {"police_refused", Field::PoliceRefused},
    {"entered", Field::Entered},     {"case_amount", Field::CaseAmount}, {"fine", Field::Fine},
};
}  // namespace

std::optional<Field> field_from_name(std::string_view name) {
  for (const auto& [n, f] : kFields)
    if (n == name) return f;
  return std::nullopt;
}

std::string_view field_names() {
  return "unit number name party cause status category filed decided transferred withdrawn police_filed "
         "police_refused entered case_amount fine";
}

}  // namespace caseaudit::audit::import
