// An interrupt (Ctrl-C) stops a search like its time running out: what was not
// decided stays unknown, never a proof. The flag stays set for this whole test
// program (util/interrupt.hpp has no reset: a process is interrupted once).
#include <gtest/gtest.h>

#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip {
namespace {

Network random_network() { return init_pytorch_default(make_architecture(4, 2, 8, 3), 7); }

SearchOptions options_without_heuristics() {
  SearchOptions options;
  options.solver.time_limit_s = 600;  // the interrupt, not the limit, must end the search
  options.heuristics = HeuristicLevel::none;
  options.mip_start = MipStartChoice::none;
  options.bounds.method = BoundsMethod::interval;
  return options;
}

TEST(Interrupt, AnInterruptedVerificationProvesNothing) {
  const Network net = random_network();
  const Vector center = Vector::Constant(4, 0.5);
  const Vector out = net.forward(center);
  VerificationProblem problem;
  problem.center = center;
  problem.epsilon = 0.5;
  problem.norm = Norm::linf;
  Eigen::Index best;
  out.maxCoeff(&best);
  problem.true_class = static_cast<int>(best);
  problem.target_class = kEveryOtherClass;
  request_interrupt();
  auto solver = make_solver("cbc");
  const VerificationResult r = verify(net, problem, options_without_heuristics(), *solver);
  // Uninterrupted, CBC decides this small instance at once; interrupted, nothing is decided.
  EXPECT_EQ(r.status, VerificationStatus::unknown);
}

TEST(Interrupt, AnInterruptedMaximizationIsNotOptimal) {
  request_interrupt();
  const Network net = random_network();
  const MaximizationProblem problem{Box{Vector::Zero(4), Vector::Ones(4)}, unit_objective(3, 0)};
  auto solver = make_solver("cbc");
  const MaximizationResult r = maximize(net, problem, options_without_heuristics(), *solver);
  // Uninterrupted, CBC proves this small maximization optimal at once.
  EXPECT_NE(r.status, MaximizationStatus::optimal);
}

}  // namespace
}  // namespace nnmip
