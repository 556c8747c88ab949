#include "nnmip/experiments/campaign_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// The process id the holder wrote into the lock file ("" when unknown).
std::string holder_of(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  return n > 0 ? std::string(text, static_cast<size_t>(n)) : "";
}

}  // namespace

CampaignLock::CampaignLock(const std::string& db_path, bool quiet) {
  const std::string path = db_path + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    const int error = errno;
    const std::string why = error == ENOENT    ? "its folder does not exist"
                            : error == EROFS   ? "its folder is on a read-only file system"
                            : error == EACCES  ? "its folder is read-only for this user"
                                               : std::strerror(error);
    throw Error("cannot create the lock file " + path + " next to the database: " + why +
                "; choose a --db in a writable folder (report and merge read a database as it is)");
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      const int error = errno;
      ::close(fd_);
      throw Error("cannot lock " + path + ": " + std::strerror(error));
    }
    if (!quiet) {
      const std::string holder = holder_of(fd_);
      std::fprintf(stderr,
                   "nnmip: another experiment run%s is recording into %s; waiting for it to finish "
                   "(the runs it records are not solved again)\n",
                   holder.empty() ? "" : (" (process " + holder + ")").c_str(), db_path.c_str());
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd_);
      throw Error("cannot lock " + path + ": " + std::strerror(error));
    }
  }
  // For the message of a process that waits (best effort).
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0) [[maybe_unused]] const ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
}

CampaignLock::~CampaignLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace nnmip
