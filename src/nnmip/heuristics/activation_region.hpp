#pragma once
// The network on one activation region, and the polish heuristic.
//
// Fix the ReLU pattern s (s_i^l = 1: neuron active, 0: inactive). On the
// region R(s) = { x : g_i^l(x) >= 0 where s_i^l = 1, g_i^l(x) <= 0 where s_i^l = 0 }
// the network is affine. With D^l = diag(s^l):
//   g^1(x) = W^1 x + b^1                      = A^1 x + a^1
//   g^l(x) = W^l D^{l-1} (A^{l-1} x + a^{l-1}) + b^l = A^l x + a^l
// and the objective c^T y = c^T (A^L x + a^L) is linear on R(s). So
//   max c^T (A^L x + a^L)  s.t.  x in the domain,  s_i (A_i^l x + a_i^l) >= 0 (signed rows)
// is an LP whose optimum is the best point of the region. Rows implied by the
// box (min over the box of the signed row >= 0) are left out.
//
// Polish: from x, solve the region LP of the pattern at x, move to its optimum
// x'. Every neuron whose row is tight at x' (g_i(x') ~ 0) may switch: x' lies in
// the closure of the regions on both sides, so flipping those neurons gives a
// region whose LP is feasible at x' with the same value (the network is
// continuous). Repeat while the value improves (or once more after flipping),
// within a round and time limit. Values are always forward passes.
#include <chrono>
#include <vector>

#include "nnmip/formulation/input_domain.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

/// s^l for every hidden layer: true = active.
using ActivationPattern = std::vector<std::vector<bool>>;

/// The pattern at x: active where g > 0.
ActivationPattern pattern_at(const Network& network, const Vector& x);

/// c^T N(x).
double objective_at(const Network& network, const Vector& output_weights, const Vector& x);

/// The best point of the region of `pattern` within the domain (the region LP
/// above); nullopt when the LP is infeasible or was not solved in time.
struct RegionOptimum {
  Vector x;
  double lp_value = 0.0;  // the LP's objective (the forward pass may differ by rounding)
};
std::optional<RegionOptimum> optimize_region(const Network& network, const InputDomain& domain,
                                             const Vector& output_weights, const ActivationPattern& pattern,
                                             double time_limit_s);

struct PolishResult {
  Vector x;
  double value = 0.0;  // c^T N(x), forward pass
  int lp_solves = 0;
};
/// Polish from x (in the domain) until `deadline`, at most kPolishRounds LPs.
PolishResult polish_in_region(const Network& network, const InputDomain& domain, const Vector& output_weights,
                              const Vector& x, std::chrono::steady_clock::time_point deadline);

}  // namespace nnmip
