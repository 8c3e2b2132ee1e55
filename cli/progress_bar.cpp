#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace caseaudit::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(std::string title, bool enabled)
    : title_(std::move(title)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(const ocr::Progress& p) {
  if (!enabled_ || p.total == 0) return;
  constexpr int kWidth = 30;
  const double frac = static_cast<double>(p.done) / static_cast<double>(p.total);
  const int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string eta = "--:--";
  if (p.done > 0 && p.done < p.total) {
    const int left = static_cast<int>(elapsed / static_cast<double>(p.done) * static_cast<double>(p.total - p.done));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d", left / 60, left % 60);
    eta = buf;
  } else if (p.done == p.total) {
    eta = "0:00";
  }
  std::string name = p.current;
  if (name.size() > 40) name = "..." + name.substr(name.size() - 37);
  std::fprintf(stderr, "\r\033[K%s [%s] %zu/%zu 页 pages  剩余 ETA %s  %s", title_.c_str(), bar.c_str(), p.done,
               p.total, eta.c_str(), name.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) {
    std::fputc('\n', stderr);
    drawn_ = false;
  }
}

}  // namespace caseaudit::cli
