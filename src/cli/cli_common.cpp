#include "cli_common.hpp"

#include <fstream>
#include <iostream>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/version.hpp"

namespace nnmip::cli {

namespace {
std::vector<std::string> g_arguments;
}

void set_arguments(int argc, char** argv) { g_arguments.assign(argv, argv + argc); }

nlohmann::json run_record() {
  return {{"nnmip_version", kVersion}, {"git_revision", kGitRevision}, {"arguments", g_arguments}};
}

void add_output_flags(CLI::App* command, OutputFlags& flags) {
  command->add_option("--json", flags.json_path, "Write the result as JSON to this file");
  command->add_flag("--quiet,-q", flags.quiet, "Print nothing on stdout and no progress on stderr");
}

void write_json(const OutputFlags& flags, const std::string& command, nlohmann::json result) {
  if (flags.json_path.empty()) return;
  result["command"] = command;
  result["run"] = run_record();
  std::ofstream out(flags.json_path);
  if (!out) throw Error("cannot write the JSON output " + flags.json_path + ": check that its folder exists and is writable");
  out << result.dump(2) << '\n';
  if (!out) throw Error("writing " + flags.json_path + " failed");
}

void say(const OutputFlags& flags, const std::string& line) {
  if (!flags.quiet) std::cout << line << '\n';
}

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
  command->add_option("--input-size", flags.input_size,
                      "Image side: 28 keeps the images, smaller sides resize them (the paper used 18)")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  command->add_option("--data-dir", flags.data_dir,
                      "A folder with the four standard MNIST-format IDX files to use instead")
      ->check(CLI::ExistingDirectory);
}

SearchOptions SearchFlags::options() const {
  SearchOptions options;
  options.solver.time_limit_s = time_limit_s;
  options.solver.threads = threads;
  options.solver.random_seed = solver_seed;
  options.solver.log_level = log_level;
  options.mip_start = mip_start != "none";
  options.bounds.method = parse_bounds_method(bounds);
  options.bounds.lp_time_limit_s = lp_time_limit_s;
  options.write_mps = write_mps;
  options.write_lp = write_lp;
  return options;
}

void add_search_flags(CLI::App* command, SearchFlags& flags, double default_time_limit) {
  flags.time_limit_s = default_time_limit;
  command->add_option("--time-limit", flags.time_limit_s, "Solver time limit in seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--threads", flags.threads, "Solver threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--solver-seed", flags.solver_seed, "Solver random seed")->capture_default_str();
  command->add_option("--log-level", flags.log_level, "Solver log: 0 silent, 1 summary, 2 full")
      ->check(CLI::Range(0, 4))
      ->capture_default_str();
  command->add_option("--mip-start", flags.mip_start,
                      "forward: start from a forward pass (x0 / box centre); none: no start")
      ->check(CLI::IsMember({"forward", "none"}))
      ->capture_default_str();
  command->add_option("--bounds", flags.bounds, "Activation bounds: interval or lp (LP tightening)")
      ->check(CLI::IsMember({"interval", "lp"}))
      ->capture_default_str();
  command->add_option("--lp-time-limit", flags.lp_time_limit_s, "Time budget of LP bound tightening (s)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--write-mps", flags.write_mps, "Write the model that is solved as MPS");
  command->add_option("--write-lp", flags.write_lp, "Write the model that is solved as LP");
}

nlohmann::json to_json(const SearchOptions& o) {
  return {{"time_limit_s", o.solver.time_limit_s},
          {"threads", o.solver.threads},
          {"solver_seed", o.solver.random_seed},
          {"many_solutions", o.solver.many_solutions},
          {"mip_start", o.mip_start},
          {"bounds", to_string(o.bounds.method)},
          {"lp_time_limit_s", o.bounds.lp_time_limit_s},
          {"solver", "cbc"}};
}

Network load_network(const std::string& path) { return read_onnx(path); }

}  // namespace nnmip::cli
