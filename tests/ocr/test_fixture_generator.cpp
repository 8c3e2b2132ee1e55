// The fixture generator (fixtures/gen) and the committed fixtures: the same
// seed gives the same bytes, and the truth is internally consistent (check
// characters of identity codes, 大写 amounts, text files against JSON lines).
// The check-character code here is written independently of the generator's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
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
  // One item of each kind of output: a page JPEG with seals, a G4 TIFF, a born-digital PDF, a forms case file,
  // a defects case file.
  for (const std::string& args : {std::string("--set pages --only filing-01-seal"), std::string("--set formats --only g4-case"),
                                  std::string("--set formats --only born-digital"), std::string("--set forms --only case-003"),
                                  std::string("--set defects --only case-005"), std::string("--set trust --only case-025"),
                                  std::string("--set trust --only truth")}) {
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
                                           "涉案物品清单", "立案通知书", "不予立案通知书", "撤案审批表",
                                           "涉嫌犯罪案件移送审批表"};
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

namespace {

// Days since 1970-01-01 of an ISO date (YYYY-MM-DD), for the calendar-day limits.
long iso_days(const std::string& iso) {
  int y = std::stoi(iso.substr(0, 4));
  const int m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097L + doe - 719468L;
}

// The case-level rules of rules/packs/procedure.yaml, read independently from
// a case file's document truth: which of them the file's dates and make-up break.
std::set<std::string> case_rules_broken(const nlohmann::json& docs) {
  const auto first = [&](const std::string& type, const std::string& field, const std::string& served = "") -> std::string {
    for (const auto& d : docs) {
      if (d["doc_type"] != type || !d["fields"].contains(field)) continue;
      if (!served.empty() && (!d["fields"].contains("送达文书") || d["fields"]["送达文书"]["名称"] != served)) continue;
      return d["fields"][field].get<std::string>();
    }
    return "";
  };
  const auto holds = [&](const std::string& type) {
    return std::any_of(docs.begin(), docs.end(), [&](const nlohmann::json& d) { return d["doc_type"] == type; });
  };
  std::set<std::string> out;
  const std::string filed = first("立案审批表", "立案日期"), notified = first("行政处罚事先告知书", "告知日期");
  const std::string decided = first("行政处罚决定书", "决定日期"), served = first("送达回证", "送达日期", "行政处罚决定书");
  std::vector<long> sequence;
  for (const std::string& date : {filed, notified, decided, served})
    if (!date.empty()) sequence.push_back(iso_days(date));
  for (std::size_t i = 1; i < sequence.size(); ++i)
    if (sequence[i] < sequence[i - 1]) out.insert("case.date-order");
  if (!filed.empty() && !decided.empty() && iso_days(decided) - iso_days(filed) > 90) out.insert("case.decision-90-days");
  if (!decided.empty() && !served.empty() && iso_days(served) - iso_days(decided) > 7) out.insert("case.service-7-days");
  if (holds("涉嫌犯罪案件移送书") && (!holds("涉嫌犯罪案件情况的调查报告") || !holds("涉案物品清单")))
    out.insert("case.transfer-package");
  const std::string transferred = first("涉嫌犯罪案件移送书", "移送日期"), police = first("立案通知书", "通知日期");
  const std::string reported = first("涉嫌犯罪案件情况的调查报告", "报告日期"), approved = first("涉嫌犯罪案件移送审批表", "批准日期");
  if (!reported.empty() && !approved.empty() && iso_days(approved) - iso_days(reported) > 3) out.insert("transfer.approval-3-days");
  if (!approved.empty() && !transferred.empty() && iso_days(transferred) - iso_days(approved) > 1)
    out.insert("transfer.within-24-hours");
  if (!transferred.empty() && !police.empty() && iso_days(police) - iso_days(transferred) > 3)
    out.insert("case.police-decision-3-days");
  return out;
}

}  // namespace

