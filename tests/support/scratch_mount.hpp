#pragma once
// A small tmpfs mounted for one test: a full disk (size) or a read-only file
// system (remount_read_only) that even root cannot write, unlike chmod. Needs
// the right to mount (root, or CAP_SYS_ADMIN); tests GTEST_SKIP otherwise.
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace nnmip::testing {

class ScratchMount {
 public:
  /// Mounts a tmpfs of `size` (e.g. "64k") at a new folder under the temp directory.
  ScratchMount(const std::string& name, const std::string& size)
      : dir_(std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
    const std::string options = "size=" + size;
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      why_not_ = std::strerror(errno);
    }
  }
  ~ScratchMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScratchMount(const ScratchMount&) = delete;
  ScratchMount& operator=(const ScratchMount&) = delete;

  bool mounted() const { return mounted_; }
  /// Why mounting failed (for the GTEST_SKIP message).
  std::string skip_reason() const { return "cannot mount a tmpfs (" + why_not_ + "): run the test as root"; }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }
  /// Makes the file system read-only; false when not permitted.
  bool remount_read_only() { return ::mount(nullptr, dir_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0; }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string why_not_;
};

}  // namespace nnmip::testing
