#include "nnmip/formulation/network_encoding.hpp"

#include <cmath>
#include <string>

namespace nnmip {

namespace {

std::string neuron_name(const char* prefix, int layer, int neuron) {
  return std::string(prefix) + "_" + std::to_string(layer + 1) + "_" + std::to_string(neuron);
}

}  // namespace

NeuronPhase encoded_phase(double lower, double upper) {
  return phase_of(lower + kStableTolerance, upper - kStableTolerance);
}

AffineExpression pre_activation(const Network& network, const NetworkEncoding& encoding, int layer,
                                int neuron) {
  AffineExpression g;
  g.constant = network.layer(layer).bias(neuron);
  const SparseMatrix& w = network.sparse_weights(layer);
  for (SparseMatrix::InnerIterator it(w, neuron); it; ++it) {
    if (std::abs(it.value()) < kNegligibleWeight) continue;
    const int j = static_cast<int>(it.col());
    if (layer == 0) {
      g.indices.push_back(encoding.input_columns[j]);
      g.values.push_back(it.value());
      continue;
    }
    const NeuronTerm& input = encoding.hidden[layer - 1][j];
    if (input.column < 0) {
      g.constant += it.value() * input.constant;
    } else {
      g.indices.push_back(input.column);
      g.values.push_back(it.value());
    }
  }
  return g;
}

NetworkEncoding encode_network(MilpModel& model, const Network& network,
                               const std::vector<int>& input_columns,
                               const ActivationBounds& bounds, int hidden_layers,
                               bool with_outputs) {
  NetworkEncoding encoding;
  encoding.input_columns = input_columns;
  for (int l = 0; l < hidden_layers; ++l) {
    std::vector<NeuronTerm> layer_terms;
    for (int i = 0; i < network.layer(l).outputs(); ++i) {
      AffineExpression g = pre_activation(network, encoding, l, i);
      const double lower = bounds.lower[l](i), upper = bounds.upper[l](i);
      NeuronTerm term;
      if (g.indices.empty()) {  // no nonzero input: a constant neuron
        term.constant = std::max(0.0, g.constant);
      } else if (encoded_phase(lower, upper) == NeuronPhase::inactive) {
        term.constant = 0.0;
      } else if (encoded_phase(lower, upper) == NeuronPhase::active) {
        // h = g  <=>  h - W_i h^{l-1} = b_i
        term.column = model.add_column(lower, upper, false, neuron_name("h", l, i));
        g.indices.push_back(term.column);
        for (double& v : g.values) v = -v;
        g.values.push_back(1.0);
        model.add_row(g.indices, g.values, g.constant, g.constant, neuron_name("active", l, i));
      } else {
        term.column = model.add_column(0.0, upper, false, neuron_name("h", l, i));
        term.binary = model.add_column(0.0, 1.0, true, neuron_name("z", l, i));
        std::vector<int> indices = g.indices;
        std::vector<double> values;
        for (double v : g.values) values.push_back(-v);
        indices.push_back(term.column);
        values.push_back(1.0);
        // h - W_i h^{l-1} >= b_i
        model.add_row(indices, values, g.constant, kInfinity, neuron_name("relu_ge", l, i));
        // h - W_i h^{l-1} - L z <= b_i - L
        indices.push_back(term.binary);
        values.push_back(-lower);
        model.add_row(indices, values, -kInfinity, g.constant - lower, neuron_name("relu_le", l, i));
        // h - U z <= 0
        model.add_row({term.column, term.binary}, {1.0, -upper}, -kInfinity, 0.0,
                      neuron_name("relu_on", l, i));
      }
      layer_terms.push_back(term);
    }
    encoding.hidden.push_back(std::move(layer_terms));
  }
  if (!with_outputs) return encoding;
  const int last = network.num_layers() - 1;
  for (int k = 0; k < network.output_size(); ++k) {
    AffineExpression g = pre_activation(network, encoding, last, k);
    // y_k - W_k h^{L-1} = b_k
    const int y = model.add_column(bounds.lower[last](k), bounds.upper[last](k), false,
                                   "y_" + std::to_string(k));
    for (double& v : g.values) v = -v;
    g.indices.push_back(y);
    g.values.push_back(1.0);
    model.add_row(g.indices, g.values, g.constant, g.constant, "output_" + std::to_string(k));
    encoding.output_columns.push_back(y);
  }
  return encoding;
}

std::vector<double> encoding_point(const MilpModel& model, const Network& network,
                                   const NetworkEncoding& encoding, const Vector& x) {
  std::vector<double> point(model.num_columns(), 0.0);
  for (size_t k = 0; k < encoding.input_columns.size(); ++k) point[encoding.input_columns[k]] = x(k);
  const std::vector<Vector> g = network.pre_activations(x);
  for (size_t l = 0; l < encoding.hidden.size(); ++l) {
    for (size_t i = 0; i < encoding.hidden[l].size(); ++i) {
      const NeuronTerm& term = encoding.hidden[l][i];
      // Active neurons: h = g (g may sit a rounding error below 0); unstable: relu.
      if (term.column >= 0) point[term.column] = term.binary >= 0 ? std::max(0.0, g[l](i)) : g[l](i);
      if (term.binary >= 0) point[term.binary] = g[l](i) > 0.0 ? 1.0 : 0.0;
    }
  }
  for (size_t k = 0; k < encoding.output_columns.size(); ++k)
    point[encoding.output_columns[k]] = g.back()(k);
  return point;
}

}  // namespace nnmip
