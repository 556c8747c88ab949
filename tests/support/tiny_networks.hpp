#pragma once
// Small networks for tests, written out by hand or drawn from a seed.
#include "nnmip/network/network.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip::testing {

/// A network from explicit layers (rows of W listed row by row).
inline Network network_of(std::vector<std::pair<Matrix, Vector>> layers) {
  std::vector<Layer> list;
  for (auto& [w, b] : layers) list.push_back(Layer{w, b});
  return Network(std::move(list));
}

inline Matrix matrix(int rows, int cols, std::initializer_list<double> values) {
  Matrix m(rows, cols);
  auto it = values.begin();
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = *it++;
  return m;
}

inline Vector vector(std::initializer_list<double> values) {
  Vector v(values.size());
  int k = 0;
  for (double x : values) v(k++) = x;
  return v;
}

/// y = (relu(x), relu(-x)) on one input: on [-1, 1], y_0 >= 2 never holds and
/// y_1 >= 0.5 exactly for x <= -0.5 (answers by hand for properties).
inline Network sign_split_network() {
  return network_of({{matrix(2, 1, {1, -1}), vector({0, 0})}, {matrix(2, 2, {1, 0, 0, 1}), vector({0, 0})}});
}

/// A random point of the box.
inline Vector random_point(Rng& rng, const Vector& lower, const Vector& upper) {
  Vector x(lower.size());
  for (int k = 0; k < x.size(); ++k) x(k) = rng.uniform(lower(k), upper(k));
  return x;
}

}  // namespace nnmip::testing
