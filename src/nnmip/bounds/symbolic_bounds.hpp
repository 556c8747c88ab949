#pragma once
// Symbolic (backward linear) bounds, as in CROWN / DeepPoly.
//
// To bound a linear function C g^k of the pre-activations of layer k, write it
// in terms of layer k-1's outputs, relax every ReLU h = relu(g) with bounds
// [L, U] by two lines, and continue down to the input x, where the remaining
// linear function of x is maximized (minimized) over the input set exactly:
//
//   C g^k = C W^k h^{k-1} + C b^k,   A := C W^k
//   upper bound: for A_ij >= 0 use h_j <= s_j g_j + t_j, for A_ij < 0 use h_j >= a_j g_j
//   lower bound: the other way round
//   with, for an unstable neuron (L < 0 < U): s = U / (U - L), t = -s L (the chord),
//   a = 1 if U >= -L else 0 (CROWN's adaptive lower line); active (L >= 0): h = g;
//   inactive (U <= 0): h = 0.
//   Then g^{k-1} = W^{k-1} h^{k-2} + b^{k-1}, and so on to g^1 = W^1 x + b^1.
//
// The input set is a box, optionally intersected with an L1 ball ||x - c||_1 <= eps
// (c in the box): max a^T x over it = a^T c + the best use of the budget eps,
// moving coordinates in the direction of sign(a_k), largest |a_k| first, each up
// to its room in the box (a fractional knapsack: exact).
//
// Every layer's bounds are the intersection of the symbolic and the interval
// bounds, so they are never looser than interval arithmetic; results are
// widened by a relative 1e-9 against rounding (as interval_bounds does).
// Products use each layer's sparse weights: a pruned network stays cheap.
#include <optional>

#include "nnmip/bounds/interval_bounds.hpp"

namespace nnmip {

/// Symbolic bounds of every layer over the box (and L1 ball when given).
ActivationBounds symbolic_bounds(const Network& network, const Box& box, const std::optional<L1Ball>& l1);

/// Recomputes the bounds of layers first_layer.. from the (possibly tighter)
/// bounds of the layers before them, keeping the tighter of old and new.
void propagate_symbolic_bounds(const Network& network, const Box& box, const std::optional<L1Ball>& l1, int first_layer,
                               ActivationBounds& bounds);

/// An upper bound of c^T y (y the outputs) over the input set, given the
/// bounds of every hidden layer: the symbolic bound of the objective.
double symbolic_objective_upper_bound(const Network& network, const Box& box, const std::optional<L1Ball>& l1,
                                      const ActivationBounds& bounds, const Vector& c);

}  // namespace nnmip
