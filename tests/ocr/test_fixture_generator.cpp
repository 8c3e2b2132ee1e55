// The fixture generator (fixtures/gen) and the committed fixtures: the same
// seed gives the same bytes, and the truth is internally consistent (check
// characters of identity codes, 大写 amounts, text files against JSON lines).
// The check-character code here is written independently of the generator's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/fixtures.h"

namespace fs = std::filesystem;
using caseaudit::test::binary_dir;
using caseaudit::test::fixtures_dir;
using caseaudit::test::read_file;
using caseaudit::test::run_command;
using caseaudit::test::ScratchDir;

namespace {

bool credit_code_ok(const std::string& code) {  // GB 32100-2015
  static const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  if (code.size() != 18) return false;
  long sum = 0, weight = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    const auto v = alphabet.find(code[i]);
    if (v == std::string::npos) return false;
    sum += static_cast<long>(v) * weight;
    weight = weight * 3 % 31;
  }
  return alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)] == code[17];
}

bool id_number_ok(const std::string& id) {  // GB 11643-1999, with a real birth date
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  if (id.size() != 18) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
    sum += (id[i] - '0') * weights[i];
  }
  if (std::string("10X98765432")[static_cast<std::size_t>(sum % 11)] != id[17]) return false;
  const int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
  static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] - (m == 2 && !leap ? 1 : 0);
}

// 人民币伍万贰仟叁佰元整 -> 52300 (whole yuan; -1 if not well formed).
long long daxie_value(const std::string& text) {
  static const std::vector<std::pair<std::string, int>> digits = {
      {"零", 0}, {"壹", 1}, {"贰", 2}, {"叁", 3}, {"肆", 4}, {"伍", 5}, {"陆", 6}, {"柒", 7}, {"捌", 8}, {"玖", 9}};
  static const std::vector<std::pair<std::string, int>> units = {{"拾", 10}, {"佰", 100}, {"仟", 1000}};
  std::string s = text;
  if (s.rfind("人民币", 0) == 0) s = s.substr(std::string("人民币").size());
  const std::string tail = "元整";
  if (s.size() < tail.size() || s.compare(s.size() - tail.size(), tail.size(), tail) != 0) return -1;
  s = s.substr(0, s.size() - tail.size());
  long long total = 0, section = 0, digit = 0;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    for (const auto& [t, v] : digits)
      if (s.compare(i, t.size(), t) == 0) digit = v, i += t.size(), matched = true;
    for (const auto& [t, v] : units)
      if (!matched && s.compare(i, t.size(), t) == 0) section += digit * v, digit = 0, i += t.size(), matched = true;
    if (!matched && s.compare(i, 3, "万") == 0) total += (section + digit) * 10000, section = digit = 0, i += 3, matched = true;
    if (!matched) return -1;
  }
  return total + section + digit;
}

std::vector<fs::path> truth_files(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().string().ends_with(".truth.json")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, std::string> files_under(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[e.path().lexically_relative(root).generic_string()] = read_file(e.path());
  return out;
}

std::string generator() { return (binary_dir() / "caseaudit-fixtures").string(); }

}  // namespace

TEST_CASE("check characters: the brief's valid and invalid examples", "[fixtures]") {
  CHECK(credit_code_ok("91110000600037341L"));
  CHECK(credit_code_ok("121200004013590816"));
  CHECK(credit_code_ok("91310115MA1K3BTP2B"));
  CHECK_FALSE(credit_code_ok("91110000600037341N"));
  CHECK(id_number_ok("44011320141005001X"));
  CHECK(id_number_ok("110102199101010078"));
  CHECK_FALSE(id_number_ok("36042619910102009X"));
  CHECK_FALSE(id_number_ok("360426199113010079"));
  CHECK(daxie_value("人民币伍万贰仟叁佰元整") == 52300);
  CHECK(daxie_value("壹拾万零伍佰元整") == 100500);
}

