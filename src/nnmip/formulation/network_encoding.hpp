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
// Numerical hygiene, always as a relaxation (the MILP keeps every point of the
// network, so its bound stays a bound; every reported value is a forward pass):
//   - a weight whose largest contribution |w_ij| max|h_j| over the domain is at
//     most kNegligibleContribution is not a matrix entry (weight decay leaves
//     weights like 1e-99 behind; CBC's cut generators produced invalid proofs
//     from such coefficients). The sum s of the dropped contributions widens the
//     neuron's rows instead: g in [g' - s, g' + s], where g' omits them;
//   - a neuron with 0 < U <= kNearlyStable (nearly inactive) becomes the
//     interval constant h in [0, U]: no column (a column that narrow is within
//     CLP's tolerance of being fixed, which cut off reachable outputs when a
//     large weight followed it); the next layer's rows widen by |w| U / 2 around
//     the midpoint, like the left-out contributions above;
//   - a neuron with -kNearlyStable <= L < 0 < U (nearly active: a big-M
//     coefficient that tiny is noise to the LP) gets no binary: it is relaxed to
//     h in [0, U], h >= g, h <= g - L, which holds for h = max(0, g) whenever
//     L <= g <= U and is off by at most -L <= kNearlyStable.
// The magnitudes a model may contain at all are checked by numeric_range.hpp.
#include <vector>

#include "nnmip/bounds/interval_bounds.hpp"
#include "nnmip/milp/model.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

inline constexpr double kNegligibleContribution = 1e-12;
inline constexpr double kNearlyStable = 1e-9;

/// How the encoding models a neuron with bounds [lower, upper] (see above).
enum class EncodedPhase { inactive, active, nearly_inactive, nearly_active, unstable };
EncodedPhase encoded_phase(double lower, double upper);

/// How a neuron's output h appears in the model: a column, or a constant.
struct NeuronTerm {
  int column = -1;  // -1: h is the constant below, up to +-spread
  double constant = 0.0;
  double spread = 0.0;
  int binary = -1;      // the z column of an unstable neuron
  bool linear = false;  // a stably active neuron: h = g (otherwise h = max(0, g) at a point)
};

struct NetworkEncoding {
  std::vector<int> input_columns;
  std::vector<std::vector<NeuronTerm>> hidden;  // hidden[l][i]
  std::vector<int> output_columns;              // empty when the outputs were not encoded
};

/// A linear expression sum values[k] * v[indices[k]] + constant, up to +-slack.
struct AffineExpression {
  std::vector<int> indices;
  std::vector<double> values;
  double constant = 0.0;
  double slack = 0.0;  // the negligible contributions left out (see above)
};

/// g_i^l = W_i^l h^{l-1} + b_i^l in terms of the model's columns, for layer l
/// whose inputs (layer l-1) are already encoded. Constant inputs fold into the
/// constant; negligible contributions (judged by the columns' bounds in the
/// model) into the slack.
AffineExpression pre_activation(const Network& network, const MilpModel& model, const NetworkEncoding& encoding,
                                int layer, int neuron);

/// Appends the hidden layers 0..hidden_layers-1 (and the outputs when
/// with_outputs) of the network to the model, on top of the given input columns.
NetworkEncoding encode_network(MilpModel& model, const Network& network, const std::vector<int>& input_columns,
                               const ActivationBounds& bounds, int hidden_layers, bool with_outputs);

/// A full column vector for the model from a forward pass at x: inputs x,
/// h = max(0, g), z = [g > 0], y = NN(x). Columns the encoding does not own
/// (added by the problem builders) are left at 0 for the caller to fill.
std::vector<double> encoding_point(const MilpModel& model, const Network& network, const NetworkEncoding& encoding,
                                   const Vector& x);

}  // namespace nnmip
