#pragma once
// Verification search: direct (solve VNN(D)) or through a sparse surrogate S
// (Algorithm 1). One mechanism serves both: the solver works on the MILP of
// the "solved" network (D or S) and every incumbent's input is judged by a
// forward pass of D. The first input with D's margin y_{j'} - y_j > 0 stops
// the solver and is returned.
//
// What is proven:
//   adversarial: an input in the ball and the pixel domain with D's margin > 0 (re-checked);
//   robust:      only when the last MILP was D's own (a direct solve, or a ladder
//                ending with D) and the solver proved max margin <= 0;
//   unknown:     everything else - in particular every surrogate run that found no
//                dense-adversarial input, since a proof about S is no proof about D.
// The network-aware heuristics (search_core.hpp) propose inputs too; every one
// is judged on D like the solver's incumbents.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/search.hpp"

namespace nnmip {

enum class VerificationStatus { adversarial, robust, unknown };
const char* to_string(VerificationStatus status);

struct VerificationResult {
  VerificationStatus status = VerificationStatus::unknown;
  bool used_surrogate = false;
  std::optional<double> time_to_first_adversarial_s;  // since the search (bound computation included) started
  double solve_time_s = 0.0;  // the search after the bounds: heuristics and MILPs
  double build_time_s = 0.0;  // bounds + model building
  SolveStatus solver_status = SolveStatus::time_limit;
  /// On the SOLVED network's margin (S's for a surrogate run); nullopt when the
  /// solver gave none or it failed the checks of trusted_bound.
  std::optional<double> solver_bound;
  std::optional<double> solver_best;  // the solved network's best margin the solver found
  /// The symbolic upper bound of the last solved network's margin; <= 0 is a
  /// proof without a MILP (robust when that network is D).
  std::optional<double> symbolic_bound;
  Vector input;               // the adversarial input, or the best incumbent, or x0
  double dense_margin = 0.0;  // D's y_{j'} - y_j at `input`
  double distance = 0.0;      // ||input - x0|| in the problem's norm
  std::vector<IncumbentRecord> incumbents;
  HeuristicStats heuristics;
  int ladder_steps = 0;  // MILPs solved (1 without a ladder)
  ModelStats model;
  std::vector<std::string> warnings;
};

/// Solves VNN(D) directly when surrogate is null, else runs Algorithm 1 with S;
/// `ladder` lists the denser networks to continue with (nullptr = D), see run_ladder.
VerificationResult verify(const Network& dense, const VerificationProblem& problem,
                          const SearchOptions& options, MilpSolver& solver,
                          const Network* surrogate = nullptr, const std::vector<const Network*>& ladder = {});

}  // namespace nnmip
