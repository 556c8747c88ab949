// The big-M formulation against forward passes, brute force and bounds.
#include <gtest/gtest.h>

#include <cmath>

#include "nnmip/formulation/lp_tightening.hpp"
#include "nnmip/formulation/problems.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

namespace {

SolverOptions quiet_options(double time_limit = 60.0) {
  SolverOptions options;
  options.time_limit_s = time_limit;
  return options;
}

/// Solves max (or min) of one column with every other setting as built.
double optimize_column(const MilpModel& base, int column, Sense sense) {
  MilpModel model = base;
  for (int j = 0; j < model.num_columns(); ++j) model.set_objective(j, 0.0);
  model.set_objective(column, 1.0);
  model.sense = sense;
  auto solver = make_cbc_solver();
  const SolveResult result = solver->solve(model, quiet_options(), {}, std::nullopt);
  EXPECT_EQ(result.status, SolveStatus::optimal);
  return result.objective;
}

/// The exact maximum of output k over a box, by enumerating activation patterns:
/// each pattern makes the network affine on a polyhedron, whose max is an LP.
double brute_force_max(const Network& network, const Box& box, int k) {
  int hidden = 0;
  for (int l = 0; l + 1 < network.num_layers(); ++l) hidden += network.layer(l).outputs();
  double best = -kInfinity;
  for (long pattern = 0; pattern < (1L << hidden); ++pattern) {
    MilpModel model;
    std::vector<int> x;
    for (int i = 0; i < network.input_size(); ++i)
      x.push_back(model.add_column(box.lower(i), box.upper(i), false, "x" + std::to_string(i)));
    // h^{l} = A x + c, composed layer by layer under the pattern.
    Matrix a = Matrix::Identity(network.input_size(), network.input_size());
    Vector c = Vector::Zero(network.input_size());
    int bit = 0;
    for (int l = 0; l < network.num_layers(); ++l) {
      Matrix ga = network.layer(l).weights * a;
      Vector gc = network.layer(l).weights * c + network.layer(l).bias;
      if (l + 1 == network.num_layers()) {
        a = ga, c = gc;
        break;
      }
      for (int i = 0; i < ga.rows(); ++i, ++bit) {
        const bool active = (pattern >> bit) & 1;
        std::vector<double> row(ga.cols());
        for (int j = 0; j < ga.cols(); ++j) row[j] = ga(i, j);  // Eigen is column-major
        // active: g >= 0 ; inactive: g <= 0, and h = 0
        if (active)
          model.add_row(x, row, -gc(i), kInfinity, "a");
        else
          model.add_row(x, row, -kInfinity, -gc(i), "i");
        if (!active) ga.row(i).setZero(), gc(i) = 0.0;
      }
      a = ga, c = gc;
    }
    auto lp = make_lp_relaxation(model);
    std::vector<double> objective(a.cols());
    for (int j = 0; j < a.cols(); ++j) objective[j] = a(k, j);
    const auto value = lp->optimize(x, objective, Sense::maximize);
    if (value) best = std::max(best, *value + c(k));
  }
  return best;
}

}  // namespace

TEST(Formulation, FixingTheInputGivesTheForwardPass) {
  Rng rng(42);
  for (int trial = 0; trial < 4; ++trial) {
    const Network network = init_pytorch_default({4, 6, 5, 3}, 100 + trial);
    const Box box{Vector::Constant(4, -1.0), Vector::Constant(4, 1.0)};
    MaximizationProblem problem{box, unit_objective(network.output_size(), 0)};
    const NetworkModel built = build_maximization_model(network, problem, {});
    for (int sample = 0; sample < 3; ++sample) {
      const Vector x = random_point(rng, box.lower, box.upper);
      MilpModel fixed = built.model;
      for (int k = 0; k < 4; ++k)
        fixed.column(built.domain_columns.input[k]).lower = x(k),
        fixed.column(built.domain_columns.input[k]).upper = x(k);
      const Vector y = network.forward(x);
      for (int k = 0; k < 3; ++k) {
        const int column = built.encoding.output_columns[k];
        EXPECT_NEAR(optimize_column(fixed, column, Sense::maximize), y(k), 1e-6);
        EXPECT_NEAR(optimize_column(fixed, column, Sense::minimize), y(k), 1e-6);
      }
      // The forward-pass point (the MIP start) satisfies every row.
      EXPECT_LT(built.model.max_violation(built.point_at(network, x)), 1e-9);
    }
  }
}

