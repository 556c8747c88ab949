#include "nnmip/algorithms/verification.hpp"

#include <algorithm>
#include <cmath>

#include "nnmip/util/error.hpp"

namespace nnmip {

const char* to_string(VerificationStatus status) {
  switch (status) {
    case VerificationStatus::adversarial: return "adversarial";
    case VerificationStatus::robust: return "robust";
    case VerificationStatus::unknown: return "unknown";
    case VerificationStatus::misclassified: return "misclassified";
  }
  return "unknown";
}

namespace {

double distance_in(Norm norm, const Vector& a, const Vector& b) {
  return norm == Norm::l1 ? (a - b).lpNorm<1>() : (a - b).lpNorm<Eigen::Infinity>();
}

}  // namespace

std::vector<Conjunction> reach_disjuncts(const Network& network, const VerificationProblem& problem) {
  std::vector<Conjunction> disjuncts;
  const int true_class = problem.true_class;
  for (int target : target_classes(network, problem)) {
    OutputConstraint reach;
    reach.coefficients = Vector::Zero(network.output_size());
    reach.coefficients(true_class) = 1.0;
    reach.coefficients(target) = -1.0;
    reach.text = "y_" + std::to_string(target) + " >= y_" + std::to_string(true_class);
    disjuncts.push_back(Conjunction{{reach}, reach.text});
  }
  return disjuncts;
}

Property verification_property(const Network& network, const VerificationProblem& problem) {
  check_problem(network, problem);
  if (problem.norm != Norm::linf)
    throw Error("an L1 ball is not a box, and VNN-LIB's input constraints are boxes: use the L-infinity norm (linf)");
  Property property;
  property.inputs = network.input_size();
  property.outputs = network.output_size();
  property.cases.push_back(PropertyCase{verification_domain(problem).box, reach_disjuncts(network, problem)});
  return property;
}

namespace {

/// The largest of the parts' values when every part has one (a bound over all targets).
template <typename Get>
std::optional<double> max_over_parts(const std::vector<PropertyPartOutcome>& parts, Get get) {
  std::optional<double> result;
  for (const PropertyPartOutcome& part : parts) {
    const std::optional<double> value = get(part);
    if (!value) return std::nullopt;
    result = result ? std::max(*result, *value) : *value;
  }
  return result;
}

}  // namespace

VerificationResult verify(const Network& dense, const VerificationProblem& problem, const SearchOptions& options,
                          MilpSolver& solver, const Network* surrogate, const std::vector<const Network*>& ladder) {
  check_problem(dense, problem);
  VerificationResult result;
  result.used_surrogate = surrogate != nullptr;
  result.targets = target_classes(dense, problem);
  const std::vector<Conjunction> disjuncts = reach_disjuncts(dense, problem);

  const Vector y0 = dense.forward(problem.center);
  if (satisfaction(disjuncts, y0) >= 0.0) {  // x0 itself: nothing to search
    result.status = VerificationStatus::misclassified;
    result.input = problem.center;
    result.output = y0;
    result.dense_margin = satisfaction(disjuncts, y0);
    for (int target : result.targets)
      if (y0(target) >= y0(problem.true_class) && !result.adversarial_class) result.adversarial_class = target;
    return result;
  }

  const PropertyCaseDomain question{verification_domain(problem), disjuncts, problem.center};
  const PropertyResult decided = decide_property(dense, {question}, options, solver, surrogate, ladder);

  result.status = decided.verdict == PropertyVerdict::sat     ? VerificationStatus::adversarial
                  : decided.verdict == PropertyVerdict::unsat ? VerificationStatus::robust
                                                              : VerificationStatus::unknown;
  if (decided.verdict == PropertyVerdict::sat) result.adversarial_class = result.targets[decided.disjunct];
  result.time_to_first_adversarial_s = decided.time_to_sat_s;
  result.build_time_s = decided.build_time_s;
  result.solve_time_s = decided.total_time_s - decided.build_time_s;
  if (!decided.parts.empty()) {
    result.solver_status = decided.parts.back().solver_status;
    result.model = decided.parts.front().model;
  }
  size_t covered = 0;  // targets whose MILP ran (the search stops at the first adversarial input)
  for (const PropertyPartOutcome& part : decided.parts) covered += part.disjuncts.size();
  if (covered == result.targets.size()) {
    result.solver_bound = max_over_parts(decided.parts, [](const PropertyPartOutcome& p) { return p.bound; });
    result.symbolic_bound =
        max_over_parts(decided.parts, [](const PropertyPartOutcome& p) { return p.symbolic_bound; });
  }
  for (const PropertyPartOutcome& part : decided.parts) {
    if (part.solver_best)
      result.solver_best = std::max(result.solver_best.value_or(*part.solver_best), *part.solver_best);
    result.ladder_steps += part.ladder_steps;
    for (int j : part.disjuncts) {
      // A joint MILP's counterexample is one target's: the others stay unknown.
      const bool other = part.verdict == PropertyVerdict::sat && result.targets[j] != result.adversarial_class;
      result.per_target.push_back({result.targets[j], other ? PropertyVerdict::unknown : part.verdict, part.bound,
                                   part.time_s, part.ladder_steps > 0});
    }
  }
  result.incumbents = decided.incumbents;
  result.heuristics = decided.heuristics;
  result.warnings = decided.warnings;
  result.input = decided.counterexample      ? *decided.counterexample
                 : decided.best_satisfaction ? decided.best_input
                                             : problem.center;
  result.output = dense.forward(result.input);
  result.dense_margin = satisfaction(disjuncts, result.output);
  result.distance = distance_in(problem.norm, result.input, problem.center);
  return result;
}

}  // namespace nnmip
