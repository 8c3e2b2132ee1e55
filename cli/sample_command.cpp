// `caseaudit sample`: draws the annual appraisal sample from a platform export
// or a register (audit::draw_sample) and writes a manifest anyone can re-draw
// from, plus a CSV list for Excel; `--verify MANIFEST` re-draws and compares.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "args.h"
#include "caseaudit/audit/sample.h"
#include "caseaudit/audit/table_import.h"
#include "caseaudit/rules/data_error.h"
#include "commands.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"
#include "errors.h"
#include "exit_codes.h"

namespace caseaudit::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "用法 usage: caseaudit sample --from FILE --seed N (--rate R | --count K) [选项 options] -o OUT\n"
    "            caseaudit sample --verify OUT/sample-manifest.json --from FILE [--columns NAME]\n"
    "\n"
    "按单位和案件类别分层，从平台导出或台账中可复现地随机抽取案件；同一种子和同一批案件在任何电脑上抽出同一样本。\n"
    "Draws a reproducible random sample of cases per unit (strata: unit × case type) from a platform export or a\n"
    "register; the same seed and cases give the same sample on every machine, whatever the row order.\n"
    "\n"
    "      --from FILE         平台导出或台账 (CSV / .xlsx / .xls)  the platform export or register\n"
    "      --columns NAME      列名配置 column profile: platform (默认 default) | register | path/to/own.yaml\n"
    "      --seed N            随机种子（非负整数，请公布） the seed (a non-negative integer; publish it)\n"
    "      --rate R            每层抽取比例 share of each stratum, 0 < R <= 1 (0.1 or 10%)\n"
    "      --count K           或每层固定数量 or K cases per stratum (all of a smaller stratum)\n"
    "      --min-per-unit M    每单位至少 M 件（默认 1；单位不足 M 件时全抽）\n"
    "                          at least M cases per unit (default 1; all of a smaller unit)\n"
    "      --year YYYY         只抽该年案件（立案日期，无则处罚决定日期，再无则移送日期）；无日期的案件列入清单的排除项\n"
    "                          only cases of that year (立案日期, else 处罚决定日期, else 移送日期); undated cases are\n"
    "                          listed as excluded in the manifest\n"
    "      --by-unit-only      只按单位分层，不分案件类别 (strata by unit only)\n"
    "  -o, --output OUT        输出文件夹 output folder: sample-manifest.json, sample.csv\n"
    "      --verify MANIFEST   按清单的种子和规则重抽并比较 re-draw with the manifest's seed and spec and compare\n"
    "  -h, --help              显示本帮助 (show this help)\n"
    "\n"
    "退出码 exit codes: 0 完成 / 一致 done, or the re-draw matches; 2 用法错误 usage; 3 文件无法读取 input file\n"
    "unreadable; 4 列名配置、清单或输出有误 bad profile, manifest or output folder; 5 重抽与清单不一致 the re-draw differs;\n"
    "1 内部错误 internal. 无法识别的单元格只作提示，不影响退出码 (unreadable cells are warnings).\n";

struct Request {
  fs::path from;
  std::string columns;
  std::optional<std::uint64_t> seed;
  std::optional<double> rate;
  std::optional<int> count;
  std::optional<int> min_per_unit;
  std::optional<int> year;
  bool by_unit_only = false;
  fs::path output;
  fs::path verify;
  bool help = false;
};

std::uint64_t seed_value(const std::string& option, const std::string& text) {
  std::uint64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end)
    throw UsageError(option + " 需要非负整数 (needs a non-negative integer): \"" + text + "\"");
  return v;
}

double rate_value(const std::string& option, std::string text) {
  bool percent = false;
  if (!text.empty() && text.back() == '%') {
    percent = true;
    text.pop_back();
  }
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end)
    throw UsageError(option + " 需要比例，如 0.1 或 10% (needs a share such as 0.1 or 10%): \"" + text + "\"");
  if (percent) v /= 100.0;
  if (!(v > 0.0 && v <= 1.0)) throw UsageError(option + " 须大于 0 且不大于 1 (must be in (0, 1])");
  return v;
}

