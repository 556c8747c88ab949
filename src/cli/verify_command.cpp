// nnmip verify: search for an adversarial input (paper eq. 7), directly on the
// network or through a pruned surrogate (Algorithm 1).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "cli_common.hpp"
#include "validators.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "commands.hpp"
#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::cli {

namespace {

struct VerifyFlags {
  std::string net;
  SurrogateFlags surrogate;
  DatasetFlags data;
  SearchFlags search;
  OutputFlags output;
  std::optional<int> image;
  std::optional<double> epsilon;
  std::optional<std::uint64_t> instance_seed;
  std::string input_file;
  std::string norm = "l1";
  std::string target = "auto";
};

Vector read_input_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open the input file " + path);
  // The whole file must be one JSON value: parse (not >>) rejects trailing garbage.
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + ": not valid JSON (" + e.what() + "); expected one array of numbers");
  }
  if (!j.is_array() || j.empty()) throw Error(path + ": expected a non-empty JSON array of numbers");
  Vector x(j.size());
  for (size_t k = 0; k < j.size(); ++k) {
    if (!j[k].is_number()) throw Error(path + ": entry " + std::to_string(k) + " is not a number");
    x(k) = j[k].get<double>();
  }
  return x;
}

void run_verify(const VerifyFlags& f) {
  const Network dense = read_onnx(f.net);
  nlohmann::json surrogate_record;
  const std::optional<Network> surrogate = make_surrogate(f.surrogate, dense, surrogate_record);
  nlohmann::json ladder_record;
  const std::vector<std::optional<Network>> ladder = make_ladder(f.surrogate, dense, ladder_record);

  VerificationProblem problem;
  problem.norm = parse_norm(f.norm);
  nlohmann::json instance;
  std::optional<int> image = f.image;
  std::optional<double> epsilon = f.epsilon;
  if (!f.input_file.empty()) {
    problem.center = read_input_file(f.input_file);
    instance["input_file"] = f.input_file;
  } else {
    const DatasetSplit data = load_dataset(f.data.options());
    if (dense.input_size() != data.train.images.rows())
      throw Error("the network takes " + std::to_string(dense.input_size()) + " inputs but " +
                  f.data.dataset + " images at --input-size " + std::to_string(f.data.input_size) + " have " +
                  std::to_string(data.train.images.rows()) + " pixels: pass the input size the network was trained with");
    if (f.instance_seed) {
      const InstanceDraw draw = draw_instance(*f.instance_seed, data.train.count());
      image = draw.image;
      if (!epsilon) epsilon = draw.epsilon;
      instance["instance_seed"] = *f.instance_seed;
    }
    if (!image) throw Error("say which input to verify around: --image I, --instance-seed S or --input FILE");
    if (*image < 0 || *image >= data.train.count())
      throw Error("--image " + std::to_string(*image) + " is out of range: the training split has " +
                  std::to_string(data.train.count()) + " images (0.." + std::to_string(data.train.count() - 1) + ")");
    problem.center = data.train.images.col(*image).cast<double>();
    instance["dataset"] = f.data.dataset;
    instance["input_size"] = f.data.input_size;
    instance["image"] = *image;
    instance["label"] = data.train.labels[*image];
  }
  if (!epsilon) throw Error("--epsilon is required (or use --instance-seed to draw it)");
  problem.epsilon = *epsilon;
  check_input(dense, problem.center, "the input to verify around");
  const auto [top, second] = top_two_classes(dense.forward(problem.center));
  problem.true_class = top;
  if (f.target == "auto") {
    problem.target_class = second;
  } else {
    try {
      size_t used = 0;
      problem.target_class = std::stoi(f.target, &used);
      if (used != f.target.size()) throw std::invalid_argument(f.target);
    } catch (const std::exception&) {
      throw Error("--target must be auto or a class number (got '" + f.target + "')");
    }
  }
  check_problem(dense, problem);

  const SearchOptions options = f.search.options(true);
  auto solver = make_cbc_solver();
  const VerificationResult result = verify(dense, problem, options, *solver, surrogate ? &*surrogate : nullptr,
                                  ladder_pointers(ladder));

  char line[300];
  std::snprintf(line, sizeof line, "instance: eps %.4f (%s), true class %d, target class %d%s", problem.epsilon,
                to_string(problem.norm), problem.true_class, problem.target_class,
                image ? (", training image " + std::to_string(*image)).c_str() : "");
  say(f.output, line);
  say(f.output, model_line(result.model, surrogate.has_value(), result.build_time_s));
  if (result.status == VerificationStatus::adversarial) {
    std::snprintf(line, sizeof line,
                  "status: adversarial - first dense-adversarial input after %.2fs (dense margin %.6g, distance %.4f)",
                  *result.time_to_first_adversarial_s, result.dense_margin, result.distance);
  } else if (result.status == VerificationStatus::robust) {
    const bool quick = result.symbolic_bound && *result.symbolic_bound <= 0.0;
    std::snprintf(line, sizeof line, "status: robust - %s max y_%d - y_%d <= 0 in %.2fs",
                  quick ? "the symbolic bounds proved (no MILP needed)" : "the solver proved", problem.target_class,
                  problem.true_class, result.solve_time_s);
  } else {
    std::snprintf(line, sizeof line, "status: unknown - no dense-adversarial input found (solver: %s after %.2fs)",
                  to_string(result.solver_status), result.solve_time_s);
  }
  say(f.output, line);
  if (surrogate && result.status == VerificationStatus::unknown)
    say(f.output, "note: the surrogate's solve proves nothing about the dense network; unknown is all that can be said");
  say(f.output, heuristics_line(options, result.heuristics, result.incumbents));
  for (const std::string& w : result.warnings) say(f.output, "warning: " + w);

  nlohmann::json j = to_json(result, problem);
  j["instance"] = instance;
  j["net"] = f.net;
  j["surrogate_net"] = surrogate_record;
  j["ladder"] = ladder_record;
  j["options"] = to_json(options);
  write_json(f.output, "verify", j);
}

}  // namespace

void add_verify_command(CLI::App& app) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* cmd = app.add_subcommand("verify", "Search for an adversarial input around an image (paper eq. 7)");
  cmd->add_option("--net", flags->net, "The (dense) ONNX network to verify")->required()->check(CLI::ExistingFile);
  add_surrogate_flags(cmd, flags->surrogate, "Algorithm 1");
  add_dataset_flags(cmd, flags->data, false);
  auto* image = cmd->add_option("--image", flags->image, "Index of the image in the training split")
                    ->check(CLI::NonNegativeNumber);
  cmd->add_option("--epsilon", flags->epsilon, "Radius of the ball around the image");
  auto* seed = cmd->add_option("--instance-seed", flags->instance_seed,
                               "Draw the image and eps the paper's way from this seed")
                   ->check(kSeed);
  auto* input = cmd->add_option("--input", flags->input_file, "A JSON array: verify around this input instead")
                    ->check(CLI::ExistingFile);
  image->excludes(seed)->excludes(input);
  seed->excludes(input);
  cmd->add_option("--norm", flags->norm, "Ball norm: l1 (the paper's) or linf")
      ->check(CLI::IsMember({"l1", "linf"}))->capture_default_str();
  cmd->add_option("--target", flags->target, "Target class j': auto (the second class at x0) or a class number")
      ->capture_default_str();
  add_search_flags(cmd, flags->search, 300.0);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_verify(*flags); });
}

}  // namespace nnmip::cli
