// nnmip maximize: maximize one output of a network over a box (paper eq. 8),
// directly or through a pruned surrogate (Algorithm 2).
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "cli_inputs.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip::cli {

namespace {

struct MaximizeFlags {
  std::string net;
  SurrogateFlags surrogate;
  std::string domain = "0:1";
  int output_index = 0;
  std::string objective;
  bool minimize = false;
  SearchFlags search;
  OutputFlags output;
};

/// "y3", "y3 - y0", "2*y1 + 0.5*y2" for the messages.
std::string objective_text(const Vector& c) {
  std::string text;
  for (int k = 0; k < c.size(); ++k) {
    if (c(k) == 0.0) continue;
    const char* sign = text.empty() ? (c(k) < 0 ? "-" : "") : (c(k) < 0 ? " - " : " + ");
    char coefficient[40] = "";
    if (std::abs(c(k)) != 1.0) std::snprintf(coefficient, sizeof coefficient, "%.6g*", std::abs(c(k)));
    text += sign + std::string(coefficient) + "y" + std::to_string(k);
  }
  return text;
}

void run_maximize(const MaximizeFlags& f) {
  install_interrupt_handlers();  // Ctrl-C: stop the search, report the best so far
  const Network dense = read_network(f.net);
  nlohmann::json surrogate_record;
  const std::optional<Network> surrogate = make_surrogate(f.surrogate, dense, surrogate_record);
  nlohmann::json ladder_record;
  const std::vector<std::optional<Network>> ladder = make_ladder(f.surrogate, dense, ladder_record);
  std::string range_note;
  const Box domain = restrict_to_input_range(parse_domain(f.domain, dense.input_size(), "--domain"), dense, range_note);
  const Vector objective = f.objective.empty() ? unit_objective(dense.output_size(), f.output_index)
                                               : parse_objective(f.objective, dense.output_size());
  MaximizationProblem problem{domain, objective, f.minimize};
  SearchOptions defaults;
  defaults.solver.many_solutions = surrogate.has_value();  // unless --many-solutions / --no-many-solutions
  SearchOptions options = f.search.options(defaults);
  options.show_progress = !f.output.quiet;
  auto solver = make_solver(options.solver_name);
  const MaximizationResult result =
      maximize(dense, problem, options, *solver, surrogate ? &*surrogate : nullptr, ladder_pointers(ladder));

  char line[400];
  const std::string what = objective_text(objective);
  say(f.output, std::string(f.minimize ? "minimize " : "maximize ") + what + " over the domain " + f.domain);
  if (!range_note.empty()) say(f.output, range_note);
  if (dense.interface().dropped_softmax)
    say(f.output, "note: the network's trailing Softmax is left out: the outputs are the logits before it");
  say(f.output, model_line(result.model, surrogate.has_value(), result.build_time_s));
  if (result.best_value) {
    std::snprintf(line, sizeof line,
                  "status: %s - best value %.6g (%s at the returned input), "
                  "solver %s bound %s, %zu incumbents, %.2fs",
                  to_string(result.status), *result.best_value, what.c_str(), f.minimize ? "lower" : "upper",
                  result.bound ? std::to_string(*result.bound).c_str() : "none", result.incumbents.size(),
                  result.solve_time_s);
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
  j["domain"] = {{"lower", vector_json(domain.lower)}, {"upper", vector_json(domain.upper)}};
  j["objective"] = vector_json(objective);
  j["sense"] = f.minimize ? "min" : "max";
  j["options"] = to_json(options, false, *solver);
  write_json(f.output, "maximize", j);
}

}  // namespace

void add_maximize_command(CLI::App& app) {
  auto flags = std::make_shared<MaximizeFlags>();
  CLI::App* cmd = app.add_subcommand("maximize", "Maximize one output of a network over a box (paper eq. 8)");
  cmd->add_option("--net", flags->net, "The (dense) network (ONNX, or NNet for .nnet)")
      ->required()
      ->check(CLI::ExistingFile);
  add_surrogate_flags(cmd, flags->surrogate, "Algorithm 2");
  cmd->add_option("--domain,--box", flags->domain,
                  "Input domain: lo:hi for every input, or a JSON file {\"lower\": [...], \"upper\": [...]}")
      ->capture_default_str();
  auto* output = cmd->add_option("--output", flags->output_index, "Which output to maximize")->capture_default_str();
  auto* objective = cmd->add_option("--objective", flags->objective,
                                    "A linear objective over the outputs instead: \"y3 - y0\", \"2*y1 + y2\", or a "
                                    "JSON array of coefficients (inline or a file)");
  output->excludes(objective);
  cmd->add_flag("--minimize", flags->minimize, "Minimize the objective instead (the bound is then a lower bound)");
  flags->search.add_to(cmd, kMaximizeScope);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_maximize(*flags); });
}

}  // namespace nnmip::cli
