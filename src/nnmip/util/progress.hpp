#pragma once
// A progress display on stderr. On a terminal it redraws one line; otherwise
// (logs, pipes) it prints a line when the count moves or every 10 s, so a log
// shows every step without filling up.
#include <chrono>
#include <string>

namespace nnmip {

class Progress {
 public:
  /// total <= 0 means unknown; enabled = false prints nothing (--quiet, tests).
  Progress(std::string title, long total, bool enabled = true);
  ~Progress();
  void update(long done, const std::string& detail = "");
  void finish(const std::string& detail = "");
  double elapsed_s() const;

 private:
  std::string title_;
  long total_;
  bool enabled_;
  bool tty_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  long last_done_ = -1;
  double last_print_s_ = -1e9;
};

/// Seconds since `start`, as a double.
double seconds_since(std::chrono::steady_clock::time_point start);

/// The current time in UTC, as 2026-01-31T12:00:00Z.
std::string utc_now();

}  // namespace nnmip
