// The wide-range soundness sweep: random tiny networks with weights, biases and
// boxes over many orders of magnitude (|w| up to 1e4, boxes up to +-1e6). For
// each, nnmip either refuses the model with a clear error (numeric_range.hpp) or
// answers, and then no claim may be contradicted by a brute force:
//   - the reachable value R: the best forward pass over a grid of the box, its
//     corners, and the exact best point of the activation regions of the best
//     grid points (a region LP; every value is a forward pass);
//   - maximize: the returned value is the forward pass at the returned input; a
//     bound is >= R; `optimal` means the value reaches R;
//   - verify (inputs in [0, 1]): `robust` means no grid point has a positive margin.
// The counts of refusals and answers are printed, so the sweep shows how much it checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <optional>

#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"
#include "support/brute_force.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

namespace {

double log_uniform(Rng& rng, double lo_exponent, double hi_exponent) {
  return std::pow(10.0, rng.uniform(lo_exponent, hi_exponent));
}

double signed_magnitude(Rng& rng, double lo_exponent, double hi_exponent) {
  return (rng.uniform01() < 0.5 ? -1.0 : 1.0) * log_uniform(rng, lo_exponent, hi_exponent);
}

/// 1-3 inputs, 1-3 hidden layers of 1-5 neurons, 2 outputs; every weight and
/// bias of magnitude 10^U(-3, 4) (a quarter of the biases zero); per network a
/// common scale so that some networks are all-large, some all-small.
Network random_wide_network(Rng& rng) {
  std::vector<int> sizes = {1 + static_cast<int>(rng.below(3))};
  const int hidden = 1 + static_cast<int>(rng.below(3));
  for (int l = 0; l < hidden; ++l) sizes.push_back(1 + static_cast<int>(rng.below(5)));
  sizes.push_back(2);
  const double top = rng.uniform(-1.0, 4.0);
  std::vector<std::pair<Matrix, Vector>> layers;
  for (size_t l = 1; l < sizes.size(); ++l) {
    Matrix w(sizes[l], sizes[l - 1]);
    Vector b(sizes[l]);
    for (int i = 0; i < w.size(); ++i) w.data()[i] = signed_magnitude(rng, top - 4.0, top);
    for (int i = 0; i < b.size(); ++i) b(i) = rng.uniform01() < 0.25 ? 0.0 : signed_magnitude(rng, top - 4.0, top);
    layers.emplace_back(w, b);
  }
  return network_of(std::move(layers));
}

/// A box with a centre of magnitude up to 1e6 and a width of 1e-3 .. 1e6.
Box random_wide_box(Rng& rng, int inputs) {
  Box box{Vector(inputs), Vector(inputs)};
  const double width = log_uniform(rng, -3.0, 6.0);
  const double centre = rng.uniform01() < 0.5 ? 0.0 : signed_magnitude(rng, -2.0, 6.0);
  for (int k = 0; k < inputs; ++k) {
    box.lower(k) = centre - width * rng.uniform01();
    box.upper(k) = box.lower(k) + width;
  }
  return box;
}

/// NNMIP_SWEEP_SCALE=k runs k times as many instances (the suite runs 1).
std::uint64_t sweep_scale() {
  const char* scale = std::getenv("NNMIP_SWEEP_SCALE");
  return scale ? std::max(1L, std::atol(scale)) : 1;
}

SearchOptions sweep_options(HeuristicLevel heuristics) {
  SearchOptions options;
  options.solver.time_limit_s = 20.0;
  options.heuristics = heuristics;
  return options;
}

/// solve()'s result, or nullopt when nnmip refused the model: then only with
/// the numeric-range error (numeric_range.hpp), which says what to rescale.
template <typename Solve>
auto answer_or_refusal(const Solve& solve, std::uint64_t seed) -> std::optional<decltype(solve())> {
  try {
    return solve();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("rescale"), std::string::npos) << "seed " << seed << ": " << error.what();
    return std::nullopt;
  }
}

/// The sweeps run with the solver alone (a false MILP bound cannot hide behind
/// a heuristic's better point) and with every heuristic (the default).
class SoundnessSweep : public ::testing::TestWithParam<HeuristicLevel> {};

}  // namespace

