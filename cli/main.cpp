// caseaudit command line: picks the sub-command and maps its result to an exit
// code. Every sub-command is a thin layer over a library job.
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "exit_codes.h"

namespace {

constexpr const char* kUsage =
    "用法 usage: caseaudit <命令 command> [选项 options]\n"
    "\n"
    "命令 commands:\n"
    "  ocr INPUT... -o OUT   识别案卷页面，输出文本、JSON 与可检索 PDF\n"
    "                        OCR case-file pages into text, JSON and searchable PDFs\n"
    "  extract CASE... -o OUT 识别文书类型、标准格式并提取字段\n"
    "                        split case files into documents, check them against the templates, extract fields\n"
    "  check CASE... -o OUT   案卷自查：按规则包检查文书、计算平台录入期限、列出平台录入值\n"
    "                        self-check: rule findings, platform-entry deadlines, values to enter\n"
    "  audit --cases DIR --platform FILE -o OUT\n"
    "                        平台录入核查：漏录、迟录、录入不一致、以罚代刑、选择性录入等\n"
    "                        reconcile case files with the platform export\n"
    "  calendar --add N DATE  工作日计算 working days: the date N working days after DATE; also --between D1 D2\n"
    "  sample --from FILE --seed N --rate R -o OUT  按单位、类别分层可复现抽样，写出可重抽的清单\n"
    "                        reproducible stratified sample of a year's cases with a re-drawable manifest\n"
    "\n"
    "caseaudit <command> --help 查看命令选项 (shows a command's options)\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return caseaudit::cli::kUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage, stdout);
    return caseaudit::cli::kOk;
  }
  if (command == "--version") {
    std::puts("caseaudit " CASEAUDIT_VERSION);
    return caseaudit::cli::kOk;
  }
  if (command == "ocr") return caseaudit::cli::ocr_command(args);
  if (command == "extract") return caseaudit::cli::extract_command(args);
  if (command == "calendar") return caseaudit::cli::calendar_command(args);
  if (command == "check") return caseaudit::cli::check_command(args);
  if (command == "sample") return caseaudit::cli::sample_command(args);
  if (command == "audit") return caseaudit::cli::audit_command(args);
  std::fprintf(stderr, "caseaudit: 未知命令 \"%s\" (unknown command)\n\n%s", command.c_str(), kUsage);
  return caseaudit::cli::kUsage;
}
