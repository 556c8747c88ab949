#pragma once
// The magnitudes a network MILP may contain, so that CBC's answers mean what they say.
//
// CLP and CBC work with absolute tolerances: a row or bound counts as satisfied
// when violated by at most 1e-7 (primal feasibility) and a binary as integral
// within 1e-6; values of 1e20 and more count as infinite, and CLP's assertions
// fire on values near 1e100. A row whose terms reach V is only known to about
// V * 2.2e-16 in double precision, so for V near 1e9 the rounding is as large as
// the tolerance: the solver then declares feasible boxes infeasible, claims
// optima below what a forward pass reaches, or aborts (all seen by a tester
// with weights of 1e3 on boxes of +-10, boxes of +-1e12 and biases of 1e100).
//
// nnmip therefore solves a network MILP only when every magnitude it contains is
// at most kMaxModelMagnitude = 1e6, leaving three orders between rounding
// (~2e-10) and the tolerance:
//   - every finite column and row bound (the input box, the activation bounds
//     L and U, the right-hand sides b - L of the big-M rows),
//   - every coefficient (weights, big-M values), and
//   - every term |a_ij| * max|v_j| a row can contain.
// The check runs on the model right after it is built from the first bounds,
// before any LP (bound tightening, heuristics, CBC) sees it. Outside the range
// the answer is a clear error that names the neuron and says what to rescale,
// never a solve. A ReLU network is positively homogeneous, so rescaling is
// exact: dividing the weights and bias of layer k by s divides everything after
// layer k (and the outputs) by s; scaling the inputs by s and the first layer's
// weights by 1/s leaves the network's function unchanged.
#include "nnmip/milp/model.hpp"

namespace nnmip {

inline constexpr double kMaxModelMagnitude = 1e6;

/// Throws nnmip::Error (naming the input, neuron or output, the magnitude and
/// the rescaling that fixes it) when the network MILP contains a magnitude
/// above kMaxModelMagnitude (or a NaN).
void check_numeric_range(const MilpModel& model);

}  // namespace nnmip
