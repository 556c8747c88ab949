#pragma once
// Projected gradient ascent on f(x) = c^T N(x) over the input domain.
//
// The gradient on the region of x (backpropagation through the pattern):
//   delta^L = c,  delta^{l-1} = (W^l)^T delta^l  masked by [g^{l-1} > 0],
//   grad f(x) = (W^1)^T delta^1.
// Steps (t = 0..T-1, step size alpha_t falling linearly from 0.25 to 0.01):
//   box / L-infinity ball:  x <- P(x + alpha_t (u - l) * sign(grad))   (PGD)
//   L1 ball:                x <- P(x + alpha_t eps grad / ||grad||_inf)
// with P the exact Euclidean projection onto the domain (project_into). Starts:
// the given points, then random points of the box projected into the domain
// (seeded). The best point seen on every trajectory is kept; the ascent ends
// early when a value reaches `goal_at` (>=).
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "nnmip/formulation/input_domain.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

/// grad_x c^T N(x) on the activation region of x.
Vector objective_gradient(const Network& network, const Vector& output_weights, const Vector& x);

struct GradientAscentOptions {
  std::vector<Vector> starts;  // points of the domain to start from
  int random_starts = 0;
  int steps = 60;
  std::uint64_t seed = 0;
  std::optional<double> goal_at;
  std::chrono::steady_clock::time_point deadline;
};

struct GradientAscentResult {
  Vector x;
  double value = 0.0;
  int evaluations = 0;
};

/// Nullopt only when no start could be evaluated before the deadline.
std::optional<GradientAscentResult> gradient_ascent(const Network& network, const InputDomain& domain,
                                                    const Vector& output_weights, const GradientAscentOptions& options);

}  // namespace nnmip
