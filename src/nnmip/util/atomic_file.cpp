#include "nnmip/util/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempMarker = ".nnmip-tmp-";

std::string cause(int error) { return std::strerror(error); }

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "host";
  return name;
}

/// The descriptor of this process that `path` names (/dev/stdout, /dev/fd/N,
/// /proc/self/fd/N...), found by following the symbolic links one by one:
/// resolving them fully would give the file behind the descriptor, and
/// replacing that file would lose what the process wrote to it before.
std::optional<int> own_descriptor(const std::string& path) {
  fs::path p = path;
  const std::string own_fd_folder = "/proc/" + std::to_string(::getpid()) + "/fd/";
  for (int hop = 0; hop < 40; ++hop) {
    const std::string text = p.lexically_normal().string();
    for (const std::string& prefix : {std::string("/proc/self/fd/"), std::string("/dev/fd/"), own_fd_folder}) {
      if (text.rfind(prefix, 0) != 0) continue;
      const std::string number = text.substr(prefix.size());
      if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      return std::stoi(number);
    }
    std::error_code ec;
    if (!fs::is_symlink(p, ec)) return std::nullopt;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) return std::nullopt;
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return std::nullopt;
}

void write_all(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error("cannot write " + path + ": " + cause(n < 0 ? errno : EIO));
    content.remove_prefix(static_cast<size_t>(n));
  }
}

/// A stream or device: written in place (it cannot be replaced), errors checked.
void write_directly(const std::string& path, std::optional<int> descriptor, std::string_view content) {
  if (descriptor) {
    // Whatever the process printed before goes first.
    std::cout.flush();
    std::fflush(nullptr);
    write_all(*descriptor, content, path);
    return;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw Error("cannot open " + path + " for writing: " + cause(errno));
  try {
    write_all(fd, content, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw Error("cannot write " + path + ": " + cause(errno));
}

/// "/a/.NAME.nnmip-tmp-HOST-PID-" : the host and process are in the name so
/// that leftovers can be told from files another process is still writing.
std::string temp_prefix(const fs::path& target) {
  return (target.parent_path() / ("." + target.filename().string() + std::string(kTempMarker) + host_name() + "-" +
                                  std::to_string(::getpid()) + "-"))
      .string();
}

/// Whether `name` is a temporary file of a process of this host that is gone.
bool is_stale_temporary(const std::string& name, const std::string& host) {
  const size_t marker = name.find(kTempMarker);
  if (name.empty() || name[0] != '.' || marker == std::string::npos) return false;
  const std::string tail = name.substr(marker + kTempMarker.size());  // HOST-PID-N
  const size_t last = tail.rfind('-');
  if (last == std::string::npos || last == 0) return false;
  const size_t before = tail.rfind('-', last - 1);
  if (before == std::string::npos || tail.substr(0, before) != host) return false;
  const std::string pid_text = tail.substr(before + 1, last - before - 1);
  if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) return false;
  const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

int remove_stale_temporaries_of(const fs::path& folder, const std::string& name_prefix) {
  const std::string host = host_name();
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code remove_error;
    if (name.rfind(name_prefix, 0) == 0 && is_stale_temporary(name, host) && fs::remove(it->path(), remove_error))
      ++removed;
  }
  return removed;
}

void fsync_folder(const fs::path& folder, const std::string& path) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // e.g. a folder we may write but not read: the rename is done
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  // Some file systems cannot sync a folder (EINVAL); the rename itself succeeded.
  if (rc != 0 && error != EINVAL)
    throw Error("wrote " + path + " but cannot make it durable (fsync of its folder): " + cause(error));
}

void replace_atomically(const fs::path& target, const std::string& path, std::string_view content) {
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw Error("cannot write " + path + ": the folder " + folder.string() + " does not exist");
  // A file its owner made read-only stays protected, as it would be when written in place.
  if (fs::exists(target, ec) && ::access(target.c_str(), W_OK) != 0)
    throw Error("cannot write " + path + ": " + cause(errno));
  remove_stale_temporaries_of(folder, "." + target.filename().string() + std::string(kTempMarker));

  static std::atomic<int> counter{0};
  std::string temp;
  int fd = -1;
  while (fd < 0) {
    temp = temp_prefix(target) + std::to_string(counter++);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST)
      throw Error("cannot write " + path + ": cannot create a file in " + folder.string() + ": " + cause(errno));
  }
  try {
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0) ::fchmod(fd, existing.st_mode & 07777);  // keep its permissions
    write_all(fd, content, path);
    if (::fsync(fd) != 0) throw Error("cannot write " + path + ": " + cause(errno));
    const int rc = ::close(fd);
    fd = -1;
    if (rc != 0) throw Error("cannot write " + path + ": " + cause(errno));
    if (::rename(temp.c_str(), target.c_str()) != 0) throw Error("cannot replace " + path + ": " + cause(errno));
  } catch (...) {
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  fsync_folder(folder, path);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path.empty()) throw Error("cannot write a file with an empty name");
  if (const std::optional<int> fd = own_descriptor(path)) return write_directly(path, fd, content);
  std::error_code ec;
  // Follow symbolic links: the file they point to is the one replaced.
  const fs::path target = fs::weakly_canonical(fs::path(path), ec);
  if (ec) throw Error("cannot write " + path + ": " + ec.message());
  struct stat info {};
  if (::stat(target.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    if (S_ISDIR(info.st_mode)) throw Error("cannot write " + path + ": it is a folder");
    return write_directly(path, std::nullopt, content);
  }
  replace_atomically(target, path, content);
}

int remove_stale_temporary_files(const std::string& folder) { return remove_stale_temporaries_of(folder, "."); }

}  // namespace nnmip
