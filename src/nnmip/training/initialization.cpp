#include "nnmip/training/initialization.hpp"

#include <cmath>
#include <string>

#include "nnmip/util/error.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip {

Architecture make_architecture(int inputs, int depth, int width, int outputs) {
  if (inputs < 1) throw Error("the number of inputs must be at least 1 (got " + std::to_string(inputs) + ")");
  if (depth < 0) throw Error("the number of hidden layers must be at least 0 (got " + std::to_string(depth) + ")");
  if (width < 1) throw Error("the layer width must be at least 1 (got " + std::to_string(width) + ")");
  if (outputs < 1) throw Error("the number of outputs must be at least 1");
  Architecture sizes{inputs};
  for (int l = 0; l < depth; ++l) sizes.push_back(width);
  sizes.push_back(outputs);
  return sizes;
}

namespace {

enum class WeightInit { pytorch_default, xavier_uniform };

Network initialize(const Architecture& sizes, std::uint64_t seed, WeightInit init) {
  if (sizes.size() < 2) throw Error("a network needs at least an input and an output size");
  Rng rng(seed);
  std::vector<Layer> layers;
  for (size_t l = 1; l < sizes.size(); ++l) {
    const int fan_in = sizes[l - 1];
    const int fan_out = sizes[l];
    const double bias_bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    const double weight_bound =
        init == WeightInit::xavier_uniform ? std::sqrt(6.0 / static_cast<double>(fan_in + fan_out)) : bias_bound;
    Layer layer{Matrix(fan_out, fan_in), Vector(fan_out)};
    for (int i = 0; i < fan_out; ++i)
      for (int j = 0; j < fan_in; ++j) layer.weights(i, j) = rng.uniform(-weight_bound, weight_bound);
    for (int i = 0; i < fan_out; ++i) layer.bias(i) = rng.uniform(-bias_bound, bias_bound);
    layers.push_back(std::move(layer));
  }
  return Network(std::move(layers));
}

}  // namespace

Network init_pytorch_default(const Architecture& sizes, std::uint64_t seed) {
  return initialize(sizes, seed, WeightInit::pytorch_default);
}

Network init_xavier_uniform(const Architecture& sizes, std::uint64_t seed) {
  return initialize(sizes, seed, WeightInit::xavier_uniform);
}

}  // namespace nnmip
