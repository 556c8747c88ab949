#include "nnmip/bounds/interval_bounds.hpp"

#include <cmath>

#include "nnmip/util/error.hpp"

namespace nnmip {

void widen_against_rounding(Vector& lower, Vector& upper) {
  lower.array() -= 1e-9 * (1.0 + lower.array().abs());
  upper.array() += 1e-9 * (1.0 + upper.array().abs());
}

void propagate_interval_bounds(const Network& network, const Box& input, int first_layer, ActivationBounds& bounds) {
  const int depth = network.num_layers();
  bounds.lower.resize(depth);
  bounds.upper.resize(depth);
  Vector hl = input.lower, hu = input.upper;
  if (first_layer > 0) {
    hl = bounds.lower[first_layer - 1].cwiseMax(0.0);
    hu = bounds.upper[first_layer - 1].cwiseMax(0.0);
  }
  for (int l = first_layer; l < depth; ++l) {
    const SparseMatrix& w = network.sparse_weights(l);
    Vector lower = network.layer(l).bias, upper = network.layer(l).bias;
    for (int i = 0; i < w.outerSize(); ++i) {
      for (SparseMatrix::InnerIterator it(w, i); it; ++it) {
        const double a = it.value();
        const int j = static_cast<int>(it.col());
        lower(i) += a > 0 ? a * hl(j) : a * hu(j);
        upper(i) += a > 0 ? a * hu(j) : a * hl(j);
      }
    }
    widen_against_rounding(lower, upper);
    bounds.lower[l] = lower;
    bounds.upper[l] = upper;
    hl = lower.cwiseMax(0.0);
    hu = upper.cwiseMax(0.0);
  }
}

ActivationBounds interval_bounds(const Network& network, const Box& input) {
  if (input.lower.size() != network.input_size() || input.upper.size() != network.input_size())
    throw Error("the input box has " + std::to_string(input.lower.size()) + " entries but the network takes " +
                std::to_string(network.input_size()));
  if ((input.lower.array() > input.upper.array()).any())
    throw Error("the input box has a lower bound above its upper bound");
  ActivationBounds bounds;
  propagate_interval_bounds(network, input, 0, bounds);
  return bounds;
}

}  // namespace nnmip
