#pragma once
// A network embedded over an input domain, ready for an objective:
// domain columns and rows, activation bounds, and the big-M encoding.
// The verification (eq. 7) and maximization (eq. 8) problems differ only in
// their domain and objective (see problems.hpp).
#include <string>

#include "nnmip/formulation/input_domain.hpp"
#include "nnmip/formulation/network_encoding.hpp"

namespace nnmip {

/// interval: interval arithmetic; symbolic: backward linear bounds (CROWN-style,
/// bounds/symbolic_bounds.hpp), never looser than interval; lp: LP tightening
/// of the unstable neurons on top of symbolic bounds.
enum class BoundsMethod { interval, symbolic, lp };
BoundsMethod parse_bounds_method(const std::string& name);
const char* to_string(BoundsMethod method);

struct BoundsOptions {
  BoundsMethod method = BoundsMethod::symbolic;
  double lp_time_limit_s = 60.0;  // budget of LP tightening; past it, interval bounds remain
};

/// Size of a built model, as results report it.
struct ModelStats {
  int columns = 0;
  int rows = 0;
  int binaries = 0;
  long nonzeros = 0;
  int stable_active = 0;
  int stable_inactive = 0;
  int nearly_stable = 0;  // relaxed without a binary, or an interval constant (network_encoding.hpp)
  int unstable = 0;
  double mean_big_m = 0.0;  // mean of U - L over the unstable neurons
  double bounds_time_s = 0.0;
  std::string bounds_method;
  int lp_neurons_tightened = 0;  // LP tightening: neurons whose bounds it computed
  bool lp_budget_exhausted = false;
};

struct NetworkModel {
  MilpModel model;
  InputDomain domain;
  DomainColumns domain_columns;
  NetworkEncoding encoding;
  ActivationBounds bounds;
  ModelStats stats;

  /// The input part x of a column vector.
  Vector input_of(const std::vector<double>& values) const;
  /// A feasible column vector from a forward pass at x (x must lie in the domain).
  std::vector<double> point_at(const Network& network, const Vector& x) const;
};

/// Builds domain + bounds + encoding of all layers (outputs included). No objective yet.
NetworkModel build_network_model(const Network& network, const InputDomain& domain, const BoundsOptions& options);

}  // namespace nnmip
