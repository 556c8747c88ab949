#pragma once
// y = NN(x) as mixed-integer linear constraints (paper eqs. 1-5, big-M form).
//
// For hidden neuron i of layer l with g = W_i h^{l-1} + b_i and bounds L <= g <= U:
//   unstable (L < 0 < U): continuous h in [0, U], binary z,
//        h >= g                    (h - W_i h^{l-1} >= b_i)
//        h <= g - L (1 - z)        (h - W_i h^{l-1} - L z <= b_i - L)
//        h <= U z                  (h - U z <= 0)
//     z = 1 forces h = g >= 0 and z = 0 forces h = 0 >= g (eqs. 2-3); h >= 0 is its bound (eq. 4).
//   stably active (L >= 0):   h = g, one equality row, no binary.
//   stably inactive (U <= 0): h = 0, a constant: no column, no row.
//   no nonzero incoming weight: g = b_i is a constant, h = max(0, b_i) folds
//        into the next layer's right-hand sides.
// Output neuron k: a free column y_k in [L, U] with y_k = W_k h^{L-1} + b_k.
// Only nonzero weights become matrix entries, so a pruned network gives a sparser MILP.
//
// Numerical hygiene (CBC's cut generators produced invalid "optimal" proofs on
// trained networks before this; weight decay leaves weights like 1e-99 behind):
//   - weights with |w| < kNegligibleWeight are not matrix entries;
//   - a neuron with U <= kStableTolerance is treated as inactive (h = 0, while the
//     network's h is at most U), and one with L >= -kStableTolerance as active
//     (h = g with h in [L, U]), so no big-M coefficient is ever tiny.
// Both change the MILP's outputs by far less than the solver's own feasibility
// tolerance (1e-6); every reported value is a forward pass of the network anyway.
#include <vector>

#include "nnmip/bounds/interval_bounds.hpp"
#include "nnmip/milp/model.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

inline constexpr double kNegligibleWeight = 1e-12;
inline constexpr double kStableTolerance = 1e-9;

/// The phase the encoding gives a neuron with bounds [lower, upper] (see above).
NeuronPhase encoded_phase(double lower, double upper);

/// How a neuron's output h appears in the model: a column, or a constant.
struct NeuronTerm {
  int column = -1;  // -1: h is the constant below
  double constant = 0.0;
  int binary = -1;  // the z column of an unstable neuron
};

struct NetworkEncoding {
  std::vector<int> input_columns;
  std::vector<std::vector<NeuronTerm>> hidden;  // hidden[l][i]
  std::vector<int> output_columns;              // empty when the outputs were not encoded
};

/// A linear expression sum values[k] * v[indices[k]] + constant.
struct AffineExpression {
  std::vector<int> indices;
  std::vector<double> values;
  double constant = 0.0;
};

/// g_i^l = W_i^l h^{l-1} + b_i^l in terms of the model's columns, for layer l
/// whose inputs (layer l-1) are already encoded. Constant inputs fold into the constant.
AffineExpression pre_activation(const Network& network, const NetworkEncoding& encoding, int layer,
                                int neuron);

/// Appends the hidden layers 0..hidden_layers-1 (and the outputs when
/// with_outputs) of the network to the model, on top of the given input columns.
NetworkEncoding encode_network(MilpModel& model, const Network& network,
                               const std::vector<int>& input_columns,
                               const ActivationBounds& bounds, int hidden_layers,
                               bool with_outputs);

/// A full column vector for the model from a forward pass at x: inputs x,
/// h = max(0, g), z = [g > 0], y = NN(x). Columns the encoding does not own
/// (added by the problem builders) are left at 0 for the caller to fill.
std::vector<double> encoding_point(const MilpModel& model, const Network& network,
                                   const NetworkEncoding& encoding, const Vector& x);

}  // namespace nnmip
