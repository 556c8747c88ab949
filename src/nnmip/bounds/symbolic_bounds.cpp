#include "nnmip/bounds/symbolic_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// The two lines of the ReLU relaxation of one layer's neurons (see the header).
struct Relaxation {
  Vector upper_slope, upper_intercept, lower_slope;
};

Relaxation relax(const Vector& lower, const Vector& upper) {
  const int n = static_cast<int>(lower.size());
  Relaxation r{Vector::Zero(n), Vector::Zero(n), Vector::Zero(n)};
  for (int i = 0; i < n; ++i) {
    const double l = lower(i), u = upper(i);
    if (u <= 0.0) continue;  // inactive: h = 0
    if (l >= 0.0) {          // active: h = g
      r.upper_slope(i) = 1.0;
      r.lower_slope(i) = 1.0;
      continue;
    }
    r.upper_slope(i) = u / (u - l);
    r.upper_intercept(i) = -r.upper_slope(i) * l;
    r.lower_slope(i) = u >= -l ? 1.0 : 0.0;
  }
  return r;
}

/// max over the input set of each row of a (as a^T x).
Vector maximize_rows(const Matrix& a, const Box& box, const std::optional<L1Ball>& l1) {
  const Vector box_max = a.cwiseMax(0.0) * box.upper + a.cwiseMin(0.0) * box.lower;
  if (!l1) return box_max;
  const Vector& c = l1->center;
  if ((c.array() < box.lower.array()).any() || (c.array() > box.upper.array()).any()) return box_max;
  Vector result(a.rows());
  std::vector<int> order(a.cols());
  for (int i = 0; i < a.rows(); ++i) {
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int p, int q) { return std::abs(a(i, p)) > std::abs(a(i, q)); });
    double value = a.row(i).dot(c), budget = l1->radius;
    for (int k : order) {
      if (budget <= 0.0 || a(i, k) == 0.0) break;
      const double room = a(i, k) > 0 ? box.upper(k) - c(k) : c(k) - box.lower(k);
      const double step = std::min(room, budget);
      value += std::abs(a(i, k)) * step;
      budget -= step;
    }
    result(i) = std::min(value, box_max(i));  // both are valid; keep the tighter
  }
  return result;
}

/// Bounds of C g^layer (one row of C per function): the upper bounds when
/// `upper`, else the lower bounds. The bounds of layers < layer are used.
Vector backward(const Network& network, const Box& box, const std::optional<L1Ball>& l1, const ActivationBounds& bounds,
                int layer, const Matrix& c, bool upper) {
  // Lower bounds are the negated upper bounds of -C.
  const double sign = upper ? 1.0 : -1.0;
  Matrix a = sign * c * network.sparse_weights(layer);
  Vector constant = sign * c * network.layer(layer).bias;
  for (int j = layer - 1; j >= 0; --j) {
    const Relaxation r = relax(bounds.lower[j], bounds.upper[j]);
    const Matrix positive = a.cwiseMax(0.0), negative = a.cwiseMin(0.0);
    constant += positive * r.upper_intercept;
    const Matrix lambda = positive * r.upper_slope.asDiagonal() + negative * r.lower_slope.asDiagonal();
    constant += lambda * network.layer(j).bias;
    a = lambda * network.sparse_weights(j);
  }
  return sign * (constant + maximize_rows(a, box, l1));
}

void check_input_set(const Network& network, const Box& box, const std::optional<L1Ball>& l1) {
  const int n = network.input_size();
  if (box.lower.size() != n || box.upper.size() != n)
    throw Error("the input box has " + std::to_string(box.lower.size()) + " entries but the network takes " +
                std::to_string(n));
  if (l1 && l1->center.size() != n)
    throw Error("the L1 ball's centre has " + std::to_string(l1->center.size()) + " entries but the network takes " +
                std::to_string(n));
}

}  // namespace

void propagate_symbolic_bounds(const Network& network, const Box& box, const std::optional<L1Ball>& l1, int first_layer,
                               ActivationBounds& bounds) {
  check_input_set(network, box, l1);
  ActivationBounds interval = bounds;
  for (int l = first_layer; l < network.num_layers(); ++l) {
    // Interval bounds from the (final) bounds of layer l-1, then symbolic ones.
    propagate_interval_bounds(network, box, l, interval);
    const Matrix identity = Matrix::Identity(network.layer(l).outputs(), network.layer(l).outputs());
    Vector lower = backward(network, box, l1, bounds, l, identity, false);
    Vector upper = backward(network, box, l1, bounds, l, identity, true);
    widen_against_rounding(lower, upper);
    lower = lower.cwiseMax(interval.lower[l]);
    upper = upper.cwiseMin(interval.upper[l]);
    if (static_cast<int>(bounds.lower.size()) > l && bounds.lower[l].size() == lower.size()) {
      lower = lower.cwiseMax(bounds.lower[l]);
      upper = upper.cwiseMin(bounds.upper[l]);
    } else {
      bounds.lower.resize(network.num_layers());
      bounds.upper.resize(network.num_layers());
    }
    bounds.lower[l] = lower;
    bounds.upper[l] = upper;
    interval.lower[l] = lower;
    interval.upper[l] = upper;
  }
}

ActivationBounds symbolic_bounds(const Network& network, const Box& box, const std::optional<L1Ball>& l1) {
  ActivationBounds bounds = interval_bounds(network, box);
  propagate_symbolic_bounds(network, box, l1, 0, bounds);
  return bounds;
}

double symbolic_objective_upper_bound(const Network& network, const Box& box, const std::optional<L1Ball>& l1,
                                      const ActivationBounds& bounds, const Vector& c) {
  check_input_set(network, box, l1);
  const int last = network.num_layers() - 1;
  const double symbolic = backward(network, box, l1, bounds, last, c.transpose(), true)(0);
  // The interval bound of c^T y from the output bounds, for comparison: keep the tighter.
  const double interval = c.cwiseMax(0.0).dot(bounds.upper[last]) + c.cwiseMin(0.0).dot(bounds.lower[last]);
  const double bound = std::min(symbolic, interval);
  return bound + 1e-9 * (1.0 + std::abs(bound));
}

}  // namespace nnmip
