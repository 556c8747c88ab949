#pragma once
// A brute force for networks with 1-3 inputs: the best value of c^T N(x) over a
// box that a grid, the box's corners and the exact best points of the
// activation regions of the best grid points reach (every value a forward pass).
// No claim of nnmip may be contradicted by it: a bound or an optimum below it
// (beyond kAgreementTolerance) is a false proof.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/heuristics/activation_region.hpp"

namespace nnmip::testing {

/// Every point of a regular grid over the box (corners included).
inline std::vector<Vector> grid_points(const Box& box) {
  const int n = static_cast<int>(box.lower.size());
  const int per_axis = n == 1 ? 2001 : n == 2 ? 101 : 21;
  std::vector<Vector> points;
  std::vector<int> index(n, 0);
  while (true) {
    Vector x(n);
    for (int k = 0; k < n; ++k)
      x(k) = index[k] == per_axis - 1 ? box.upper(k)
                                      : box.lower(k) + (box.upper(k) - box.lower(k)) * index[k] / (per_axis - 1);
    points.push_back(x);
    int k = 0;
    while (k < n && ++index[k] == per_axis) index[k++] = 0;
    if (k == n) break;
  }
  return points;
}

/// The best value of c^T N(x) the brute force reaches (always a forward pass).
inline double reachable_value(const Network& network, const Box& box, const Vector& c) {
  InputDomain domain;
  domain.box = box;
  std::vector<std::pair<double, Vector>> scored;
  for (const Vector& x : grid_points(box)) scored.emplace_back(objective_at(network, c, x), x);
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double best = scored.front().first;
  for (size_t k = 0; k < std::min<size_t>(5, scored.size()); ++k) {
    const auto region = optimize_region(network, domain, c, pattern_at(network, scored[k].second), 10.0);
    if (region) best = std::max(best, objective_at(network, c, region->x));
  }
  return best;
}

/// The slack a claim may have against the brute force.
inline double tolerance(double value) { return kAgreementTolerance * (1.0 + std::abs(value)); }

}  // namespace nnmip::testing
