// nnmip train: train the paper's classifier and write it as ONNX.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/training/trainer.hpp"
#include "nnmip/util/progress.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {

struct TrainFlags {
  DatasetFlags data;
  OutputFlags output;
  int layers = 2;
  int width = 32;
  int epochs = 5;
  std::uint64_t seed = 0;
  int batch_size = 64;
  double learning_rate = 1e-3;
  double weight_decay = 1e-3;
  std::string out;
};

void run_train(const TrainFlags& f) {
  const DatasetSplit data = load_dataset(f.data.options());
  const int inputs = static_cast<int>(data.train.images.rows());
  Network network = init_xavier_uniform(make_architecture(inputs, f.layers, f.width, 10), f.seed);
  TrainingOptions options;
  options.epochs = f.epochs;
  options.batch_size = f.batch_size;
  options.learning_rate = f.learning_rate;
  options.weight_decay = f.weight_decay;
  options.seed = f.seed;
  Progress progress("training", f.epochs, !f.output.quiet);
  const TrainingReport report = train(network, data.train, options, std::nullopt, [&](const EpochReport& e) {
    char detail[64];
    std::snprintf(detail, sizeof detail, "epoch %d loss %.4f (%.2fs)", e.epoch, e.mean_loss, e.seconds);
    progress.update(e.epoch, detail);
  });
  progress.finish();
  const double test_accuracy = accuracy(network, data.test);
  write_network(network, f.out,
                "trained by nnmip on " + f.data.dataset + " " + std::to_string(f.data.input_size) + "x" +
                    std::to_string(f.data.input_size) + ", seed " + std::to_string(f.seed));
  char line[200];
  std::snprintf(line, sizeof line, "trained %d-%dx%d-10 on %s (%dx%d) in %.1fs: test accuracy %.4f -> %s", inputs,
                f.layers, f.width, f.data.dataset.c_str(), f.data.input_size, f.data.input_size, report.seconds,
                test_accuracy, f.out.c_str());
  say(f.output, line);
  nlohmann::json epochs = nlohmann::json::array();
  for (const EpochReport& e : report.epochs)
    epochs.push_back({{"epoch", e.epoch}, {"mean_loss", e.mean_loss}, {"seconds", e.seconds}});
  write_json(f.output, "train",
             {{"dataset", f.data.dataset},
              {"input_size", f.data.input_size},
              {"hidden_layers", f.layers},
              {"width", f.width},
              {"epochs", f.epochs},
              {"seed", f.seed},
              {"batch_size", f.batch_size},
              {"learning_rate", f.learning_rate},
              {"weight_decay", f.weight_decay},
              {"train_count", data.train.count()},
              {"test_count", data.test.count()},
              {"test_accuracy", test_accuracy},
              {"training_time_s", report.seconds},
              {"epoch_reports", epochs},
              {"out", f.out},
              {"layers", to_json(network.sparsity())}});
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto flags = std::make_shared<TrainFlags>();
  CLI::App* cmd = app.add_subcommand("train", "Train a fully connected ReLU classifier (the paper's recipe)");
  add_dataset_flags(cmd, flags->data, true);
  cmd->add_option("--layers", flags->layers, "Hidden layers")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--width", flags->width, "Neurons per hidden layer")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--epochs", flags->epochs, "Training epochs")->check(CLI::Range(0, 100000))->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Seed of the initialisation and the batch order")
      ->check(kSeed)
      ->capture_default_str();
  cmd->add_option("--batch-size", flags->batch_size, "Mini-batch size")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--lr", flags->learning_rate, "Adam learning rate")->check(kPositiveFinite)->capture_default_str();
  cmd->add_option("--weight-decay", flags->weight_decay, "Adam weight decay (L2 added to the gradient)")
      ->check(kNonNegativeFinite)
      ->capture_default_str();
  cmd->add_option("--out", flags->out, "Network file to write: ONNX, or NNet for .nnet")->required();
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_train(*flags); });
}

}  // namespace nnmip::cli
