// The log sink: what StderrSink writes to a log file (levels, status lines, the
// interval of updates), and the status kinds a Progress display sends.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "nnmip/util/log.hpp"
#include "nnmip/util/progress.hpp"
#include "support/recording_sink.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

/// What `write` sends to stderr, with stderr a file (as in a log or a pipe).
template <typename Write>
std::string stderr_of(Write write) {
  const testing::TempDir dir("nnmip_log");
  const std::string file = (dir.path() / "stderr.txt").string();
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(fd, STDERR_FILENO);
  ::close(fd);
  write();
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(StderrSink, InALogWritesStepsAndLimitsUpdatesToItsInterval) {
  const std::string text = stderr_of([] {
    StderrSink sink(LogLevel::info, true, 1e9);  // an interval no test outlasts: updates after the first are held
    sink.status("step 1", StatusKind::step);
    sink.status("step 1, further", StatusKind::update);
    sink.status("step 2", StatusKind::step);
    sink.message(LogLevel::debug, "not shown at info");
    sink.message(LogLevel::warning, "a warning");
    sink.status("finished", StatusKind::done);
    sink.status("", StatusKind::done);
  });
  EXPECT_EQ(text, "step 1\nstep 2\nnnmip: warning: a warning\nfinished\n");
}

TEST(StderrSink, QuietShowsWarningsAndErrorsOnly) {
  const std::string text = stderr_of([] {
    StderrSink sink(LogLevel::warning, false);
    sink.status("a status", StatusKind::step);
    sink.message(LogLevel::info, "an info");
    sink.message(LogLevel::error, "an error");
  });
  EXPECT_EQ(text, "nnmip: error: an error\n");
}

TEST(Progress, ACountThatMovesIsAStepTheSameCountAnUpdateAndFinishIsDone) {
  testing::StatusLines statuses;
  set_log_sink(std::make_unique<testing::RecordingSink>(&statuses));
  {
    Progress progress("campaign", 3);
    progress.update(1, "a");
    progress.update(1, "b");
    progress.update(2, "c");
    progress.finish("all done");
    Progress silent("quiet", 3, false);
    silent.update(1);
  }
  set_log_sink(std::make_unique<StderrSink>());
  ASSERT_EQ(statuses.size(), 4u);
  EXPECT_EQ(statuses[0].second, StatusKind::step);
  EXPECT_EQ(statuses[0].first.rfind("campaign 1/3", 0), 0u) << statuses[0].first;
  EXPECT_EQ(statuses[1].second, StatusKind::update);
  EXPECT_EQ(statuses[2].second, StatusKind::step);
  EXPECT_EQ(statuses[3].second, StatusKind::done);
  EXPECT_NE(statuses[3].first.find("campaign done in"), std::string::npos);
  EXPECT_NE(statuses[3].first.find("all done"), std::string::npos);
}

TEST(StatusLine, IsCutToTheTerminalWidthByCharactersNotBytes) {
  EXPECT_EQ(fit_to_columns("abcdef", 4), "abcd");
  EXPECT_EQ(fit_to_columns("abc", 4), "abc");
  EXPECT_EQ(fit_to_columns("abcdef", 0), "abcdef");  // width unknown: whole
  // "≥" is three bytes and one column.
  EXPECT_EQ(fit_to_columns("a\u2265bc", 2), "a\u2265");
  EXPECT_EQ(fit_to_columns("a\u2265bc", 1), "a");
}

}  // namespace
}  // namespace nnmip