Request parse(const std::vector<std::string>& argv) {
  Request req;
  Args args(argv);
  while (auto tok = args.next()) {
    const std::string& t = *tok;
    if (args.is(t, {"-h", "--help"})) {
      req.help = true;
    } else if (args.is(t, {"--from"})) {
      req.from = args.value(t);
    } else if (args.is(t, {"--columns"})) {
      req.columns = args.value(t);
    } else if (args.is(t, {"--seed"})) {
      req.seed = seed_value(t, args.value(t));
    } else if (args.is(t, {"--rate"})) {
      req.rate = rate_value(t, args.value(t));
    } else if (args.is(t, {"--count"})) {
      req.count = args.int_value(t, 1, 1000000);
    } else if (args.is(t, {"--min-per-unit"})) {
      req.min_per_unit = args.int_value(t, 0, 1000000);
    } else if (args.is(t, {"--year"})) {
      req.year = args.int_value(t, 1949, 2100);
    } else if (args.is(t, {"--by-unit-only"})) {
      req.by_unit_only = true;
    } else if (args.is(t, {"-o", "--output"})) {
      req.output = args.value(t);
    } else if (args.is(t, {"--verify"})) {
      req.verify = args.value(t);
    } else {
      throw UsageError("未知选项或多余参数 \"" + t + "\" (unknown option or extra argument)");
    }
  }
  if (req.help) return req;
  if (req.from.empty()) throw UsageError("请用 --from 指定平台导出或台账 (give the export or register with --from)");
  if (!req.verify.empty()) {
    if (req.seed || req.rate || req.count || req.min_per_unit || req.year || req.by_unit_only || !req.output.empty())
      throw UsageError("--verify 使用清单中的种子和规则，不能再给 --seed --rate --count --min-per-unit --year "
                       "--by-unit-only -o (--verify takes the seed and spec from the manifest)");
    return req;
  }
  if (!req.seed) throw UsageError("请用 --seed 指定随机种子 (give the seed with --seed N)");
  if (req.rate.has_value() == req.count.has_value())
    throw UsageError("请给出 --rate 或 --count 之一 (give either --rate R or --count K)");
  if (req.output.empty()) throw UsageError("请用 -o 指定输出文件夹 (give the output folder with -o OUT)");
  return req;
}

// Columns of text in a terminal: CJK characters take two cells.
int display_width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

std::string pad(const std::string& s, int width) {
  return s + std::string(static_cast<std::size_t>(std::max(0, width - display_width(s))), ' ');
}

std::string unit_label(const std::string& unit) { return unit.empty() ? "（未填单位 no unit）" : unit; }

void print_strata(const audit::SampleManifest& m) {
  std::vector<std::vector<std::string>> rows = {{"单位", "类别", "总数", "抽取"}};
  int total = 0, drawn = 0;
  for (const audit::Stratum& s : m.strata) {
    rows.push_back({unit_label(s.unit), s.category.empty() ? "（全部 all）" : s.category, std::to_string(s.population),
                    std::to_string(s.drawn)});
    total += s.population;
    drawn += s.drawn;
  }
  rows.push_back({"合计 total", "", std::to_string(total), std::to_string(drawn)});
  std::vector<int> width(4, 0);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < 4; ++c) width[c] = std::max(width[c], display_width(r[c]));
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < 4; ++c) {
      // Counts right-aligned, names left-aligned.
      const int gap = width[c] - display_width(r[c]);
      line += c < 2 ? pad(r[c], width[c]) : std::string(static_cast<std::size_t>(gap), ' ') + r[c];
      if (c < 3) line += "  ";
    }
    std::puts(line.c_str());
  }
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string sample_csv(const audit::SampleManifest& m) {
  std::string s = "\xEF\xBB\xBF单位,案件类别,文号,当事人,立案日期,来源行\r\n";  // BOM: Excel reads UTF-8
  for (const audit::CaseRecord& r : m.drawn) {
    const std::string row =
        r.origin.sheet.empty() ? std::to_string(r.origin.row) : r.origin.sheet + "!" + std::to_string(r.origin.row);
    for (const std::string& cell :
         {r.unit, std::string(audit::category_name(r.category)), r.number.empty() ? r.number_key : r.number,
          audit::mask_id_numbers(r.party), r.filed ? r.filed->iso() : std::string(), row})
      s += csv_cell(cell) + ",";
    s.back() = '\r';
    s += "\n";
  }
  return s;
}

