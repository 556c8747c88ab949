// The network-aware heuristics: exact projection onto the domain, gradients,
// the activation-region LP (checked against brute force over all patterns and
// a fine grid), polish and gradient ascent.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/heuristics/activation_region.hpp"
#include "nnmip/heuristics/gradient_ascent.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

namespace {

using Clock = std::chrono::steady_clock;

/// A box [lo, hi]^n with an L1 ball of radius eps around a centre inside it.
InputDomain l1_domain(Rng& rng, int n, double eps) {
  InputDomain domain;
  domain.box.lower = Vector::Constant(n, -1.0);
  domain.box.upper = Vector::Constant(n, 1.0);
  for (int k = 0; k < n; ++k) {
    domain.box.lower(k) = rng.uniform(-1.0, 0.0);
    domain.box.upper(k) = rng.uniform(0.0, 1.0);
  }
  domain.l1 = L1Ball{random_point(rng, domain.box.lower, domain.box.upper), eps};
  return domain;
}

InputDomain box_domain(int n, double lo, double hi) {
  InputDomain domain;
  domain.box = Box{Vector::Constant(n, lo), Vector::Constant(n, hi)};
  return domain;
}

/// A point of the domain: a random box point pulled towards the centre until it is in the ball.
Vector domain_point(Rng& rng, const InputDomain& d) {
  Vector z = random_point(rng, d.box.lower, d.box.upper);
  if (d.l1) {
    const double dist = (z - d.l1->center).lpNorm<1>();
    if (dist > d.l1->radius) z = d.l1->center + (z - d.l1->center) * (rng.uniform01() * d.l1->radius / dist);
  }
  return z;
}

}  // namespace

TEST(Projection, IsTheEuclideanProjectionOntoBoxAndL1Ball) {
  // p is the projection of x onto the convex set C iff p in C and
  // (x - p) . (z - p) <= 0 for every z in C.
  Rng rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng.below(8));
    const InputDomain d = trial % 4 == 0 ? box_domain(n, -0.5, 0.7) : l1_domain(rng, n, rng.uniform(0.01, 1.5));
    const Vector x = random_point(rng, Vector::Constant(n, -3.0), Vector::Constant(n, 3.0));
    const Vector p = project_into(d, x);
    ASSERT_TRUE(d.contains(p, 1e-12)) << trial;
    for (int s = 0; s < 200; ++s) {
      const Vector z = domain_point(rng, d);
      EXPECT_LE((x - p).dot(z - p), 1e-10) << "trial " << trial;
    }
    EXPECT_LE((project_into(d, p) - p).cwiseAbs().maxCoeff(), 1e-12);  // idempotent
  }
}

TEST(Gradient, MatchesFiniteDifferences) {
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    const Network net = init_pytorch_default({4, 7, 6, 3}, seed);
    Rng rng(seed);
    const Vector c = random_point(rng, Vector::Constant(3, -1.0), Vector::Constant(3, 1.0));
    const Vector x = random_point(rng, Vector::Zero(4), Vector::Ones(4));
    const Vector g = objective_gradient(net, c, x);
    for (int k = 0; k < 4; ++k) {
      const double h = 1e-7;
      Vector xp = x, xm = x;
      xp(k) += h;
      xm(k) -= h;
      // Piecewise linear: central differences are exact unless a ReLU switches within h.
      EXPECT_NEAR(g(k), (objective_at(net, c, xp) - objective_at(net, c, xm)) / (2 * h), 1e-5) << seed;
    }
  }
}

