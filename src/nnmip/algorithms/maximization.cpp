#include "nnmip/algorithms/maximization.hpp"

#include <cmath>


namespace nnmip {

const char* to_string(MaximizationStatus status) {
  switch (status) {
    case MaximizationStatus::optimal: return "optimal";
    case MaximizationStatus::feasible: return "feasible";
    case MaximizationStatus::no_solution: return "no_solution";
  }
  return "no_solution";
}

MaximizationResult maximize(const Network& dense, const MaximizationProblem& problem,
                            const SearchOptions& options, MilpSolver& solver,
                            const Network* surrogate) {
  check_problem(dense, problem);
  if (surrogate) check_surrogate(dense, *surrogate);
  const Network& solved = surrogate ? *surrogate : dense;

  MaximizationResult result;
  result.used_surrogate = surrogate != nullptr;
  const Vector centre = (problem.domain.lower + problem.domain.upper) / 2.0;
  const PreparedSearch prepared = prepare_search(
      solved, [&] { return build_maximization_model(solved, problem, options.bounds); }, options, centre);
  const NetworkModel& built = prepared.built;
  result.build_time_s = prepared.build_time_s;
  result.model = built.stats;

  const int k = problem.output;
  auto on_incumbent = [&](const std::vector<double>& values, double objective, double elapsed_s) {
    const Vector x = project_into(built.domain, built.input_of(values));
    const double value = dense.forward(x)(k);
    const double solved_value = surrogate ? solved.forward(x)(k) : value;
    if (std::abs(solved_value - objective) > kAgreementTolerance * (1.0 + std::abs(objective)))
      result.warnings.push_back("at " + std::to_string(elapsed_s) + " s the solver's objective " +
                                std::to_string(objective) + " differs from the forward pass " +
                                std::to_string(solved_value));
    const bool improved = !result.best_value || value > *result.best_value;
    if (improved) {
      result.best_value = value;
      result.input = x;
      result.time_to_best_s = elapsed_s;
    }
    result.incumbents.push_back({elapsed_s, objective, value, improved});
    return CallbackAction::keep_going;
  };

  const SolveResult solve = solver.solve(built.model, options.solver, on_incumbent, prepared.start);
  result.solve_time_s = solve.solve_time_s;
  result.solver_status = solve.status;
  result.bound = solve.bound;
  // The adapter hands every solution it returns to the callback, so the best
  // dense value above already covers the solver's final incumbent.
  if (solve.has_solution) result.solver_best = solve.objective;
  if (!result.best_value) {
    result.status = MaximizationStatus::no_solution;
  } else if (!surrogate && solve.status == SolveStatus::optimal) {
    result.status = MaximizationStatus::optimal;
  } else {
    result.status = MaximizationStatus::feasible;
  }
  if (result.best_value && !surrogate)
    result.gap = (result.bound - *result.best_value) / std::max(std::abs(*result.best_value), 1e-9);
  return result;
}

}  // namespace nnmip
