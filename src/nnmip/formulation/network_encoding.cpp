#include "nnmip/formulation/network_encoding.hpp"

#include <cmath>
#include <string>

namespace nnmip {

namespace {

std::string neuron_name(const char* prefix, int layer, int neuron) {
  return std::string(prefix) + "_" + std::to_string(layer + 1) + "_" + std::to_string(neuron);
}

}  // namespace

EncodedPhase encoded_phase(double lower, double upper) {
  if (upper <= 0.0) return EncodedPhase::inactive;
  if (lower >= 0.0) return EncodedPhase::active;
  if (upper <= kNearlyStable) return EncodedPhase::nearly_inactive;
  if (-lower <= kNearlyStable) return EncodedPhase::nearly_active;
  return EncodedPhase::unstable;
}

AffineExpression pre_activation(const Network& network, const MilpModel& model, const NetworkEncoding& encoding,
                                int layer, int neuron) {
  AffineExpression g;
  g.constant = network.layer(layer).bias(neuron);
  const SparseMatrix& w = network.sparse_weights(layer);
  for (SparseMatrix::InnerIterator it(w, neuron); it; ++it) {
    const int j = static_cast<int>(it.col());
    const NeuronTerm* input = layer == 0 ? nullptr : &encoding.hidden[layer - 1][j];
    if (input && input->column < 0) {
      g.constant += it.value() * input->constant;
      g.slack += std::abs(it.value()) * input->spread;
      continue;
    }
    const int column = input ? input->column : encoding.input_columns[j];
    const Column& bounds = model.columns()[column];
    const double contribution = std::abs(it.value()) * std::max(std::abs(bounds.lower), std::abs(bounds.upper));
    if (contribution <= kNegligibleContribution) {
      g.slack += contribution;
      continue;
    }
    g.indices.push_back(column);
    g.values.push_back(it.value());
  }
  return g;
}

NetworkEncoding encode_network(MilpModel& model, const Network& network, const std::vector<int>& input_columns,
                               const ActivationBounds& bounds, int hidden_layers, bool with_outputs) {
  NetworkEncoding encoding;
  encoding.input_columns = input_columns;
  for (int l = 0; l < hidden_layers; ++l) {
    std::vector<NeuronTerm> layer_terms;
    for (int i = 0; i < network.layer(l).outputs(); ++i) {
      AffineExpression g = pre_activation(network, model, encoding, l, i);
      const double lower = bounds.lower[l](i), upper = bounds.upper[l](i);
      const EncodedPhase phase = encoded_phase(lower, upper);
      const double b = g.constant, s = g.slack;
      NeuronTerm term;
      // An interval constant h in [lo, hi]: its midpoint, up to +-half its width.
      auto interval = [&term](double lo, double hi) {
        term.constant = (lo + hi) / 2.0;
        term.spread = (hi - lo) / 2.0;
      };
      if (phase == EncodedPhase::inactive) {
        term.constant = 0.0;
      } else if (g.indices.empty()) {  // no usable input: g in [b - s, b + s]
        interval(std::max(0.0, b - s), std::max(0.0, b + s));
      } else if (phase == EncodedPhase::nearly_inactive) {
        interval(0.0, upper);
      } else if (phase == EncodedPhase::active) {
        // h = g  <=>  b - s <= h - W_i h^{l-1} <= b + s
        term.column = model.add_column(lower, upper, false, neuron_name("h", l, i));
        term.linear = true;
        g.indices.push_back(term.column);
        for (double& v : g.values) v = -v;
        g.values.push_back(1.0);
        model.add_row(g.indices, g.values, b - s, b + s, neuron_name("active", l, i));
      } else {
        term.column = model.add_column(0.0, upper, false, neuron_name("h", l, i));
        if (phase == EncodedPhase::unstable) term.binary = model.add_column(0.0, 1.0, true, neuron_name("z", l, i));
        std::vector<int> indices = g.indices;
        std::vector<double> values;
        for (double v : g.values) values.push_back(-v);
        indices.push_back(term.column);
        values.push_back(1.0);
        // h - W_i h^{l-1} >= b_i (- s)
        model.add_row(indices, values, b - s, kInfinity, neuron_name("relu_ge", l, i));
        if (phase == EncodedPhase::nearly_active) {
          // h - W_i h^{l-1} <= b_i - L (+ s): z = 1 in the row below, valid for every z.
          model.add_row(indices, values, -kInfinity, b - lower + s, neuron_name("relu_le", l, i));
        } else {
          // h - W_i h^{l-1} - L z <= b_i - L (+ s)
          indices.push_back(term.binary);
          values.push_back(-lower);
          model.add_row(indices, values, -kInfinity, b - lower + s, neuron_name("relu_le", l, i));
          // h - U z <= 0
          model.add_row({term.column, term.binary}, {1.0, -upper}, -kInfinity, 0.0, neuron_name("relu_on", l, i));
        }
      }
      layer_terms.push_back(term);
    }
    encoding.hidden.push_back(std::move(layer_terms));
  }
  if (!with_outputs) return encoding;
  const int last = network.num_layers() - 1;
  for (int k = 0; k < network.output_size(); ++k) {
    AffineExpression g = pre_activation(network, model, encoding, last, k);
    // b_k - s <= y_k - W_k h^{L-1} <= b_k + s
    const int y = model.add_column(bounds.lower[last](k), bounds.upper[last](k), false, "y_" + std::to_string(k));
    for (double& v : g.values) v = -v;
    g.indices.push_back(y);
    g.values.push_back(1.0);
    model.add_row(g.indices, g.values, g.constant - g.slack, g.constant + g.slack, "output_" + std::to_string(k));
    encoding.output_columns.push_back(y);
  }
  return encoding;
}

std::vector<double> encoding_point(const MilpModel& model, const Network& network, const NetworkEncoding& encoding,
                                   const Vector& x) {
  std::vector<double> point(model.num_columns(), 0.0);
  for (size_t k = 0; k < encoding.input_columns.size(); ++k) point[encoding.input_columns[k]] = x(k);
  const std::vector<Vector> g = network.pre_activations(x);
  for (size_t l = 0; l < encoding.hidden.size(); ++l) {
    for (size_t i = 0; i < encoding.hidden[l].size(); ++i) {
      const NeuronTerm& term = encoding.hidden[l][i];
      // Active neurons: h = g (g may sit a rounding error below 0); the others: relu.
      if (term.column >= 0) point[term.column] = term.linear ? g[l](i) : std::max(0.0, g[l](i));
      if (term.binary >= 0) point[term.binary] = g[l](i) > 0.0 ? 1.0 : 0.0;
    }
  }
  for (size_t k = 0; k < encoding.output_columns.size(); ++k) point[encoding.output_columns[k]] = g.back()(k);
  return point;
}

}  // namespace nnmip