TEST_CASE("the generator writes the same bytes for the same seed", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  ScratchDir a("fixture-gen-a"), b("fixture-gen-b");
  // One item of each kind of output: a page JPEG with seals, a G4 TIFF, a born-digital PDF, a forms case file.
  for (const std::string& args : {std::string("--set pages --only filing-01-seal"), std::string("--set formats --only g4-case"),
                                  std::string("--set formats --only born-digital"), std::string("--set forms --only case-003")}) {
    INFO(args);
    REQUIRE(run_command(generator() + " --seed 11 --quiet " + args + " --out " + a.path().string()) == 0);
    REQUIRE(run_command(generator() + " --seed 11 --quiet " + args + " --out " + (b.path() / "elsewhere").string()) == 0);
  }
  const auto first = files_under(a.path()), second = files_under(b.path() / "elsewhere");
  REQUIRE(first.size() >= 10);
  REQUIRE(first.size() == second.size());
  for (const auto& [name, bytes] : first) {
    INFO(name);
    REQUIRE(second.count(name) == 1);
    CHECK(bytes == second.at(name));
  }
  // A different seed gives a different page.
  ScratchDir c("fixture-gen-c");
  REQUIRE(run_command(generator() + " --seed 12 --quiet --set pages --only filing-01-seal --out " + c.path().string()) == 0);
  CHECK(read_file(c.path() / "pages/filing-01-seal.jpg") != first.at("pages/filing-01-seal.jpg"));
}

TEST_CASE("the generator refuses bad arguments with exit status 2", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  CHECK(run_command(generator() + " --seed 7 --set nothing --out /tmp/x 2>/dev/null") == 2);
  CHECK(run_command(generator() + " --seed 7 --set pages 2>/dev/null") == 2);
}

TEST_CASE("committed truth: identity codes and amounts are valid, text matches the JSON", "[fixtures]") {
  const auto files = truth_files(fixtures_dir());
  REQUIRE(files.size() >= 40);
  int credit = 0, ids = 0, amounts = 0;
  for (const auto& path : files) {
    INFO(path.string());
    const auto j = nlohmann::json::parse(read_file(path));
    CHECK(j["schema"] == "caseaudit.fixture/1");
    for (const char* group : {"fields", "document_fields"}) {
      const auto& f = j[group];
      if (f.contains("统一社会信用代码")) {
        CHECK(credit_code_ok(f["统一社会信用代码"].get<std::string>()));
        ++credit;
      }
      if (f.contains("身份证号")) {
        CHECK(id_number_ok(f["身份证号"].get<std::string>()));
        ++ids;
      }
      if (f.contains("罚款金额") && f.contains("罚款金额大写")) {
        CHECK(daxie_value(f["罚款金额大写"].get<std::string>()) == f["罚款金额"].get<long long>());
        ++amounts;
      }
      if (f.contains("执法人员")) CHECK(f["执法人员"].size() >= 1);
    }
    // NAME.truth.txt is the JSON's lines, one per line.
    std::string text;
    for (const auto& line : j["lines"]) text += line["text"].get<std::string>() + "\n";
    const std::string txt = path.string().substr(0, path.string().size() - 5) + ".txt";
    CHECK(read_file(txt) == text);
    // Boxes lie inside the image.
    for (const auto& line : j["lines"]) {
      const auto& box = line["box"];
      CHECK(box[0].get<int>() >= 0);
      CHECK(box[1].get<int>() >= 0);
      CHECK(box[0].get<int>() + box[2].get<int>() <= j["width"].get<int>());
      CHECK(box[1].get<int>() + box[3].get<int>() <= j["height"].get<int>());
    }
  }
  CHECK(credit > 0);
  CHECK(ids > 0);
  CHECK(amounts > 0);
}

TEST_CASE("committed pages: the comparison groups the OCR tests rely on", "[fixtures]") {
  const fs::path pages = fixtures_dir() / "pages";
  REQUIRE(fs::is_directory(pages));
  std::map<std::string, std::vector<std::string>> variants;  // decision-01 -> clean, skew ...
  for (const auto& e : fs::directory_iterator(pages)) {
    const std::string name = e.path().filename().string();
    if (!name.ends_with(".jpg")) continue;
    CHECK(fs::file_size(e.path()) < 700 * 1024);
    CHECK(fs::exists(pages / (name.substr(0, name.size() - 4) + ".truth.txt")));
    const auto dash = name.rfind('-');
    variants[name.substr(0, dash)].push_back(name.substr(dash + 1, name.size() - dash - 5));
  }
  int complete = 0;
  for (const auto& [doc, list] : variants) {
    int have = 0;
    for (const char* v : {"clean", "skew", "rotated", "seal"}) have += std::count(list.begin(), list.end(), v) ? 1 : 0;
    complete += have == 4 ? 1 : 0;
  }
  CHECK(complete >= 3);
}

