// Document numbers (文号): bracket variants, 第, leading zeros, spaces.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

// The canonical form, or "none" when the text is rejected.
std::string canonical(std::string_view text) {
  const auto number = parse_doc_number(text);
  return number ? number->canonical() : "none";
}

}  // namespace

TEST_CASE("parse_doc_number reads the bracket variants into one canonical form") {
  const std::string expected = "宛市监处罚〔2023〕87号";
  CHECK(canonical("宛市监处罚〔2023〕87号") == expected);
  CHECK(canonical("宛市监处罚[2023]87号") == expected);
  CHECK(canonical("宛市监处罚(2023)87号") == expected);
  CHECK(canonical("宛市监处罚（2023）87号") == expected);
  CHECK(canonical("宛市监处罚【２０２３】第87号") == expected);
  CHECK(canonical("宛市监处罚〔2023〕0087号") == expected);
  CHECK(canonical("宛市监处罚 〔 2023 〕 87 号") == expected);
  CHECK(canonical("宛市监处罚[2023] 87号") == expected);  // Tesseract-style
  SECTION("OCR's bracket look-alikes") {
    CHECK(canonical("宛市监处罚「2023」87号") == expected);
    CHECK(canonical("宛市监处罚［2023］87号") == expected);
    CHECK(canonical("宛市监处罚｛2023｝87号") == expected);
    CHECK(canonical("宛市监处罚{2023}87号") == expected);
    CHECK(canonical("宛市监处罚﹝2023﹞87号") == expected);
    CHECK(canonical("宛市监处罚〖2023〗87号") == expected);
    CHECK(canonical("宛市监处罚[2023〕87号") == expected);  // mixed pair
    CHECK(canonical("宛市监处罚|2023]87号") == expected);  // a thin bracket read as a bar
    CHECK(canonical("宛市监处罚丨2023〕87号") == expected);
  }
}

TEST_CASE("parse_doc_number keeps the prefix as printed and splits the parts") {
  CHECK(canonical("宛市监罚字〔2023〕0087号") == "宛市监罚字〔2023〕87号");
  const auto number = parse_doc_number("宛市监罚字［２０２１］第００１２号");
  REQUIRE(number);
  CHECK(number->prefix == "宛市监罚字");
  CHECK(number->year == 2021);
  CHECK(number->serial == 12);
}

TEST_CASE("parse_doc_number rejects incomplete numbers") {
  CHECK(canonical("宛市监处罚87号") == "none");        // no year
  CHECK(canonical("宛市监处罚〔23〕87号") == "none");   // year not 4 digits
  CHECK(canonical("宛市监处罚〔20233〕87号") == "none");
  CHECK(canonical("宛市监处罚〔二〇二三〕87号") == "none");
  CHECK(canonical("宛市监处罚〔0023〕87号") == "none");
  CHECK(canonical("宛市监处罚〔2023〕") == "none");     // no serial, no 号
  CHECK(canonical("宛市监处罚〔2023〕号") == "none");   // no serial
  CHECK(canonical("宛市监处罚〔2023〕87") == "none");   // no 号: the serial may be cut off
  CHECK(canonical("宛市监处罚〔2023〕0号") == "none");
  CHECK(canonical("宛市监处罚〔2023〕8O号") == "none");
  CHECK(canonical("宛市监处罚〔2023〕87号之一") == "none");
  CHECK(canonical("〔2023〕87号") == "none");           // no prefix
  CHECK(canonical("宛市监处罚〔2023 87号") == "none");  // unclosed
  CHECK(canonical("宛市监〕处罚〔2023〕87号") == "none");
  CHECK(canonical("") == "none");
}

TEST_CASE("police numbers keep the parenthesised part of their prefix, full-width") {
  CHECK(canonical("宛公（经）立字〔2022〕259号") == "宛公（经）立字〔2022〕259号");
  CHECK(canonical("宛公(经)立字[2022]259号") == "宛公（经）立字〔2022〕259号");
  CHECK(canonical("漯公（环）不立字【2021】167号") == "漯公（环）不立字〔2021〕167号");
  CHECK(canonical("宛公（经）立字259号") == "none");  // still needs the year
}

TEST_CASE("DocNumber::canonical") {
  CHECK(DocNumber{"宛市监处罚", 2023, 87}.canonical() == "宛市监处罚〔2023〕87号");
}
