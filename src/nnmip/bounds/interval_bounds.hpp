#pragma once
// Pre-activation bounds L^l <= g^l <= U^l of every layer, by interval arithmetic
// over an input box (protocol.md, "tighter bounds -> smaller M"):
//   with W+ = max(W, 0) and W- = min(W, 0), and h^{l-1} in [hl, hu],
//   L^l = W+ hl + W- hu + b,   U^l = W+ hu + W- hl + b,
//   and the next layer's inputs are h^l in [max(0, L^l), max(0, U^l)].
// A neuron is stably inactive when U <= 0, stably active when L >= 0.
#include <vector>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// An axis-aligned box of inputs: lower <= x <= upper.
struct Box {
  Vector lower;
  Vector upper;
};

/// An L1 ball ||x - center||_1 <= radius (inputs are further limited by a Box).
struct L1Ball {
  Vector center;
  double radius = 0.0;
};

/// lower[l] and upper[l] bound the pre-activations g^{l+1} of layer l (0-based);
/// the last entry bounds the outputs y.
struct ActivationBounds {
  std::vector<Vector> lower;
  std::vector<Vector> upper;
};

/// Interval bounds of every layer over the box (widened by a relative 1e-9 so
/// rounding in the arithmetic never cuts off a reachable value).
ActivationBounds interval_bounds(const Network& network, const Box& input);

/// Widens [lower, upper] by a relative 1e-9 (absolute 1e-9 near zero) against rounding.
void widen_against_rounding(Vector& lower, Vector& upper);

/// Re-propagates interval bounds from layer `first_layer` on, keeping the
/// (possibly tighter) bounds of the layers before it.
void propagate_interval_bounds(const Network& network, const Box& input, int first_layer, ActivationBounds& bounds);

}  // namespace nnmip
