// nnmip eval: test accuracy of a network on a dataset.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/training/trainer.hpp"

namespace nnmip::cli {

namespace {

struct EvalFlags {
  std::string net;
  DatasetFlags data;
  OutputFlags output;
};

void run_eval(const EvalFlags& f) {
  const Network network = read_network(f.net);
  const DatasetSplit data = load_dataset(f.data.options());
  const double test_accuracy = accuracy(network, data.test);
  const double train_accuracy = accuracy(network, data.train);
  char line[200];
  std::snprintf(line, sizeof line, "%s on %s (%dx%d): test accuracy %.4f, train accuracy %.4f", f.net.c_str(),
                f.data.dataset.c_str(), f.data.input_size, f.data.input_size, test_accuracy, train_accuracy);
  say(f.output, line);
  write_json(f.output, "eval",
             {{"net", f.net},
              {"dataset", f.data.dataset},
              {"input_size", f.data.input_size},
              {"test_accuracy", test_accuracy},
              {"train_accuracy", train_accuracy},
              {"test_count", data.test.count()}});
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* cmd = app.add_subcommand("eval", "Test accuracy of a network");
  cmd->add_option("--net", flags->net, "The network (ONNX, or NNet for .nnet)")->required()->check(CLI::ExistingFile);
  add_dataset_flags(cmd, flags->data, true);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_eval(*flags); });
}

}  // namespace nnmip::cli
