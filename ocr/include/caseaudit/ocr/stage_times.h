// Where the time of a job goes, stage by stage, and the peak memory when each
// stage ended: what `--timings` prints and what the benchmarks read. A job
// keeps one StageTimes; a StageClock laps it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caseaudit::ocr {

struct Stage {
  std::string name;
  double seconds = 0;
  long peak_mb = 0;  // the process's peak resident memory when the stage last ended
};

class StageTimes {
 public:
  // Adds `seconds` to the stage (stages keep the order they were first seen in).
  void add(std::string_view stage, double seconds, long peak_mb = 0);
  void merge(const StageTimes& other);
  const std::vector<Stage>& stages() const { return stages_; }
  double total() const;
  // One line a stage, "  import platform      1.234 s  45.6%    812 MB", and the total.
  std::string table() const;

 private:
  std::vector<Stage> stages_;
};

// The process's peak resident memory so far, in MB.
long peak_memory_mb();

// Measures the time since it was made, or since its last lap, into a stage.
class StageClock {
 public:
  explicit StageClock(StageTimes& into) : into_(into), last_(std::chrono::steady_clock::now()) {}
  void lap(std::string_view stage);
  // Starts again without recording: a callee timed its own stages since the last lap.
  void restart() { last_ = std::chrono::steady_clock::now(); }

 private:
  StageTimes& into_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace caseaudit::ocr
