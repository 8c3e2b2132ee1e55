// 执法人员: the ways bureaus print officers and their certificate numbers.
#include <catch2/catch.hpp>

#include "caseaudit/forms/normalize.h"

using namespace caseaudit::forms;

namespace {

std::string show(const std::vector<Officer>& list) {
  std::string s;
  for (const auto& o : list) s += o.name + "=" + o.cert + ";";
  return s;
}

}  // namespace

TEST_CASE("officers with their numbers in brackets, one after the other") {
  CHECK(show(parse_officers("方芳（执法证号：41130325419）、董立新（执法证号：41130907120）")) ==
        "方芳=41130325419;董立新=41130907120;");
  CHECK(show(parse_officers("张三（证号HB416251888）李四（证号HB416251889）")) == "张三=HB416251888;李四=HB416251889;");
  CHECK(show(parse_officers("执法人员：张三，执法证号：豫烟执552066；李四，执法证号：豫烟执552067")) ==
        "张三=豫烟执552066;李四=豫烟执552067;");
}

TEST_CASE("names first, numbers after, in the same order") {
  CHECK(show(parse_officers("张三、李四（执法证号：41130325419、41130907120）")) == "张三=41130325419;李四=41130907120;");
  // Two cells of a row joined: names in one, numbers in the next.
  CHECK(show(parse_officers("王小明、赵刚、41130325419、41130907120")) == "王小明=41130325419;赵刚=41130907120;");
}

TEST_CASE("labels run into names, OCR drops the spaces") {
  CHECK(show(parse_officers("张三执法证号：豫烟执552066李四执法证号：豫烟执552067")) == "张三=豫烟执552066;李四=豫烟执552067;");
  CHECK(show(parse_officers("承办人及执法证号：欧阳小明 鄂市监执0412356 李四 鄂市监执0412357")) ==
        "欧阳小明=鄂市监执0412356;李四=鄂市监执0412357;");
  // Without any label: a province-prefixed number ends the name before it.
  CHECK(show(parse_officers("张三豫烟执552066李四豫烟执552067")) == "张三=豫烟执552066;李四=豫烟执552067;");
  CHECK(show(parse_officers("办案人员张三41130325419\n李四41130907120")) == "张三=41130325419;李四=41130907120;");
}

TEST_CASE("two names written together are split only when there are more numbers than names") {
  CHECK(show(parse_officers("张三李四（执法证号：41130325419、41130907120）")) == "张三=41130325419;李四=41130907120;");
  CHECK(show(parse_officers("欧阳小明（执法证号：41130325419）")) == "欧阳小明=41130325419;");
  CHECK(show(parse_officers("张三和李四，证号41130325419、41130907120")) == "张三=41130325419;李四=41130907120;");
}

TEST_CASE("full-width digits and letters are folded, a name without a number keeps an empty number") {
  CHECK(show(parse_officers("张三（执法证号：４１１３０３２５４１９）")) == "张三=41130325419;");
  CHECK(show(parse_officers("送达人：张三、李四")) == "张三=;李四=;");
  std::string leftover;
  const auto one = parse_officers("张三（执法证号：4113）", &leftover);
  CHECK(show(one) == "张三=;");
  CHECK(leftover == "4113");
}

TEST_CASE("text that names no officer gives none") {
  CHECK(parse_officers("").empty());
  CHECK(parse_officers("2023年5月12日").empty());
  CHECK(parse_officers("经初步核查，符合立案条件").empty());
}

TEST_CASE("分别为 introduces the numbers, what is read as neither a name nor a number is left over") {
  CHECK(show(parse_officers("执法人员薛伟、董志强（执法证件号分别为：41990278265、41990138682）")) ==
        "薛伟=41990278265;董志强=41990138682;");
  // Names in one row, their numbers in the next (a form's two rows joined).
  CHECK(show(parse_officers("薛伟、董志强、执法证件号、41990278265、41990138682")) == "薛伟=41990278265;董志强=41990138682;");
  // A label broken by a line end (执法 / 证号) is read, not left over.
  std::string leftover;
  CHECK(show(parse_officers("许勇（执法证号：41990598632）、田建华（执法\n证号：41990469452)", &leftover)) ==
        "许勇=41990598632;田建华=41990469452;");
  CHECK(leftover.empty());
  // A name cut to one character leaves it and the number over: the reading is incomplete.
  CHECK(show(parse_officers("李强（执法证号：41990783360）、范41990643649)", &leftover)) == "李强=41990783360;");
  CHECK(leftover.find("范") != std::string::npos);
}
