#include "nnmip/util/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>

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
    : title_(std::move(title)),
      total_(total),
      enabled_(enabled),
      tty_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (enabled_ && tty_ && !finished_) std::fputc('\n', stderr);
}

double Progress::elapsed_s() const { return seconds_since(start_); }

void Progress::update(long done, const std::string& detail) {
  if (!enabled_) return;
  const double elapsed = elapsed_s();
  if (!tty_ && done == last_done_ && elapsed - last_print_s_ < 10.0) return;
  last_done_ = done;
  last_print_s_ = elapsed;
  char head[160];
  if (total_ > 0) {
    const double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / done : 0.0;
    std::snprintf(head, sizeof head, "%s %ld/%ld  %.1fs elapsed, ~%.0fs left", title_.c_str(),
                  done, total_, elapsed, eta);
  } else {
    std::snprintf(head, sizeof head, "%s %ld  %.1fs elapsed", title_.c_str(), done, elapsed);
  }
  if (tty_)
    std::fprintf(stderr, "\r\033[K%s  %s", head, detail.c_str());
  else
    std::fprintf(stderr, "%s  %s\n", head, detail.c_str());
  std::fflush(stderr);
}

void Progress::finish(const std::string& detail) {
  if (!enabled_ || finished_) return;
  finished_ = true;
  if (tty_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s done in %.1fs  %s\n", title_.c_str(), elapsed_s(), detail.c_str());
  std::fflush(stderr);
}

}  // namespace nnmip
