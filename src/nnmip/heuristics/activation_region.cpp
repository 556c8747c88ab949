#include "nnmip/heuristics/activation_region.hpp"

#include <cmath>

#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/milp/model.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip {

ActivationPattern pattern_at(const Network& network, const Vector& x) {
  const std::vector<Vector> g = network.pre_activations(x);
  ActivationPattern pattern(network.num_hidden_layers());
  for (int l = 0; l < network.num_hidden_layers(); ++l) {
    pattern[l].resize(g[l].size());
    for (int i = 0; i < g[l].size(); ++i) pattern[l][i] = g[l](i) > 0.0;
  }
  return pattern;
}

double objective_at(const Network& network, const Vector& output_weights, const Vector& x) {
  return output_weights.dot(network.forward(x));
}

namespace {

using Clock = std::chrono::steady_clock;

/// g^l(x) = A^l x + a^l on the region of the pattern, for every layer l (the last is y).
struct RegionMaps {
  std::vector<Matrix> linear;
  std::vector<Vector> offset;
};

RegionMaps region_maps(const Network& network, const ActivationPattern& pattern) {
  RegionMaps maps;
  Matrix a = network.layer(0).weights;
  Vector o = network.layer(0).bias;
  maps.linear.push_back(a);
  maps.offset.push_back(o);
  for (int l = 1; l < network.num_layers(); ++l) {
    // h^{l-1} = D (A x + a): zero the rows of inactive neurons.
    for (int i = 0; i < a.rows(); ++i)
      if (!pattern[l - 1][i]) {
        a.row(i).setZero();
        o(i) = 0.0;
      }
    a = network.sparse_weights(l) * a;
    o = network.sparse_weights(l) * o + network.layer(l).bias;
    maps.linear.push_back(a);
    maps.offset.push_back(o);
  }
  return maps;
}

}  // namespace

std::optional<RegionOptimum> optimize_region(const Network& network, const InputDomain& domain,
                                             const Vector& output_weights, const ActivationPattern& pattern,
                                             double time_limit_s) {
  const RegionMaps maps = region_maps(network, pattern);
  MilpModel lp;
  const DomainColumns columns = add_input_domain(lp, domain);
  const int n = network.input_size();
  const Vector& lo = domain.box.lower;
  const Vector& hi = domain.box.upper;
  for (int l = 0; l < network.num_hidden_layers(); ++l) {
    const Matrix& a = maps.linear[l];
    for (int i = 0; i < a.rows(); ++i) {
      // Signed row: sign * (A_i x + a_i) >= 0, sign = +1 (active) or -1 (inactive).
      const double sign = pattern[l][i] ? 1.0 : -1.0;
      const Eigen::RowVectorXd row = sign * a.row(i);
      const double lowest =
          sign * maps.offset[l](i) + (row.transpose().cwiseMax(0.0).dot(lo) + row.transpose().cwiseMin(0.0).dot(hi));
      if (lowest >= 0.0) continue;  // implied by the box
      std::vector<int> indices;
      std::vector<double> values;
      for (int k = 0; k < n; ++k)
        if (row(k) != 0.0) {
          indices.push_back(columns.input[k]);
          values.push_back(row(k));
        }
      lp.add_row(std::move(indices), std::move(values), -sign * maps.offset[l](i), kInfinity,
                 "region_" + std::to_string(l) + "_" + std::to_string(i));
    }
  }
  const Vector objective = maps.linear.back().transpose() * output_weights;
  for (int k = 0; k < n; ++k) lp.set_objective(columns.input[k], objective(k));
  lp.objective_offset = output_weights.dot(maps.offset.back());
  lp.sense = Sense::maximize;
  const std::optional<LpSolution> solution = solve_lp(lp, time_limit_s);
  if (!solution) return std::nullopt;
  RegionOptimum optimum;
  optimum.x.resize(n);
  for (int k = 0; k < n; ++k) optimum.x(k) = solution->values[columns.input[k]];
  optimum.x = project_into(domain, optimum.x);
  optimum.lp_value = solution->objective;
  return optimum;
}

PolishResult polish_in_region(const Network& network, const InputDomain& domain, const Vector& output_weights,
                              const Vector& x, Clock::time_point deadline) {
  PolishResult best{x, objective_at(network, output_weights, x), 0};
  ActivationPattern pattern = pattern_at(network, x);
  bool flipped_last_round = false;
  while (best.lp_solves < kPolishRounds) {
    const double remaining = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (remaining <= 0.0 || interrupt_requested()) break;
    const std::optional<RegionOptimum> optimum = optimize_region(network, domain, output_weights, pattern, remaining);
    ++best.lp_solves;
    if (!optimum) break;
    const double value = objective_at(network, output_weights, optimum->x);
    const bool improved = value > best.value + 1e-9 * (1.0 + std::abs(best.value));
    if (improved) best = {optimum->x, value, best.lp_solves};
    if (!improved && flipped_last_round) break;
    // The next pattern: the signs at x', with the tight neurons switched.
    const std::vector<Vector> g = network.pre_activations(optimum->x);
    int flipped = 0;
    for (int l = 0; l < network.num_hidden_layers(); ++l)
      for (int i = 0; i < g[l].size(); ++i) {
        const double scale = 1.0 + network.layer(l).bias.cwiseAbs()(i);
        if (std::abs(g[l](i)) <= 1e-7 * scale) {
          pattern[l][i] = !pattern[l][i];
          ++flipped;
        } else {
          pattern[l][i] = g[l](i) > 0.0;
        }
      }
    if (flipped == 0 && !improved) break;
    flipped_last_round = flipped > 0;
    if (flipped == 0) break;  // an interior optimum of the region: nothing left to switch
  }
  return best;
}

}  // namespace nnmip
