#include "nnmip/algorithms/verification.hpp"

#include <cmath>


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
                          const Network* surrogate) {
  check_problem(dense, problem);
  if (surrogate) check_surrogate(dense, *surrogate);
  const Network& solved = surrogate ? *surrogate : dense;

  VerificationResult result;
  result.used_surrogate = surrogate != nullptr;
  const PreparedSearch prepared = prepare_search(
      solved, [&] { return build_verification_model(solved, problem, options.bounds); }, options,
      problem.center);
  const NetworkModel& built = prepared.built;
  result.build_time_s = prepared.build_time_s;
  result.model = built.stats;

  // Best dense margin seen so far and its input; x0 until an incumbent arrives.
  result.input = problem.center;
  result.dense_margin = verification_margin(problem, dense.forward(problem.center));
  bool have_incumbent = false;
  auto on_incumbent = [&](const std::vector<double>& values, double objective, double elapsed_s) {
    if (result.time_to_first_adversarial_s) return CallbackAction::stop;  // already done
    const Vector x = project_into(built.domain, built.input_of(values));
    const double margin = verification_margin(problem, dense.forward(x));
    const double solved_margin = surrogate ? verification_margin(problem, solved.forward(x)) : margin;
    if (std::abs(solved_margin - objective) > kAgreementTolerance * (1.0 + std::abs(objective)))
      result.warnings.push_back("at " + std::to_string(elapsed_s) + " s the solver's objective " +
                                std::to_string(objective) + " differs from the forward pass " +
                                std::to_string(solved_margin));
    const bool adversarial = margin > 0.0 && built.domain.contains(x, 1e-9);
    result.incumbents.push_back({elapsed_s, objective, margin, adversarial});
    if (!have_incumbent || margin > result.dense_margin) {
      result.input = x;
      result.dense_margin = margin;
    }
    have_incumbent = true;
    if (adversarial) {
      result.time_to_first_adversarial_s = elapsed_s;
      return CallbackAction::stop;
    }
    return CallbackAction::keep_going;
  };

  const SolveResult solve = solver.solve(built.model, options.solver, on_incumbent, prepared.start);
  result.solve_time_s = solve.solve_time_s;
  result.solver_status = solve.status;
  result.solver_bound = solve.bound;
  if (solve.has_solution) result.solver_best = solve.objective;
  result.distance = distance_in(problem.norm, result.input, problem.center);

  if (result.time_to_first_adversarial_s) {
    result.status = VerificationStatus::adversarial;
  } else if (!surrogate && solve.status == SolveStatus::optimal && solve.bound <= 0.0 &&
             (!solve.has_solution || solve.objective <= 0.0)) {
    result.status = VerificationStatus::robust;
  } else {
    result.status = VerificationStatus::unknown;
  }
  return result;
}

}  // namespace nnmip
