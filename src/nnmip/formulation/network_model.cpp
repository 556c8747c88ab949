#include "nnmip/formulation/network_model.hpp"

#include <chrono>

#include "nnmip/formulation/lp_tightening.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

BoundsMethod parse_bounds_method(const std::string& name) {
  if (name == "interval") return BoundsMethod::interval;
  if (name == "lp") return BoundsMethod::lp;
  throw Error("unknown bounds method '" + name + "': use interval or lp");
}

const char* to_string(BoundsMethod method) {
  return method == BoundsMethod::lp ? "lp" : "interval";
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

NetworkModel build_network_model(const Network& network, const InputDomain& domain,
                                 const BoundsOptions& options) {
  NetworkModel built;
  built.domain = domain;
  const auto bounds_start = std::chrono::steady_clock::now();
  built.bounds = interval_bounds(network, domain.box);
  built.stats.bounds_method = to_string(options.method);
  if (options.method == BoundsMethod::lp) {
    const LpTighteningReport report =
        tighten_bounds_lp(network, domain, built.bounds, options.lp_time_limit_s);
    built.stats.lp_neurons_tightened = report.neurons_tightened;
    built.stats.lp_budget_exhausted = report.budget_exhausted;
  }
  built.stats.bounds_time_s = seconds_since(bounds_start);

  built.domain_columns = add_input_domain(built.model, domain);
  built.encoding = encode_network(built.model, network, built.domain_columns.input, built.bounds,
                                  network.num_hidden_layers(), true);
  // Phases as encoded: a binary (unstable), a column without one (active), or a constant.
  for (const auto& layer : built.encoding.hidden) {
    for (const NeuronTerm& term : layer) {
      if (term.binary >= 0) ++built.stats.unstable;
      else if (term.column >= 0) ++built.stats.stable_active;
      else ++built.stats.stable_inactive;
    }
  }
  built.stats.columns = built.model.num_columns();
  built.stats.rows = built.model.num_rows();
  built.stats.binaries = built.model.num_integers();
  built.stats.nonzeros = built.model.num_nonzeros();
  return built;
}

}  // namespace nnmip
