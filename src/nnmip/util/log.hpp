#pragma once
// Where the library's messages go: one sink for the whole process, with levels,
// and one status line (a progress display that the next status replaces). The
// library never writes to stderr itself; the CLI chooses the sink's level
// (--quiet: warnings and errors, no status line).
//
// The default sink, StderrSink, writes "nnmip: warning: ..." lines to stderr and
// flushes each one. Status lines are redrawn in place on a terminal; when stderr
// is a file or a pipe, a status is written as a line of its own when it starts a
// new step (StatusKind::step, StatusKind::done) and otherwise at most every 10 s,
// so that a log shows every step and how a long one went without filling up.
#include <memory>
#include <string>

namespace nnmip {

enum class LogLevel { error, warning, info, debug };

enum class StatusKind {
  update,  // the same step, further on: may be skipped in a log
  step,    // a new step: always written
  done,    // the last status of a task: always written, and the line is ended
           // (an empty text only ends the line a status left open)
};

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void message(LogLevel level, const std::string& text) = 0;
  virtual void status(const std::string& text, StatusKind kind) = 0;
};

/// The first `columns` characters (UTF-8 code points) of `text`; all of it when columns <= 0.
std::string fit_to_columns(const std::string& text, int columns);

class StderrSink final : public LogSink {
 public:
  /// Messages at `level` or more severe; status lines only when `show_status`;
  /// in a log, an update at most every `log_interval_s`.
  explicit StderrSink(LogLevel level = LogLevel::info, bool show_status = true, double log_interval_s = 10.0);
  ~StderrSink() override;
  void message(LogLevel level, const std::string& text) override;
  void status(const std::string& text, StatusKind kind) override;

 private:
  void end_status_line();
  LogLevel level_;
  bool show_status_;
  double log_interval_s_;
  bool tty_;
  bool status_open_ = false;  // a status line is drawn and not yet ended (terminal)
  double last_status_s_ = -1e9;
};

/// Replaces the process's sink (the default is StderrSink()).
void set_log_sink(std::unique_ptr<LogSink> sink);

void log_message(LogLevel level, const std::string& text);
inline void log_warning(const std::string& text) { log_message(LogLevel::warning, text); }
inline void log_info(const std::string& text) { log_message(LogLevel::info, text); }
void log_status(const std::string& text, StatusKind kind = StatusKind::update);

}  // namespace nnmip