TEST_CASE("the defects set: case files with planted rule defects, and clean ones", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  ScratchDir dir("fixture-gen-defects");
  REQUIRE(run_command(generator() + " --seed 7 --quiet --set defects --out " + dir.path().string()) == 0);
  // Every rule id the set plants is one of the packs'.
  const std::string packs = read_file(caseaudit::test::source_dir() / "rules/packs/documents.yaml") +
                            read_file(caseaudit::test::source_dir() / "rules/packs/procedure.yaml");
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(dir.path() / "defects"))
    if (e.path().extension() != ".truth") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  std::set<std::string> planted, clean_kinds;
  int pages = 0;
  for (const auto& folder : cases) {
    INFO(folder.string());
    const fs::path truth = folder.string() + ".truth";
    REQUIRE(fs::exists(truth / "case.truth.json"));
    for (const auto& e : fs::directory_iterator(folder)) CHECK(e.path().extension() == ".jpg");
    const auto j = nlohmann::json::parse(read_file(truth / "case.truth.json"));
    CHECK(j["schema"] == "caseaudit.casefile/1");
    REQUIRE(j["defects"].is_array());
    const auto& docs = j["documents"];
    const int count = j["page_count"].get<int>();
    CHECK(count >= 5);
    CHECK(count <= 8);
    pages += count;
    for (int p = 1; p <= count; ++p) CHECK(fs::exists(folder / (std::to_string(p) + ".jpg")));
    if (j["defects"].empty()) clean_kinds.insert(j["案件类别"].get<std::string>());

    std::set<std::string> doc_rules, case_rules;
    for (const auto& d : j["defects"]) {
      const std::string rule = d["rule"];
      INFO(rule);
      CHECK((packs.find("id: " + rule + ",") != std::string::npos || packs.find("id: " + rule + "\n") != std::string::npos));
      CHECK(!d["what"].get<std::string>().empty());
      planted.insert(rule);
      if (rule.rfind("case.", 0) == 0 || rule == "transfer.approval-3-days" || rule == "transfer.within-24-hours") {
        CHECK(d["document"].is_null());
        case_rules.insert(rule);
      } else {
        REQUIRE(d["document"].is_number_integer());
        const int index = d["document"];
        REQUIRE(index >= 1);
        REQUIRE(index <= static_cast<int>(docs.size()));
        const std::string type = docs[static_cast<std::size_t>(index - 1)]["doc_type"];
        CHECK(type == (rule.rfind("decision.", 0) == 0 ? "行政处罚决定书"
                       : rule.rfind("filing.", 0) == 0 ? "立案审批表"
                                                       : "涉嫌犯罪案件移送书"));
        doc_rules.insert(std::to_string(index) + " " + rule);
      }
    }
    // The case-level rules the truth's dates and documents break are the planted ones.
    CHECK(case_rules_broken(docs) == case_rules);
    // Each document shows its planted defect, and no other document shows one.
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const auto& doc = docs[i];
      const auto& f = doc["fields"];
      const std::string type = doc["doc_type"];
      const auto has = [&](const std::string& rule) { return doc_rules.count(std::to_string(i + 1) + " " + rule) == 1; };
      INFO(doc["doc_slug"].get<std::string>());
      if (f.contains("统一社会信用代码"))
        CHECK(credit_code_ok(f["统一社会信用代码"].get<std::string>()) == !has("decision.credit-code"));
      if (f.contains("身份证号")) CHECK(id_number_ok(f["身份证号"].get<std::string>()) == !has("decision.id-number"));
      if (f.contains("罚款金额") && f.contains("罚款金额大写"))
        CHECK((daxie_value(f["罚款金额大写"].get<std::string>()) == f["罚款金额"].get<long long>()) ==
              !has("decision.fine-capitals"));
      bool sealed = false;
      for (const auto& page : doc["pages"]) {
        const auto p = nlohmann::json::parse(read_file(truth / (std::to_string(page.get<int>()) + ".truth.json")));
        CHECK(p["document"] == i + 1);
        CHECK(p["variant"] == "scan");
        CHECK(std::abs(p["skew"].get<double>()) <= 1.2);
        sealed = sealed || !p["seals"].empty();
      }
      if (type == "行政处罚决定书") {
        CHECK(sealed == !has("decision.seal"));
        CHECK(f.contains("地址") == !has("decision.address"));
        CHECK(f.contains("复议机关") == !has("decision.remedy"));
        REQUIRE(f.contains("执法人员"));
        CHECK(f["执法人员"].size() == 2u);
      }
      if (type == "涉嫌犯罪案件移送书") {
        CHECK(sealed);
        CHECK(f.contains("抄送") == !has("transfer.copied"));
      }
      if (type == "立案审批表" || type == "行政处罚事先告知书") CHECK(sealed);
    }
  }
  CHECK(cases.size() >= 7);
  CHECK(cases.size() <= 9);
  CHECK(pages <= 60);
  CHECK(clean_kinds.count("行政处罚") == 1);
  CHECK(clean_kinds.count("涉嫌犯罪移送") == 1);
  for (const auto& rules : std::vector<std::vector<std::string>>{{"decision.address", "decision.remedy"},
                                                                 {"decision.credit-code", "decision.id-number"},
                                                                 {"decision.fine-capitals"},
                                                                 {"case.date-order"},
                                                                 {"case.service-7-days"},
                                                                 {"case.decision-90-days"},
                                                                 {"case.transfer-package"},
                                                                 {"transfer.copied"},
                                                                 {"decision.seal"},
                                                                 {"filing.officers"}}) {
    INFO(rules.front());
    CHECK(std::any_of(rules.begin(), rules.end(), [&](const std::string& r) { return planted.count(r) == 1; }));
  }
}