// Reads the table and reports unreadable cells as warnings.
audit::ImportReport read_table(const Request& req, const std::string& columns) {
  // A name is a shipped profile; a path to a .yaml file is the user's own.
  const fs::path as_path(columns);
  const audit::ColumnProfile profile =
      as_path.has_parent_path() || as_path.extension() == ".yaml"
          ? audit::load_column_profile(as_path.has_parent_path() ? as_path.parent_path() : fs::path("."),
                                       as_path.stem().string())
          : audit::load_column_profile(audit::default_exports_dir(), columns);
  audit::ImportReport report = audit::import_table(req.from, profile);
  if (!report.problems.empty()) {
    std::fprintf(stderr, "注意 warning: %zu 个单元格无法识别，相应字段按未知处理 (%zu cells could not be read; those fields "
                 "are unknown):\n", report.problems.size(), report.problems.size());
    std::size_t shown = 0;
    for (const audit::CellProblem& p : report.problems) {
      if (++shown > 20) {
        std::fprintf(stderr, "  …… 另有 %zu 个 (and %zu more)\n", report.problems.size() - 20,
                     report.problems.size() - 20);
        break;
      }
      std::fprintf(stderr, "  %s\n", audit::mask_id_numbers(p.message()).c_str());
    }
  }
  return report;
}

int draw(const Request& req) {
  const std::string columns = req.columns.empty() ? "platform" : req.columns;
  const audit::ImportReport report = read_table(req, columns);

  audit::SampleSpec spec;
  spec.seed = *req.seed;
  spec.rate = req.rate;
  spec.count = req.count;
  if (req.min_per_unit) spec.min_per_unit = *req.min_per_unit;
  spec.by_category = !req.by_unit_only;
  spec.year = req.year;
  const audit::SampleManifest m = audit::draw_sample(report.records, spec);

  ocr::check_output_folder(req.output);
  // The manifest with where the cases were read, after the spec.
  const nlohmann::ordered_json drawn_json = to_json(m);
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (auto it = drawn_json.begin(); it != drawn_json.end(); ++it) {
    j[it.key()] = it.value();
    if (it.key() == "spec")
      j["source"] = {{"file", report.file.filename().string()}, {"columns", columns},
                     {"format", report.format},                 {"rows", report.records.size()}};
  }
  const fs::path manifest = req.output / "sample-manifest.json";
  const fs::path csv = req.output / "sample.csv";
  ocr::write_file_atomically(manifest, ocr::json_text(j, 2) + "\n");
  ocr::write_file_atomically(csv, sample_csv(m));

  std::printf("种子 seed %llu，总体 population %d 件，哈希 hash %s\n", static_cast<unsigned long long>(m.seed),
              m.population, m.population_hash.c_str());
  if (spec.year)
    std::printf("%d 年以外 other years: %d 件；无日期、已排除 undated, excluded: %zu 件（见清单 listed in the manifest）\n",
                *spec.year, m.outside_year, m.undated.size());
  print_strata(m);
  std::printf("清单 manifest: %s\n样本 sample: %s\n", manifest.c_str(), csv.c_str());
  return kOk;
}

int verify(const Request& req) {
  std::ifstream in(req.verify, std::ios::binary);
  if (!in || fs::is_directory(req.verify))
    throw ocr::Error(ocr::ErrorKind::Input, ocr::located(req.verify, 0, "无法读取清单 (cannot read the manifest)"), req.verify);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json j;
  audit::SampleManifest recorded;
  try {
    j = nlohmann::json::parse(text.str());
    recorded = audit::manifest_from_json(j);
  } catch (const std::exception& e) {  // not JSON, or a field missing
    throw ocr::Error(ocr::ErrorKind::Data, ocr::located(req.verify, 0, std::string("清单有误 (bad manifest): ") + e.what()),
                     req.verify);
  }
  std::string columns = req.columns;
  if (columns.empty() && j.contains("source") && j["source"].is_object() && j["source"].value("columns", "") != "")
    columns = j["source"]["columns"].get<std::string>();
  if (columns.empty()) columns = "platform";
  const audit::ImportReport report = read_table(req, columns);
  const audit::SampleManifest redrawn = audit::draw_sample(report.records, recorded.spec);
  const std::vector<std::string> diffs = audit::manifest_differences(recorded, redrawn);
  if (diffs.empty()) {
    std::printf("一致 (match): 种子 seed %llu，总体 population %d 件，抽取 drawn %zu 件与清单相同 (the same cases as the "
                "manifest)\n",
                static_cast<unsigned long long>(recorded.seed), redrawn.population, redrawn.drawn.size());
    return kOk;
  }
  std::printf("不一致 (differs) from %s:\n", req.verify.filename().c_str());
  for (const std::string& d : diffs) std::printf("  %s\n", audit::mask_id_numbers(d).c_str());
  return kFindings;
}

}  // namespace

int sample_command(const std::vector<std::string>& argv) {
  return run_command("sample", kHelp, [&] {
    const Request req = parse(argv);
    if (req.help) {
      std::fputs(kHelp, stdout);
      return int{kOk};
    }
    return req.verify.empty() ? draw(req) : verify(req);
  });
}

}  // namespace caseaudit::cli
