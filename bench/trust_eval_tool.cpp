// caseaudit-trust-eval: scores `caseaudit extract` and `caseaudit audit` on the
// trust set and prints, as tables, document-type accuracy, field exact-match
// per document type and per field (fields cut by the page edge apart), and
// finding precision and recall per kind, with the false findings by the trap
// of their case file.
//   caseaudit-trust-eval TRUST_DIR EXTRACT_DIR AUDIT_JSON [--family tune|held-out|all] [--show-misses N]
//                        [--bars] [--all-severities] [--templates DIR]
// Exit 0; with --bars, 1 when on the held-out family field exact-match is
// under 0.95 or a planted kind's precision or recall is under 0.95 (2: usage).
#include <cstdio>
#include <iostream>
#include <string>

#include "caseaudit/forms/extract_job.h"
#include "eval/trust_eval.h"

namespace fs = std::filesystem;
using namespace caseaudit;

namespace {

// Pads a UTF-8 label to `width` display columns (a CJK character is two).
std::string pad(const std::string& s, int width) {
  int cols = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cols += len >= 3 ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  return s + std::string(static_cast<std::size_t>(std::max(1, width - cols)), ' ');
}

double pct(int a, int n) { return n ? 100.0 * a / n : 100.0; }

int usage() {
  std::cerr << "usage: caseaudit-trust-eval TRUST_DIR EXTRACT_DIR AUDIT_JSON [--family tune|held-out|all] "
               "[--show-misses N] [--bars] [--all-severities] [--templates DIR]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path templates = forms::default_templates_dir();
  eval::TrustOptions options;
  int show = 0;
  bool bars = false;
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--family" && i + 1 < argc) options.family = argv[++i];
    else if (a == "--show-misses" && i + 1 < argc) show = std::atoi(argv[++i]);
    else if (a == "--templates" && i + 1 < argc) templates = argv[++i];
    else if (a == "--bars") bars = true;
    else if (a == "--all-severities") options.all_severities = true;
    else if (a.rfind("--", 0) == 0) return usage();
    else rest.push_back(a);
  }
  if (rest.size() != 3 || (options.family != "tune" && options.family != "held-out" && options.family != "all")) return usage();
  eval::TrustScore s;
  try {
    s = eval::score_trust(rest[0], rest[1], rest[2], forms::load_templates(templates), options);
  } catch (const std::exception& e) {
    std::cerr << "caseaudit-trust-eval: " << e.what() << "\n";
    return 2;
  }
  const eval::Score& f = s.fields;
  std::printf("trust evaluation, family %s: %d case files, %d pages, %d documents\n", s.family.c_str(), s.cases, s.pages,
              f.documents);
  if (!s.missing_extractions.empty())
    std::printf("! %zu case files have no extraction (scored as read as nothing)\n", s.missing_extractions.size());
  std::printf("\ndocument type: %d/%d = %.1f%%   (pages %d/%d)\n", f.documents_right, f.documents,
              pct(f.documents_right, f.documents), f.pages_right, f.pages);

  int total = 0, exact = 0;
  for (const auto& [k, v] : f.by_type) total += v.total, exact += v.exact;
  std::printf("\n%s %7s %7s %7s\n", pad("field exact-match by document type", 34).c_str(), "fields", "exact", "rate");
  for (const auto& [k, v] : f.by_type)
    std::printf("%s %7d %7d %6.1f%%\n", pad(k, 34).c_str(), v.total, v.exact, pct(v.exact, v.total));
  std::printf("%s %7d %7d %6.1f%%%s\n", pad("all", 34).c_str(), total, exact, pct(exact, total),
              s.family == "held-out" ? "   (bar >= 95%)" : "");
  std::printf("%s %7d %7d %6.1f%%   (not in the rate above)\n", pad("cut by the page edge", 34).c_str(), f.cut.total,
              f.cut.exact, pct(f.cut.exact, f.cut.total));