namespace {

// The kinds the trust set plants (issue 11), each in both families.
const std::vector<std::string> kTrustKinds = {
    "filing.officers", "decision.seal", "decision.date", "decision.credit-code", "decision.id-number",
    "decision.fine-capitals", "decision.remedy", "decision.address", "case.service-7-days", "case.decision-90-days",
    "case.date-order", "transfer.copied", "document.nonstandard", "hearing.five-days", "platform.missing",
    "platform.late", "platform.incomplete", "platform.mismatch", "platform.party_typo", "platform.category",
    "platform.orphan", "platform.selective", "criminal.fine_instead", "criminal.early"};

}  // namespace

TEST_CASE("the trust set: truth.json, exports and units of the whole set", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  ScratchDir dir("fixture-gen-trust");
  REQUIRE(run_command(generator() + " --seed 7 --quiet --set trust --only truth --out " + dir.path().string()) == 0);
  const fs::path root = dir.path() / "trust";
  const auto t = nlohmann::json::parse(read_file(root / "truth.json"));
  CHECK(t["schema"] == "caseaudit.trust/1");
  CHECK(t["seed"] == 7);
  CHECK(t["profile"] == "default");
  REQUIRE(t["as_of"].is_string());
  CHECK(t["families"]["tune"].size() >= 5);
  CHECK(t["families"]["held-out"].size() >= 3);
  std::map<std::string, std::string> family_of;  // style -> family
  for (const auto& [family, styles] : t["families"].items())
    for (const auto& s : styles) family_of[s.get<std::string>()] = family;

  // Units: one style each, their exports on disk, their names in units.txt.
  std::set<std::string> unit_names;
  for (const auto& u : t["units"]) {
    INFO(u.dump());
    const std::string name = u["name"];
    unit_names.insert(name);
    CHECK(family_of.count(u["style"].get<std::string>()) == 1);
    CHECK(family_of[u["style"].get<std::string>()] == u["family"]);
    CHECK(fs::exists(root / u["export"].get<std::string>()));
    const std::string head = read_file(root / u["export"].get<std::string>()).substr(0, 2);
    if (u["export_format"] == "csv (UTF-8 with BOM)") CHECK(head == "\xEF\xBB");
    if (u["export_format"] == "xlsx") CHECK(head == "PK");
  }
  CHECK(unit_names.size() == t["units"].size());
  CHECK(t["units"].size() >= 7);
  std::set<std::string> listed;
  {
    const std::string units = read_file(root / "units.txt");
    std::size_t from = 0;
    for (std::size_t at = units.find('\n'); at != std::string::npos; from = at + 1, at = units.find('\n', from))
      listed.insert(units.substr(from, at - from));
  }
  CHECK(listed == unit_names);
  int shuanggongshi = 0;
  for (const auto& e : fs::directory_iterator(root / "shuanggongshi")) {
    ++shuanggongshi;
    if (e.path().extension() == ".csv") {
      const std::string text = read_file(e.path());
      const bool gb = text.rfind("\xEF\xBB\xBF", 0) != 0;
      if (!gb) CHECK(text.find("行政相对人代码_1（统一社会信用代码）") != std::string::npos);
    }
  }
  CHECK(shuanggongshi * 2 >= static_cast<int>(unit_names.size()));

  // Cases: about forty, each in a unit and a family, with the 文号 it is known by.
  std::map<std::string, nlohmann::json> cases;
  for (const auto& c : t["cases"]) {
    INFO(c.dump());
    CHECK(unit_names.count(c["unit"].get<std::string>()) == 1);
    CHECK(family_of[c["style"].get<std::string>()] == c["family"]);
    CHECK((c["category"] == "行政处罚" || c["category"] == "涉嫌犯罪移送"));
    CHECK(!c["number"].get<std::string>().empty());
    cases[c["folder"].get<std::string>()] = c;
  }
  CHECK(cases.size() >= 35);
  CHECK(cases.size() <= 56);

  // Findings: keyed as the scorer matches them, every kind in both families.
  std::map<std::string, std::set<std::string>> kinds;  // family -> kinds
  for (const auto& f : t["findings"]) {
    INFO(f.dump());
    const std::string kind = f["kind"];
    CHECK(unit_names.count(f["unit"].get<std::string>()) == 1);
    CHECK(!f["what"].get<std::string>().empty());
    std::string family;
    for (const auto& u : t["units"])
      if (u["name"] == f["unit"]) family = u["family"];
    kinds[family].insert(kind);
    if (kind == "platform.orphan") {
      CHECK(f["case"].is_null());
      REQUIRE(f["row"].is_object());
      CHECK(f["row"]["row"].get<int>() >= 2);
      CHECK(fs::exists(root / f["row"]["file"].get<std::string>()));
      CHECK(f["number"].is_string());
    } else if (kind == "platform.selective") {
      CHECK(f["case"].is_null());
      CHECK(f["number"].is_null());
    } else {
      REQUIRE(f["case"].is_string());
      REQUIRE(cases.count(f["case"].get<std::string>()) == 1);
      const auto& c = cases[f["case"].get<std::string>()];
      CHECK(c["unit"] == f["unit"]);
      CHECK(c["number"] == f["number"]);
      CHECK(f["row"].is_null());
    }
  }
  for (const std::string& kind : kTrustKinds) {
    INFO(kind);
    CHECK(kinds["tune"].count(kind) == 1);
    CHECK(kinds["held-out"].count(kind) == 1);
  }
  // Traps name a case and a cause.
  std::set<std::string> causes;
  for (const auto& trap : t["traps"]) {
    CHECK(cases.count(trap["case"].get<std::string>()) == 1);
    causes.insert(trap["cause"].get<std::string>());
  }
  for (const char* cause : {"seal-grey", "seal-bilevel", "officer-style", "service-reference", "no-amount",
                            "unit-name-variant", "chinese-date", "no-filing-form", "field-cut"})
    CHECK(causes.count(cause) == 1);
}

