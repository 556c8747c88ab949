#pragma once
// A log sink (util/log.hpp) that keeps every status line and its kind, for tests
// of what a search or a progress display shows.
#include <string>
#include <utility>
#include <vector>

#include "nnmip/util/log.hpp"

namespace nnmip::testing {

using StatusLines = std::vector<std::pair<std::string, StatusKind>>;

class RecordingSink : public LogSink {
 public:
  explicit RecordingSink(StatusLines* statuses) : statuses_(statuses) {}
  void message(LogLevel, const std::string&) override {}
  void status(const std::string& text, StatusKind kind) override { statuses_->emplace_back(text, kind); }

 private:
  StatusLines* statuses_;
};

}  // namespace nnmip::testing
