#include "nnmip/pruning/finetuning.hpp"

#include <cstdio>
#include <string>

#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

namespace {

double overall_sparsity(const Network& network) {
  long total = 0;
  for (const Layer& layer : network.layers()) total += static_cast<long>(layer.weights.size());
  return total == 0 ? 0.0 : 1.0 - static_cast<double>(network.nonzero_weight_count()) / total;
}

}  // namespace

PruneResult prune_network(const Network& dense, const PruneOptions& options, const FinetuneOptions& finetune,
                          const DatasetSplit* data, bool show_progress) {
  check_prune_options(options);
  if (finetune.rounds < 0)
    throw Error("the number of finetuning rounds must be >= 0 (got " + std::to_string(finetune.rounds) + ")");
  if (finetune.epochs_per_round < 0)
    throw Error("the epochs per finetuning round must be >= 0 (got " + std::to_string(finetune.epochs_per_round) + ")");
  if (finetune.rounds > 0 && data == nullptr) throw Error("finetuning needs a dataset (its name and input size)");

  PruneResult result;
  PruneReport& report = result.report;
  report.rounds = finetune.rounds;
  Network one_shot = prune(dense, options);
  if (data != nullptr) {
    report.accuracy_before = accuracy(dense, data->test);
    report.accuracy_after_pruning = accuracy(one_shot, data->test);
  }

  if (finetune.rounds == 0) {
    result.network = std::move(one_shot);
  } else {
    Progress progress("finetuning", finetune.rounds, show_progress);
    const std::uint64_t base_seed = derive_seed(finetune.training.seed, options.seed);
    Network network = dense;
    for (int r = 1; r <= finetune.rounds; ++r) {
      network = prune_round(network, options, r, finetune.rounds);
      TrainingOptions training = finetune.training;
      training.epochs = finetune.epochs_per_round;
      training.seed = derive_seed(base_seed, static_cast<std::uint64_t>(r));
      const TrainingReport trained = train(network, data->train, training, nonzero_mask(network));
      report.finetune_time_s += trained.seconds;
      char detail[96];
      std::snprintf(detail, sizeof detail, "round %d/%d: sparsity %.3f, loss %.4f", r, finetune.rounds,
                    overall_sparsity(network), trained.epochs.empty() ? 0.0 : trained.epochs.back().mean_loss);
      progress.update(r, detail);
    }
    report.accuracy_after_finetuning = accuracy(network, data->test);
    char detail[64];
    std::snprintf(detail, sizeof detail, "test accuracy %.4f", report.accuracy_after_finetuning);
    progress.finish(detail);
    result.network = std::move(network);
  }
  report.layers = result.network.sparsity();
  return result;
}

}  // namespace nnmip
