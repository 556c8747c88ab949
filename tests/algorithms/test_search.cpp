// Verification and maximization searches, direct and through surrogates
// (Algorithms 1 and 2), on networks whose answers are known by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/log.hpp"
#include "support/recording_sink.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

namespace {

SearchOptions options_with_limit(double seconds) {
  SearchOptions options;
  options.solver.time_limit_s = seconds;
  return options;
}

// y0 = 0.2, y1 = relu(x1 - x2): around x0 = (0.5, 0.5) class 0 wins by 0.2, and
// the largest margin y1 - y0 over the L1 ball of radius eps is min(eps, 0.5...) - 0.2.
Network difference_network() {
  return network_of({{matrix(2, 2, {1, -1, -1, 1}), vector({0, 0})}, {matrix(2, 2, {0, 0, 1, 0}), vector({0.2, 0})}});
}

VerificationProblem difference_problem(double epsilon) {
  VerificationProblem problem;
  problem.center = vector({0.5, 0.5});
  problem.epsilon = epsilon;
  problem.true_class = 0;
  problem.target_class = 1;
  return problem;
}

// Dense: y0 = 2 relu(x + 1) = 2x + 2, y1 = relu(x) = x: y1 - y0 < 0 for every x in [0, 1].
// Surrogate (the weight h2 -> y0 pruned): y0 = 0, y1 = x: adversarial for every x > 0.
Network robust_dense() {
  return network_of({{matrix(2, 1, {1, 1}), vector({0, 1})}, {matrix(2, 2, {0, 2, 1, 0}), vector({0, 0})}});
}
Network misleading_surrogate() {
  return network_of({{matrix(2, 1, {1, 1}), vector({0, 1})}, {matrix(2, 2, {0, 0, 1, 0}), vector({0, 0})}});
}

/// A solver that never finds anything and runs out of time.
class TimeoutSolver : public MilpSolver {
 public:
  std::string name() const override { return "timeout"; }
  std::string version() const override { return "test"; }
  SolveResult solve(const MilpModel&, const SolverOptions& options, const IncumbentCallback&,
                    const std::optional<std::vector<double>>&, const RelaxationHook&) override {
    SolveResult result;
    result.status = SolveStatus::time_limit;
    result.bound = 10.0;
    result.solve_time_s = options.time_limit_s;
    return result;
  }
};

/// Reports progress once (incumbent 0.5, bound 0.75, 12 nodes, in the model's sense), then times out.
class ProgressSolver : public MilpSolver {
 public:
  std::string name() const override { return "progress"; }
  std::string version() const override { return "test"; }
  SolveResult solve(const MilpModel&, const SolverOptions& options, const IncumbentCallback&,
                    const std::optional<std::vector<double>>&, const RelaxationHook&) override {
    if (options.on_progress) options.on_progress({0.5, 0.5, 0.75, 12});
    return SolveResult{};
  }
};

double network_margin(const Network& network, const Vector& x) {
  const Vector y = network.forward(x);
  return y(1) - y(0);
}

/// A random 6-12-12-4 network, a 60% random surrogate and an L1 instance around a random point.
struct RandomInstance {
  Network dense, surrogate;
  VerificationProblem problem;
};
RandomInstance random_instance(std::uint64_t seed);

Network zero_random_weights(const Network& network, double fraction, std::uint64_t seed) {
  Rng rng(seed);
  Network pruned = network;
  for (int l = 0; l < pruned.num_layers(); ++l) {
    Matrix w = pruned.layer(l).weights;
    for (int i = 0; i < w.size(); ++i)
      if (rng.uniform01() < fraction) w.data()[i] = 0.0;
    pruned.set_weights(l, w);
  }
  return pruned;
}

RandomInstance random_instance(std::uint64_t seed) {
  RandomInstance r;
  r.dense = init_xavier_uniform({6, 12, 12, 4}, seed);
  r.surrogate = zero_random_weights(r.dense, 0.6, seed + 100);
  Rng rng(seed);
  r.problem.center = random_point(rng, Vector::Zero(6), Vector::Ones(6));
  r.problem.epsilon = 1.0 + 0.5 * static_cast<double>(seed % 4);
  std::tie(r.problem.true_class, r.problem.target_class) = top_two_classes(r.dense.forward(r.problem.center));
  r.problem.domain = Box{Vector::Zero(6), Vector::Ones(6)};  // pixels
  return r;
}

}  // namespace

