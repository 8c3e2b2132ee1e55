// Column profiles: the shipped ones load, and a malformed profile is refused
// with its file and line.
#include <catch2/catch.hpp>
#include <string>

#include "caseaudit/audit/table_import.h"
#include "caseaudit/rules/data_error.h"
#include "support/fixtures.h"

using namespace caseaudit::audit;
using caseaudit::rules::DataError;
using caseaudit::test::ScratchDir;
using caseaudit::test::write_file;

TEST_CASE("the shipped profiles load") {
  const ColumnProfile platform = load_column_profile(default_exports_dir(), "platform");
  CHECK(platform.name == "platform");
  REQUIRE(platform.columns.size() == 16);
  CHECK(platform.columns[0].field == "unit");
  CHECK(platform.columns[0].headers.front() == "录入单位");
  CHECK(platform.columns[0].required);
  CHECK(platform.columns[0].must_fill == MustFill::Always);
  CHECK(platform.side == "platform");
  const ColumnProfile reg = load_column_profile(default_exports_dir(), "register");
  CHECK(reg.columns.size() == 15);
  for (const auto& c : reg.columns) CHECK(c.field != "entered");
}

TEST_CASE("a malformed profile names the file and line") {
  ScratchDir dir("import_profile");
  auto line_of = [&](const std::string& text) {
    write_file(dir / "p.yaml", text);
    try {
      load_column_profile(dir.path(), "p");
    } catch (const DataError& e) {
      return e.line();
    }
    return -1;
  };
  CHECK(line_of("name: p\ncolumns:\n  - field: unit\n    headers: [单位]\n  - field: colour\n    headers: [颜色]\n") == 5);
  CHECK(line_of("columns:\n  - field: unit\n    headers: [单位]\n  - field: party\n    headers: [单位]\n") == 4);  // one header, two fields
  CHECK(line_of("columns:\n  - field: unit\n    must_fill: sometimes\n    headers: [单位]\n") == 3);
  CHECK(line_of("columns:\n  - field: category\n    headers: [是否移送]\n    values: {是: 移交}\n") == 4);
  CHECK(line_of("side: both\ncolumns:\n  - field: unit\n    headers: [单位]\n") == 1);
  CHECK(line_of("defaults: {category: 其他}\ncolumns:\n  - field: unit\n    headers: [单位]\n") == 1);
  // A field may be given by two columns (the first filled one is read).
  CHECK(line_of("columns:\n  - field: unit\n    headers: [单位]\n  - field: unit\n    headers: [执法单位]\n") == -1);
  CHECK(line_of("columns:\n  - field: unit\n    required: maybe\n    headers: [单位]\n") == 3);
  CHECK(line_of("columns:\n  - field: unit\n") == 2);
  CHECK(line_of("columns: [\n") > 0);
  try {
    load_column_profile(dir.path(), "absent");
    FAIL("no error");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()).find("absent.yaml") != std::string::npos);
  }
}
