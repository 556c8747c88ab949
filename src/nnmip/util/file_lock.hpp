#pragma once
// An exclusive lock between processes: flock(2) on a lock file, held for the
// object's lifetime. The kernel releases it when the holder exits, even after
// kill -9, so a leftover lock file is harmless. On NFS (v4) Linux turns flock
// into a POSIX byte-range lock that the server arbitrates, so processes on
// different machines of a cluster exclude each other too.
//
// Used for one `experiment run` per database (campaign_lock.hpp) and for one
// process building each network of the shared cache (artifact_cache.hpp).
#include <functional>
#include <string>

namespace nnmip {

class FileLock {
 public:
  /// Called once, before waiting, with the holder's process id ("" when unknown).
  using OnWait = std::function<void(const std::string& holder)>;

  /// Takes the lock of `lock_path` (created when absent), waiting while another
  /// process holds it. Throws nnmip::Error naming the path, the cause and `fix`
  /// when the lock file cannot be created or locked.
  FileLock(const std::string& lock_path, const OnWait& on_wait, const std::string& fix);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace nnmip
