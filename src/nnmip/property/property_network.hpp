#pragma once
// A property as one more piece of network: the network x -> S(N(x)) of
// property.hpp over a box, with one output, so that everything built for
// "maximize one output" (the MILP, the bounds, the heuristics, the surrogate
// ladder) decides the property: sat <=> max over the box of S(N(x)) >= 0.
//
// Construction (exact, every step a ReLU network identity):
//   leaves   v_i = d_i - c_i^T y = (-c_i^T W^L) h^{L-1} + (d_i - c_i^T b^L),
//            composed into N's last layer;
//   min(u, w) = u - relu(u - w),   max(u, w) = u + relu(w - u);
//   a value that must cross a layer unchanged (u of every pair, the odd one of
//   a level) passes through p = relu(u - o) as u = p + o, with the offset o
//   below u's interval lower bound: p is stably active, so it costs no binary.
// One hidden layer per level of a balanced tree: first the constraints of
// every conjunction are paired off (min) until one value per disjunct is left,
// then the disjuncts (max). Depth ceil(log2 K) + ceil(log2 J); the binaries
// the MILP may need are the relu(u - w) neurons, K - 1 per conjunction of K
// constraints plus J - 1 for J disjuncts. One constraint: no extra layer.
//
// The offsets come from interval arithmetic over the box, widened by
// kPassThroughMargin so that the MILP's own bounds (interval arithmetic or
// tighter) see every pass-through neuron as stably active.
#include <vector>

#include "nnmip/property/property.hpp"

namespace nnmip {

/// o = lower - kPassThroughMargin (1 + |lower|).
inline constexpr double kPassThroughMargin = 1e-3;

/// Throws nnmip::Error when a constraint has not one coefficient per output,
/// or the box not one entry per input.
Network compile_property(const Network& network, const std::vector<Conjunction>& disjuncts, const Box& box);

}  // namespace nnmip
