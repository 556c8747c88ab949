// Uses the installed library end to end: a network built by hand, written to ONNX
// and read back (formats), maximized with CBC (solver, algorithms).
//   y = relu(x) + relu(-x) = |x|, so max y over x in [-1, 0.5] is 1, at x = -1.
#include <cstdio>

#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/version.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  using namespace nnmip;
  Layer hidden{Matrix{{1.0}, {-1.0}}, Vector::Zero(2)};
  Layer output{Matrix{{1.0, 1.0}}, Vector::Zero(1)};
  write_network(Network({hidden, output}), argv[1]);
  const Network network = read_network(argv[1]);

  MaximizationProblem problem;
  problem.domain = Box{Vector::Constant(1, -1.0), Vector::Constant(1, 0.5)};
  problem.objective = unit_objective(1, 0);
  SearchOptions options;
  options.solver.time_limit_s = 60;
  const auto solver = make_solver("cbc");
  const MaximizationResult result = maximize(network, problem, options, *solver);
  std::printf("nnmip %s: max |x| over [-1, 0.5] = %g (%s)\n", kVersion, result.best_value.value_or(-1.0),
              to_string(result.status));
  return 0;
}
