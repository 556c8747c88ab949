#include "nnmip/heuristics/gradient_ascent.hpp"

#include "nnmip/util/interrupt.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip {

Vector objective_gradient(const Network& network, const Vector& output_weights, const Vector& x) {
  const std::vector<Vector> g = network.pre_activations(x);
  Vector delta = output_weights;
  for (int l = network.num_layers() - 1; l >= 1; --l) {
    delta = network.sparse_weights(l).transpose() * delta;
    delta = (g[l - 1].array() > 0.0).select(delta, 0.0);
  }
  return network.sparse_weights(0).transpose() * delta;
}

std::optional<GradientAscentResult> gradient_ascent(const Network& network, const InputDomain& domain,
                                                    const Vector& output_weights,
                                                    const GradientAscentOptions& options) {
  using Clock = std::chrono::steady_clock;
  std::optional<GradientAscentResult> best;
  auto consider = [&](const Vector& x) {
    const double value = output_weights.dot(network.forward(x));
    if (!best) best = GradientAscentResult{x, value, 0};
    ++best->evaluations;
    if (value > best->value) {
      best->x = x;
      best->value = value;
    }
  };
  auto done = [&] {
    return Clock::now() >= options.deadline || interrupt_requested() ||
           (best && options.goal_at && best->value >= *options.goal_at);
  };

  Rng rng(options.seed);
  const Vector range = domain.box.upper - domain.box.lower;
  const int total = static_cast<int>(options.starts.size()) + options.random_starts;
  for (int s = 0; s < total && !done(); ++s) {
    Vector x;
    if (s < static_cast<int>(options.starts.size())) {
      x = project_into(domain, options.starts[s]);
    } else {
      x = domain.box.lower;
      for (int k = 0; k < x.size(); ++k) x(k) += range(k) * rng.uniform01();
      x = project_into(domain, x);
    }
    consider(x);
    for (int t = 0; t < options.steps && !done(); ++t) {
      const double alpha = 0.25 - 0.24 * t / std::max(1, options.steps - 1);
      const Vector grad = objective_gradient(network, output_weights, x);
      const double largest = grad.cwiseAbs().maxCoeff();
      if (!(largest > 0.0)) break;  // flat region: no direction to follow
      if (domain.l1) {
        x = project_into(domain, x + alpha * domain.l1->radius * grad / largest);
      } else {
        x = project_into(domain, x + alpha * range.cwiseProduct(grad.cwiseSign()));
      }
      consider(x);
    }
  }
  return best;
}

}  // namespace nnmip
