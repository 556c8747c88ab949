#include "campaign_flags.hpp"

#include "cli_common.hpp"
#include "nnmip/util/error.hpp"

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
  command->add_option("--workers", workers, "Worker processes")->check(CLI::Range(1, 256))->capture_default_str();
  search.add_to(command, kCampaignScope);
}

CampaignPlan CampaignFlags::plan() const {
  const nlohmann::json values = search.values();
  std::optional<double> time_limit_s;
  if (values.contains("time_limit_s")) time_limit_s = values.at("time_limit_s").get<double>();
  return make_plan(study, preset, time_limit_s);
}

CampaignOptions CampaignFlags::options() const {
  CampaignOptions options;
  options.workers = workers;
  options.parameters = search.values();
  return options;
}

std::vector<std::string> CampaignFlags::run_flags() const {
  std::vector<std::string> flags = {"--workers", std::to_string(workers)};
  const std::vector<std::string> parameters = search.arguments();
  flags.insert(flags.end(), parameters.begin(), parameters.end());
  return flags;
}

nlohmann::json CampaignFlags::to_json() const {
  nlohmann::json j = {{"study", study}, {"preset", preset}, {"workers", workers}};
  j.update(search.values());
  return j;
}

CampaignFlags CampaignFlags::from_json(const nlohmann::json& json, const std::string& source) {
  CampaignFlags f;
  nlohmann::json parameters = json;
  try {
    f.study = json.at("study").get<std::string>();
    f.preset = json.at("preset").get<std::string>();
    f.workers = json.at("workers").get<int>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(source + ": the campaign's run flags are incomplete (" + e.what() +
                "); write the manifest again with `nnmip experiment slurm`");
  }
  for (const char* key : {"study", "preset", "workers"}) parameters.erase(key);
  // Parameters a manifest does not name take the campaign defaults, as they did when it was written.
  f.search.set_values(parameters, source);
  return f;
}

}  // namespace nnmip::cli
