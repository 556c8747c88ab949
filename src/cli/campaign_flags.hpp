#pragma once
// The flags that decide a campaign's runs, declared once: `experiment run`
// runs them, `experiment slurm` forwards them to every array task and
// `experiment status` rebuilds the campaign's plan (and so its run keys) from them.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/campaign/campaign_runner.hpp"
#include "search_flags.hpp"

namespace nnmip::cli {

struct CampaignFlags {
  std::string study = "all";
  std::string preset;
  int workers = 1;
  /// The search parameters offered to campaigns (search_parameters.hpp: --time-limit
  /// overrides the preset's, --threads, --solver-seed, --mip-start, --bounds, ...).
  SearchFlags search;

  /// Registers --study, --preset, --workers and the search parameters' flags on `command`.
  void add_to(CLI::App* command);
  /// The preset's plan for the study (all shards).
  CampaignPlan plan() const;
  /// The run options (the database and cache paths are the caller's).
  CampaignOptions options() const;
  /// The flags for an `experiment run` of the same campaign, without --study and --preset.
  std::vector<std::string> run_flags() const;
  nlohmann::json to_json() const;
  /// Throws nnmip::Error naming `source` when a value is missing, unknown or invalid.
  static CampaignFlags from_json(const nlohmann::json& json, const std::string& source);
};

}  // namespace nnmip::cli
