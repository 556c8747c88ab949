#include "nnmip/algorithms/verification.hpp"

#include <cmath>

#include "nnmip/algorithms/search_core.hpp"


namespace nnmip {

const char* to_string(VerificationStatus status) {
  switch (status) {
    case VerificationStatus::adversarial: return "adversarial";
    case VerificationStatus::robust: return "robust";
    case VerificationStatus::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

double distance_in(Norm norm, const Vector& a, const Vector& b) {
  return norm == Norm::l1 ? (a - b).lpNorm<1>() : (a - b).lpNorm<Eigen::Infinity>();
}

}  // namespace

VerificationResult verify(const Network& dense, const VerificationProblem& problem,
                          const SearchOptions& options, MilpSolver& solver,
                          const Network* surrogate, const std::vector<const Network*>& ladder) {
  check_problem(dense, problem);
  SearchGoal goal;
  goal.output_weights = Vector::Zero(dense.output_size());
  goal.output_weights(problem.target_class) += 1.0;
  goal.output_weights(problem.true_class) -= 1.0;
  goal.stop_above = 0.0;
  Search search(dense, verification_domain(problem), goal, options);
  const LadderOutcome run = run_ladder(
      search, solver, dense, surrogate, ladder,
      [&](const Network& solved, const BoundsOptions& bounds) { return build_verification_model(solved, problem, bounds); }, options,
      problem.center);
  const SolveResult& solve = run.last_solve;

  VerificationResult result;
  result.used_surrogate = surrogate != nullptr;
  record_search(result, run, search);
  result.solver_bound = trusted_bound(run, search, result.warnings);
  result.symbolic_bound = search.symbolic_bound();
  result.time_to_first_adversarial_s = search.time_to_goal_s();
  // Best dense margin seen and its input; x0 when nothing was judged.
  result.input = search.has_point() ? search.best_input() : problem.center;
  result.dense_margin = search.has_point() ? search.best_value() : verification_margin(problem, dense.forward(problem.center));
  result.distance = distance_in(problem.norm, result.input, problem.center);

  if (solve.status == SolveStatus::infeasible)
    result.warnings.push_back("the solver declared the model infeasible although the input to verify around is "
                              "feasible (numerical trouble): nothing is proven");
  if (result.time_to_first_adversarial_s) {
    result.status = VerificationStatus::adversarial;
  } else if (run.last_on_dense && solve.status == SolveStatus::optimal && result.solver_bound &&
             *result.solver_bound <= 0.0 && (!solve.has_solution || solve.objective <= 0.0)) {
    result.status = VerificationStatus::robust;
  } else {
    result.status = VerificationStatus::unknown;
  }
  return result;
}

}  // namespace nnmip
