// Golden digests: the keys under which campaigns record runs and cache
// networks. A key that changes makes a resumed campaign solve its runs again
// (or, worse, two settings share one key), so any change must be deliberate:
// update these values only together with a note in the schema's history.
#include <gtest/gtest.h>

#include "nnmip/experiments/artifact_cache.hpp"
#include "nnmip/experiments/campaign_runner.hpp"

namespace nnmip {
namespace {

TEST(StableDigest, IsSixtyFourBitFnv1a) {
  // The published FNV-1a 64 test values: the offset basis for "", and "a".
  EXPECT_EQ(stable_digest(""), "cbf29ce484222325");
  EXPECT_EQ(stable_digest("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(stable_digest("foobar"), "85944171f73967e8");
}

/// The keys of the smoke plan's first problem (its dense run first, in plan order).
std::vector<std::string> first_problem_keys(const CampaignOptions& options) {
  CampaignPlan plan = make_plan("all", "smoke", std::nullopt);
  plan.problems.resize(1);
  plan.problems[0].runs.resize(2);
  const std::set<std::string> keys = planned_run_keys(plan, options);
  return {keys.begin(), keys.end()};
}

TEST(RunKeys, AreStableAcrossBuilds) {
  CampaignOptions options;  // heuristics all, interval bounds, CBC: the campaigns' defaults
  EXPECT_EQ(make_plan("all", "smoke", std::nullopt).problems[0].problem_key(), "verification/fashion-mnist/6x6/1x8/seed0/epochs1");
  EXPECT_EQ(first_problem_keys(options), (std::vector<std::string>{"22aac811ba00e060", "a5ad50d4e7d07b71"}));
  options.heuristics = HeuristicLevel::none;  // the paper's setting: the keys from before heuristics existed
  EXPECT_EQ(first_problem_keys(options), (std::vector<std::string>{"8515f0427eba9d5d", "f096e564ec99d150"}));
}

TEST(RunKeys, EveryParameterThatChangesARunChangesItsKey) {
  const CampaignOptions base;
  const std::vector<std::string> keys = first_problem_keys(base);
  std::vector<CampaignOptions> variants(6, base);
  variants[0].threads = 2;
  variants[1].solver_seed = 1;
  variants[2].mip_start = MipStartChoice::none;
  variants[3].bounds = "symbolic";
  variants[4].heuristics = HeuristicLevel::lp;
  variants[5].solver = "another";
  for (size_t i = 0; i < variants.size(); ++i) {
    const std::vector<std::string> other = first_problem_keys(variants[i]);
    for (const std::string& key : other) EXPECT_EQ(std::count(keys.begin(), keys.end(), key), 0) << "variant " << i;
  }
  // Paths and process counts do not change a run.
  CampaignOptions elsewhere = base;
  elsewhere.db_path = "/elsewhere.sqlite";
  elsewhere.cache_dir = "/cache";
  elsewhere.workers = 8;
  EXPECT_EQ(first_problem_keys(elsewhere), keys);
}

}  // namespace
}  // namespace nnmip