TEST(Verify, FindsTheKnownAdversarialInput) {
  const Network network = difference_network();
  auto solver = make_cbc_solver();
  const VerificationResult result = verify(network, difference_problem(0.5), options_with_limit(60), *solver);
  ASSERT_EQ(result.status, VerificationStatus::adversarial);
  EXPECT_GE(result.dense_margin, 0.0);
  EXPECT_NEAR(result.dense_margin, network.forward(result.input)(1) - network.forward(result.input)(0), 1e-12);
  EXPECT_LE((result.input - vector({0.5, 0.5})).lpNorm<1>(), 0.5 + 1e-9);
  EXPECT_TRUE(result.time_to_first_adversarial_s.has_value());
}

TEST(Verify, ProvesRobustnessWhenNoAdversarialInputExists) {
  auto solver = make_cbc_solver();
  // max relu(x1 - x2) over the ball of radius 0.1 is 0.1 < 0.2.
  for (MipStartChoice mip_start : {MipStartChoice::forward, MipStartChoice::none}) {
    SearchOptions options = options_with_limit(60);
    options.mip_start = mip_start;
    const VerificationResult result = verify(difference_network(), difference_problem(0.1), options, *solver);
    EXPECT_EQ(result.status, VerificationStatus::robust);
    EXPECT_LE(result.dense_margin, 0.0);
  }
  const VerificationResult result =
      verify(robust_dense(), {vector({0.5}), 0.5, Norm::l1, 0, 1}, options_with_limit(60), *solver);
  EXPECT_EQ(result.status, VerificationStatus::robust);
}

TEST(Verify, TimeLimitWithoutAnswerIsUnknownNeverRobust) {
  TimeoutSolver solver;
  SearchOptions options = options_with_limit(1);
  options.heuristics = HeuristicLevel::none;  // so that nothing finds the adversarial input
  const VerificationResult result = verify(difference_network(), difference_problem(0.5), options, solver);
  EXPECT_EQ(result.status, VerificationStatus::unknown);
  ASSERT_TRUE(result.symbolic_bound.has_value());
  EXPECT_GT(*result.symbolic_bound, 0.0);
}

TEST(Verify, SymbolicBoundsProveRobustnessWithoutTheSolver) {
  // max relu(x1 - x2) - 0.2 over the L1 ball of radius 0.1 is -0.1: the
  // backward bound proves it; the solver (which would time out) is not needed.
  TimeoutSolver solver;
  const VerificationResult result =
      verify(difference_network(), difference_problem(0.1), options_with_limit(1), solver);
  EXPECT_EQ(result.status, VerificationStatus::robust);
  ASSERT_TRUE(result.symbolic_bound.has_value());
  EXPECT_LE(*result.symbolic_bound, 0.0);
  EXPECT_GE(*result.symbolic_bound, -0.1 - 1e-9);  // a bound, never below the true maximum
  // Through a surrogate, a proof about S is not one about D.
  const Network surrogate = difference_network();
  EXPECT_EQ(verify(difference_network(), difference_problem(0.1), options_with_limit(1), solver, &surrogate).status,
            VerificationStatus::unknown);
}

TEST(Verify, LInfinityBallIsABox) {
  auto solver = make_cbc_solver();
  VerificationProblem problem = difference_problem(0.15);
  problem.norm = Norm::linf;  // x1 - x2 can reach 0.3 > 0.2 in the box, but only 0.15 in the L1 ball
  EXPECT_EQ(verify(difference_network(), problem, options_with_limit(60), *solver).status,
            VerificationStatus::adversarial);
  problem.norm = Norm::l1;
  EXPECT_EQ(verify(difference_network(), problem, options_with_limit(60), *solver).status, VerificationStatus::robust);
}

TEST(Algorithm1, SurrogateOnlyAdversarialGivesUnknown) {
  const Network dense = robust_dense();
  const Network surrogate = misleading_surrogate();
  const VerificationProblem problem{vector({0.5}), 0.5, Norm::l1, 0, 1};
  auto solver = make_cbc_solver();
  const VerificationResult result = verify(dense, problem, options_with_limit(60), *solver, &surrogate);
  EXPECT_EQ(result.status, VerificationStatus::unknown);
  EXPECT_LT(result.dense_margin, 0.0);
  // The surrogate found its own adversarial inputs, none of which fooled D.
  bool surrogate_positive = false;
  for (const IncumbentRecord& r : result.incumbents) {
    surrogate_positive |= r.solver_objective > 0.0;
    EXPECT_FALSE(r.accepted);
  }
  EXPECT_TRUE(surrogate_positive);
}

