#include "nnmip/algorithms/instances.hpp"

#include <algorithm>

#include "nnmip/util/error.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip {

InstanceDraw draw_instance(std::uint64_t instance_seed, int train_count) {
  if (train_count < 1) throw Error("cannot draw an instance from an empty training set");
  Rng rng(instance_seed);
  InstanceDraw draw;
  draw.image = static_cast<int>(rng.below(static_cast<std::uint64_t>(std::min(30000, train_count))));
  draw.epsilon = rng.uniform(4.5, 5.5);
  return draw;
}

std::pair<int, int> top_two_classes(const Vector& y) {
  if (y.size() < 2) throw Error("a classifier needs at least 2 outputs");
  int top = 0;
  for (int k = 1; k < y.size(); ++k)
    if (y(k) > y(top)) top = k;
  int second = top == 0 ? 1 : 0;
  for (int k = 0; k < y.size(); ++k)
    if (k != top && y(k) > y(second)) second = k;
  return {top, second};
}

}  // namespace nnmip
