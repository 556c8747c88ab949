// nnmip prune: prune a network (one shot or with finetuning) and write it as ONNX.
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/pruning/finetuning.hpp"
#include "nnmip/util/error.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {

struct PruneCommandFlags {
  std::string net;
  std::string out;
  PruneFlags prune;
  int finetune_rounds = 0;
  int finetune_epochs = 5;
  std::uint64_t train_seed = 0;
  DatasetFlags data;
  bool dataset_given = false;
  bool float64 = false;
  OutputFlags output;
};

nlohmann::json accuracy_json(double a) { return std::isnan(a) ? nlohmann::json(nullptr) : nlohmann::json(a); }

// The pruned network as it is written: the input's interface (names, shapes,
// precision), float64 when asked for.
Network as_written(const Network& pruned, bool float64) {
  Network network = pruned;
  NetworkInterface interface = network.interface();
  if (float64) interface.float32 = false;
  network.set_interface(std::move(interface));
  return network;
}

// What the written file does not keep exactly: float32 rounding of weights that
// finetuning (or a float64 source) made, and a dropped Softmax.
void say_format_notes(const PruneCommandFlags& f, const Network& written, double rounding) {
  char line[400];
  if (rounding > 0.0) {
    std::snprintf(line, sizeof line,
                  "note: %s is written with float32 tensors, like %s; rounding to float32 changed weights by up to "
                  "%.3g (relative), so the written weights are not bit-exact; --float64 keeps them exactly",
                  f.out.c_str(), f.net.c_str(), rounding);
    say(f.output, line);
  }
  if (written.interface().dropped_softmax) {
    std::snprintf(line, sizeof line,
                  "note: %s ended in a Softmax, which nnmip dropped (it keeps the argmax); %s outputs the logits",
                  f.net.c_str(), f.out.c_str());
    say(f.output, line);
  }
}

void run_prune(const PruneCommandFlags& f) {
  const PruneOptions options = f.prune.options();
  const Network dense = read_network(f.net);
  if (f.finetune_rounds > 0 && !f.dataset_given)
    throw Error("finetuning needs a dataset: pass --dataset and --input-size (or --finetune-rounds 0)");
  std::optional<DatasetSplit> data;
  if (f.dataset_given) data = load_dataset(f.data.options());
  FinetuneOptions finetune;
  finetune.rounds = f.finetune_rounds;
  finetune.epochs_per_round = f.finetune_epochs;
  finetune.training.seed = f.train_seed;
  const PruneResult result = prune_network(dense, options, finetune, data ? &*data : nullptr, !f.output.quiet);
  const Network written = as_written(result.network, f.float64);
  const double rounding = written.interface().float32 ? float32_rounding_change(written) : 0.0;
  write_network(written, f.out,
                "pruned by nnmip: rate " + std::to_string(options.rate) + ", " + to_string(options.criterion) + ", " +
                    to_string(options.structure) + ", " + std::to_string(f.finetune_rounds) + " finetuning rounds");

  const PruneReport& r = result.report;
  char line[200];
  std::snprintf(line, sizeof line, "pruned %s: %s %s %s rate %.3f -> %s (%ld nonzero weights of %ld before)",
                f.net.c_str(), to_string(options.scope), to_string(options.structure), to_string(options.criterion),
                options.rate, f.out.c_str(), result.network.nonzero_weight_count(), dense.nonzero_weight_count());
  say(f.output, line);
  for (size_t l = 0; l < r.layers.size(); ++l) {
    std::snprintf(line, sizeof line,
                  "  layer %zu: %ld of %ld weights nonzero (sparsity %.4f), %d neurons without inputs", l + 1,
                  r.layers[l].nonzero_weights, r.layers[l].weights, r.layers[l].sparsity(), r.layers[l].dead_neurons);
    say(f.output, line);
  }
  if (data) {
    std::snprintf(line, sizeof line, "test accuracy: %.4f before, %.4f after pruning", r.accuracy_before,
                  r.accuracy_after_pruning);
    std::string text = line;
    if (f.finetune_rounds > 0) {
      std::snprintf(line, sizeof line, ", %.4f after %d finetuning rounds (%.1fs)", r.accuracy_after_finetuning,
                    r.rounds, r.finetune_time_s);
      text += line;
    }
    say(f.output, text);
  }
  say_format_notes(f, written, rounding);
  write_json(f.output, "prune",
             {{"net", f.net},
              {"out", f.out},
              {"prune", to_json(options)},
              {"finetune_rounds", f.finetune_rounds},
              {"finetune_epochs", f.finetune_epochs},
              {"train_seed", f.train_seed},
              {"dataset", f.dataset_given ? nlohmann::json(f.data.dataset) : nlohmann::json(nullptr)},
              {"input_size", f.dataset_given ? nlohmann::json(f.data.input_size) : nlohmann::json(nullptr)},
              {"accuracy_before", accuracy_json(r.accuracy_before)},
              {"accuracy_after_pruning", accuracy_json(r.accuracy_after_pruning)},
              {"accuracy_after_finetuning", accuracy_json(r.accuracy_after_finetuning)},
              {"finetune_time_s", r.finetune_time_s},
              {"float32", written.interface().float32},
              {"float32_max_relative_change", rounding},
              {"dropped_softmax", written.interface().dropped_softmax},
              {"layers", to_json(r.layers)}});
}

}  // namespace

void add_prune_command(CLI::App& app) {
  auto flags = std::make_shared<PruneCommandFlags>();
  CLI::App* cmd = app.add_subcommand("prune", "Prune a network (magnitude or random, unstructured or structured)");
  cmd->add_option("--net", flags->net, "The dense network (ONNX, or NNet for .nnet)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--rate", flags->prune.rate, "Fraction to remove, in [0, 1)")->required()->check(kFractionBelowOne);
  add_prune_flags(cmd, flags->prune);
  cmd->add_option("--finetune-rounds", flags->finetune_rounds,
                  "Rounds of prune-then-retrain (0: one shot); each prunes 1-(1-rate)^(1/R) of what remains")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  cmd->add_option("--finetune-epochs", flags->finetune_epochs, "Training epochs per finetuning round")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  cmd->add_option("--train-seed", flags->train_seed, "Seed of the finetuning batch order")
      ->check(kSeed)
      ->capture_default_str();
  add_dataset_flags(cmd, flags->data, false);
  cmd->add_option("--out", flags->out,
                  "Network file to write: ONNX, or NNet for .nnet (ONNX keeps the input's names, shapes and precision)")
      ->required();
  cmd->add_flag("--float64", flags->float64, "Write float64 tensors even when the input network was float32");
  add_output_flags(cmd, flags->output);
  cmd->callback([flags, cmd] {
    flags->dataset_given = cmd->count("--dataset") > 0;
    run_prune(*flags);
  });
}

}  // namespace nnmip::cli
