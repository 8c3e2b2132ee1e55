// The parts of an .xlsx file: a zip archive (libzip) whose XML members are
// parsed as streams (expat), so a large worksheet is never held in memory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

struct zip;

namespace caseaudit::audit::import {

// Receives the events of one XML member. Element names are local names (the
// namespace is dropped); attribute names keep it as "namespace-uri|local".
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  // Set by a handler that has seen enough; the parse stops quietly.
  bool stop = false;
  // Set (with stop) by a handler that refuses the member (too many rows):
  // parse() then throws an ImportError with this reason. Exceptions are not
  // thrown through expat's callbacks.
  std::string refused;
};

// No real export comes near these; an .xlsx past them is refused, naming the
// file, before it can take the machine's memory (a zip bomb: 820 KB that
// inflates to 210 MB of sheet XML).
inline constexpr long long kMaxXmlMemberBytes = 128LL << 20;  // one member, inflated
inline constexpr long kMaxSheetRows = 300'000;

// The value of an attribute by local name, or nullptr. With `any_namespace`
// false only an attribute without namespace matches.
const char* xml_attribute(const char** attributes, std::string_view local, bool namespaced = false);

class ZipArchive {
 public:
  explicit ZipArchive(const std::filesystem::path& file);  // throws ImportError
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& member) const;
  // Streams `member` through `handler`; a missing member, malformed XML, a
  // member inflating past kMaxXmlMemberBytes or one the handler refused is an
  // ImportError naming the member (and the line).
  void parse(const std::string& member, XmlHandler& handler) const;

 private:
  std::filesystem::path file_;
  zip* archive_ = nullptr;
};

}  // namespace caseaudit::audit::import