TEST_P(SoundnessSweep, MaximizeOnWideRangeNetworksIsNeverContradicted) {
  auto solver = make_cbc_solver();
  int refused = 0, optimal = 0, bounded = 0;
  const int count = static_cast<int>(500 * sweep_scale());
  for (std::uint64_t seed = 0; seed < static_cast<std::uint64_t>(count); ++seed) {
    Rng rng(seed);
    const Network network = random_wide_network(rng);
    const Box box = random_wide_box(rng, network.input_size());
    const int output = static_cast<int>(rng.below(2));
    const MaximizationProblem problem{box, unit_objective(2, output)};
    const auto answer =
        answer_or_refusal([&] { return maximize(network, problem, sweep_options(GetParam()), *solver); }, seed);
    if (!answer) {
      ++refused;
      continue;
    }
    const MaximizationResult& result = *answer;
    const double reachable = reachable_value(network, problem.domain, problem.objective);
    ASSERT_TRUE(result.best_value.has_value()) << "seed " << seed;
    EXPECT_EQ(*result.best_value, network.forward(result.input)(output)) << "seed " << seed;
    if (result.bound) {
      ++bounded;
      EXPECT_GE(*result.bound, reachable - tolerance(reachable))
          << "seed " << seed << ": bound below a forward pass" << std::setprecision(17) << " bound " << *result.bound
          << " reachable " << reachable << " best " << *result.best_value << " status " << to_string(result.status)
          << " solver " << to_string(result.solver_status);
    }
    if (result.status == MaximizationStatus::optimal) {
      ++optimal;
      EXPECT_GE(*result.best_value, reachable - tolerance(reachable)) << "seed " << seed << ": false optimum";
    }
  }
  std::printf("%d networks: %d refused, %d answered (%d with a bound, %d optimal)\n", count, refused, count - refused,
              bounded, optimal);
  EXPECT_GT(count - refused, count / 5) << "the sweep must check answers, not only refusals";
}

TEST_P(SoundnessSweep, RobustOnWideRangeNetworksIsNeverContradicted) {
  auto solver = make_cbc_solver();
  int refused = 0, robust = 0, adversarial = 0;
  const int count = static_cast<int>(200 * sweep_scale());
  for (std::uint64_t seed = 1000000; seed < 1000000 + static_cast<std::uint64_t>(count); ++seed) {
    Rng rng(seed);
    const Network wide = random_wide_network(rng);
    VerificationProblem problem;
    problem.center = random_point(rng, Vector::Zero(wide.input_size()), Vector::Ones(wide.input_size()));
    problem.epsilon = log_uniform(rng, -3.0, 0.0);
    problem.norm = Norm::linf;
    // The target's bias moves so that the margin at x0 is m 10^U(-3, 0): close calls.
    const Vector y = wide.forward(problem.center);
    problem.true_class = y(0) >= y(1) ? 0 : 1;
    problem.target_class = 1 - problem.true_class;
    const double margin = y(problem.target_class) - y(problem.true_class);
    std::vector<std::pair<Matrix, Vector>> layers;
    for (int l = 0; l < wide.num_layers(); ++l) layers.emplace_back(wide.layer(l).weights, wide.layer(l).bias);
    layers.back().second(problem.target_class) -= margin * (1.0 - log_uniform(rng, -3.0, 0.0));
    const Network network = network_of(std::move(layers));
    const auto answer =
        answer_or_refusal([&] { return verify(network, problem, sweep_options(GetParam()), *solver); }, seed);
    if (!answer) {
      ++refused;
      continue;
    }
    const VerificationResult& result = *answer;
    const Box box = verification_domain(problem).box;
    Vector c = Vector::Zero(2);
    c(problem.target_class) = 1.0;
    c(problem.true_class) = -1.0;
    if (result.status == VerificationStatus::robust) {
      ++robust;
      EXPECT_LE(reachable_value(network, box, c), 0.0) << "seed " << seed << ": false robust";
    }
    if (result.status == VerificationStatus::adversarial) {
      ++adversarial;
      EXPECT_GT(c.dot(network.forward(result.input)), 0.0) << "seed " << seed;
      EXPECT_LE((result.input - problem.center).lpNorm<Eigen::Infinity>(), problem.epsilon + 1e-9) << "seed " << seed;
    }
  }
  std::printf("%d instances: %d refused, %d robust, %d adversarial\n", count, refused, robust, adversarial);
  EXPECT_GT(robust, count / 10);
  EXPECT_GT(adversarial, count / 20);
}

INSTANTIATE_TEST_SUITE_P(Heuristics, SoundnessSweep, ::testing::Values(HeuristicLevel::none, HeuristicLevel::all),
                         [](const auto& info) {
                           return std::string(to_string(info.param)) == "none" ? "SolverOnly" : "AllHeuristics";
                         });
