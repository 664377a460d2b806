#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace silkgraph::cli {

std::string format_bytes(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1000 * 1000)
    std::snprintf(buf, sizeof buf, "%.1f kB", double(bytes) / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
  return buf;
}

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + ' ' + noun + (n == 1 ? "" : "s");
}

Progress::Progress(bool quiet, std::uint64_t total_bytes)
    : quiet_(quiet), tty_(::isatty(STDERR_FILENO) == 1), total_(total_bytes) {
  start_ = last_ = std::chrono::steady_clock::now();
}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::update(std::uint64_t done, std::size_t documents) {
  if (quiet_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (since < (tty_ ? 0.1 : 10.0)) return;
  last_ = now;
  const double secs = elapsed();
  const double rate = secs > 0 ? double(done) / 1e6 / secs : 0;
  char line[200];
  if (total_ > 0) {
    const double frac = done >= total_ ? 1.0 : double(done) / double(total_);
    const double eta = rate > 0 ? double(total_ - std::min(done, total_)) / 1e6 / rate : 0;
    if (tty_) {
      char bar[31];
      const int filled = static_cast<int>(frac * 30);
      for (int i = 0; i < 30; ++i) bar[i] = i < filled ? '#' : '.';
      bar[30] = '\0';
      std::snprintf(line, sizeof line, "\r[%s] %3.0f%% %s/%s %.1f MB/s ETA %.0fs, %zu docs ",
                    bar, frac * 100, format_bytes(done).c_str(), format_bytes(total_).c_str(),
                    rate, eta, documents);
    } else {
      std::snprintf(line, sizeof line, "progress: %s of %s (%.0f%%), %.1f MB/s, %zu documents\n",
                    format_bytes(done).c_str(), format_bytes(total_).c_str(), frac * 100, rate,
                    documents);
    }
  } else {
    std::snprintf(line, sizeof line, tty_ ? "\r%s read, %.1f MB/s, %zu docs " : "progress: %s read, %.1f MB/s, %zu documents\n",
                  format_bytes(done).c_str(), rate, documents);
  }
  std::fputs(line, stderr);
  drawn_ = tty_;
}

void Progress::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
}

void Progress::print(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
  std::fputs(line.c_str(), stderr);
  std::fputc('\n', stderr);
}

void Progress::clear_locked() {
  if (drawn_) {
    std::fputs("\r\033[K", stderr);
    drawn_ = false;
  }
}

}  // namespace silkgraph::cli
