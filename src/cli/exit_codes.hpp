#pragma once
// nnmip's exit codes (README "Exit codes"). A verdict is not an error, but
// scripts need to tell them apart without parsing the output:
//   0   the command ran; verify: robust; check: unsat (the property holds)
//   1   an error in the input or the environment (the message says what and where)
//   2   the command line could not be parsed (unknown command or option, bad value)
//   3   an internal error (a bug: please report it)
//   10  verify: adversarial or misclassified; check: sat (a counterexample exists)
//   20  verify: unknown; check: unknown or timeout (nothing was proven)
//   130 interrupted (Ctrl-C or SIGTERM) before a verdict: the output and JSON hold
//       the best result found so far, marked "interrupted" (util/interrupt.hpp)

namespace nnmip::cli {

inline constexpr int kExitSuccess = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;
inline constexpr int kExitCounterexample = 10;
inline constexpr int kExitUnknown = 20;
inline constexpr int kExitInterrupted = 130;

/// The code main returns when the command ends without an exception: the
/// verdict's code set by the command, or kExitInterrupted when an interrupt
/// left nothing decided (no verdict, or unknown).
void set_exit_code(int code);
int exit_code();

}  // namespace nnmip::cli