  std::printf("\n%s %7s %7s %7s\n", pad("field exact-match by field", 34).c_str(), "count", "exact", "rate");
  for (const auto& [k, v] : f.by_field)
    std::printf("%s %7d %7d %6.1f%%\n", pad(k, 34).c_str(), v.total, v.exact, pct(v.exact, v.total));
  std::printf("\n%s %7s %7s %7s\n", pad("field exact-match by scan mode", 34).c_str(), "fields", "exact", "rate");
  for (const auto& [k, v] : f.by_variant)
    std::printf("%s %7d %7d %6.1f%%\n", pad(k, 34).c_str(), v.total, v.exact, pct(v.exact, v.total));

  std::printf("\n%s %6s %6s %6s %9s %7s\n", pad("findings by kind (planted)", 34).c_str(), "truth", "found", "match",
              "precision", "recall");
  bool planted_ok = true;
  for (const auto& [k, v] : s.kinds) {
    if (!s.planted_kinds.count(k)) continue;
    std::printf("%s %6d %6d %6d %9.2f %7.2f\n", pad(k, 34).c_str(), v.truth, v.found, v.matched, v.precision(), v.recall());
    planted_ok = planted_ok && v.precision() >= 0.95 && v.recall() >= 0.95;
  }
  bool any_unplanted = false;
  for (const auto& [k, v] : s.kinds)
    if (!s.planted_kinds.count(k)) {
      if (!any_unplanted) std::printf("%s %6s %6s\n", pad("reported, not planted (all false)", 34).c_str(), "", "found");
      any_unplanted = true;
      std::printf("%s %6s %6d\n", pad(k, 34).c_str(), "", v.found);
    }
  const eval::KindScore all = s.all();
  std::printf("%s %6d %6d %6d %9.2f %7.2f   (false %d, missed %zu)\n", pad("all findings", 34).c_str(), all.truth,
              all.found, all.matched, all.precision(), all.recall(), all.found - all.matched, s.missed_findings.size());

  std::printf("\n%s %7s\n", pad("false findings by trap", 34).c_str(), "count");
  for (const auto& [k, v] : s.false_by_cause) std::printf("%s %7d\n", pad(k, 34).c_str(), v);
  if (s.false_by_cause.empty()) std::printf("(none)\n");

  if (show > 0) {
    std::printf("\nfield misses (first %d of %zu):\n", show, f.misses.size());
    for (std::size_t i = 0; i < f.misses.size() && static_cast<int>(i) < show; ++i)
      std::printf("  %s\n    expected: %s\n    got:      %s\n", f.misses[i].where.c_str(), f.misses[i].expected.c_str(),
                  f.misses[i].got.c_str());
    std::printf("\nfalse findings (first %d of %zu):\n", show, s.false_findings.size());
    for (std::size_t i = 0; i < s.false_findings.size() && static_cast<int>(i) < show; ++i) {
      const auto& x = s.false_findings[i];
      std::printf("  %s  %s %s %s\n    %s\n", x.kind.c_str(), x.folder.empty() ? x.unit.c_str() : x.folder.c_str(),
                  x.number.c_str(), "", x.text.c_str());
    }
    std::printf("\nmissed findings (first %d of %zu):\n", show, s.missed_findings.size());
    for (std::size_t i = 0; i < s.missed_findings.size() && static_cast<int>(i) < show; ++i) {
      const auto& x = s.missed_findings[i];
      std::printf("  %s  %s %s\n    %s\n", x.kind.c_str(), x.folder.empty() ? x.unit.c_str() : x.folder.c_str(),
                  x.number.c_str(), x.text.c_str());
    }
  }
  if (!bars) return 0;
  if (s.family != "held-out") {
    std::printf("\n--bars: the bars are measured on the held-out family (run with --family held-out)\n");
    return 0;
  }
  const bool fields_ok = pct(exact, total) >= 95.0;
  std::printf("\nbars (held-out): field exact-match %s, planted kinds %s\n", fields_ok ? "met" : "NOT met",
              planted_ok ? "met" : "NOT met");
  return fields_ok && planted_ok ? 0 : 1;
}
