#include "nnmip/util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// The process id the holder wrote into the lock file ("" when unknown).
std::string holder_of(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  return n > 0 ? std::string(text, static_cast<size_t>(n)) : "";
}

std::string why_not_created(int error) {
  return error == ENOENT   ? "its folder does not exist"
         : error == EROFS  ? "its folder is on a read-only file system"
         : error == EACCES ? "its folder is read-only for this user"
                           : std::strerror(error);
}

}  // namespace

FileLock::FileLock(const std::string& lock_path, const OnWait& on_wait, const std::string& fix) {
  fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) throw Error("cannot create the lock file " + lock_path + ": " + why_not_created(errno) + "; " + fix);
  const auto fail = [&](int error) {
    ::close(fd_);
    throw Error("cannot lock " + lock_path + ": " + std::strerror(error) + "; " + fix);
  };
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) fail(errno);
    if (on_wait) on_wait(holder_of(fd_));
    while (::flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) fail(errno);
  }
  // For the message of a process that waits (best effort).
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0) [[maybe_unused]]
    const ssize_t written = ::pwrite(fd_, pid.data(), pid.size(), 0);
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace nnmip