TEST(Formulation, ZeroWeightsAreNotMatrixEntriesAndDeadNeuronsFold) {
  // Neuron 2 of the hidden layer has no incoming weight: h = max(0, 0.5) folds away.
  const Network network = network_of(
      {{matrix(3, 2, {1, -1, 0, 2, 0, 0}), vector({0, 0.1, 0.5})}, {matrix(1, 3, {1, 0, 3}), vector({0.2})}});
  const NetworkModel built = build_maximization_model(
      network, {Box{Vector::Constant(2, -1), Vector::Constant(2, 1)}, unit_objective(network.output_size(), 0)}, {});
  // Columns: 2 inputs + (h, z) for neurons 0 and 1 + y. Neuron 2 is constant.
  EXPECT_EQ(built.model.num_columns(), 2 + 4 + 1);
  EXPECT_EQ(built.model.num_integers(), 2);
  // The output row has y and only h_0 (weight 0 to h_1, the constant folded): rhs 0.2 + 3*0.5.
  const Row& output = built.model.rows().back();
  EXPECT_EQ(output.indices.size(), 2u);
  EXPECT_DOUBLE_EQ(output.lower, 0.2 + 1.5);
  auto solver = make_cbc_solver();
  EXPECT_NEAR(solver->solve(built.model, quiet_options(), {}, std::nullopt).objective, 0.2 + 2 + 1.5, 1e-6);
}

TEST(Formulation, MaximizeProvesTheBruteForceOptimum) {
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    const int inputs = 1 + static_cast<int>(seed % 3);
    const int width = 2 + static_cast<int>(seed % 4);
    const Network network = init_pytorch_default({inputs, width, width, 1}, seed);
    const Box box{Vector::Constant(inputs, -1.0), Vector::Constant(inputs, 1.0)};
    const NetworkModel built = build_maximization_model(network, {box, unit_objective(network.output_size(), 0)}, {});
    auto solver = make_cbc_solver();
    const SolveResult result = solver->solve(built.model, quiet_options(), {}, std::nullopt);
    ASSERT_EQ(result.status, SolveStatus::optimal) << "seed " << seed;
    EXPECT_NEAR(result.objective, brute_force_max(network, box, 0), 1e-6) << "seed " << seed;
  }
}

TEST(Bounds, IntervalBoundsContainSampledForwardPasses) {
  Rng rng(7);
  const Network network = init_pytorch_default({10, 20, 20, 20, 4}, 3);
  const Box box{Vector::Constant(10, 0.0), Vector::Constant(10, 1.0)};
  const ActivationBounds bounds = interval_bounds(network, box);
  for (int sample = 0; sample < 2000; ++sample) {
    const auto g = network.pre_activations(random_point(rng, box.lower, box.upper));
    for (int l = 0; l < network.num_layers(); ++l) {
      ASSERT_TRUE((g[l].array() >= bounds.lower[l].array()).all());
      ASSERT_TRUE((g[l].array() <= bounds.upper[l].array()).all());
    }
  }
}