TEST(Algorithm1, ASurrogateProvedUnableStillLetsTheHeuristicsSearchTheDenseNetwork) {
  // D: the difference network, adversarial in the L1 ball of radius 0.5 (margin up to 0.3).
  // S: its weight h1 -> y1 pruned: y1 = 0, so the symbolic bound proves S robust at once.
  const Network surrogate =
      network_of({{matrix(2, 2, {1, -1, -1, 1}), vector({0, 0})}, {matrix(2, 2, {0, 0, 0, 0}), vector({0.2, 0})}});
  TimeoutSolver solver;  // finds nothing: only the heuristics can
  SearchOptions options = options_with_limit(5);
  const VerificationResult found = verify(difference_network(), difference_problem(0.5), options, solver, &surrogate);
  EXPECT_EQ(found.status, VerificationStatus::adversarial);
  EXPECT_GT(network_margin(difference_network(), found.input), 0.0);
  options.heuristics = HeuristicLevel::none;  // Algorithm 1 as the paper ran it: S's proof ends the search
  EXPECT_EQ(verify(difference_network(), difference_problem(0.5), options, solver, &surrogate).status,
            VerificationStatus::unknown);
}

TEST(Algorithm1, NeverReportsAnInputThatIsNotAdversarialOnTheDenseNetwork) {
  auto solver = make_cbc_solver();
  int adversarial = 0;
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    const auto [dense, surrogate, problem] = random_instance(seed);
    const VerificationResult result = verify(dense, problem, options_with_limit(30), *solver, &surrogate);
    EXPECT_NE(result.status, VerificationStatus::robust);
    if (result.status == VerificationStatus::adversarial) {
      ++adversarial;
      const Vector yd = dense.forward(result.input);
      EXPECT_GE(yd(problem.target_class) - yd(problem.true_class), 0.0);
      EXPECT_LE((result.input - problem.center).lpNorm<1>(), problem.epsilon + 1e-9);
      EXPECT_GE(result.input.minCoeff(), -1e-9);
      EXPECT_LE(result.input.maxCoeff(), 1.0 + 1e-9);
    }
  }
  EXPECT_GT(adversarial, 0);  // the check above was exercised
}

TEST(Maximize, FixtureTestSmallReachesItsKnownMaximum) {
  const std::filesystem::path file = std::filesystem::path(NNMIP_FIXTURES_DIR) / "onnx" / "test_small.onnx";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "fixtures absent: " << file;
  const Network network = read_onnx(file.string());
  auto solver = make_cbc_solver();
  const MaximizationResult result =
      maximize(network, {Box{vector({-0.9}), vector({0.9})}, unit_objective(network.output_size(), 0)},
               options_with_limit(60), *solver);
  ASSERT_EQ(result.status, MaximizationStatus::optimal);
  EXPECT_NEAR(*result.best_value, 76.1, 1e-6);
  EXPECT_NEAR(result.input(0), 0.9, 1e-9);
}

TEST(Algorithm2, BestValueIsTheDenseNetworkAtTheReturnedInput) {
  auto solver = make_cbc_solver();
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    const Network dense = init_pytorch_default({5, 10, 10, 1}, seed);
    const Network surrogate = zero_random_weights(dense, 0.5, seed + 7);
    const MaximizationProblem problem{Box{Vector::Zero(5), Vector::Ones(5)}, unit_objective(dense.output_size(), 0)};
    SearchOptions options = options_with_limit(20);
    options.solver.many_solutions = true;
    const MaximizationResult result = maximize(dense, problem, options, *solver, &surrogate);
    ASSERT_TRUE(result.best_value.has_value());
    EXPECT_EQ(result.status, MaximizationStatus::feasible);  // never "optimal" through a surrogate
    EXPECT_DOUBLE_EQ(*result.best_value, dense.forward(result.input)(0));
    for (const IncumbentRecord& r : result.incumbents) EXPECT_LE(r.dense_objective, *result.best_value);
    // Direct solve: the proven optimum is at least Algorithm 2's value.
    const MaximizationResult direct = maximize(dense, problem, options_with_limit(60), *solver);
    ASSERT_EQ(direct.status, MaximizationStatus::optimal);
    EXPECT_GE(*direct.best_value, *result.best_value - 1e-6);
  }
}

// --- Heuristics, ladder, trusted bounds -----------------------------------------

const HeuristicLevel kAllLevels[] = {HeuristicLevel::none, HeuristicLevel::lp, HeuristicLevel::lp_polish,
                                     HeuristicLevel::all};

