// Legal citations: 《law》第N条第N款第N项 in passages.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

// All citations of a passage in canonical form, joined by " | ".
std::string texts(std::string_view passage) {
  std::string out;
  for (const Citation& citation : parse_citations(passage)) {
    if (!out.empty()) out += " | ";
    out += citation.text();
  }
  return out;
}

}  // namespace

TEST_CASE("parse_citations reads law, article, paragraph and item") {
  const auto citations = parse_citations("《中华人民共和国产品质量法》第四十九条第一款第（二）项");
  REQUIRE(citations.size() == 1);
  CHECK(citations[0].law == "中华人民共和国产品质量法");
  CHECK(citations[0].article == 49);
  CHECK(citations[0].paragraph == 1);
  CHECK(citations[0].item == 2);
  CHECK(citations[0].text() == "《中华人民共和国产品质量法》第49条第1款第2项");
}

TEST_CASE("parse_citations reads the number forms") {
  CHECK(texts("《产品质量法》第49条") == "《产品质量法》第49条");
  CHECK(texts("《产品质量法》第４９条") == "《产品质量法》第49条");
  CHECK(texts("《产品质量法》第一百二十三条") == "《产品质量法》第123条");
  CHECK(texts("《产品质量法》第十条") == "《产品质量法》第10条");
  CHECK(texts("《产品质量法》第一百零三条") == "《产品质量法》第103条");
  CHECK(texts("《产品质量法》第五十条之一") == "《产品质量法》第50条");  // 之一 dropped
  CHECK(texts("《产品质量法》第五十条之一第二款") == "《产品质量法》第50条第2款");
  SECTION("item forms") {
    CHECK(texts("《产品质量法》第四十九条第(二)项") == "《产品质量法》第49条第2项");
    CHECK(texts("《产品质量法》第四十九条第（2）项") == "《产品质量法》第49条第2项");
    CHECK(texts("《产品质量法》第四十九条第二项") == "《产品质量法》第49条第2项");
    CHECK(texts("《产品质量法》第四十九条第2项") == "《产品质量法》第49条第2项");
  }
  CHECK(texts("《产品质量法》 第 四十九 条 第 一 款") == "《产品质量法》第49条第1款");
  // OCR on a poor scan: a speck after 第, 一 read as a dash.
  CHECK(texts("《中华人民共和国食品安全法》第·一百二十二条第－款") == "《中华人民共和国食品安全法》第122条第1款");
  CHECK(texts("《产品质量法》第四十九条第-款") == "《产品质量法》第49条第1款");
}

TEST_CASE("parse_citations reads citations in running text") {
  const auto cited = parse_citations("依据《中华人民共和国行政处罚法》第三十二条第（一）项的规定");
  REQUIRE(cited.size() == 1);
  CHECK(cited[0].law == "中华人民共和国行政处罚法");
  CHECK(cited[0].article == 32);
  CHECK(cited[0].paragraph == 0);
  CHECK(cited[0].item == 1);
  CHECK(cited[0].text() == "《中华人民共和国行政处罚法》第32条第1项");

  // The law carries over to the following articles.
  CHECK(texts("违反了《产品质量法》第十三条、第四十九条的规定") ==
        "《产品质量法》第13条 | 《产品质量法》第49条");
  CHECK(texts("违反了《产品质量法》第十三条的规定，依据第四十九条") ==
        "《产品质量法》第13条 | 《产品质量法》第49条");

  // Several laws, in order.
  CHECK(texts("违反了《中华人民共和国产品质量法》第十三条的规定，依据《中华人民共和国产品质量法》"
              "第四十九条和《中华人民共和国行政处罚法》第二十八条第一款、第三十二条第（一）项") ==
        "《中华人民共和国产品质量法》第13条 | 《中华人民共和国产品质量法》第49条 | "
        "《中华人民共和国行政处罚法》第28条第1款 | 《中华人民共和国行政处罚法》第32条第1项");

  // After 、 a paragraph or item without 条 continues the previous article.
  CHECK(texts("《产品质量法》第四十九条第一款、第二款") ==
        "《产品质量法》第49条第1款 | 《产品质量法》第49条第2款");
  CHECK(texts("《产品质量法》第四十九条第一款第（一）项、第（三）项") ==
        "《产品质量法》第49条第1款第1项 | 《产品质量法》第49条第1款第3项");
}

TEST_CASE("parse_citations skips what is not a citation") {
  CHECK(parse_citations("").empty());
  CHECK(parse_citations("第四十九条").empty());               // no law named
  CHECK(parse_citations("《产品质量法》").empty());            // no article
  CHECK(parse_citations("《产品质量法》第条").empty());
  CHECK(parse_citations("《产品质量法》第零条").empty());
  CHECK(parse_citations("《产品质量法》第四九条").empty());    // digit by digit
  CHECK(parse_citations("《产品质量法》第十十条").empty());
  CHECK(parse_citations("《产品质量法第四十九条").empty());    // unclosed 《
  CHECK(parse_citations("《产品质量法》第一款").empty());      // paragraph without article
  CHECK(parse_citations("本案第一次检查").empty());
  // A sentence end stops the carry-over: the second article may cite another law.
  CHECK(texts("违反了《产品质量法》第十三条。依据第四十九条") == "《产品质量法》第13条");
  // A paragraph after 和 (not 、) is not attached to the previous article.
  CHECK(texts("《产品质量法》第四十九条和第二款") == "《产品质量法》第49条");
  // An unclosed item bracket leaves the item out.
  CHECK(texts("《产品质量法》第四十九条第（二项") == "《产品质量法》第49条");
}

TEST_CASE("Citation::text omits parts that are 0") {
  CHECK(Citation{"产品质量法", 49, 0, 0}.text() == "《产品质量法》第49条");
  CHECK(Citation{"产品质量法", 49, 1, 0}.text() == "《产品质量法》第49条第1款");
  CHECK(Citation{"产品质量法", 49, 0, 3}.text() == "《产品质量法》第49条第3项");
}
