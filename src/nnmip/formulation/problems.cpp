#include "nnmip/formulation/problems.hpp"

#include <cmath>

#include "nnmip/util/error.hpp"

namespace nnmip {

Norm parse_norm(const std::string& name) {
  if (name == "l1") return Norm::l1;
  if (name == "linf") return Norm::linf;
  throw Error("unknown norm '" + name + "': use l1 or linf");
}

const char* to_string(Norm norm) { return norm == Norm::l1 ? "l1" : "linf"; }

void check_problem(const Network& network, const VerificationProblem& problem) {
  check_input(network, problem.center, "the input to verify around");
  if (!(problem.epsilon > 0.0) || !std::isfinite(problem.epsilon))
    throw Error("epsilon must be a positive number (got " + std::to_string(problem.epsilon) + ")");
  const int m = network.output_size();
  if (m < 2) throw Error("verification needs a network with at least 2 outputs");
  const auto check_class = [&](int c, const char* what) {
    if (c < 0 || c >= m)
      throw Error(std::string(what) + " " + std::to_string(c) + " is out of range: the network has " +
                  std::to_string(m) + " outputs (0.." + std::to_string(m - 1) + ")");
  };
  check_class(problem.true_class, "the true class");
  if (problem.target_class != kEveryOtherClass) check_class(problem.target_class, "the target class");
  if (problem.true_class == problem.target_class)
    throw Error("the target class equals the true class " + std::to_string(problem.true_class) +
                ": choose another target class (or every other class)");
  if (!problem.domain) return;
  const Box& d = *problem.domain;
  if (d.lower.size() != problem.center.size() || d.upper.size() != problem.center.size())
    throw Error("the input domain has " + std::to_string(d.lower.size()) + " entries but the network takes " +
                std::to_string(problem.center.size()) + " inputs");
  // The ball is cut to the domain: a centre outside it would silently change the question.
  for (int k = 0; k < problem.center.size(); ++k) {
    if (!(d.lower(k) <= d.upper(k)))
      throw Error("the input domain of input " + std::to_string(k) + " is empty: [" + std::to_string(d.lower(k)) +
                  ", " + std::to_string(d.upper(k)) + "]");
    if (problem.center(k) < d.lower(k) || problem.center(k) > d.upper(k))
      throw Error("input " + std::to_string(k) + " of the point to verify around is " +
                  std::to_string(problem.center(k)) + ", outside the input domain [" + std::to_string(d.lower(k)) +
                  ", " + std::to_string(d.upper(k)) +
                  "]: give a point inside the domain (inputs scaled like the network's training data), "
                  "or a domain that contains it");
  }
}

std::vector<int> target_classes(const Network& network, const VerificationProblem& problem) {
  if (problem.target_class != kEveryOtherClass) return {problem.target_class};
  std::vector<int> targets;
  for (int j = 0; j < network.output_size(); ++j)
    if (j != problem.true_class) targets.push_back(j);
  return targets;
}

InputDomain verification_domain(const VerificationProblem& problem) {
  InputDomain domain;
  const Vector& c = problem.center;
  domain.box.lower = c.array() - problem.epsilon;
  domain.box.upper = c.array() + problem.epsilon;
  if (problem.domain) {
    domain.box.lower = domain.box.lower.cwiseMax(problem.domain->lower).cwiseMin(problem.domain->upper);
    domain.box.upper = domain.box.upper.cwiseMin(problem.domain->upper).cwiseMax(problem.domain->lower);
  }
  if (problem.norm == Norm::l1) domain.l1 = L1Ball{c, problem.epsilon};
  return domain;
}

NetworkModel build_verification_model(const Network& network, const VerificationProblem& problem,
                                      const BoundsOptions& options) {
  check_problem(network, problem);
  if (problem.target_class == kEveryOtherClass)
    throw Error("the model of eq. 7 needs one target class; every other class is a property (verify())");
  NetworkModel built = build_network_model(network, verification_domain(problem), options);
  built.model.sense = Sense::maximize;
  built.model.set_objective(built.encoding.output_columns[problem.target_class], 1.0);
  built.model.set_objective(built.encoding.output_columns[problem.true_class], -1.0);
  return built;
}

void check_problem(const Network& network, const MaximizationProblem& problem) {
  const int n = network.input_size();
  if (problem.domain.lower.size() != n || problem.domain.upper.size() != n)
    throw Error("the box has " + std::to_string(problem.domain.lower.size()) + " entries but the network takes " +
                std::to_string(n) + " inputs");
  for (int k = 0; k < n; ++k)
    if (!(problem.domain.lower(k) <= problem.domain.upper(k)) || !std::isfinite(problem.domain.lower(k)) ||
        !std::isfinite(problem.domain.upper(k)))
      throw Error("the box of input " + std::to_string(k) + " is [" + std::to_string(problem.domain.lower(k)) + ", " +
                  std::to_string(problem.domain.upper(k)) + "]: bounds must be finite with lo <= hi");
  if (problem.objective.size() != network.output_size())
    throw Error("the objective has " + std::to_string(problem.objective.size()) + " coefficients but the network has " +
                std::to_string(network.output_size()) + " outputs");
  if (!problem.objective.allFinite() || problem.objective.isZero(0.0))
    throw Error("the objective's coefficients must be finite and not all zero");
}

NetworkModel build_maximization_model(const Network& network, const MaximizationProblem& problem,
                                      const BoundsOptions& options) {
  check_problem(network, problem);
  InputDomain domain;
  domain.box = problem.domain;
  NetworkModel built = build_network_model(network, domain, options);
  // A minimization is solved as max -c^T y (maximize() reports values in the user's sign).
  built.model.sense = Sense::maximize;
  const double sign = problem.minimize ? -1.0 : 1.0;
  for (int k = 0; k < problem.objective.size(); ++k)
    if (problem.objective(k) != 0.0)
      built.model.set_objective(built.encoding.output_columns[k], sign * problem.objective(k));
  return built;
}

Vector unit_objective(int outputs, int k) {
  if (k < 0 || k >= outputs)
    throw Error("output " + std::to_string(k) + " is out of range: the network has " + std::to_string(outputs) +
                " outputs (0.." + std::to_string(outputs - 1) + ")");
  Vector c = Vector::Zero(outputs);
  c(k) = 1.0;
  return c;
}

}  // namespace nnmip
