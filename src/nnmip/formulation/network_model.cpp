#include "nnmip/formulation/network_model.hpp"

#include <chrono>

#include "nnmip/bounds/symbolic_bounds.hpp"
#include "nnmip/formulation/lp_tightening.hpp"
#include "nnmip/formulation/numeric_range.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

BoundsMethod parse_bounds_method(const std::string& name) {
  if (name == "interval") return BoundsMethod::interval;
  if (name == "symbolic") return BoundsMethod::symbolic;
  if (name == "lp") return BoundsMethod::lp;
  throw Error("unknown bounds method '" + name + "': use interval, symbolic or lp");
}

const char* to_string(BoundsMethod method) {
  switch (method) {
    case BoundsMethod::interval: return "interval";
    case BoundsMethod::symbolic: return "symbolic";
    case BoundsMethod::lp: return "lp";
  }
  return "interval";
}

Vector NetworkModel::input_of(const std::vector<double>& values) const {
  Vector x(domain_columns.input.size());
  for (size_t k = 0; k < domain_columns.input.size(); ++k) x(k) = values.at(domain_columns.input[k]);
  return x;
}

std::vector<double> NetworkModel::point_at(const Network& network, const Vector& x) const {
  std::vector<double> point = encoding_point(model, network, encoding, x);
  set_domain_point(domain, domain_columns, x, point);
  return point;
}

NetworkModel build_network_model(const Network& network, const InputDomain& domain, const BoundsOptions& options) {
  NetworkModel built;
  built.domain = domain;
  const auto bounds_start = std::chrono::steady_clock::now();
  built.bounds = options.method == BoundsMethod::interval ? interval_bounds(network, domain.box)
                                                          : symbolic_bounds(network, domain.box, domain.l1);
  built.stats.bounds_method = to_string(options.method);
  built.stats.bounds_time_s = seconds_since(bounds_start);
  const auto encode = [&] {
    built.model = MilpModel();
    built.domain_columns = add_input_domain(built.model, domain);
    built.encoding = encode_network(built.model, network, built.domain_columns.input, built.bounds,
                                    network.num_hidden_layers(), true);
  };
  // Before any LP sees it (numeric_range.hpp); LP tightening only shrinks magnitudes.
  encode();
  check_numeric_range(built.model);
  if (options.method == BoundsMethod::lp) {
    const auto lp_start = std::chrono::steady_clock::now();
    const LpTighteningReport report = tighten_bounds_lp(network, domain, built.bounds, options.lp_time_limit_s, true);
    built.stats.bounds_time_s += seconds_since(lp_start);
    built.stats.lp_neurons_tightened = report.neurons_tightened;
    built.stats.lp_budget_exhausted = report.budget_exhausted;
    encode();
  }

  // Phases as encoded: a binary (unstable), h = g (active), relaxed (nearly stable), or a constant.
  double big_m_sum = 0.0;
  for (size_t l = 0; l < built.encoding.hidden.size(); ++l) {
    for (size_t i = 0; i < built.encoding.hidden[l].size(); ++i) {
      const NeuronTerm& term = built.encoding.hidden[l][i];
      if (term.binary >= 0) {
        ++built.stats.unstable;
        big_m_sum += built.bounds.upper[l](i) - built.bounds.lower[l](i);
      } else if (term.linear) {
        ++built.stats.stable_active;
      } else if (term.column >= 0 || term.spread > 0.0) {
        ++built.stats.nearly_stable;
      } else {
        ++built.stats.stable_inactive;
      }
    }
  }
  if (built.stats.unstable > 0) built.stats.mean_big_m = big_m_sum / built.stats.unstable;
  built.stats.columns = built.model.num_columns();
  built.stats.rows = built.model.num_rows();
  built.stats.binaries = built.model.num_integers();
  built.stats.nonzeros = built.model.num_nonzeros();
  return built;
}

}  // namespace nnmip
