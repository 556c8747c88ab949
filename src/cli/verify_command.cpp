// nnmip verify: can a target class reach the true class in the ball around an
// input (paper eq. 7; untargeted by default), directly on the network or
// through a pruned surrogate (Algorithm 1).
#include <cstdio>
#include <memory>
#include <optional>

#include "cli_common.hpp"
#include "cli_inputs.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/formats/network_file.hpp"
#include "nnmip/formats/vnnlib.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"
#include "validators.hpp"

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
  std::optional<int> label;
  std::string domain;
  std::string norm = "l1";
  std::string target = "all";
  std::string write_vnnlib;
};

/// --target: all (every other class), auto (the paper's: the second class at x0) or a class.
int parse_target(const std::string& text, int second_class) {
  if (text == "all") return kEveryOtherClass;
  if (text == "auto") return second_class;
  try {
    size_t used = 0;
    const int target = std::stoi(text, &used);
    if (used == text.size()) return target;
  } catch (const std::exception&) {
  }
  throw Error("--target must be all, auto or a class number (got '" + text + "')");
}

std::string classes_text(const std::vector<int>& classes) {
  std::string text;
  for (int c : classes) {
    if (!text.empty()) text += ',';
    text += std::to_string(c);
  }
  return text;
}

/// "robust against 3,5; unknown: 7" - what each target's search established.
std::string per_target_line(const VerificationResult& r) {
  std::vector<int> proved, open, not_run;
  for (const TargetOutcome& t : r.per_target) {
    if (t.verdict == PropertyVerdict::unsat)
      proved.push_back(t.target);
    else if (t.verdict != PropertyVerdict::sat)
      (t.searched ? open : not_run).push_back(t.target);
  }
  std::string line = "targets: " + std::to_string(proved.size()) + " of " + std::to_string(r.targets.size()) +
                     " proved unable to reach the true class";
  if (!open.empty()) line += "; unknown: " + classes_text(open);
  if (!not_run.empty()) line += "; not searched (time): " + classes_text(not_run);
  return line;
}

int exit_code_of(VerificationStatus status) {
  switch (status) {
    case VerificationStatus::robust: return kExitSuccess;
    case VerificationStatus::adversarial:
    case VerificationStatus::misclassified: return kExitCounterexample;
    case VerificationStatus::unknown: return kExitUnknown;
  }
  return kExitUnknown;
}

