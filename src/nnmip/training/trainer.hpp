#pragma once
// Mini-batch training as in the paper's prototype: Adam (lr 1e-3), weight decay
// 1e-3 added to the gradient as PyTorch's Adam does (g += wd * w, biases
// included), batch 64, cross-entropy, a fresh seeded shuffle every epoch.
// A weight mask keeps pruned weights at exactly zero (finetuning).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "nnmip/data/dataset.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

struct TrainingOptions {
  int epochs = 5;
  int batch_size = 64;
  double learning_rate = 1e-3;
  double weight_decay = 1e-3;
  std::uint64_t seed = 0;  // drives the batch order
};

/// 1 where a weight may be nonzero, 0 where it is pruned; one matrix per layer.
using WeightMask = std::vector<Matrix>;
/// The mask of the weights that are nonzero in `network`.
WeightMask nonzero_mask(const Network& network);

struct EpochReport {
  int epoch = 0;  // 1-based
  int epochs = 0;
  double mean_loss = 0.0;
  double seconds = 0.0;
};

struct TrainingReport {
  std::vector<EpochReport> epochs;
  double seconds = 0.0;
};

/// Trains `network` in place on `data`. With a mask, masked weights stay exactly zero.
TrainingReport train(Network& network, const Dataset& data, const TrainingOptions& options,
                     const std::optional<WeightMask>& mask = std::nullopt,
                     const std::function<void(const EpochReport&)>& on_epoch = {});

/// Fraction of `data` whose argmax output equals its label.
double accuracy(const Network& network, const Dataset& data);

/// Throws nnmip::Error when the network does not fit the dataset (inputs, 10 outputs).
void check_network_fits(const Network& network, const Dataset& data);

}  // namespace nnmip
