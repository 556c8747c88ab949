#include "nnmip/formulation/lp_tightening.hpp"

#include <chrono>
#include <cmath>

#include "nnmip/bounds/symbolic_bounds.hpp"
#include "nnmip/formulation/network_encoding.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

LpTighteningReport tighten_bounds_lp(const Network& network, const InputDomain& domain, ActivationBounds& bounds,
                                     double time_limit_s, bool symbolic) {
  LpTighteningReport report;
  const auto start = std::chrono::steady_clock::now();
  for (int l = 0; l + 1 < network.num_layers(); ++l) {
    // Over a plain box, the first layer's LP bounds equal its interval bounds.
    if (l == 0 && !domain.l1) continue;
    MilpModel model;
    const DomainColumns columns = add_input_domain(model, domain);
    const NetworkEncoding encoding = encode_network(model, network, columns.input, bounds, l, false);
    auto relaxation = make_lp_relaxation(model);
    for (int i = 0; i < network.layer(l).outputs(); ++i) {
      if (encoded_phase(bounds.lower[l](i), bounds.upper[l](i)) != EncodedPhase::unstable) continue;
      if (seconds_since(start) > time_limit_s) {
        report.budget_exhausted = true;
        return report;
      }
      const AffineExpression g = pre_activation(network, model, encoding, l, i);
      // Each LP gets what is left of the budget: past it, the LP ends unsolved (no bound from it).
      const auto low = relaxation->optimize(g.indices, g.values, Sense::minimize, time_limit_s - seconds_since(start));
      const auto high = relaxation->optimize(g.indices, g.values, Sense::maximize, time_limit_s - seconds_since(start));
      // Widen by the left-out contributions and the LP's tolerance so a nearly-optimal LP
      // answer stays a valid bound.
      if (low) {
        const double value = *low + g.constant - g.slack;
        bounds.lower[l](i) = std::max(bounds.lower[l](i), value - 1e-7 * (1.0 + std::abs(value)));
      }
      if (high) {
        const double value = *high + g.constant + g.slack;
        bounds.upper[l](i) = std::min(bounds.upper[l](i), value + 1e-7 * (1.0 + std::abs(value)));
      }
      ++report.neurons_tightened;
    }
    if (symbolic) {
      propagate_symbolic_bounds(network, domain.box, domain.l1, l + 1, bounds);
    } else {
      propagate_interval_bounds(network, domain.box, l + 1, bounds);
    }
  }
  return report;
}

}  // namespace nnmip
