#include "cli_common.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include "exit_codes.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"
#include "nnmip/util/log.hpp"
#include "nnmip/util/version.hpp"
#include "validators.hpp"

namespace nnmip::cli {

namespace {
namespace fs = std::filesystem;
std::vector<std::string> g_arguments;
int g_exit_code = kExitSuccess;
bool g_verdict_set = false;  // set_exit_code was called
}  // namespace

void set_arguments(int argc, char** argv) { g_arguments.assign(argv, argv + argc); }
void set_exit_code(int code) {
  g_exit_code = code;
  g_verdict_set = true;
}
int exit_code() {
  // A verdict reached before the interrupt stands: each is proven or checked.
  if (interrupt_requested() && (!g_verdict_set || g_exit_code == kExitUnknown)) return kExitInterrupted;
  return g_exit_code;
}

nlohmann::json run_record() {
  return {{"nnmip_version", kVersion},
          {"git_revision", kGitRevision},
          {"arguments", g_arguments},
          {"interrupted", interrupt_requested()}};
}

void add_output_flags(CLI::App* command, OutputFlags& flags) {
  command->add_option("--json", flags.json_path, "Write the result as JSON to this file (- for stdout)");
  command->add_flag("--quiet,-q", flags.quiet, "Print nothing on stdout and no progress on stderr");
  // Every command has --json, so this is where the check joins every command:
  // it runs once the command's options are parsed and validated, before the command.
  command->parse_complete_callback([command, &flags] {
    refuse_outputs_onto_inputs(*command);
    // --quiet: the library's messages down to warnings, and no status line.
    if (flags.quiet) set_log_sink(std::make_unique<StderrSink>(LogLevel::warning, false));
  });
}

namespace {

/// The options whose values are files (or a folder) that the command writes.
bool is_output_option(const std::string& name) {
  static const std::set<std::string> outputs = {"--json",     "--out",    "--into",           "--write-mps",
                                                "--write-lp", "--result", "--counterexample", "--write-vnnlib"};
  return outputs.count(name) > 0;
}

/// Whether two option values name the same file: equivalent when both exist
/// (hard and symbolic links included), the same normalized path otherwise.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  const fs::path ca = fs::weakly_canonical(a, ec), cb = fs::weakly_canonical(b, ec);
  return !ec && ca == cb;
}

/// A stream or device (/dev/stdout, /dev/null): several outputs may share it.
bool is_special_file(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec) && !fs::is_regular_file(path, ec) && !fs::is_directory(path, ec);
}

}  // namespace

void refuse_outputs_onto_inputs(const CLI::App& command) {
  struct Value {
    std::string option, path;
  };
  std::vector<Value> outputs, inputs;
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() == 0) continue;
    const std::string name = option->get_name();
    for (const std::string& value : option->results()) {
      if (value.empty() || value == "-" || is_special_file(value)) continue;
      std::error_code ec;
      if (is_output_option(name))
        outputs.push_back({name, value});
      else if (fs::is_regular_file(value, ec))
        inputs.push_back({name, value});  // --net, --db, data files...
    }
  }
  for (size_t o = 0; o < outputs.size(); ++o) {
    const Value& out = outputs[o];
    for (const Value& in : inputs)
      if (same_file(out.path, in.path))
        throw Error(out.option + " " + out.path + " is the same file as " + in.option + " " + in.path +
                    ": nnmip never overwrites an input; choose another path for " + out.option);
    for (size_t other = o + 1; other < outputs.size(); ++other)
      if (same_file(out.path, outputs[other].path))
        throw Error(out.option + " and " + outputs[other].option + " both name " + out.path +
                    ": one output would overwrite the other; give them different paths");
  }
}

void write_json(const OutputFlags& flags, const std::string& command, nlohmann::json result) {
  if (flags.json_path.empty()) return;
  result["schema_version"] = kJsonSchemaVersion;
  result["command"] = command;
  result["run"] = run_record();
  write_file_atomically(output_path(flags.json_path), result.dump(2) + '\n');
}

std::string model_line(const ModelStats& model, bool surrogate, double build_time_s) {
  char line[300];
  std::snprintf(line, sizeof line,
                "model%s: %d columns, %d rows, %d binaries, %ld nonzeros; %d stable active, %d stable inactive "
                "(%s bounds); built in %.2fs",
                surrogate ? " (surrogate)" : "", model.columns, model.rows, model.binaries, model.nonzeros,
                model.stable_active, model.stable_inactive, model.bounds_method.c_str(), build_time_s);
  return line;
}

void say(const OutputFlags& flags, const std::string& line) {
  if (flags.quiet) return;
  // With --json -, stdout carries the JSON alone.
  (flags.json_path == "-" ? std::cerr : std::cout) << line << '\n';
}

std::string output_path(const std::string& path) { return path == "-" ? "/dev/stdout" : path; }

DatasetOptions DatasetFlags::options() const {
  DatasetOptions options;
  options.name = parse_dataset_name(dataset);
  options.input_side = input_size;
  options.data_dir = data_dir;
  return options;
}

