// nnmip random-net: the untrained networks of the function-maximization study.
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/training/initialization.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {

struct RandomNetFlags {
  int inputs = 100;
  int layers = 2;
  int width = 50;
  int outputs = 1;
  std::uint64_t seed = 0;
  std::string out;
  OutputFlags output;
};

void run_random_net(const RandomNetFlags& f) {
  const Network network = init_pytorch_default(make_architecture(f.inputs, f.layers, f.width, f.outputs), f.seed);
  write_network(network, f.out, "random network (PyTorch default Linear init), seed " + std::to_string(f.seed));
  say(f.output, "wrote " + std::to_string(f.inputs) + "-" + std::to_string(f.layers) + "x" + std::to_string(f.width) +
                    "-" + std::to_string(f.outputs) + " network to " + f.out);
  write_json(f.output, "random-net",
             {{"inputs", f.inputs},
              {"hidden_layers", f.layers},
              {"width", f.width},
              {"outputs", f.outputs},
              {"seed", f.seed},
              {"out", f.out},
              {"parameters", network.parameter_count()}});
}

}  // namespace

void add_random_net_command(CLI::App& app) {
  auto flags = std::make_shared<RandomNetFlags>();
  CLI::App* cmd =
      app.add_subcommand("random-net", "Write an untrained network with PyTorch's default Linear initialisation");
  cmd->add_option("--inputs", flags->inputs, "Input size")->check(CLI::Range(1, 10000000))->capture_default_str();
  cmd->add_option("--layers", flags->layers, "Hidden layers")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--width", flags->width, "Neurons per hidden layer")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--outputs", flags->outputs, "Output neurons")->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Initialisation seed")->check(kSeed)->capture_default_str();
  cmd->add_option("--out", flags->out, "Network file to write: ONNX, or NNet for .nnet")->required();
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_random_net(*flags); });
}

}  // namespace nnmip::cli
