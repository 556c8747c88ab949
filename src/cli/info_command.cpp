// nnmip info: layer sizes, parameters, nonzeros and sparsity per layer.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "nnmip/formats/network_file.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/result_json.hpp"

namespace nnmip::cli {

namespace {

struct InfoFlags {
  std::string net;
  OutputFlags output;
};

void run_info(const InfoFlags& f) {
  const Network network = read_network(f.net);
  const auto layers = network.sparsity();
  char line[200];
  std::snprintf(line, sizeof line, "%s: %d inputs, %d hidden layers, %d outputs, %ld parameters, %ld nonzero weights",
                f.net.c_str(), network.input_size(), network.num_hidden_layers(), network.output_size(),
                network.parameter_count(), network.nonzero_weight_count());
  say(f.output, line);
  say(f.output, "layer  inputs  outputs  weights  nonzero  sparsity  dead-neurons  activation");
  for (size_t l = 0; l < layers.size(); ++l) {
    const LayerSparsity& s = layers[l];
    std::snprintf(line, sizeof line, "%5zu  %6d  %7d  %7ld  %7ld  %8.4f  %12d  %s", l + 1, s.inputs, s.outputs,
                  s.weights, s.nonzero_weights, s.sparsity(), s.dead_neurons,
                  l + 1 < layers.size() ? "relu" : "linear");
    say(f.output, line);
  }
  long total = 0;
  for (const LayerSparsity& s : layers) total += s.weights;
  write_json(f.output, "info",
             {{"net", f.net},
              {"inputs", network.input_size()},
              {"outputs", network.output_size()},
              {"hidden_layers", network.num_hidden_layers()},
              {"parameters", network.parameter_count()},
              {"nonzero_weights", network.nonzero_weight_count()},
              {"sparsity", total ? 1.0 - static_cast<double>(network.nonzero_weight_count()) / total : 0.0},
              {"layers", to_json(layers)}});
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto flags = std::make_shared<InfoFlags>();
  CLI::App* cmd = app.add_subcommand("info", "Describe a network: layers, parameters, sparsity");
  cmd->add_option("--net", flags->net, "The network (ONNX, or NNet for .nnet)")->required()->check(CLI::ExistingFile);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_info(*flags); });
}

}  // namespace nnmip::cli
