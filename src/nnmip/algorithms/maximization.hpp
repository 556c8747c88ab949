#pragma once
// Maximization search: direct (solve FM(D)) or through a sparse surrogate S
// (Algorithm 2). The solver works on the MILP of the solved network to the
// time limit; every incumbent's input is evaluated on D and the best dense
// value is kept. The reported value is always D's output at the reported
// input. With a surrogate, the solver's bound is S's and proves nothing about D.
// A minimization is searched as max -c^T y; the result is in the user's sign:
// best_value, solver_best and the incumbents' values are c^T y, and `bound` is
// then a lower bound.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/search.hpp"

namespace nnmip {

enum class MaximizationStatus { optimal, feasible, no_solution };
const char* to_string(MaximizationStatus status);

struct MaximizationResult {
  MaximizationStatus status = MaximizationStatus::no_solution;
  bool used_surrogate = false;
  std::optional<double> best_value;  // c^T D(input)
  Vector input;
  Vector output;                      // D(input), the dense network's outputs there
  std::optional<double> solver_best;  // the solved network's best objective
  /// The solver's dual bound (on S for a surrogate run); nullopt when there is
  /// none or it failed the checks of trusted_bound.
  std::optional<double> bound;
  std::optional<double> gap;             // (bound - best) / max(|best|, 1e-9), direct runs only
  std::optional<double> time_to_best_s;  // since the search started
  double solve_time_s = 0.0;             // the search after the bounds: heuristics and MILPs
  double build_time_s = 0.0;
  SolveStatus solver_status = SolveStatus::time_limit;
  std::vector<IncumbentRecord> incumbents;
  HeuristicStats heuristics;
  int ladder_steps = 0;
  ModelStats model;
  std::vector<std::string> warnings;
};

/// Solves FM(D) directly when surrogate is null, else runs Algorithm 2 with S;
/// `ladder` lists the denser networks to continue with (nullptr = D), see run_ladder.
/// `optimal` needs the last MILP to be D's, and is checked against every point
/// judged on D: a point above the solver's bound degrades it to `feasible`.
MaximizationResult maximize(const Network& dense, const MaximizationProblem& problem, const SearchOptions& options,
                            MilpSolver& solver, const Network* surrogate = nullptr,
                            const std::vector<const Network*>& ladder = {});

}  // namespace nnmip
