// Symbolic (CROWN-style) bounds: sound on sampled and brute-forced inputs, never
// looser than interval bounds, and the quick proof agrees with the MILP.
#include <gtest/gtest.h>

#include <tuple>

#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/bounds/symbolic_bounds.hpp"
#include "nnmip/formulation/problems.hpp"
#include "nnmip/heuristics/activation_region.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

namespace {

struct InputSet {
  InputDomain domain;
  std::string name;
};

/// A box, or an L1 ball inside a box, around a random centre of [0,1]^n.
InputSet input_set(Rng& rng, int n, int kind) {
  VerificationProblem p;
  p.center = random_point(rng, Vector::Zero(n), Vector::Ones(n));
  p.epsilon = rng.uniform(0.05, 1.5);
  p.norm = kind == 0 ? Norm::l1 : Norm::linf;
  return {verification_domain(p), kind == 0 ? "l1" : "linf"};
}

/// Points of the domain: random, projected random, and its box corners pulled in.
std::vector<Vector> samples(Rng& rng, const InputDomain& d, int count) {
  std::vector<Vector> points;
  const int n = static_cast<int>(d.box.lower.size());
  for (int s = 0; s < count; ++s) {
    Vector x = random_point(rng, d.box.lower - 0.3 * Vector::Ones(n), d.box.upper + 0.3 * Vector::Ones(n));
    if (s % 3 == 0)  // a corner of the box
      for (int k = 0; k < n; ++k) x(k) = rng.uniform01() < 0.5 ? d.box.lower(k) : d.box.upper(k);
    points.push_back(project_into(d, x));
  }
  return points;
}

}  // namespace