TEST_CASE("the trust set: case files in house styles and scan modes, with document truth", "[fixtures][generator]") {
  REQUIRE(fs::exists(generator()));
  ScratchDir dir("fixture-gen-trust-cases");
  const std::string out = " --seed 7 --quiet --set trust --out " + dir.path().string();
  // A tune case file with a fax-quality page, a held-out one scanned to 1-bit TIFF pages, and the truth.
  for (const char* only : {"truth", "case-010", "case-025"})
    REQUIRE(run_command(generator() + out + " --only " + only) == 0);
  const fs::path root = dir.path() / "trust";
  const auto t = nlohmann::json::parse(read_file(root / "truth.json"));
  std::set<std::string> extensions;
  int folders = 0;
  for (const auto& e : fs::directory_iterator(root / "cases")) {
    if (e.path().extension() == ".truth") continue;
    ++folders;
    const std::string name = e.path().filename().string();
    INFO(name);
    const auto j = nlohmann::json::parse(read_file(root / "cases" / (name + ".truth") / "case.truth.json"));
    CHECK(j["schema"] == "caseaudit.casefile/1");
    CHECK(j["folder"] == name);
    nlohmann::json listed;
    for (const auto& c : t["cases"])
      if (c["folder"] == name) listed = c;
    REQUIRE(listed.is_object());
    CHECK(j["style"] == listed["style"]);
    CHECK(j["family"] == listed["family"]);
    CHECK(j["scan_mode"] == listed["scan_mode"]);
    CHECK(j["number"] == listed["number"]);
    CHECK(j["agency"] == listed["unit"]);
    // The folder holds its pages only, 1..N, as a scanner writes them.
    int next = 1;
    std::set<std::string> planted;
    for (const auto& d : j["defects"]) planted.insert(d["rule"].get<std::string>());
    for (const auto& f : t["findings"])
      if (f["case"] == name && f["kind"].get<std::string>().rfind("platform.", 0) != 0 &&
          f["kind"].get<std::string>().rfind("criminal.", 0) != 0)
        CHECK(planted.count(f["kind"].get<std::string>()) == 1);
    for (std::size_t i = 0; i < j["documents"].size(); ++i) {
      const auto& doc = j["documents"][i];
      INFO(doc["doc_slug"].get<std::string>());
      CHECK(doc["index"] == i + 1);
      REQUIRE(doc.contains("sealed"));
      bool sealed = false;
      for (const auto& page : doc["pages"]) {
        CHECK(page == next);
        std::string file;
        for (const char* ext : {".jpg", ".png", ".tif"})
          if (fs::exists(e.path() / (std::to_string(next) + ext))) file = std::to_string(next) + ext, extensions.insert(ext);
        CHECK(!file.empty());
        const auto p = nlohmann::json::parse(read_file(root / "cases" / (name + ".truth") / (std::to_string(next) + ".truth.json")));
        CHECK(p["document"] == i + 1);
        CHECK(p["doc_type"] == doc["doc_type"]);
        sealed = sealed || !p["seals"].empty();
        if (file.ends_with(".png") || file.ends_with(".tif")) {
          CHECK(p["dpi"] == 200);
          CHECK(p["scan"]["mode"] == "bilevel");
        }
        ++next;
      }
      CHECK(sealed == doc["sealed"].get<bool>());
      const auto& f = doc["fields"];
      const auto has = [&](const std::string& rule) { return planted.count(rule) == 1; };
      if (f.contains("统一社会信用代码"))
        CHECK(credit_code_ok(f["统一社会信用代码"].get<std::string>()) == !(doc["doc_type"] == "行政处罚决定书" && has("decision.credit-code")));
      if (f.contains("身份证号"))
        CHECK(id_number_ok(f["身份证号"].get<std::string>()) == !(doc["doc_type"] == "行政处罚决定书" && has("decision.id-number")));
      if (doc["doc_type"] == "立案审批表") {
        REQUIRE(f.contains("执法人员"));
        bool numbers = true;
        for (const auto& o : f["执法人员"]) numbers = numbers && o.contains("证号");
        CHECK((f["执法人员"].size() == 2 && numbers) == !has("filing.officers"));
      }
      if (doc["doc_type"] == "行政处罚决定书") {
        CHECK(sealed == !has("decision.seal"));
        CHECK(f.contains("决定日期") == !has("decision.date"));
        CHECK(f.contains("地址") == !has("decision.address"));
      }
      if (doc["doc_type"] == "送达回证") {
        REQUIRE(f.contains("送达文书"));
        CHECK(f["送达文书"]["名称"] == "行政处罚决定书");
        CHECK(f.contains("送达日期"));
      }
    }
    CHECK(next - 1 == j["page_count"].get<int>());
  }
  CHECK(folders == 2);
  CHECK(extensions.count(".jpg") == 1);
  CHECK(extensions.count(".png") == 1);
  CHECK(extensions.count(".tif") == 1);
}
