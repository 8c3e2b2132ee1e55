#include <catch2/catch.hpp>
#include "cleanup/prepare.h"
TEST_CASE("placeholder", "[cleanup]") { CHECK(true); }
