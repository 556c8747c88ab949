#pragma once
// A progress display of a counted task ("campaign 12/552 ..., ~300s left"), as
// the status line of the log sink (util/log.hpp): redrawn in place on a terminal;
// in a log, a line whenever the count moves and otherwise at most every 10 s.
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
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  long last_done_ = -1;
};

/// Seconds since `start`, as a double.
double seconds_since(std::chrono::steady_clock::time_point start);

/// The current time in UTC, as 2026-01-31T12:00:00Z.
std::string utc_now();

}  // namespace nnmip
