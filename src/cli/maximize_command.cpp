// nnmip maximize: maximize one output of a network over a box (paper eq. 8),
// directly or through a pruned surrogate (Algorithm 2).
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::cli {

namespace {

struct MaximizeFlags {
  std::string net;
  SurrogateFlags surrogate;
  std::string box = "0:1";
  int output_index = 0;
  std::optional<bool> many_solutions;  // default: on with a surrogate, off otherwise
  SearchFlags search;
  OutputFlags output;
};

/// "lo:hi" -> the box [lo, hi]^n.
Box parse_box(const std::string& text, int n) {
  const auto colon = text.find(':');
  double lo = 0, hi = 0;
  try {
    if (colon == std::string::npos) throw std::invalid_argument(text);
    size_t used_lo = 0, used_hi = 0;
    lo = std::stod(text.substr(0, colon), &used_lo);
    hi = std::stod(text.substr(colon + 1), &used_hi);
    if (used_lo != colon || used_hi != text.size() - colon - 1) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    throw Error("--box must look like lo:hi, e.g. 0:1 or -0.9:0.9 (got '" + text + "')");
  }
  if (!(lo <= hi)) throw Error("--box " + text + ": lo must not exceed hi");
  return Box{Vector::Constant(n, lo), Vector::Constant(n, hi)};
}

void run_maximize(const MaximizeFlags& f) {
  const Network dense = read_onnx(f.net);
  nlohmann::json surrogate_record;
  const std::optional<Network> surrogate = make_surrogate(f.surrogate, dense, surrogate_record);
  nlohmann::json ladder_record;
  const std::vector<std::optional<Network>> ladder = make_ladder(f.surrogate, dense, ladder_record);
  MaximizationProblem problem{parse_box(f.box, dense.input_size()), f.output_index};
  SearchOptions options = f.search.options(false);
  options.solver.many_solutions = f.many_solutions.value_or(surrogate.has_value());
  auto solver = make_cbc_solver();
  const MaximizationResult result = maximize(dense, problem, options, *solver, surrogate ? &*surrogate : nullptr,
                                  ladder_pointers(ladder));

  char line[300];
  say(f.output, model_line(result.model, surrogate.has_value(), result.build_time_s));
  if (result.best_value) {
    std::snprintf(line, sizeof line, "status: %s - best value %.6g (network output %d at the returned input), "
                  "solver bound %s, %zu incumbents, %.2fs",
                  to_string(result.status), *result.best_value, f.output_index,
                  result.bound ? std::to_string(*result.bound).c_str() : "none",
                  result.incumbents.size(), result.solve_time_s);
  } else {
    std::snprintf(line, sizeof line, "status: no_solution after %.2fs", result.solve_time_s);
  }
  say(f.output, line);
  if (surrogate)
    say(f.output, "note: the bound is the surrogate's; a surrogate's optimum proves nothing about the dense network");
  say(f.output, heuristics_line(options, result.heuristics, result.incumbents));
  for (const std::string& w : result.warnings) say(f.output, "warning: " + w);

  nlohmann::json j = to_json(result);
  j["net"] = f.net;
  j["surrogate_net"] = surrogate_record;
  j["ladder"] = ladder_record;
  j["box"] = f.box;
  j["output"] = f.output_index;
  j["options"] = to_json(options);
  write_json(f.output, "maximize", j);
}

}  // namespace

void add_maximize_command(CLI::App& app) {
  auto flags = std::make_shared<MaximizeFlags>();
  CLI::App* cmd = app.add_subcommand("maximize", "Maximize one output of a network over a box (paper eq. 8)");
  cmd->add_option("--net", flags->net, "The (dense) ONNX network")->required()->check(CLI::ExistingFile);
  add_surrogate_flags(cmd, flags->surrogate, "Algorithm 2");
  cmd->add_option("--box", flags->box, "Input domain lo:hi for every input")->capture_default_str();
  cmd->add_option("--output", flags->output_index, "Which output to maximize")->capture_default_str();
  cmd->add_flag("--many-solutions,!--no-many-solutions", flags->many_solutions,
                "CBC settings that report more incumbents (default: on with a surrogate, off otherwise)");
  add_search_flags(cmd, flags->search, 600.0);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_maximize(*flags); });
}

}  // namespace nnmip::cli
