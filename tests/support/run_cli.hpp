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
