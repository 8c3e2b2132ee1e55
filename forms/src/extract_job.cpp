// The extract job (see extract_job.h).
#include "caseaudit/forms/extract_job.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "caseaudit/ocr/error.h"
#include "caseaudit/ocr/inputs.h"
#include "caseaudit/ocr/json.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::forms {

namespace fs = std::filesystem;

namespace {

bool is_page_json(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.rfind("page-", 0) == 0 && p.extension() == ".json";
}

std::string unique(std::map<std::string, int>& seen, const std::string& base) {
  const int n = ++seen[base.empty() ? "case" : base];
  return n == 1 ? base : base + "-" + std::to_string(n);
}

}  // namespace

bool is_ocr_output(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (is_page_json(e.path())) return true;
  return false;
}

std::vector<ocr::PageResult> read_ocr_output(const fs::path& dir, std::vector<ocr::InputError>& errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (is_page_json(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return ocr::natural_less(a.filename().string(), b.filename().string()); });
  std::vector<ocr::PageResult> pages;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    try {
      pages.push_back(ocr::page_from_json(nlohmann::json::parse(ss.str())));
    } catch (const std::exception& e) {
      errors.push_back({f, -1, std::string("识别结果无法读取 (page data unreadable): ") + e.what()});
    }
  }
  return pages;
}

ExtractJobReport extract_cases(const ExtractJob& job, const ocr::ProgressFn& progress) {
  if (job.inputs.empty()) throw ocr::UsageError("没有输入文件 (no inputs given)");
  const TemplateSet templates = load_templates(job.templates.empty() ? default_templates_dir() : job.templates);

  ExtractJobReport report;
  // Recorded OCR output is read as it is; everything else goes through OCR.
  struct Pending {
    std::string name;
    std::vector<ocr::PageResult> pages;
  };
  std::vector<Pending> cases;
  std::vector<fs::path> to_ocr;
  for (const fs::path& in : job.inputs) {
    if (is_ocr_output(in)) {
      Pending p{in.filename().empty() ? in.parent_path().filename().string() : in.filename().string(),
                read_ocr_output(in, report.errors)};
      report.pages_recorded += p.pages.size();
      cases.push_back(std::move(p));
    } else {
      to_ocr.push_back(in);
    }
  }
  if (!to_ocr.empty()) {
    const ocr::InputSet inputs = ocr::enumerate_inputs(to_ocr, job.ocr.limits);
    ocr::OcrRun run = ocr::run_ocr(inputs, job.ocr, progress);
    report.engine = run.engine;
    report.pages_ocr = run.pages_done;
    report.errors.insert(report.errors.end(), run.errors.begin(), run.errors.end());
    for (ocr::CaseResult& c : run.cases) cases.push_back({c.input.name, std::move(c.pages)});
  }

  std::map<std::string, int> seen;
  for (Pending& p : cases) {
    const std::string name = unique(seen, p.name);
    if (p.pages.empty()) continue;  // its errors are already reported
    report.cases.push_back(extract_case(name, p.pages, templates));
  }
  return report;
}

void write_extract_outputs(const ExtractJob& job, ExtractJobReport& report) {
  nlohmann::json run_cases = nlohmann::json::array();
  for (const CaseExtraction& c : report.cases) {
    const fs::path json = job.output / (c.name + ".extract.json");
    const fs::path summary = job.output / (c.name + ".summary.txt");
    ocr::write_file_atomically(json, ocr::json_text(to_json(c), 1) + "\n");
    ocr::write_file_atomically(summary, summary_text(c, job.mask_ids));
    report.written.push_back(json);
    report.written.push_back(summary);
    nlohmann::json types = nlohmann::json::array();
    for (const Document& d : c.documents) types.push_back(d.type);
    run_cases.push_back({{"name", c.name}, {"pages", c.pages.size()}, {"documents", types}});
  }
  nlohmann::json errors = nlohmann::json::array();
  for (const ocr::InputError& e : report.errors)
    errors.push_back({{"file", ocr::readable_path(e.file)},
                      {"page", e.page >= 0 ? nlohmann::json(e.page + 1) : nlohmann::json()},
                      {"reason", e.reason},
                      {"message", e.message()}});
  const nlohmann::json run{{"schema", "caseaudit.extract-run/1"}, {"cases", run_cases}, {"errors", errors}};
  ocr::write_file_atomically(job.output / "extract-run.json", ocr::json_text(run, 1) + "\n");
  report.written.push_back(job.output / "extract-run.json");
}

ExtractJobReport run_extract_job(const ExtractJob& job, const ocr::ProgressFn& progress) {
  if (job.inputs.empty()) throw ocr::UsageError("没有输入文件 (no inputs given)");
  if (job.output.empty()) throw ocr::UsageError("没有指定输出文件夹 (no output folder given: -o DIR)");
  ocr::check_output_folder(job.output);  // before any OCR work
  ExtractJobReport report = extract_cases(job, progress);
  write_extract_outputs(job, report);
  return report;
}

}  // namespace caseaudit::forms
