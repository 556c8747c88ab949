#include "nnmip/algorithms/maximization.hpp"

#include <cmath>

#include "nnmip/algorithms/search_core.hpp"

namespace nnmip {

const char* to_string(MaximizationStatus status) {
  switch (status) {
    case MaximizationStatus::optimal: return "optimal";
    case MaximizationStatus::feasible: return "feasible";
    case MaximizationStatus::no_solution: return "no_solution";
  }
  return "no_solution";
}

namespace {

/// A minimization ran as max -c^T y: values, bounds and records back to c^T y.
void to_user_sign(MaximizationResult& r) {
  const auto flip = [](std::optional<double>& v) {
    if (v) v = -*v;
  };
  flip(r.best_value);
  flip(r.solver_best);
  flip(r.bound);  // now a lower bound
  for (IncumbentRecord& record : r.incumbents) {
    record.solver_objective = -record.solver_objective;
    record.dense_objective = -record.dense_objective;
  }
}

}  // namespace

MaximizationResult maximize(const Network& dense, const MaximizationProblem& problem, const SearchOptions& options,
                            MilpSolver& solver, const Network* surrogate, const std::vector<const Network*>& ladder) {
  check_problem(dense, problem);
  SearchGoal goal;
  const double sign = problem.minimize ? -1.0 : 1.0;  // the search maximizes sign * c^T y
  goal.output_weights = sign * problem.objective;
  goal.name = "objective";
  goal.shown_sign = sign;
  InputDomain domain;
  domain.box = problem.domain;
  Search search(dense, domain, goal, options);
  const Vector centre = (problem.domain.lower + problem.domain.upper) / 2.0;
  const LadderOutcome run = run_ladder(
      search, solver, dense, surrogate, ladder,
      [&](const Network& solved, const BoundsOptions& bounds) {
        return build_maximization_model(solved, problem, bounds);
      },
      options, centre);
  const SolveResult& solve = run.last_solve;

  MaximizationResult result;
  result.used_surrogate = surrogate != nullptr;
  record_search(result, run, search);
  result.bound = trusted_bound(run, search, result.warnings);
  if (search.has_point()) {
    result.best_value = search.best_value();
    result.input = search.best_input();
    result.output = dense.forward(result.input);
    result.time_to_best_s = search.time_to_best_s();
  }
  if (solve.status == SolveStatus::infeasible)
    result.warnings.push_back(
        "the solver declared the model infeasible although every point of the box is feasible "
        "(numerical trouble): nothing is proven");
  // no_solution: no point was judged in the time (not a claim that none exists).
  result.status = result.best_value ? MaximizationStatus::feasible : MaximizationStatus::no_solution;
  if (result.best_value && run.last_on_dense && solve.status == SolveStatus::optimal) {
    // A proof must cover every point judged on D (trusted_bound checked that) and
    // meet the value reached: a bound far above it is no proof of optimality.
    if (!result.bound) {
      result.warnings.push_back("the solver claimed optimality without a valid bound: reported as feasible");
    } else if (*result.bound - *result.best_value > kAgreementTolerance * (1.0 + std::abs(*result.best_value))) {
      result.warnings.push_back("the solver claimed optimality, but its bound " + std::to_string(*result.bound) +
                                " is above the best value a forward pass reached, " +
                                std::to_string(*result.best_value) + ": reported as feasible");
    } else {
      result.status = MaximizationStatus::optimal;
    }
  }
  if (result.best_value && run.last_on_dense && result.bound)
    result.gap = (*result.bound - *result.best_value) / std::max(std::abs(*result.best_value), 1e-9);
  if (problem.minimize) to_user_sign(result);
  return result;
}

}  // namespace nnmip