TEST_CASE("the forms set: case files of every document type, with document truth", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  ScratchDir dir("fixture-gen-forms");
  REQUIRE(run_command(generator() + " --seed 7 --quiet --set forms --out " + dir.path().string()) == 0);
  const std::set<std::string> templates = {"立案审批表", "行政处罚事先告知书", "行政处罚听证告知书", "行政处罚决定书",
                                           "送达回证", "结案审批表", "涉嫌犯罪案件移送书", "涉嫌犯罪案件情况的调查报告",
                                           "涉案物品清单", "立案通知书", "不予立案通知书", "撤案审批表"};
  const std::set<std::string> furniture = {"卷宗封面", "卷内目录", "卷内备考表", "空白页"};
  std::set<std::string> seen;
  int folders = 0, pages = 0, planted_files = 0, unknown_pages = 0;
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir.path() / "forms"))
    if (e.path().extension() != ".truth") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  for (const auto& folder : cases) {
    INFO(folder.string());
    // The truth sits beside the case folder, which holds only the scans.
    const fs::path truth = folder.string() + ".truth";
    REQUIRE(fs::exists(truth / "case.truth.json"));
    const auto j = nlohmann::json::parse(read_file(truth / "case.truth.json"));
    for (const auto& e : fs::directory_iterator(folder)) CHECK(e.path().extension() == ".jpg");
    CHECK(j["schema"] == "caseaudit.casefile/1");
    ++folders;
    int next = 1;
    bool planted = false;
    for (std::size_t i = 0; i < j["documents"].size(); ++i) {
      const auto& doc = j["documents"][i];
      const std::string expected = doc["expected_type"];
      INFO(doc["doc_slug"].get<std::string>());
      CHECK(doc["index"] == i + 1);
      CHECK((templates.count(expected) + furniture.count(expected) == 1 || expected == "unknown"));
      seen.insert(expected);
      const bool standard = doc["standard"];
      CHECK(doc.contains("deviation") == !standard);
      if (!standard) {
        CHECK(!doc["deviation"].get<std::string>().empty());
        CHECK(templates.count(expected) == 1);
        planted = true;
      }
      // Pages run 1, 2, 3 ... through the documents, and each page's truth agrees.
      for (const auto& page : doc["pages"]) {
        CHECK(page == next);
        CHECK(fs::exists(folder / (std::to_string(next) + ".jpg")));
        const auto p = nlohmann::json::parse(read_file(truth / (std::to_string(next) + ".truth.json")));
        CHECK(p["document"] == i + 1);
        CHECK(p["expected_type"] == expected);
        CHECK(p["standard"] == standard);
        CHECK(p["variant"] == j["variant"]);
        CHECK(p["doc_type"] == doc["doc_type"]);
        unknown_pages += expected == "unknown" ? 1 : 0;
        ++next;
      }
      const auto& f = doc["fields"];
      if (f.contains("统一社会信用代码")) CHECK(credit_code_ok(f["统一社会信用代码"].get<std::string>()));
      if (f.contains("身份证号")) CHECK(id_number_ok(f["身份证号"].get<std::string>()));
      if (f.contains("罚款金额") && f.contains("罚款金额大写"))
        CHECK(daxie_value(f["罚款金额大写"].get<std::string>()) == f["罚款金额"].get<long long>());
    }
    CHECK(next - 1 == j["page_count"].get<int>());
    CHECK(!fs::exists(folder / (std::to_string(next) + ".jpg")));
    pages += next - 1;
    planted_files += planted ? 1 : 0;
  }
  CHECK(folders == 8);
  CHECK(pages >= 60);
  CHECK(pages <= 80);
  CHECK(planted_files >= 3);
  CHECK(unknown_pages >= 3);
  for (const auto& t : templates) {
    INFO(t);
    CHECK(seen.count(t) == 1);
  }
}