TEST(Bounds, LpBoundsAreSoundAndNeverLooserThanIntervalBounds) {
  Rng rng(8);
  const Network network = init_pytorch_default({8, 16, 16, 3}, 5);
  VerificationProblem problem;
  problem.center = random_point(rng, Vector::Zero(8), Vector::Ones(8));
  problem.epsilon = 1.0;
  problem.true_class = 0;
  problem.target_class = 1;
  const InputDomain domain = verification_domain(problem);
  const ActivationBounds interval = interval_bounds(network, domain.box);
  for (bool symbolic : {false, true}) {
    ActivationBounds lp = interval;
    const LpTighteningReport report = tighten_bounds_lp(network, domain, lp, 60.0, symbolic);
    EXPECT_GT(report.neurons_tightened, 0);
    double total_shrink = 0.0;
    for (int l = 0; l < network.num_layers(); ++l) {
      EXPECT_TRUE((lp.lower[l].array() >= interval.lower[l].array() - 1e-12).all());
      EXPECT_TRUE((lp.upper[l].array() <= interval.upper[l].array() + 1e-12).all());
      total_shrink += (interval.upper[l] - interval.lower[l]).sum() - (lp.upper[l] - lp.lower[l]).sum();
    }
    EXPECT_GT(total_shrink, 0.0);  // the L1 ball makes LP bounds strictly tighter here
    // Sound: points of the L1 ball never leave the LP bounds.
    for (int sample = 0; sample < 2000; ++sample) {
      Vector x = random_point(rng, domain.box.lower, domain.box.upper);
      x = project_into(domain, x);
      const auto g = network.pre_activations(x);
      for (int l = 0; l + 1 < network.num_layers(); ++l) {
        ASSERT_TRUE((g[l].array() >= lp.lower[l].array()).all());
        ASSERT_TRUE((g[l].array() <= lp.upper[l].array()).all());
      }
    }
  }
}

TEST(Problems, RejectBadInstances) {
  const Network network = init_pytorch_default({3, 4, 3}, 1);
  VerificationProblem problem;
  problem.center = Vector::Constant(3, 0.5);
  problem.epsilon = 0.0;
  EXPECT_THROW(check_problem(network, problem), Error);
  problem.epsilon = 1.0;
  problem.true_class = 1;
  problem.target_class = 1;
  EXPECT_THROW(check_problem(network, problem), Error);
  problem.target_class = 3;
  EXPECT_THROW(check_problem(network, problem), Error);
  problem.target_class = 2;
  EXPECT_NO_THROW(check_problem(network, problem));
  MaximizationProblem box{Box{Vector::Constant(3, 1.0), Vector::Constant(3, 0.0)},
                          unit_objective(network.output_size(), 0)};
  EXPECT_THROW(check_problem(network, box), Error);
}

TEST(Formulation, NegligibleWeightsAndBoundsGiveNoTinyCoefficients) {
  // Weight decay leaves dead neurons with weights like 1e-99 behind; CBC's cut
  // generators then proved false optima. Such contributions must not reach the
  // rows (they widen them instead), and neither may big-M coefficients of a
  // neuron whose bounds are ~0 (it is relaxed without a binary).
  const Network network = network_of({{matrix(3, 2, {1e-99, -1e-99, 1, -1, 1e-13, 0.5}), vector({0, 0, 0})},
                                      {matrix(2, 3, {1, 1, 1, -1, 2, 0.5}), vector({0.1, 0})}});
  VerificationProblem problem{vector({0.5, 0.5}), 0.4, Norm::l1, 0, 1};
  const NetworkModel built = build_verification_model(network, problem, {});
  const auto& columns = built.model.columns();
  for (const Row& row : built.model.rows())
    for (size_t k = 0; k < row.values.size(); ++k) {
      const Column& c = columns[row.indices[k]];
      EXPECT_GT(std::abs(row.values[k]) * std::max(std::abs(c.lower), std::abs(c.upper)), kNegligibleContribution)
          << row.name;
      if (c.integer) EXPECT_GT(std::abs(row.values[k]), kNearlyStable) << row.name;
    }
  // Neuron 0 (|g| <= 1e-99) has no binary; neurons 1 and 2 are encoded with one.
  EXPECT_EQ(built.encoding.hidden[0][0].binary, -1);
  EXPECT_GE(built.encoding.hidden[0][1].binary, 0);
  // The forward pass still satisfies the model (to the negligible error).
  Rng rng(1);
  for (int s = 0; s < 50; ++s) {
    const Vector x = project_into(built.domain, random_point(rng, built.domain.box.lower, built.domain.box.upper));
    EXPECT_LT(built.model.max_violation(built.point_at(network, x)), 1e-9);
  }
}
