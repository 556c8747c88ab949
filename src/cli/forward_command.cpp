// nnmip forward: the network's outputs at given inputs (e.g. to check a
// counterexample by hand).
#include <cstdio>
#include <memory>
#include <regex>

#include "cli_common.hpp"
#include "cli_inputs.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::cli {

namespace {

struct ForwardFlags {
  std::string net;
  std::string input;
  OutputFlags output;
};

/// The X_i of a VNN-COMP counterexample ("sat\n((X_0 0.5)\n (Y_0 1.2))"), in index order.
std::optional<Vector> counterexample_inputs(const std::string& text) {
  static const std::regex entry(R"(\(\s*X_(\d+)\s+([^\s\)]+)\s*\))");
  std::vector<std::pair<long, double>> values;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), entry); it != std::sregex_iterator(); ++it) {
    try {
      values.emplace_back(std::stol((*it)[1]), std::stod((*it)[2]));
    } catch (const std::exception&) {
      throw Error("the counterexample entry " + it->str() + " is not X_<index> <number>");
    }
  }
  if (values.empty()) return std::nullopt;
  Vector x(static_cast<long>(values.size()));
  std::vector<bool> seen(values.size(), false);
  for (const auto& [i, v] : values) {
    if (i < 0 || i >= x.size() || seen[i])
      throw Error("the counterexample's X indices must be 0.." + std::to_string(x.size() - 1) + ", each once");
    seen[i] = true;
    x(i) = v;
  }
  return x;
}

std::vector<Vector> read_points(const std::string& path) {
  const std::string text = read_text(path);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] != '[')
    if (const std::optional<Vector> x = counterexample_inputs(text)) return {*x};
  return input_points_from_text(text, path);
}

void run_forward(const ForwardFlags& f) {
  const Network network = read_network(f.net);
  const std::vector<Vector> points = read_points(f.input);
  nlohmann::json list = nlohmann::json::array();
  const NetworkInterface& face = network.interface();
  int clipped = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    check_input(network, points[i], ("point " + std::to_string(i)).c_str());
    Vector x = points[i];
    if (face.input_range_lower) {  // a .nnet network clips its inputs first
      x = x.cwiseMax(*face.input_range_lower).cwiseMin(*face.input_range_upper);
      clipped += x != points[i];
    }
    const Vector y = network.forward(x);
    Eigen::Index top = 0;
    y.maxCoeff(&top);
    std::string line = "y =";
    char value[40];
    for (int j = 0; j < y.size(); ++j) {
      std::snprintf(value, sizeof value, " %.17g", y(j));
      line += value;
    }
    say(f.output, line + "  (argmax " + std::to_string(top) + ")");
    list.push_back({{"input", vector_json(points[i])}, {"output", vector_json(y)}, {"argmax", top}});
  }
  if (face.dropped_softmax)
    say(f.output, "note: the network's trailing Softmax is left out: these are the logits before it");
  if (clipped > 0)
    say(f.output, "note: " + std::to_string(clipped) +
                      " points were clipped to the network's input range first, "
                      "as the network does");
  write_json(f.output, "forward", {{"net", f.net}, {"points", list}});
}

}  // namespace

void add_forward_command(CLI::App& app) {
  auto flags = std::make_shared<ForwardFlags>();
  CLI::App* cmd = app.add_subcommand("forward", "The network's outputs at given inputs");
  cmd->add_option("--net", flags->net, "The network (ONNX, or NNet for .nnet)")->required()->check(CLI::ExistingFile);
  cmd->add_option(
         "--input", flags->input,
         "A JSON array (one input) or array of arrays, or a VNN-COMP counterexample ((X_0 v) ...); - for stdin")
      ->required();
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_forward(*flags); });
}

}  // namespace nnmip::cli