TEST(RegionLp, MatchesBruteForceOverEveryPatternAndAGrid) {
  // 2 inputs, hidden layers of 3 and 2: 32 patterns. For every pattern the region
  // LP's optimum is a point of that region's closure whose forward value is the LP
  // value, and no grid point of the region beats it; the best region is the
  // network's maximum (the MILP's optimum).
  auto solver = make_cbc_solver();
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    const Network net = init_pytorch_default({2, 3, 2, 1}, seed);
    Rng rng(seed + 50);
    const InputDomain domain = seed % 2 ? box_domain(2, -1.0, 1.0) : l1_domain(rng, 2, 0.6);
    const Vector c = Vector::Ones(1);

    // A grid over the box, the points of the domain grouped by pattern.
    std::map<ActivationPattern, double> grid_best;
    double grid_max = -kInfinity;
    const int steps = 120;
    for (int i = 0; i <= steps; ++i)
      for (int j = 0; j <= steps; ++j) {
        Vector x(2);
        x(0) = domain.box.lower(0) + (domain.box.upper(0) - domain.box.lower(0)) * i / steps;
        x(1) = domain.box.lower(1) + (domain.box.upper(1) - domain.box.lower(1)) * j / steps;
        if (!domain.contains(x, 0.0)) continue;
        const double v = objective_at(net, c, x);
        const ActivationPattern p = pattern_at(net, x);
        grid_best[p] = grid_best.count(p) ? std::max(grid_best[p], v) : v;
        grid_max = std::max(grid_max, v);
      }

    double best_region = -kInfinity;
    for (int mask = 0; mask < 32; ++mask) {
      ActivationPattern p = {{bool(mask & 1), bool(mask & 2), bool(mask & 4)}, {bool(mask & 8), bool(mask & 16)}};
      const std::optional<RegionOptimum> opt = optimize_region(net, domain, c, p, 10.0);
      if (grid_best.count(p)) {
        ASSERT_TRUE(opt.has_value()) << "seed " << seed << " pattern " << mask << ": grid points exist";
        EXPECT_GE(opt->lp_value, grid_best[p] - 1e-7) << "seed " << seed << " pattern " << mask;
      }
      if (!opt) continue;
      EXPECT_TRUE(domain.contains(opt->x, 1e-9));
      EXPECT_NEAR(objective_at(net, c, opt->x), opt->lp_value, 1e-6) << "seed " << seed << " pattern " << mask;
      best_region = std::max(best_region, opt->lp_value);
    }
    EXPECT_GE(best_region, grid_max - 1e-9);

    if (!domain.l1) {
      SearchOptions options;
      options.solver.time_limit_s = 60;
      options.heuristics = HeuristicLevel::none;
      const MaximizationResult milp =
          maximize(net, {domain.box, unit_objective(net.output_size(), 0)}, options, *solver);
      ASSERT_EQ(milp.status, MaximizationStatus::optimal);
      EXPECT_NEAR(best_region, *milp.best_value, 1e-6) << "seed " << seed;
    }
  }
}

TEST(Polish, NeverLosesValueAndEndsAtARegionOptimum) {
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    const Network net = init_pytorch_default({5, 8, 8, 2}, seed);
    Rng rng(seed);
    const InputDomain domain = seed % 2 ? box_domain(5, 0.0, 1.0) : l1_domain(rng, 5, 0.8);
    const Vector c = vector({1.0, -1.0});
    for (int s = 0; s < 5; ++s) {
      const Vector x = domain_point(rng, domain);
      const PolishResult p = polish_in_region(net, domain, c, x, Clock::now() + std::chrono::seconds(30));
      EXPECT_TRUE(domain.contains(p.x, 1e-9));
      EXPECT_DOUBLE_EQ(p.value, objective_at(net, c, p.x));
      EXPECT_GE(p.value, objective_at(net, c, x) - 1e-12);
      EXPECT_GE(p.lp_solves, 1);
      // No point of the final point's own region is better.
      const std::optional<RegionOptimum> own = optimize_region(net, domain, c, pattern_at(net, p.x), 10.0);
      if (own) EXPECT_LE(objective_at(net, c, own->x), p.value + 1e-6) << seed;
    }
  }
}

TEST(GradientAscent, StaysInTheDomainAndKeepsTheBestPoint) {
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    const Network net = init_pytorch_default({6, 10, 3}, seed);
    Rng rng(seed);
    const InputDomain domain = seed % 2 ? box_domain(6, -1.0, 1.0) : l1_domain(rng, 6, 0.5);
    const Vector c = vector({0.0, 1.0, -1.0});
    GradientAscentOptions options;
    options.starts = {domain_point(rng, domain)};
    options.random_starts = 3;
    options.seed = seed;
    options.deadline = Clock::now() + std::chrono::seconds(30);
    const auto result = gradient_ascent(net, domain, c, options);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(domain.contains(result->x, 1e-9));
    EXPECT_DOUBLE_EQ(result->value, objective_at(net, c, result->x));
    EXPECT_GE(result->value, objective_at(net, c, options.starts[0]));
    EXPECT_EQ(result->evaluations, 4 * (options.steps + 1));
    // The same seed gives the same point.
    EXPECT_EQ(gradient_ascent(net, domain, c, options)->x, result->x);
  }
}
