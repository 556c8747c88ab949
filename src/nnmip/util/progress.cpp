#include "nnmip/util/progress.hpp"

#include <cstdio>
#include <ctime>

#include "nnmip/util/log.hpp"

namespace nnmip {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

Progress::Progress(std::string title, long total, bool enabled)
    : title_(std::move(title)), total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (enabled_ && !finished_) log_status("", StatusKind::done);
}

double Progress::elapsed_s() const { return seconds_since(start_); }

void Progress::update(long done, const std::string& detail) {
  if (!enabled_ || finished_) return;
  const double elapsed = elapsed_s();
  char head[160];
  if (total_ > 0) {
    const double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / done : 0.0;
    std::snprintf(head, sizeof head, "%s %ld/%ld  %.1fs elapsed, ~%.0fs left", title_.c_str(), done, total_, elapsed,
                  eta);
  } else {
    std::snprintf(head, sizeof head, "%s %ld  %.1fs elapsed", title_.c_str(), done, elapsed);
  }
  log_status(std::string(head) + "  " + detail, done != last_done_ ? StatusKind::step : StatusKind::update);
  last_done_ = done;
}

void Progress::finish(const std::string& detail) {
  if (!enabled_ || finished_) return;
  finished_ = true;
  char head[160];
  std::snprintf(head, sizeof head, "%s done in %.1fs", title_.c_str(), elapsed_s());
  log_status(std::string(head) + "  " + detail, StatusKind::done);
}

}  // namespace nnmip