TEST(Heuristics, ProofsAndSoundnessHoldAtEveryLevel) {
  auto solver = make_cbc_solver();
  for (HeuristicLevel level : kAllLevels) {
    SearchOptions options = options_with_limit(60);
    options.heuristics = level;
    EXPECT_EQ(verify(difference_network(), difference_problem(0.1), options, *solver).status,
              VerificationStatus::robust)
        << to_string(level);
    const VerificationResult found = verify(difference_network(), difference_problem(0.5), options, *solver);
    ASSERT_EQ(found.status, VerificationStatus::adversarial) << to_string(level);
    EXPECT_GT(network_margin(difference_network(), found.input), 0.0);
    int adversarial = 0;
    for (std::uint64_t seed = 0; seed < 6; ++seed) {
      const auto [dense, surrogate, problem] = random_instance(seed);
      for (const Network* s : {static_cast<const Network*>(nullptr), &surrogate}) {
        const VerificationResult r = verify(dense, problem, options, *solver, s);
        EXPECT_FALSE(s && r.status == VerificationStatus::robust);
        if (r.status != VerificationStatus::adversarial) continue;
        ++adversarial;
        const Vector y = dense.forward(r.input);
        EXPECT_GE(y(problem.target_class) - y(problem.true_class), 0.0);
        EXPECT_LE((r.input - problem.center).lpNorm<1>(), problem.epsilon + 1e-9);
      }
    }
    EXPECT_GT(adversarial, 0) << to_string(level);  // the checks above were exercised
  }
}

TEST(Heuristics, FindTheAdversarialInputWithoutTheSolver) {
  // The solver finds nothing; the polished root LP point (and the gradient) do.
  TimeoutSolver solver;
  for (HeuristicLevel level : kAllLevels) {
    SearchOptions options = options_with_limit(5);
    options.heuristics = level;
    const VerificationResult r = verify(difference_network(), difference_problem(0.5), options, solver);
    if (level == HeuristicLevel::none || level == HeuristicLevel::lp) {
      // The root LP's input of this model is x0 itself (the margin's LP optimum is not unique).
      if (r.status == VerificationStatus::adversarial) {
        EXPECT_EQ(r.incumbents.back().source, "lp-forward");
      }
      if (level == HeuristicLevel::none) {
        EXPECT_EQ(r.status, VerificationStatus::unknown);
      }
      continue;
    }
    ASSERT_EQ(r.status, VerificationStatus::adversarial) << to_string(level);
    EXPECT_NE(r.incumbents.back().source, "solver");
    // The polish ends at the best point of its region: here the global optimum of the margin.
    if (level == HeuristicLevel::lp_polish) {
      EXPECT_NEAR(r.dense_margin, 0.5 - 0.2, 1e-6);
    }
  }
}

TEST(Heuristics, MaximizeReachesTheOptimumOfATinyNetworkWithoutTheSolver) {
  TimeoutSolver solver;
  auto cbc = make_cbc_solver();
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    const Network net = init_pytorch_default({2, 6, 1}, seed);
    const MaximizationProblem problem{Box{Vector::Zero(2), Vector::Ones(2)}, unit_objective(net.output_size(), 0)};
    SearchOptions options = options_with_limit(30);
    const MaximizationResult exact = maximize(net, problem, options, *cbc);
    ASSERT_EQ(exact.status, MaximizationStatus::optimal);
    options.heuristics = HeuristicLevel::lp_polish;
    const MaximizationResult heuristic = maximize(net, problem, options, solver);
    ASSERT_TRUE(heuristic.best_value.has_value());
    EXPECT_EQ(heuristic.status, MaximizationStatus::feasible);  // no proof without the solver
    EXPECT_DOUBLE_EQ(*heuristic.best_value, net.forward(heuristic.input)(0));
    EXPECT_LE(*heuristic.best_value, *exact.best_value + 1e-6);
  }
}

TEST(Progress, TheSearchShowsItsPhasesTheBestValueAndTheSolversBoundInTheUsersSign) {
  // y = (relu(x), relu(-x)) on [-1, 1], objective y_1; the start (the box centre) has y_1 = 0.
  const Network net = sign_split_network();
  for (const bool minimize : {false, true}) {
    StatusLines statuses;
    set_log_sink(std::make_unique<RecordingSink>(&statuses));
    ProgressSolver solver;
    SearchOptions options = options_with_limit(30);
    options.heuristics = HeuristicLevel::none;
    options.show_progress = true;
    const MaximizationProblem problem{Box{-Vector::Ones(1), Vector::Ones(1)}, unit_objective(2, 1), minimize};
    maximize(net, problem, options, solver);
    set_log_sink(std::make_unique<StderrSink>());
    ASSERT_GE(statuses.size(), 4u);
    EXPECT_EQ(statuses.front().second, StatusKind::step);
    EXPECT_EQ(statuses.front().first.rfind("heuristics", 0), 0u) << statuses.front().first;
    const auto milp = std::find_if(statuses.begin(), statuses.end(), [](const auto& s) {
      return s.second == StatusKind::step && s.first.rfind("MILP  ", 0) == 0;
    });
    ASSERT_NE(milp, statuses.end());
    EXPECT_NE(milp->first.find("best objective 0 (on the dense network)"), std::string::npos) << milp->first;
    const std::string& solving = statuses[statuses.size() - 2].first;
    EXPECT_EQ(statuses[statuses.size() - 2].second, StatusKind::update);
    EXPECT_NE(solving.find(minimize ? "solver bound -0.75 (lower)" : "solver bound 0.75  12 nodes"), std::string::npos)
        << solving;
    EXPECT_EQ(statuses.back(), std::make_pair(std::string(), StatusKind::done));  // the line is ended
  }
}

