#include "caseaudit/ocr/job.h"

#include <map>

#include "caseaudit/ocr/json.h"
#include "caseaudit/ocr/output_file.h"
#include "caseaudit/ocr/readable_text.h"

namespace caseaudit::ocr {
namespace fs = std::filesystem;

namespace {

std::string page_stem(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "page-%04d", index + 1);
  return buf;
}

// Case folder names, unique within the run ("case", "case-2", ...).
std::vector<std::string> unique_names(const std::vector<CaseInput>& cases) {
  std::map<std::string, int> seen;
  std::vector<std::string> names;
  for (const CaseInput& c : cases) {
    const std::string base = c.name.empty() ? std::string("case") : c.name;
    const int n = ++seen[base];
    names.push_back(n == 1 ? base : base + "-" + std::to_string(n));
  }
  return names;
}

int position_in_case(const CaseInput& input, const PageRef& ref) {
  for (std::size_t i = 0; i < input.pages.size(); ++i)
    if (input.pages[i].ref.file == ref.file && input.pages[i].ref.index == ref.index) return static_cast<int>(i);
  return 0;
}

nlohmann::json error_json(const InputError& e) {
  return {{"file", readable_path(e.file)}, {"page", e.page >= 0 ? nlohmann::json(e.page + 1) : nlohmann::json()},
          {"reason", e.reason}, {"message", e.message()}};
}

}  // namespace

OcrJobReport run_ocr_job(const OcrJob& job, const ProgressFn& progress) {
  if (job.inputs.empty()) throw UsageError("没有输入文件 (no inputs given)");
  if (job.output.empty()) throw UsageError("没有指定输出文件夹 (no output folder given: -o DIR)");
  check_output_folder(job.output);  // before any OCR work

  const InputSet inputs = enumerate_inputs(job.inputs, job.options.limits);
  OcrJobReport report;
  report.pages_total = inputs.page_count();
  report.run = run_ocr(inputs, job.options, progress);

  const std::vector<std::string> names = unique_names(inputs.cases);
  nlohmann::json cases = nlohmann::json::array();
  for (std::size_t c = 0; c < report.run.cases.size(); ++c) {
    const CaseResult& cr = report.run.cases[c];
    const fs::path dir = job.output / names[c];
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw EnvironmentError("无法创建文件夹 (cannot create the folder) " + readable_path(dir) + ": " + write_failure_reason(ec.value()), dir);
    std::string all_text;
    for (const PageResult& page : cr.pages) {
      // Numbered by position in the case file, so a page that failed leaves a gap.
      const std::string stem = page_stem(position_in_case(cr.input, page.ref));
      write_file_atomically(dir / (stem + ".json"), json_text(to_json(page), 1) + "\n");
      write_file_atomically(dir / (stem + ".txt"), page.text() + "\n");
      report.written.push_back(dir / (stem + ".json"));
      report.written.push_back(dir / (stem + ".txt"));
      if (!all_text.empty()) all_text += "\f";
      all_text += page.text() + "\n";
    }
    if (!cr.pages.empty()) {
      write_file_atomically(dir / "text.txt", all_text);
      report.written.push_back(dir / "text.txt");
    }
    if (job.searchable_pdf && !cr.pages.empty()) {
      std::vector<SearchablePdfPage> pdf_pages;
      for (const PageResult& page : cr.pages)
        pdf_pages.push_back({cr.input.pages[static_cast<std::size_t>(position_in_case(cr.input, page.ref))], page});
      const fs::path pdf = job.output / (names[c] + ".pdf");
      try {
        write_searchable_pdf(pdf_pages, pdf, job.pdf);
        report.written.push_back(pdf);
      } catch (const InputFailure& e) {
        report.run.errors.push_back({pdf, -1, std::string("无法生成可检索 PDF (cannot write searchable PDF): ") + e.what()});
      }
    }
    cases.push_back({{"input", readable_path(cr.input.path)}, {"name", names[c]},
                     {"pages", cr.input.pages.size()}, {"pages_read", cr.pages.size()}});
  }

  nlohmann::json errors = nlohmann::json::array();
  for (const InputError& e : report.run.errors) errors.push_back(error_json(e));
  const nlohmann::json summary = {{"schema", "caseaudit.ocr-run/1"},
                                  {"pages_total", report.pages_total},
                                  {"pages_read", report.run.pages_done},
                                  {"cache_hits", report.run.cache_hits},
                                  {"cases", std::move(cases)},
                                  {"errors", std::move(errors)}};
  write_file_atomically(job.output / "run.json", json_text(summary, 1) + "\n");
  report.written.push_back(job.output / "run.json");
  return report;
}

}  // namespace caseaudit::ocr
