#include "campaign_flags.hpp"

#include <cstdio>

#include "cli_common.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"
#include "validators.hpp"

namespace nnmip::cli {

void CampaignFlags::add_to(CLI::App* command) {
  command->add_option("--study", study, "verification, maximization or all")
      ->check(CLI::IsMember({"verification", "maximization", "all"}))
      ->capture_default_str();
  command
      ->add_option("--preset", preset,
                   "smoke (tiny, tests), small (a laptop hour), medium (2 cores, about 3 h for two heuristics "
                   "settings) or paper (the full grids)")
      ->required();
  command->add_option("--time-limit", time_limit_s, "Override the preset's time limit per solve (s)")
      ->check(kPositiveFinite);
  command->add_option("--workers", workers, "Worker processes")->check(CLI::Range(1, 256))->capture_default_str();
  command->add_option("--threads", threads, "Solver threads per run")->check(CLI::Range(1, 256))->capture_default_str();
  command->add_option("--solver-seed", solver_seed, "Solver random seed")->check(kSeed)->capture_default_str();
  command
      ->add_option("--mip-start", mip_start,
                   "auto (forward for maximization; for verification only with heuristics), forward or none")
      ->check(CLI::IsMember({"auto", "forward", "none"}))
      ->capture_default_str();
  command
      ->add_option("--bounds", bounds,
                   "interval (the paper's, the campaigns' default), symbolic (nnmip's default elsewhere) or lp")
      ->check(CLI::IsMember({"interval", "symbolic", "lp"}))
      ->capture_default_str();
  command
      ->add_option("--heuristics", heuristics,
                   "Network-aware heuristics: none (the paper's setting), lp, lp+polish or all (nnmip's default)")
      ->check(CLI::IsMember({"none", "lp", "lp+polish", "all"}))
      ->capture_default_str();
  add_solver_flag(command, solver);
}

CampaignPlan CampaignFlags::plan() const { return make_plan(study, preset, time_limit_s); }

CampaignOptions CampaignFlags::options() const {
  CampaignOptions options;
  options.workers = workers;
  options.threads = threads;
  options.solver_seed = solver_seed;
  options.mip_start = parse_mip_start(mip_start);
  options.bounds = bounds;
  options.heuristics = parse_heuristic_level(heuristics);
  options.solver = solver;
  return options;
}

std::vector<std::string> CampaignFlags::run_flags() const {
  std::vector<std::string> flags;
  if (time_limit_s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", *time_limit_s);  // exact: the run keys digest it
    flags.insert(flags.end(), {"--time-limit", text});
  }
  flags.insert(flags.end(), {"--workers", std::to_string(workers), "--threads", std::to_string(threads),
                             "--solver-seed", std::to_string(solver_seed), "--mip-start", mip_start, "--bounds", bounds,
                             "--heuristics", heuristics, "--solver", solver});
  return flags;
}

nlohmann::json CampaignFlags::to_json() const {
  return {{"study", study},
          {"preset", preset},
          {"time_limit_s", time_limit_s ? nlohmann::json(*time_limit_s) : nlohmann::json(nullptr)},
          {"workers", workers},
          {"threads", threads},
          {"solver_seed", solver_seed},
          {"mip_start", mip_start},
          {"bounds", bounds},
          {"heuristics", heuristics},
          {"solver", solver}};
}

CampaignFlags CampaignFlags::from_json(const nlohmann::json& json, const std::string& source) {
  try {
    CampaignFlags f;
    f.study = json.at("study").get<std::string>();
    f.preset = json.at("preset").get<std::string>();
    if (!json.at("time_limit_s").is_null()) f.time_limit_s = json.at("time_limit_s").get<double>();
    f.workers = json.at("workers").get<int>();
    f.threads = json.at("threads").get<int>();
    f.solver_seed = json.at("solver_seed").get<int>();
    f.mip_start = json.at("mip_start").get<std::string>();
    f.bounds = json.at("bounds").get<std::string>();
    f.heuristics = json.at("heuristics").get<std::string>();
    f.solver = json.value("solver", std::string(kDefaultSolver));  // manifests before the setting
    return f;
  } catch (const nlohmann::json::exception& e) {
    throw Error(source + ": the campaign's run flags are incomplete (" + e.what() +
                "); write the manifest again with `nnmip experiment slurm`");
  }
}

}  // namespace nnmip::cli
