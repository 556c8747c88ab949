// nnmip info: layer sizes, parameters, nonzeros and sparsity per layer.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"

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
  const NetworkInterface& face = network.interface();
  const auto shape_text = [](const std::vector<std::int64_t>& shape, int size) {
    if (shape.empty()) return "[N," + std::to_string(size) + "]";
    std::string text;
    for (std::int64_t d : shape) text += (text.empty() ? "" : ",") + (d < 0 ? std::string("N") : std::to_string(d));
    return "[" + text + "]";
  };
  say(f.output, "input '" + face.input_name + "' " + shape_text(face.input_shape, network.input_size()) + ", output '" +
                    face.output_name + "' " + shape_text(face.output_shape, network.output_size()) + ", " +
                    (face.float32 ? "float32" : "float64") + " weights");
  if (face.dropped_softmax)
    say(f.output,
        "note: the trailing Softmax is left out: nnmip works on the logits before it (same argmax and margins)");
  if (face.input_range_lower)
    say(f.output,
        "note: the network clips its inputs to its input range (.nnet mins/maxes); optimizations cut their "
        "domain to it");
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
              {"layers", to_json(layers)},
              {"interface",
               {{"input_name", face.input_name},
                {"input_shape", face.input_shape},
                {"output_name", face.output_name},
                {"output_shape", face.output_shape},
                {"float32", face.float32},
                {"dropped_softmax", face.dropped_softmax},
                {"input_range", face.input_range_lower ? nlohmann::json{{"lower", vector_json(*face.input_range_lower)},
                                                                        {"upper", vector_json(*face.input_range_upper)}}
                                                       : nlohmann::json(nullptr)}}}});
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
