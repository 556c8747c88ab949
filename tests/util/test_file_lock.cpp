// FileLock between processes: a second process waits (and is told who holds
// the lock) until the holder exits, and the kernel frees the lock of a killed holder.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nnmip/util/error.hpp"
#include "nnmip/util/file_lock.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

/// A child process that takes the lock, tells the parent through a pipe and then sleeps until killed.
pid_t child_holding(const std::string& lock_path) {
  int ready[2];
  EXPECT_EQ(::pipe(ready), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(ready[0]);
    FileLock lock(lock_path, nullptr, "");
    [[maybe_unused]] const ssize_t n = ::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  EXPECT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  return pid;
}

TEST(FileLock, WaitsForTheHolderAndNamesIt) {
  testing::TempDir dir("nnmip_file_lock");
  const std::string path = (dir.path() / "entry.lock").string();
  const pid_t holder = child_holding(path);
  std::string told;
  // The holder is killed while we wait: the kernel releases its lock.
  const FileLock lock(
      path,
      [&](const std::string& who) {
        told = who;
        ::kill(holder, SIGKILL);
      },
      "");
  EXPECT_EQ(told, std::to_string(holder));
  int status = 0;
  ::waitpid(holder, &status, 0);
}

TEST(FileLock, TakesAFreeLockWithoutWaiting) {
  testing::TempDir dir("nnmip_file_lock_free");
  bool waited = false;
  {
    const FileLock first((dir.path() / "a.lock").string(), [&](const std::string&) { waited = true; }, "");
  }
  const FileLock again((dir.path() / "a.lock").string(), [&](const std::string&) { waited = true; }, "");
  EXPECT_FALSE(waited);
}

TEST(FileLock, AMissingFolderIsAnErrorWithTheFix) {
  try {
    const FileLock lock("/nonexistent-nnmip-folder/x.lock", nullptr, "choose another folder");
    FAIL() << "locked in a missing folder";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("its folder does not exist; choose another folder"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nnmip