void add_dataset_flags(CLI::App* command, DatasetFlags& flags, bool required) {
  auto* dataset = command->add_option("--dataset", flags.dataset, "mnist or fashion-mnist")
                      ->check(CLI::IsMember({"mnist", "fashion-mnist"}));
  if (required) dataset->required();
  command
      ->add_option("--input-size", flags.input_size,
                   "Image side: 28 keeps the images, smaller sides resize them (the paper used 18)")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  command
      ->add_option("--data-dir", flags.data_dir,
                   "A folder with the four standard MNIST-format IDX files to use instead")
      ->check(CLI::ExistingDirectory);
}

PruneOptions PruneFlags::options() const {
  PruneOptions options;
  options.rate = rate;
  options.criterion = parse_prune_criterion(criterion);
  options.structure = parse_prune_structure(structure);
  options.scope = parse_prune_scope(scope);
  options.seed = seed;
  check_prune_options(options);
  return options;
}

void add_prune_flags(CLI::App* command, PruneFlags& flags) {
  command->add_option("--criterion", flags.criterion, "magnitude (smallest |w| first) or random")
      ->check(CLI::IsMember({"magnitude", "random"}))
      ->capture_default_str();
  command->add_option("--structure", flags.structure, "unstructured (weights) or structured (whole neurons)")
      ->check(CLI::IsMember({"unstructured", "structured"}))
      ->capture_default_str();
  command->add_option("--scope", flags.scope, "layer (the rate in every layer) or global (ranked together)")
      ->check(CLI::IsMember({"layer", "global"}))
      ->capture_default_str();
  command->add_option("--prune-seed", flags.seed, "Seed of random pruning")->check(kSeed)->capture_default_str();
}

nlohmann::json to_json(const PruneOptions& o) {
  return {{"rate", o.rate},
          {"criterion", to_string(o.criterion)},
          {"structure", to_string(o.structure)},
          {"scope", to_string(o.scope)},
          {"seed", o.seed}};
}

void add_surrogate_flags(CLI::App* command, SurrogateFlags& flags, const char* algorithm) {
  auto* file = command
                   ->add_option("--surrogate", flags.file,
                                std::string("A pruned copy of --net whose MILP is solved; every incumbent is "
                                            "checked on --net (") +
                                    algorithm + ")")
                   ->check(CLI::ExistingFile);
  auto* rate = command
                   ->add_option("--prune-rate", flags.prune_rate,
                                "Instead of --surrogate: prune --net at this rate on the fly (no finetuning)")
                   ->check(kFractionBelowOne);
  file->excludes(rate);
  command
      ->add_option("--ladder", flags.ladder,
                   "Prune rates of denser surrogates to continue with when a surrogate's MILP ends without "
                   "success and time is left, e.g. 0.5,0 (0 = the dense network itself)")
      ->delimiter(',')
      ->check(kFractionBelowOne);
  add_prune_flags(command, flags.prune);
}

std::vector<std::optional<Network>> make_ladder(const SurrogateFlags& flags, const Network& dense,
                                                nlohmann::json& record) {
  record = flags.ladder;
  std::vector<std::optional<Network>> ladder;
  if (!flags.ladder.empty() && flags.file.empty() && !flags.prune_rate)
    throw Error("--ladder continues a surrogate search: give --surrogate FILE or --prune-rate R too");
  for (double rate : flags.ladder) {
    if (rate == 0.0) {
      ladder.emplace_back(std::nullopt);
      continue;
    }
    PruneFlags with_rate = flags.prune;
    with_rate.rate = rate;
    ladder.emplace_back(prune(dense, with_rate.options()));
  }
  return ladder;
}

std::vector<const Network*> ladder_pointers(const std::vector<std::optional<Network>>& ladder) {
  std::vector<const Network*> pointers;
  for (const std::optional<Network>& n : ladder) pointers.push_back(n ? &*n : nullptr);
  return pointers;
}

std::optional<Network> make_surrogate(const SurrogateFlags& flags, const Network& dense, nlohmann::json& record) {
  if (!flags.file.empty()) {
    record = {{"file", flags.file}};
    return read_network(flags.file);
  }
  if (!flags.prune_rate) {
    record = nullptr;
    return std::nullopt;
  }
  PruneFlags with_rate = flags.prune;
  with_rate.rate = *flags.prune_rate;
  const PruneOptions options = with_rate.options();
  record = {{"pruned_on_the_fly", to_json(options)}};
  return prune(dense, options);
}

std::string heuristics_line(const SearchOptions& options, const HeuristicStats& stats,
                            const std::vector<IncumbentRecord>& incumbents) {
  if (options.heuristics == HeuristicLevel::none) return "heuristics: none (the solver's own only)";
  std::string best_source = "none";
  for (const IncumbentRecord& r : incumbents)
    if (r.accepted) best_source = r.source;
  char line[300];
  std::snprintf(line, sizeof line,
                "heuristics: %s - %.2fs before the MILP, %.2fs in %ld of %ld LP relaxations, %ld points judged; "
                "last accepted point from: %s",
                to_string(options.heuristics), stats.before_solve_s, stats.hook_s, stats.hook_runs, stats.hook_calls,
                stats.points_judged, best_source.c_str());
  return line;
}

}  // namespace nnmip::cli