TEST(SymbolicBounds, SoundOnSamplesAndNeverLooserThanIntervalBounds) {
  long checked = 0;
  double interval_width = 0, symbolic_width = 0;
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    const int n = 2 + static_cast<int>(seed % 5);
    const Network net = init_pytorch_default({n, 8, 8, 6, 3}, seed);
    Rng rng(seed + 1000);
    const InputSet set = input_set(rng, n, static_cast<int>(seed % 2));
    const ActivationBounds interval = interval_bounds(net, set.domain.box);
    const ActivationBounds symbolic = symbolic_bounds(net, set.domain.box, set.domain.l1);
    for (int l = 0; l < net.num_layers(); ++l) {
      ASSERT_TRUE((symbolic.lower[l].array() >= interval.lower[l].array()).all()) << seed << " layer " << l;
      ASSERT_TRUE((symbolic.upper[l].array() <= interval.upper[l].array()).all()) << seed << " layer " << l;
      interval_width += (interval.upper[l] - interval.lower[l]).sum();
      symbolic_width += (symbolic.upper[l] - symbolic.lower[l]).sum();
    }
    // Every point, and the maximizer / minimizer of every neuron found by polish, stays inside.
    std::vector<Vector> points = samples(rng, set.domain, 2000);
    for (int l = 0; l < net.num_layers(); ++l) {
      for (int i = 0; i < net.layer(l).outputs(); ++i) {
        // g_i^l as a network output: cut the network after layer l, keep row i.
        std::vector<Layer> head(net.layers().begin(), net.layers().begin() + l + 1);
        head.back() = Layer{net.layer(l).weights.row(i), net.layer(l).bias.segment(i, 1)};
        const Network neuron(head);
        for (double sign : {1.0, -1.0}) {
          const PolishResult best = polish_in_region(neuron, set.domain, Vector::Constant(1, sign), points[i],
                                                     std::chrono::steady_clock::now() + std::chrono::seconds(10));
          points.push_back(best.x);
        }
      }
    }
    for (const Vector& x : points) {
      const std::vector<Vector> g = net.pre_activations(x);
      for (int l = 0; l < net.num_layers(); ++l) {
        ASSERT_TRUE((g[l].array() >= symbolic.lower[l].array()).all()) << seed << " layer " << l;
        ASSERT_TRUE((g[l].array() <= symbolic.upper[l].array()).all()) << seed << " layer " << l;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 200000);
  EXPECT_LT(symbolic_width, 0.9 * interval_width);  // and they are tighter overall
}

TEST(SymbolicBounds, AGridOfATwoInputNetworkStaysInside) {
  // Brute force: every point of a fine grid of the domain.
  for (std::uint64_t seed = 0; seed < 8; ++seed) {
    const Network net = init_pytorch_default({2, 10, 10, 2}, seed + 40);
    Rng rng(seed);
    const InputSet set = input_set(rng, 2, static_cast<int>(seed % 2));
    const ActivationBounds b = symbolic_bounds(net, set.domain.box, set.domain.l1);
    const Vector c = vector({1.0, -1.0});
    const double objective_bound = symbolic_objective_upper_bound(net, set.domain.box, set.domain.l1, b, c);
    const int steps = 300;
    for (int i = 0; i <= steps; ++i)
      for (int j = 0; j <= steps; ++j) {
        Vector x(2);
        x(0) = set.domain.box.lower(0) + (set.domain.box.upper(0) - set.domain.box.lower(0)) * i / steps;
        x(1) = set.domain.box.lower(1) + (set.domain.box.upper(1) - set.domain.box.lower(1)) * j / steps;
        if (!set.domain.contains(x, 0.0)) continue;
        const std::vector<Vector> g = net.pre_activations(x);
        for (int l = 0; l < net.num_layers(); ++l) {
          ASSERT_TRUE((g[l].array() >= b.lower[l].array()).all());
          ASSERT_TRUE((g[l].array() <= b.upper[l].array()).all());
        }
        ASSERT_LE(c.dot(g.back()), objective_bound);
      }
  }
}

TEST(SymbolicBounds, SparseSurrogateGivesTheSameBoundsAsItsDenseCopy) {
  Network net = init_pytorch_default({6, 12, 12, 3}, 3);
  for (int l = 0; l < net.num_layers(); ++l) {
    Matrix w = net.layer(l).weights;
    for (int i = 0; i < w.size(); ++i)
      if (i % 3 != 0) w.data()[i] = 0.0;
    net.set_weights(l, w);
  }
  const Box box{Vector::Zero(6), Vector::Ones(6)};
  const ActivationBounds b = symbolic_bounds(net, box, std::nullopt);
  // By hand-free check: the first layer's symbolic bounds are exact over a box.
  const Matrix& w = net.layer(0).weights;
  const Vector exact_upper = w.cwiseMax(0.0) * box.upper + w.cwiseMin(0.0) * box.lower + net.layer(0).bias;
  EXPECT_LE((b.upper[0] - exact_upper).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(QuickProof, AgreesWithTheMilpOnTinyNetworks) {
  // Whenever the symbolic bound of the margin is <= 0, the MILP proves robustness too,
  // and the bound is never below the MILP's optimum.
  auto solver = make_cbc_solver();
  int proofs = 0;
  for (std::uint64_t seed = 0; seed < 24; ++seed) {
    const Network net = init_xavier_uniform({4, 8, 8, 3}, seed);
    Rng rng(seed);
    VerificationProblem problem;
    problem.center = random_point(rng, Vector::Zero(4), Vector::Ones(4));
    problem.epsilon = 0.02 + 0.1 * static_cast<double>(seed % 6);
    std::tie(problem.true_class, problem.target_class) = top_two_classes(net.forward(problem.center));
    const InputDomain domain = verification_domain(problem);
    const ActivationBounds b = symbolic_bounds(net, domain.box, domain.l1);
    Vector c = Vector::Zero(3);
    c(problem.target_class) = 1;
    c(problem.true_class) = -1;
    const double bound = symbolic_objective_upper_bound(net, domain.box, domain.l1, b, c);
    SearchOptions options;
    options.solver.time_limit_s = 60;
    options.heuristics = HeuristicLevel::none;
    options.bounds.method = BoundsMethod::interval;  // the MILP with the paper's bounds
    const VerificationResult exact = verify(net, problem, options, *solver);
    ASSERT_NE(exact.status, VerificationStatus::unknown);
    if (exact.status == VerificationStatus::adversarial) EXPECT_GT(bound, 0.0) << seed;
    if (exact.solver_best) EXPECT_GE(bound, *exact.solver_best - 1e-6) << seed;
    if (bound <= 0.0) {
      ++proofs;
      EXPECT_EQ(exact.status, VerificationStatus::robust) << seed;
    }
  }
  EXPECT_GT(proofs, 0);
}
