// The record fields a profile column can fill, by the names profiles use.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace caseaudit::audit::import {

enum class Field {
  Unit, Number, Name, Party, Cause, Status, Category,
  Filed, Decided, Transferred, Withdrawn, PoliceFiled, PoliceRefused, Entered,
  CaseAmount, Fine,
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::Fine) + 1;

// unit number name party cause status category filed decided transferred
// withdrawn police_filed police_refused entered case_amount fine
std::optional<Field> field_from_name(std::string_view name);
// The list above, for messages.
std::string_view field_names();

}  // namespace caseaudit::audit::import
