#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "caseaudit/ocr/inputs.h"

using caseaudit::ocr::natural_less;

TEST_CASE("page files sort in natural order: 2 before 10", "[inputs]") {
  std::vector<std::string> names{"p10.jpg", "p2.jpg", "p1.jpg", "P3.jpg", "p02.jpg", "cover.jpg", "p100.jpg"};
  std::sort(names.begin(), names.end(), natural_less);
  CHECK(names == std::vector<std::string>{"cover.jpg", "p1.jpg", "p2.jpg", "p02.jpg", "P3.jpg", "p10.jpg", "p100.jpg"});
}

TEST_CASE("natural order is a strict weak order on mixed names", "[inputs]") {
  CHECK_FALSE(natural_less("a1", "a1"));
  CHECK(natural_less("a1", "a1b"));
  CHECK(natural_less("scan 9", "scan 10"));
  CHECK_FALSE(natural_less("scan 10", "scan 9"));
  CHECK(natural_less("第2页.png", "第10页.png"));
}
