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
  for (int c : {problem.true_class, problem.target_class})
    if (c < 0 || c >= m)
      throw Error("class " + std::to_string(c) + " is out of range: the network has " +
                  std::to_string(m) + " outputs (0.." + std::to_string(m - 1) + ")");
  if (problem.true_class == problem.target_class)
    throw Error("the target class equals the true class " + std::to_string(problem.true_class) +
                ": choose another --target (or auto)");
  if (problem.pixel_lower > problem.pixel_upper) throw Error("the pixel domain is empty");
  // The ball is cut to the pixel domain: a centre outside it would silently change the question.
  for (int k = 0; k < problem.center.size(); ++k)
    if (problem.center(k) < problem.pixel_lower || problem.center(k) > problem.pixel_upper)
      throw Error("input " + std::to_string(k) + " of the point to verify around is " +
                  std::to_string(problem.center(k)) + ", outside the input domain [" +
                  std::to_string(problem.pixel_lower) + ", " + std::to_string(problem.pixel_upper) +
                  "]: give a point inside the domain (inputs scaled like the network's training data)");
}

InputDomain verification_domain(const VerificationProblem& problem) {
  InputDomain domain;
  const Vector& c = problem.center;
  domain.box.lower = (c.array() - problem.epsilon).cwiseMax(problem.pixel_lower).cwiseMin(problem.pixel_upper);
  domain.box.upper = (c.array() + problem.epsilon).cwiseMin(problem.pixel_upper).cwiseMax(problem.pixel_lower);
  if (problem.norm == Norm::l1) domain.l1 = L1Ball{c, problem.epsilon};
  return domain;
}

double verification_margin(const VerificationProblem& problem, const Vector& y) {
  return y(problem.target_class) - y(problem.true_class);
}

NetworkModel build_verification_model(const Network& network, const VerificationProblem& problem,
                                      const BoundsOptions& options) {
  check_problem(network, problem);
  NetworkModel built = build_network_model(network, verification_domain(problem), options);
  built.model.sense = Sense::maximize;
  built.model.set_objective(built.encoding.output_columns[problem.target_class], 1.0);
  built.model.set_objective(built.encoding.output_columns[problem.true_class], -1.0);
  return built;
}

void check_problem(const Network& network, const MaximizationProblem& problem) {
  const int n = network.input_size();
  if (problem.domain.lower.size() != n || problem.domain.upper.size() != n)
    throw Error("the box has " + std::to_string(problem.domain.lower.size()) +
                " entries but the network takes " + std::to_string(n) + " inputs");
  for (int k = 0; k < n; ++k)
    if (!(problem.domain.lower(k) <= problem.domain.upper(k)) || !std::isfinite(problem.domain.lower(k)) ||
        !std::isfinite(problem.domain.upper(k)))
      throw Error("the box of input " + std::to_string(k) + " is [" +
                  std::to_string(problem.domain.lower(k)) + ", " +
                  std::to_string(problem.domain.upper(k)) + "]: bounds must be finite with lo <= hi");
  if (problem.output < 0 || problem.output >= network.output_size())
    throw Error("output " + std::to_string(problem.output) + " is out of range: the network has " +
                std::to_string(network.output_size()) + " outputs");
}

NetworkModel build_maximization_model(const Network& network, const MaximizationProblem& problem,
                                      const BoundsOptions& options) {
  check_problem(network, problem);
  InputDomain domain;
  domain.box = problem.domain;
  NetworkModel built = build_network_model(network, domain, options);
  built.model.sense = Sense::maximize;
  built.model.set_objective(built.encoding.output_columns[problem.output], 1.0);
  return built;
}

}  // namespace nnmip
