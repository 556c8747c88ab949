#include "nnmip/util/log.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace nnmip {

namespace {

/// The terminal's width in columns (0 when unknown).
int terminal_columns() {
  winsize size{};
  return ioctl(fileno(stderr), TIOCGWINSZ, &size) == 0 ? size.ws_col : 0;
}

}  // namespace

std::string fit_to_columns(const std::string& text, int columns) {
  if (columns <= 0) return text;
  int shown = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (++shown > columns) return text.substr(0, i);
  }
  return text;
}

namespace {

std::mutex g_mutex;  // sinks are called from solver callbacks and watcher threads alike

std::unique_ptr<LogSink>& sink() {
  static std::unique_ptr<LogSink> current = std::make_unique<StderrSink>();
  return current;
}

double monotonic_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* prefix(LogLevel level) {
  switch (level) {
    case LogLevel::error: return "nnmip: error: ";
    case LogLevel::warning: return "nnmip: warning: ";
    case LogLevel::info: return "nnmip: ";
    case LogLevel::debug: return "nnmip: debug: ";
  }
  return "nnmip: ";
}

}  // namespace

StderrSink::StderrSink(LogLevel level, bool show_status, double log_interval_s)
    : level_(level), show_status_(show_status), log_interval_s_(log_interval_s), tty_(isatty(fileno(stderr)) != 0) {}

StderrSink::~StderrSink() { end_status_line(); }

void StderrSink::end_status_line() {
  if (!status_open_) return;
  std::fputc('\n', stderr);
  std::fflush(stderr);
  status_open_ = false;
}

void StderrSink::message(LogLevel level, const std::string& text) {
  if (level > level_) return;
  if (tty_ && status_open_) std::fprintf(stderr, "\r\033[K");  // the status is redrawn by its next update
  status_open_ = false;
  std::fprintf(stderr, "%s%s\n", prefix(level), text.c_str());
  std::fflush(stderr);
}

void StderrSink::status(const std::string& text, StatusKind kind) {
  if (!show_status_) return;
  if (text.empty() && kind == StatusKind::done) return end_status_line();
  const double now = monotonic_s();
  if (tty_) {
    // A line wider than the terminal would wrap, and "\r\033[K" clears only its last row.
    const std::string shown = kind == StatusKind::done ? text : fit_to_columns(text, terminal_columns() - 1);
    std::fprintf(stderr, "\r\033[K%s", shown.c_str());
    status_open_ = true;
    if (kind == StatusKind::done) end_status_line();
  } else {
    if (kind == StatusKind::update && now - last_status_s_ < log_interval_s_) return;
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  last_status_s_ = now;
  std::fflush(stderr);
}

void set_log_sink(std::unique_ptr<LogSink> replacement) {
  std::lock_guard<std::mutex> lock(g_mutex);
  sink() = std::move(replacement);
}

void log_message(LogLevel level, const std::string& text) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (sink()) sink()->message(level, text);
}

void log_status(const std::string& text, StatusKind kind) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (sink()) sink()->status(text, kind);
}

}  // namespace nnmip