void run_verify(const VerifyFlags& f) {
  install_interrupt_handlers();  // Ctrl-C: stop the search, report the best so far
  const Network dense = read_network(f.net);
  nlohmann::json surrogate_record;
  const std::optional<Network> surrogate = make_surrogate(f.surrogate, dense, surrogate_record);
  nlohmann::json ladder_record;
  const std::vector<std::optional<Network>> ladder = make_ladder(f.surrogate, dense, ladder_record);

  VerificationProblem problem;
  problem.norm = parse_norm(f.norm);
  nlohmann::json instance;
  std::optional<int> image = f.image;
  std::optional<double> epsilon = f.epsilon;
  std::optional<int> label = f.label;
  std::string domain_spec = f.domain;
  if (!f.input_file.empty()) {
    problem.center = read_input_point(f.input_file);
    instance["input_file"] = f.input_file;
  } else {
    const DatasetSplit data = load_dataset(f.data.options());
    if (dense.input_size() != data.train.images.rows())
      throw Error("the network takes " + std::to_string(dense.input_size()) + " inputs but " + f.data.dataset +
                  " images at --input-size " + std::to_string(f.data.input_size) + " have " +
                  std::to_string(data.train.images.rows()) +
                  " pixels: pass the input size the network was trained with");
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
    if (!label) label = data.train.labels[*image];
    if (domain_spec.empty()) domain_spec = "0:1";  // the datasets' pixels
    instance["dataset"] = f.data.dataset;
    instance["input_size"] = f.data.input_size;
    instance["image"] = *image;
    instance["label"] = data.train.labels[*image];
  }
  if (!epsilon) throw Error("--epsilon is required (or use --instance-seed to draw it)");
  problem.epsilon = *epsilon;
  check_input(dense, problem.center, "the input to verify around");
  std::string range_note;
  if (!domain_spec.empty())
    problem.domain =
        restrict_to_input_range(parse_domain(domain_spec, dense.input_size(), "--domain"), dense, range_note);
  else if (dense.interface().input_range_lower)
    problem.domain = Box{*dense.interface().input_range_lower, *dense.interface().input_range_upper};
  const auto [top, second] = top_two_classes(dense.forward(problem.center));
  problem.true_class = label.value_or(top);
  problem.target_class = parse_target(f.target, problem.true_class == top ? second : top);
  check_problem(dense, problem);
  if (!f.write_vnnlib.empty()) {
    const std::string comment = "written by nnmip verify: eps " + std::to_string(problem.epsilon) + " (linf) around " +
                                (image ? "training image " + std::to_string(*image) : f.input_file) + ", true class " +
                                std::to_string(problem.true_class) +
                                "\nsat <=> some target class reaches the true class's score";
    write_file_atomically(output_path(f.write_vnnlib), to_vnnlib(verification_property(dense, problem), comment));
  }

  SearchOptions options = f.search.options();
  options.show_progress = !f.output.quiet;
  auto solver = make_solver(options.solver_name);
  const VerificationResult result =
      verify(dense, problem, options, *solver, surrogate ? &*surrogate : nullptr, ladder_pointers(ladder));

  char line[400];
  const std::string targets =
      problem.target_class == kEveryOtherClass ? "every other class" : "class " + std::to_string(problem.target_class);
  std::snprintf(
      line, sizeof line, "instance: eps %.4g (%s) around %s, true class %d (%s), targets: %s; domain: %s",
      problem.epsilon, to_string(problem.norm),
      image ? ("training image " + std::to_string(*image)).c_str() : f.input_file.c_str(), problem.true_class,
      label ? "the label" : "the network's class at the input", targets.c_str(),
      domain_spec.empty() ? (problem.domain ? "the network's input range" : "the ball alone") : domain_spec.c_str());
  say(f.output, line);
  if (!range_note.empty()) say(f.output, range_note);
  if (dense.interface().dropped_softmax)
    say(f.output,
        "note: the network's trailing Softmax is left out: it keeps the order of the outputs, so the verdict is the "
        "same");
  if (result.status == VerificationStatus::misclassified) {
    std::snprintf(line, sizeof line,
                  "status: misclassified - at the input itself class %d already reaches the true class %d "
                  "(margin %.6g); nothing to search",
                  *result.adversarial_class, problem.true_class, result.dense_margin);
    say(f.output, line);
  } else {
    say(f.output, model_line(result.model, surrogate.has_value(), result.build_time_s));
    if (result.status == VerificationStatus::adversarial) {
      std::snprintf(line, sizeof line,
                    "status: adversarial - class %d reaches the true class %d after %.2fs (dense margin %.6g, "
                    "distance %.4g)",
                    *result.adversarial_class, problem.true_class, *result.time_to_first_adversarial_s,
                    result.dense_margin, result.distance);
    } else if (result.status == VerificationStatus::robust) {
      const bool quick = result.symbolic_bound && *result.symbolic_bound < 0.0;
      std::snprintf(line, sizeof line, "status: robust - %s that no %s can reach class %d (%.2fs)",
                    quick ? "the symbolic bounds proved (no MILP needed)" : "the solver proved",
                    problem.target_class == kEveryOtherClass ? "other class" : targets.c_str(), problem.true_class,
                    result.solve_time_s);
    } else {
      std::snprintf(line, sizeof line,
                    "status: unknown - no dense-adversarial input found and no proof (solver: %s, %.2fs)",
                    to_string(result.solver_status), result.solve_time_s);
    }
    say(f.output, line);
    if (result.targets.size() > 1 && result.status != VerificationStatus::adversarial)
      say(f.output, per_target_line(result));
    if (surrogate && result.status == VerificationStatus::unknown)
      say(f.output,
          "note: the surrogate's solve proves nothing about the dense network; unknown is all that can be said");
    say(f.output, heuristics_line(options, result.heuristics, result.incumbents));
  }
  for (const std::string& w : result.warnings) say(f.output, "warning: " + w);

  nlohmann::json j = to_json(result, problem);
  j["instance"] = instance;
  j["domain"] = problem.domain ? nlohmann::json{{"lower", vector_json(problem.domain->lower)},
                                                {"upper", vector_json(problem.domain->upper)}}
                               : nlohmann::json(nullptr);
  j["net"] = f.net;
  j["surrogate_net"] = surrogate_record;
  j["ladder"] = ladder_record;
  j["options"] = to_json(options, true, *solver);
  write_json(f.output, "verify", j);
  set_exit_code(exit_code_of(result.status));
}

}  // namespace

void add_verify_command(CLI::App& app) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* cmd = app.add_subcommand("verify", "Search for an adversarial input around an image (paper eq. 7)");
  cmd->add_option("--net", flags->net, "The (dense) network to verify (ONNX, or NNet for .nnet)")
      ->required()
      ->check(CLI::ExistingFile);
  add_surrogate_flags(cmd, flags->surrogate, "Algorithm 1");
  add_dataset_flags(cmd, flags->data, false);
  auto* image = cmd->add_option("--image", flags->image, "Index of the image in the training split")
                    ->check(CLI::NonNegativeNumber);
  cmd->add_option("--epsilon", flags->epsilon, "Radius of the ball around the image");
  auto* seed =
      cmd->add_option("--instance-seed", flags->instance_seed, "Draw the image and eps the paper's way from this seed")
          ->check(kSeed);
  auto* input =
      cmd->add_option("--input", flags->input_file, "A JSON array: verify around this input instead (- for stdin)");
  cmd->add_option("--label", flags->label,
                  "The true class at --input (default: the network's class there); with a dataset image, its label")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--domain", flags->domain,
                  "Input domain the ball is cut to: lo:hi for every input, or a JSON file "
                  "{\"lower\": [...], \"upper\": [...]}. Default: 0:1 for dataset images, none for --input");
  image->excludes(seed)->excludes(input);
  seed->excludes(input);
  cmd->add_option("--norm", flags->norm, "Ball norm: l1 (the paper's) or linf")
      ->check(CLI::IsMember({"l1", "linf"}))
      ->capture_default_str();
  cmd->add_option("--target", flags->target,
                  "Which classes may not reach the true class: all (robust = no other class can), auto (the "
                  "paper's: the second class at x0) or a class number")
      ->capture_default_str();
  cmd->add_option("--write-vnnlib", flags->write_vnnlib,
                  "Also write the question as a VNN-LIB property (--norm linf), for nnmip check or other verifiers");
  flags->search.add_to(cmd, kVerifyScope);
  add_output_flags(cmd, flags->output);
  cmd->callback([flags] { run_verify(*flags); });
}

}  // namespace nnmip::cli
