// The one mapping from errors to exit codes (see errors.h).
#include "errors.h"

#include <cstdio>
#include <exception>
#include <new>

#include "exit_codes.h"

namespace caseaudit::cli {

int exit_code_for(ocr::ErrorKind kind) {
  switch (kind) {
    case ocr::ErrorKind::Usage: return kUsage;
    case ocr::ErrorKind::Input: return kInputFailed;
    case ocr::ErrorKind::Environment: return kEnvironment;
    case ocr::ErrorKind::Data: return kEnvironment;
  }
  return kInternal;
}

namespace {

const char* prefix(ocr::ErrorKind kind) {
  switch (kind) {
    case ocr::ErrorKind::Usage: return "";
    case ocr::ErrorKind::Input: return "无法读取 (cannot read): ";
    case ocr::ErrorKind::Environment: return "环境错误 environment error: ";
    case ocr::ErrorKind::Data: return "数据文件错误 data file error: ";
  }
  return "";
}

}  // namespace

int run_command(const std::string& command, const std::string& help, const std::function<int()>& body) {
  try {
    return body();
  } catch (const ocr::Error& e) {
    if (e.kind() == ocr::ErrorKind::Usage) {
      std::fprintf(stderr, "caseaudit %s: %s\n\n%s", command.c_str(), e.what(), help.c_str());
    } else {
      std::fprintf(stderr, "caseaudit: %s%s\n", prefix(e.kind()), e.what());
    }
    return exit_code_for(e.kind());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "caseaudit: 内存不足 (out of memory)\n");
    return kEnvironment;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "caseaudit: 内部错误，请连同命令行一起报告 (internal error: a bug, please report it with the command line): %s\n",
                 e.what());
    return kInternal;
  } catch (...) {
    std::fprintf(stderr, "caseaudit: 内部错误 (internal error: unknown exception)\n");
    return kInternal;
  }
}

}  // namespace caseaudit::cli
