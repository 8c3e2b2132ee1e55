// Issue 15: a key given twice in a data file is refused with the file and the
// line, in every kind of data file (yaml-cpp alone keeps the first value and
// says nothing), through the one YAML loader (forms/yaml_file.h).
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>

#include "caseaudit/forms/templates.h"
#include "caseaudit/rules/calendar.h"
#include "caseaudit/rules/case_facts.h"
#include "caseaudit/rules/data_error.h"
#include "caseaudit/rules/profile.h"
#include "caseaudit/rules/rule_pack.h"
#include "caseaudit/rules/screening.h"
#include "caseaudit/rules/thresholds.h"
#include "support/fixtures.h"

namespace fs = std::filesystem;
using namespace caseaudit;
using test::read_file;
using test::ScratchDir;
using test::source_dir;
using test::write_file;

namespace {

// The file with its first top-level key line given twice; `line` is set to
// the 1-based line of the second one.
std::string first_key_twice(const std::string& text, int* line) {
  std::string out;
  std::size_t pos = 0;
  int n = 0;
  bool done = false;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string l = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
    out += l;
    ++n;
    if (!done && std::regex_search(l, std::regex("^[a-z_]+:"))) {
      out += l.back() == '\n' ? l : l + "\n";
      *line = n + 1;
      done = true;
    }
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return out;
}

// Runs `load` and returns what it threw (a data file error), or "".
std::string refusal(const std::function<void()>& load) {
  try {
    load();
  } catch (const ocr::Error& e) {
    CHECK(e.kind() == ocr::ErrorKind::Data);
    return e.what();
  }
  return "";
}

void check_refused(const std::string& message, const fs::path& file, int line) {
  INFO(message);
  CHECK(message.find(file.filename().string() + ":" + std::to_string(line)) != std::string::npos);
  CHECK(message.find("given twice") != std::string::npos);
}

// A copy of the shipped rules data with one file's first key given twice.
struct RulesCopy {
  ScratchDir dir{"yaml-dup-rules"};
  fs::path file;
  int line = 0;
  explicit RulesCopy(const std::string& relative) {
    fs::copy(source_dir() / "rules", dir.path(), fs::copy_options::recursive);
    file = dir.path() / relative;
    write_file(file, first_key_twice(read_file(file), &line));
  }
};

}  // namespace

TEST_CASE("calendars refuse a key given twice: year, holidays, and a day's date", "[yaml][duplicates]") {
  ScratchDir dir("yaml-dup-calendar");
  const fs::path file = dir / "2023.yaml";
  write_file(file, "year: 2023\nyear: 2024\nsource: 《测试》\nholidays:\n  - {date: 2023-10-02, name: 国庆节}\nworkdays: []\n");
  check_refused(refusal([&] { rules::load_calendar_year(file); }), file, 2);
  write_file(file, "year: 2023\nsource: 《测试》\nholidays:\n  - {date: 2023-10-02, name: 国庆节}\nholidays: []\nworkdays: []\n");
  check_refused(refusal([&] { rules::load_calendar_year(file); }), file, 5);
  write_file(file, "year: 2023\nsource: 《测试》\nholidays:\n  - {date: 2023-10-02, date: 2023-11-02, name: 国庆节}\nworkdays: []\n");
  check_refused(refusal([&] { rules::load_calendar_year(file); }), file, 4);
  // The shipped one, with its first key twice, through the folder loader.
  RulesCopy copy("calendars/2023.yaml");
  check_refused(refusal([&] { rules::WorkCalendar::load(copy.file.parent_path()); }), copy.file, copy.line);
}

TEST_CASE("rule packs, profiles, thresholds, screening and case values refuse a key given twice", "[yaml][duplicates]") {
  {
    RulesCopy copy("packs/documents.yaml");
    check_refused(refusal([&] { rules::load_rule_pack(copy.file); }), copy.file, copy.line);
  }
  {
    RulesCopy copy("profiles/default.yaml");
    check_refused(refusal([&] { rules::load_profile(copy.file.parent_path(), "default"); }), copy.file, copy.line);
  }
  {
    RulesCopy copy("thresholds/measures.yaml");
    check_refused(refusal([&] { rules::ThresholdTable::load(copy.file.parent_path()); }), copy.file, copy.line);
  }
  {
    RulesCopy copy("screening/offences.yaml");
    const rules::ThresholdTable table = rules::ThresholdTable::load(copy.dir.path() / "thresholds");
    check_refused(refusal([&] { rules::OffenceMap::load(copy.file.parent_path(), table); }), copy.file, copy.line);
  }
  {
    RulesCopy copy("facts/case_values.yaml");
    check_refused(refusal([&] { rules::FactMap::load(copy.dir.path()); }), copy.file, copy.line);
  }
}

TEST_CASE("templates refuse a key given twice, also inside a field", "[yaml][duplicates]") {
  const fs::path shipped = source_dir() / "forms" / "templates" / "decision.yaml";
  int line = 0;
  const std::string twice = first_key_twice(read_file(shipped), &line);
  check_refused(refusal([&] { forms::parse_template(twice, shipped); }), shipped, line);
  const std::string nested =
      "type: 测试文书\ntitles: [测试文书]\nfields:\n  - name: 文号\n    type: doc_number\n    type: text\n";
  check_refused(refusal([&] { forms::parse_template(nested, "nested.yaml"); }), "nested.yaml", 6);
}
