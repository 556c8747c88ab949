#pragma once
// Running another program and reading what it printed (sbatch, squeue, sacct).
#include <string>
#include <vector>

namespace nnmip {

struct CommandOutput {
  bool started = false;  // false: the program was not found or could not be run
  int exit_code = -1;    // -1 when it did not exit normally (a signal)
  std::string out;       // its standard output
  std::string err;       // its standard error
  bool succeeded() const { return started && exit_code == 0; }
};

/// Runs args[0] (looked up on PATH) with the other arguments and no shell,
/// waits for it and returns what it printed. Never throws for the program's own
/// failure: the caller reads exit_code and err.
CommandOutput run_command(const std::vector<std::string>& args);

/// Whether `program` is an executable file in a folder of PATH.
bool on_path(const std::string& program);

}  // namespace nnmip
