// Stage timings (see stage_times.h).
#include "caseaudit/ocr/stage_times.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace caseaudit::ocr {

void StageTimes::add(std::string_view stage, double seconds, long peak_mb) {
  auto it = std::find_if(stages_.begin(), stages_.end(), [&](const Stage& s) { return s.name == stage; });
  if (it == stages_.end()) {
    stages_.push_back({std::string(stage), seconds, peak_mb});
  } else {
    it->seconds += seconds;
    it->peak_mb = std::max(it->peak_mb, peak_mb);
  }
}

void StageTimes::merge(const StageTimes& other) {
  for (const Stage& s : other.stages_) add(s.name, s.seconds, s.peak_mb);
}

double StageTimes::total() const {
  double t = 0;
  for (const Stage& s : stages_) t += s.seconds;
  return t;
}

std::string StageTimes::table() const {
  const double all = total();
  std::string out;
  char line[200];
  for (const Stage& s : stages_) {
    std::snprintf(line, sizeof line, "  %-32s %9.3f s %6.1f%% %7ld MB\n", s.name.c_str(), s.seconds,
                  all > 0 ? 100 * s.seconds / all : 0.0, s.peak_mb);
    out += line;
  }
  std::snprintf(line, sizeof line, "  %-32s %9.3f s\n", "total", all);
  return out + line;
}

long peak_memory_mb() {
  rusage u{};
  if (getrusage(RUSAGE_SELF, &u) != 0) return 0;
  return u.ru_maxrss / 1024;  // kilobytes on Linux
}

void StageClock::lap(std::string_view stage) {
  const auto now = std::chrono::steady_clock::now();
  into_.add(stage, std::chrono::duration<double>(now - last_).count(), peak_memory_mb());
  last_ = now;
}

}  // namespace caseaudit::ocr
