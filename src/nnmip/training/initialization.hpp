#pragma once
// Weight initialisations of the paper's networks.
#include <cstdint>
#include <vector>

#include "nnmip/network/network.hpp"

namespace nnmip {

/// Layer sizes n0, n1, ..., nL (input, hidden..., output).
using Architecture = std::vector<int>;
/// n0, then `depth` hidden layers of `width`, then `outputs`.
Architecture make_architecture(int inputs, int depth, int width, int outputs);

/// PyTorch's default nn.Linear initialisation: every weight and bias
/// ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)). The function-maximization networks
/// (protocol.md, Section 5) are exactly this, untrained.
Network init_pytorch_default(const Architecture& sizes, std::uint64_t seed);

/// The verification networks' initialisation (prototype): weights Xavier-uniform,
/// U(-a, a) with a = sqrt(6 / (fan_in + fan_out)); biases keep nn.Linear's
/// default U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
Network init_xavier_uniform(const Architecture& sizes, std::uint64_t seed);

}  // namespace nnmip
