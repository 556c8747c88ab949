#pragma once
// Verification instances the paper's way (protocol.md, "Instance generation"):
// from an instance seed, the image index ~ Uniform{0, ..., min(30000, train size) - 1}
// and eps ~ Uniform[4.5, 5.5]; j = the network's top class at x0, j' = its second.
#include <cstdint>
#include <utility>

#include "nnmip/network/network.hpp"

namespace nnmip {

struct InstanceDraw {
  int image = 0;
  double epsilon = 0.0;
};

InstanceDraw draw_instance(std::uint64_t instance_seed, int train_count);

/// (top class, second class) of output y.
std::pair<int, int> top_two_classes(const Vector& y);

}  // namespace nnmip
