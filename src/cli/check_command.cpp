// nnmip check: decide a VNN-LIB property (VNN-COMP's form) on a network with
// the MILP engine: sat (a counterexample, re-checked by a forward pass), unsat
// (proven), or timeout / unknown. See algorithms/property_search.hpp.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "cli_inputs.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "nnmip/algorithms/property_search.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/formats/vnnlib.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip::cli {

namespace {

struct CheckFlags {
  std::string net;
  std::string spec;
  std::string result_file;
  std::string counterexample_file;
  SearchFlags search;
  OutputFlags output;
};

/// VNN-COMP's answer: sat, unsat, or for no answer timeout (the time ran out)
/// or unknown (it did not: e.g. the solver gave no proof).
std::string answer_of(const PropertyResult& r) {
  if (r.verdict != PropertyVerdict::unknown) return to_string(r.verdict);
  for (const PropertyPartOutcome& part : r.parts)
    if (part.solver_status == SolveStatus::time_limit) return "timeout";
  return "unknown";
}

/// VNN-COMP's counterexample: ((X_0 v)\n (X_1 v)\n ... (Y_0 v)\n ...).
std::string counterexample_text(const Vector& x, const Vector& y) {
  std::string text = "(";
  char entry[80];
  for (int i = 0; i < x.size(); ++i) {
    std::snprintf(entry, sizeof entry, "%s(X_%d %.17g)\n", i == 0 ? "" : " ", i, x(i));
    text += entry;
  }
  for (int j = 0; j < y.size(); ++j) {
    std::snprintf(entry, sizeof entry, " (Y_%d %.17g)%s\n", j, y(j), j + 1 == y.size() ? ")" : "");
    text += entry;
  }
  return text;
}

int exit_code_of(PropertyVerdict verdict) {
  return verdict == PropertyVerdict::unsat ? kExitSuccess
         : verdict == PropertyVerdict::sat ? kExitCounterexample
                                           : kExitUnknown;
}

void run_check(const CheckFlags& f) {
  install_interrupt_handlers();  // Ctrl-C: stop the search, report the best so far
  const Network network = read_network(f.net);
  const Property property = read_vnnlib(f.spec);
  if (property.inputs != network.input_size() || property.outputs != network.output_size())
    throw Error(f.spec + " declares " + std::to_string(property.inputs) + " inputs X and " +
                std::to_string(property.outputs) + " outputs Y, but " + f.net + " has " +
                std::to_string(network.input_size()) + " inputs and " + std::to_string(network.output_size()) +
                " outputs: the property is for another network");
  std::vector<PropertyCaseDomain> cases;
  std::string range_note;
  for (const PropertyCase& c : property.cases) {
    PropertyCaseDomain question;
    question.domain.box = restrict_to_input_range(c.input, network, range_note);
    question.disjuncts = c.disjuncts;
    cases.push_back(question);
  }
  SearchOptions options = f.search.options();
  options.show_progress = !f.output.quiet;
  auto solver = make_solver(options.solver_name);
  const PropertyResult result = decide_property(network, cases, options, *solver);
  const std::string answer = answer_of(result);

  char line[300];
  long disjuncts = 0;
  for (const PropertyCase& c : property.cases) disjuncts += static_cast<long>(c.disjuncts.size());
  std::snprintf(line, sizeof line, "property: %zu input boxes, %ld output disjuncts; %zu searched (%s disjuncts)",
                property.cases.size(), disjuncts, result.parts.size(), to_string(options.disjuncts));
  say(f.output, line);
  if (!range_note.empty()) say(f.output, range_note);
  if (network.interface().dropped_softmax)
    say(f.output, "note: the network's trailing Softmax is left out: Y are the logits before it");
  if (result.verdict == PropertyVerdict::sat) {
    std::snprintf(line, sizeof line,
                  "sat - counterexample after %.2fs in box %d, disjunct %d (re-checked: S = %.6g >= 0)",
                  *result.time_to_sat_s, result.case_index, result.disjunct, *result.best_satisfaction);
  } else if (result.verdict == PropertyVerdict::unsat) {
    std::snprintf(line, sizeof line, "unsat - proven for every box and disjunct in %.2fs", result.total_time_s);
  } else {
    std::snprintf(line, sizeof line, "%s - no counterexample and no proof in %.2fs (best S %s)", answer.c_str(),
                  result.total_time_s,
                  result.best_satisfaction ? std::to_string(*result.best_satisfaction).c_str() : "none");
  }
  say(f.output, line);
  say(f.output, heuristics_line(options, result.heuristics, result.incumbents));
  for (const std::string& w : result.warnings) say(f.output, "warning: " + w);

  // A counterexample in the spec's own box: where the range clipped a box, the box's point
  // nearest to it (which the network clips back to it: the same outputs).
  std::optional<Vector> spec_point;
  if (result.counterexample) {
    const Box& box = property.cases[result.case_index].input;
    spec_point = result.counterexample->cwiseMax(box.lower).cwiseMin(box.upper);
  }
  std::string counterexample;
  if (spec_point) counterexample = counterexample_text(*spec_point, result.output);
  if (!f.result_file.empty()) write_file_atomically(output_path(f.result_file), answer + "\n" + counterexample);
  if (!f.counterexample_file.empty() && result.counterexample)
    write_file_atomically(output_path(f.counterexample_file), counterexample);

  nlohmann::json parts = nlohmann::json::array();
  for (const PropertyPartOutcome& p : result.parts)
    parts.push_back({{"case", p.case_index},
                     {"disjuncts", p.disjuncts},
                     {"verdict", to_string(p.verdict)},
                     {"start_s", p.start_s},
                     {"time_s", p.time_s},
                     {"solver_status", to_string(p.solver_status)},
                     {"bound", p.bound ? nlohmann::json(*p.bound) : nlohmann::json(nullptr)},
                     {"best", p.best ? nlohmann::json(*p.best) : nlohmann::json(nullptr)},
                     {"model", to_json(p.model)}});
  write_json(f.output, "check",
             {{"net", f.net},
              {"spec", f.spec},
              {"result", answer},
              {"counterexample", spec_point ? nlohmann::json{{"input", vector_json(*spec_point)},
                                                             {"output", vector_json(result.output)},
                                                             {"case", result.case_index},
                                                             {"disjunct", result.disjunct}}
                                            : nlohmann::json(nullptr)},
              {"time_to_sat_s", result.time_to_sat_s ? nlohmann::json(*result.time_to_sat_s) : nlohmann::json(nullptr)},
              {"total_time_s", result.total_time_s},
              {"build_time_s", result.build_time_s},
              {"parts", parts},
              {"incumbents", to_json(result.incumbents, "counterexample")},
              {"heuristics", to_json(result.heuristics)},
              {"options", to_json(options, true, *solver)},
              {"warnings", result.warnings}});
  set_exit_code(exit_code_of(result.verdict));
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Decide a VNN-LIB property on a network: sat (counterexample), unsat (proven), timeout or unknown");
  cmd->add_option("--net", flags->net, "The network (ONNX, or NNet for .nnet)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--spec", flags->spec, "The VNN-LIB property (- for stdin)")->required();
  cmd->add_option("--result", flags->result_file,
                  "Write VNN-COMP's result file: sat/unsat/timeout/unknown, then the counterexample when sat");
  cmd->add_option("--counterexample", flags->counterexample_file,
                  "Write the counterexample alone, as ((X_0 v) ... (Y_0 v) ...), when sat");
  flags->search.add_to(cmd, kVerifyScope);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_check(*flags); });
}

}  // namespace nnmip::cli
