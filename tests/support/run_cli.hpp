#pragma once
// Runs the nnmip binary (NNMIP_CLI_PATH) with arguments and collects its output.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace nnmip::testing {

struct CliRun {
  int exit_code;
  std::string output;  // stdout and stderr
};

/// An environment prefix for run_cli that makes a GB-scale allocation fail
/// instead of slowing the machine down. Under AddressSanitizer a virtual-memory
/// limit breaks its shadow memory, so its own allocation limit is used instead.
inline std::string memory_cap_prefix() {
#if defined(__SANITIZE_ADDRESS__)
  return "ASAN_OPTIONS=$ASAN_OPTIONS:max_allocation_size_mb=2000";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return "ASAN_OPTIONS=$ASAN_OPTIONS:max_allocation_size_mb=2000";
#else
  return "ulimit -v 2000000;";
#endif
#else
  return "ulimit -v 2000000;";
#endif
}

inline CliRun run_cli(const std::string& arguments, const std::string& environment = "") {
  const std::string command = environment + " " + NNMIP_CLI_PATH + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace nnmip::testing
