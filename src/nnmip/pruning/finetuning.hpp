#pragma once
// Pruning with optional finetuning, as in the paper's prototype (protocol.md):
//  - rounds == 0: one-shot pruning at the full rate, no training.
//  - rounds == R > 0: R rounds; round r prunes to its cumulative target (pruning.hpp,
//    about 1 - (1 - rate)^(1/R) of the remaining entries), then trains epochs_per_round
//    epochs on data->train with nonzero_mask() held, so pruned weights (for structured
//    pruning: removed neurons' rows and columns) stay exactly zero. Round r trains with
//    seed derive_seed(derive_seed(training.seed, options.seed), r). The final sparsity
//    is exactly the rate. The trainer also trains biases, so a removed neuron's bias
//    may change; its outgoing weights stay zero, so the network's function does not
//    depend on it.
// Accuracies are on data->test:
//  - accuracy_before: the dense network;
//  - accuracy_after_pruning: the one-shot prune at the full rate, i.e. what you would get
//    without finetuning (computed in both modes, so the two can be compared);
//  - accuracy_after_finetuning: the final network of the rounds; NaN when rounds == 0.
// All three are NaN when no data is given.
#include <limits>
#include <vector>

#include "nnmip/data/dataset.hpp"
#include "nnmip/network/network.hpp"
#include "nnmip/pruning/pruning.hpp"
#include "nnmip/training/trainer.hpp"

namespace nnmip {

struct FinetuneOptions {
  int rounds = 0;  // 0 = one shot, no finetuning
  int epochs_per_round = 5;
  TrainingOptions training;  // its epochs field is ignored (epochs_per_round is used)
};

struct PruneReport {
  std::vector<LayerSparsity> layers;  // of the returned network
  double accuracy_before = std::numeric_limits<double>::quiet_NaN();
  double accuracy_after_pruning = std::numeric_limits<double>::quiet_NaN();
  double accuracy_after_finetuning = std::numeric_limits<double>::quiet_NaN();
  double finetune_time_s = 0.0;  // training time only (sum over the rounds)
  int rounds = 0;
};

struct PruneResult {
  Network network;
  PruneReport report;
};

/// Prunes (and finetunes) `dense`. Throws nnmip::Error for a bad rate, rounds < 0,
/// epochs_per_round < 0, or rounds > 0 without data ("finetuning needs a dataset: pass
/// --dataset and --input-size"). Progress per round goes to stderr when show_progress.
PruneResult prune_network(const Network& dense, const PruneOptions& options, const FinetuneOptions& finetune,
                          const DatasetSplit* data, bool show_progress);

}  // namespace nnmip
