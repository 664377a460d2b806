// cli/progress.h
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace silkgraph::cli {

/// Progress on stderr: a live bar (bytes, MB/s, ETA) on a terminal, a line every few seconds
/// otherwise, nothing with --quiet. Safe to call from several threads: input is read on one
/// thread (whose messages come through print()) while another one updates the bar.
class Progress {
 public:
  Progress(bool quiet, std::uint64_t total_bytes);
  /// Called often; draws at most ten times a second (a line every 10 s off a terminal).
  void update(std::uint64_t bytes_done, std::size_t documents);
  /// Clears the live bar so a message can be printed on a clean line.
  void clear();
  /// Clears the bar and prints `line` and a newline on stderr.
  void print(const std::string& line);
  /// Seconds since start.
  double elapsed() const;
  bool quiet() const { return quiet_; }

 private:
  void clear_locked();

  std::mutex mutex_;
  bool quiet_;
  bool tty_;
  bool drawn_ = false;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
};

/// "12.3 MB"
std::string format_bytes(std::uint64_t bytes);
/// "1 document", "3 documents"
std::string count(std::size_t n, const char* noun);

}  // namespace silkgraph::cli
