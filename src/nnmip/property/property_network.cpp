#include "nnmip/property/property_network.hpp"

#include <cmath>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// Values affine in h, the outputs of the layer built last:
/// value_i = rows.row(i) h + constants(i), with h in [h_lower, h_upper] and
/// the values in [lower, upper] (interval arithmetic).
struct AffineValues {
  Matrix rows;
  Vector constants;
  Vector h_lower;
  Vector h_upper;
  Vector lower;
  Vector upper;
};

/// Interval arithmetic of rows h + constants over h in [h_lower, h_upper].
void interval(const Matrix& rows, const Vector& constants, const Vector& h_lower, const Vector& h_upper, Vector& lower,
              Vector& upper) {
  const Matrix positive = rows.cwiseMax(0.0);
  const Matrix negative = rows.cwiseMin(0.0);
  lower = positive * h_lower + negative * h_upper + constants;
  upper = positive * h_upper + negative * h_lower + constants;
}

double pass_through_offset(double lower) { return lower - kPassThroughMargin * (1.0 + std::abs(lower)); }

enum class Combine { min, max };

/// One level of the tree: in every group of value indices, pairs (u, w) become
/// min or max(u, w) and the odd last value passes through. Appends the hidden
/// layer to `layers`, returns the new values (over that layer's outputs) and
/// rewrites the groups to index them.
AffineValues combine_level(const AffineValues& values, std::vector<std::vector<int>>& groups, Combine combine,
                           std::vector<Layer>& layers) {
  // min(u, w) = p - relu(u - w) + o,  max(u, w) = p + relu(w - u) + o,  u = p + o.
  const double pair_sign = combine == Combine::min ? -1.0 : 1.0;
  std::vector<Vector> neuron_rows;
  std::vector<double> neuron_bias;
  struct Made {
    int pass = 0;   // the neuron p of u
    int pair = -1;  // the neuron relu(u - w) or relu(w - u); -1 for a lone value
    double offset = 0.0;
  };
  std::vector<Made> made;
  for (std::vector<int>& group : groups) {
    std::vector<int> next;
    for (size_t k = 0; k < group.size(); k += 2) {
      const int u = group[k];
      Made v;
      v.offset = pass_through_offset(values.lower(u));
      v.pass = static_cast<int>(neuron_rows.size());
      neuron_rows.push_back(values.rows.row(u).transpose());
      neuron_bias.push_back(values.constants(u) - v.offset);
      if (k + 1 < group.size()) {
        const int w = group[k + 1];
        v.pair = static_cast<int>(neuron_rows.size());
        neuron_rows.push_back(pair_sign * (values.rows.row(w) - values.rows.row(u)).transpose());
        neuron_bias.push_back(pair_sign * (values.constants(w) - values.constants(u)));
      }
      next.push_back(static_cast<int>(made.size()));
      made.push_back(v);
    }
    group = next;
  }

  Layer layer;
  const long neurons = static_cast<long>(neuron_rows.size());
  layer.weights.resize(neurons, values.rows.cols());
  layer.bias.resize(neurons);
  for (long i = 0; i < neurons; ++i) {
    layer.weights.row(i) = neuron_rows[i].transpose();
    layer.bias(i) = neuron_bias[i];
  }
  AffineValues next;
  interval(layer.weights, layer.bias, values.h_lower, values.h_upper, next.h_lower, next.h_upper);
  next.h_lower = next.h_lower.cwiseMax(0.0);
  next.h_upper = next.h_upper.cwiseMax(0.0);
  layers.push_back(std::move(layer));

  const long count = static_cast<long>(made.size());
  next.rows = Matrix::Zero(count, neurons);
  next.constants.resize(count);
  for (long i = 0; i < count; ++i) {
    next.rows(i, made[i].pass) = 1.0;
    if (made[i].pair >= 0) next.rows(i, made[i].pair) = pair_sign;
    next.constants(i) = made[i].offset;
  }
  interval(next.rows, next.constants, next.h_lower, next.h_upper, next.lower, next.upper);
  return next;
}

bool some_group_has_pairs(const std::vector<std::vector<int>>& groups) {
  for (const std::vector<int>& g : groups)
    if (g.size() > 1) return true;
  return false;
}

}  // namespace

Network compile_property(const Network& network, const std::vector<Conjunction>& disjuncts, const Box& box) {
  const int m = network.output_size();
  if (box.lower.size() != network.input_size() || box.upper.size() != network.input_size())
    throw Error("the property's input box has " + std::to_string(box.lower.size()) + " entries but the network takes " +
                std::to_string(network.input_size()) + " inputs");
  if (disjuncts.empty()) throw Error("the property has no disjunct");
  std::vector<const OutputConstraint*> leaves;
  std::vector<std::vector<int>> groups;  // per disjunct: its constraints' leaf indices
  for (const Conjunction& conjunction : disjuncts) {
    if (conjunction.constraints.empty()) throw Error("a conjunction of the property has no constraint");
    std::vector<int> group;
    for (const OutputConstraint& c : conjunction.constraints) {
      if (c.coefficients.size() != m)
        throw Error("the output constraint " + c.text + " has " + std::to_string(c.coefficients.size()) +
                    " coefficients but the network has " + std::to_string(m) + " outputs");
      group.push_back(static_cast<int>(leaves.size()));
      leaves.push_back(&c);
    }
    groups.push_back(group);
  }

  // The leaves over h^{L-1}, the input of N's last layer.
  const int L = network.num_layers();
  const Layer& last = network.layer(L - 1);
  AffineValues values;
  if (L == 1) {
    values.h_lower = box.lower;
    values.h_upper = box.upper;
  } else {
    const ActivationBounds bounds = interval_bounds(network, box);
    values.h_lower = bounds.lower[L - 2].cwiseMax(0.0);
    values.h_upper = bounds.upper[L - 2].cwiseMax(0.0);
  }
  const long count = static_cast<long>(leaves.size());
  values.rows.resize(count, last.inputs());
  values.constants.resize(count);
  for (long i = 0; i < count; ++i) {
    values.rows.row(i) = -(leaves[i]->coefficients.transpose() * last.weights);
    values.constants(i) = leaves[i]->rhs - leaves[i]->coefficients.dot(last.bias);
  }
  interval(values.rows, values.constants, values.h_lower, values.h_upper, values.lower, values.upper);

  std::vector<Layer> layers(network.layers().begin(), network.layers().end() - 1);
  while (some_group_has_pairs(groups)) values = combine_level(values, groups, Combine::min, layers);
  std::vector<std::vector<int>> disjunction{{}};
  for (const std::vector<int>& g : groups) disjunction[0].push_back(g[0]);
  while (some_group_has_pairs(disjunction)) values = combine_level(values, disjunction, Combine::max, layers);

  Layer output;
  output.weights = values.rows.row(disjunction[0][0]);
  output.bias = values.constants.segment(disjunction[0][0], 1);
  layers.push_back(std::move(output));
  return Network(std::move(layers));
}

}  // namespace nnmip
