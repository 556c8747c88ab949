#pragma once
// Runs a campaign plan into the experiment database: resumable (finished runs
// are skipped), parallel over worker processes (CBC keeps global state, so
// workers are processes, not threads), with a live progress line.
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/campaign/campaign_plan.hpp"

namespace nnmip {

class ResultStore;

struct CampaignOptions {
  std::string db_path;
  std::string cache_dir;  // the network cache (artifact_cache.hpp)
  int workers = 1;
  /// Search parameters (name -> flag value, search_parameters.hpp) over the
  /// campaign scope's defaults (interval bounds, the protocol's); the plan sets
  /// the time limit and many_solutions, which a value here overrides.
  nlohmann::json parameters = nlohmann::json::object();
  bool show_progress = true;

  /// The search options of a run before the plan's settings: the campaign
  /// scope's defaults with `parameters` applied.
  SearchOptions search() const;
};

struct CampaignSummary {
  long planned = 0;       // runs of this plan (this shard)
  long already_done = 0;  // found in the database before starting
  long recorded = 0;      // recorded by this invocation
  double elapsed_s = 0.0;
};

/// The run keys of every run of the plan under these options (the digest of
/// everything that determines a run's outcome: a database holds a run when it holds its key).
std::set<std::string> planned_run_keys(const CampaignPlan& plan, const CampaignOptions& options);
/// How many of `planned` the database holds.
long count_done(const ResultStore& store, const std::set<std::string>& planned);

CampaignSummary run_campaign(const CampaignPlan& plan, const CampaignOptions& options);

}  // namespace nnmip