TEST(Ladder, ContinuesWithTheDenseNetworkAndProvesRobustness) {
  const Network dense = robust_dense();
  const Network surrogate = misleading_surrogate();
  const VerificationProblem problem{vector({0.5}), 0.5, Norm::l1, 0, 1};
  auto solver = make_cbc_solver();
  for (HeuristicLevel level : kAllLevels) {
    SearchOptions options = options_with_limit(60);
    options.heuristics = level;
    const VerificationResult alone = verify(dense, problem, options, *solver, &surrogate);
    EXPECT_EQ(alone.status, VerificationStatus::unknown);
    EXPECT_EQ(alone.ladder_steps, 1);
    const VerificationResult laddered = verify(dense, problem, options, *solver, &surrogate, {nullptr});
    EXPECT_EQ(laddered.status, VerificationStatus::robust) << to_string(level);
    EXPECT_EQ(laddered.ladder_steps, 2);
  }
}

/// A solver that claims optimality with a bound of -1e14 and returns no point.
class FalseProofSolver : public MilpSolver {
 public:
  std::string name() const override { return "false-proof"; }
  std::string version() const override { return "test"; }
  SolveResult solve(const MilpModel&, const SolverOptions&, const IncumbentCallback&,
                    const std::optional<std::vector<double>>&, const RelaxationHook&) override {
    SolveResult result;
    result.status = SolveStatus::optimal;
    result.bound = -1e14;
    return result;
  }
};

TEST(TrustedBound, ABoundBelowAReachedValueIsDroppedAndNoProofIsClaimed) {
  FalseProofSolver solver;
  const Network net = init_pytorch_default({3, 5, 1}, 1);
  const MaximizationResult m =
      maximize(net, {Box{Vector::Zero(3), Vector::Ones(3)}, unit_objective(net.output_size(), 0)},
               options_with_limit(5), solver);
  ASSERT_TRUE(m.best_value.has_value());  // the forward pass at the box centre
  EXPECT_EQ(m.status, MaximizationStatus::feasible);
  EXPECT_FALSE(m.bound.has_value());
  EXPECT_FALSE(m.gap.has_value());
  ASSERT_FALSE(m.warnings.empty());
  EXPECT_NE(m.warnings.front().find("not a valid bound"), std::string::npos);
}

TEST(TimeLimit, CoversLpBoundTightening) {
  // LP tightening gets what is left of --time-limit, not its own budget on top.
  const Network net = init_pytorch_default({8, 16, 16, 3}, 5);
  VerificationProblem problem{Vector::Constant(8, 0.5), 1.0, Norm::l1, 0, 1};
  std::tie(problem.true_class, problem.target_class) = top_two_classes(net.forward(problem.center));
  auto solver = make_cbc_solver();
  for (double limit : {1e-7, 60.0}) {
    SearchOptions options = options_with_limit(limit);
    options.bounds.method = BoundsMethod::lp;
    options.bounds.lp_time_limit_s = 60;
    options.heuristics = HeuristicLevel::none;
    const VerificationResult r = verify(net, problem, options, *solver);
    EXPECT_EQ(r.model.lp_budget_exhausted, limit < 1) << limit;
    if (limit < 1) {
      EXPECT_EQ(r.model.lp_neurons_tightened, 0);
    } else
      EXPECT_GT(r.model.lp_neurons_tightened, 0);
  }
}

TEST(Surrogate, ShapesMustMatch) {
  const Network dense = init_pytorch_default({3, 4, 2}, 0);
  const Network other = init_pytorch_default({3, 5, 2}, 0);
  auto solver = make_cbc_solver();
  VerificationProblem problem{Vector::Constant(3, 0.5), 1.0, Norm::l1, 0, 1};
  EXPECT_THROW(verify(dense, problem, options_with_limit(5), *solver, &other), Error);
}
