// A one-line progress bar on stderr, drawn only when stderr is a terminal
// (quiet in a pipe or a log file).
#pragma once

#include <chrono>
#include <string>

#include "caseaudit/ocr/pipeline.h"

namespace caseaudit::cli {

class ProgressBar {
 public:
  ProgressBar(std::string title, bool enabled);
  ~ProgressBar();
  void update(const ocr::Progress& p);
  void finish();

 private:
  std::string title_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace caseaudit::cli
