// The presets' grids, counted by hand from protocol.md and the preset comments;
// the shard rule: every problem in exactly one shard; and the golden run keys.
#include <gtest/gtest.h>

#include <set>

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/campaign/artifact_cache.hpp"
#include "nnmip/campaign/campaign_plan.hpp"
#include "nnmip/campaign/campaign_runner.hpp"
#include "nnmip/util/error.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

TEST(Presets, RunCountsAsDocumented) {
  // paper: 160 verification problems x (dense + 40 variants); 180 networks x (dense + 5 rates).
  EXPECT_EQ(make_plan("verification", "paper", std::nullopt).run_count(), 160 * 41);
  EXPECT_EQ(make_plan("maximization", "paper", std::nullopt).run_count(), 180 * 6);
  // small: 16 networks x (dense + 20 MP variants) + 36 networks x 6 = 336 + 216.
  EXPECT_EQ(make_plan("all", "small", std::nullopt).run_count(), 552);
  // medium: 4 networks x (dense + 40 variants, MP and RP) + 8 networks x 6.
  const CampaignPlan medium = make_plan("all", "medium", std::nullopt);
  EXPECT_EQ(medium.run_count(), 4 * 41 + 8 * 6);
  EXPECT_EQ(medium.verification.time_limit_s, 60.0);
  EXPECT_EQ(medium.maximization.time_limit_s, 120.0);
  std::set<PruneCriterion> criteria;
  for (const ProblemSpec& p : medium.problems)
    for (const SurrogateSpec& s : p.runs)
      if (p.study == Study::verification && !s.is_dense()) criteria.insert(s.criterion);
  EXPECT_EQ(criteria.size(), 2u);  // random pruning too: Figure 3 has all its columns
  EXPECT_EQ(make_plan("all", "smoke", std::nullopt).run_count(), 24);
  EXPECT_THROW(make_plan("all", "large", std::nullopt), Error);
  EXPECT_THROW(make_plan("some", "small", std::nullopt), Error);
}

TEST(Shards, EveryProblemInExactlyOneShard) {
  const CampaignPlan plan = make_plan("all", "small", std::nullopt);
  std::multiset<std::string> seen;
  long runs = 0;
  for (int shard = 1; shard <= 7; ++shard) {
    const CampaignPlan part = shard_of(plan, shard, 7);
    runs += part.run_count();
    for (const ProblemSpec& p : part.problems) seen.insert(p.problem_key());
  }
  EXPECT_EQ(runs, plan.run_count());
  EXPECT_EQ(seen.size(), plan.problems.size());
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), plan.problems.size());
}

TEST(Shards, ParsesIOfNAndRefusesTheRest) {
  EXPECT_EQ(parse_shard("3/4"), std::make_pair(3, 4));
  EXPECT_EQ(parse_shard("1/1"), std::make_pair(1, 1));
  for (const char* bad : {"0/4", "5/4", "3", "a/b", "3/4x", "-1/4", "3/0", ""})
    EXPECT_THROW(parse_shard(bad), Error) << bad;
}

// --- Golden digests: the keys under which campaigns record runs and cache
// networks. A key that changes makes a resumed campaign solve its runs again
// (or, worse, two settings share one key), so any change must be deliberate:
// update these values only together with a note in the schema's history.

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

TEST(CacheKeys, AreStableAcrossBuilds) {
  // The file names of the smoke plan's first and last networks (trained; random):
  // digests of their descriptions (artifact_cache.cpp). The trained one's spells
  // TrainingOptions' recipe, from which it is made.
  if (!std::filesystem::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "Fashion-MNIST (Debian package dataset-fashion-mnist) not installed";
  const nnmip::testing::TempDir dir("cache_keys");
  ArtifactCache cache(dir.path().string());
  const CampaignPlan plan = make_plan("all", "smoke", std::nullopt);
  DatasetOptions data_options;
  data_options.input_side = plan.problems.front().input_side;
  const DatasetSplit data = load_dataset(data_options);
  cache.dense(plan.problems.front(), &data);
  cache.dense(plan.problems.back(), nullptr);
  // The names the build before this one gave them (its cache, listed).
  EXPECT_EQ(stable_digest("trained v1: fashion-mnist 6x6, 36-1x8-10, xavier seed 0, adam lr 1e-3 wd 1e-3 batch 64, "
                          "1 epochs"),
            "541bd873d8ad4b6b");
  for (const char* name : {"541bd873d8ad4b6b.onnx", "da57644c9dd63131.onnx"})
    EXPECT_TRUE(std::filesystem::exists(dir.path() / name)) << name;
}

TEST(RunKeys, AreStableAcrossBuilds) {
  CampaignOptions options;  // heuristics all, interval bounds, CBC: the campaigns' defaults
  EXPECT_EQ(make_plan("all", "smoke", std::nullopt).problems[0].problem_key(),
            "verification/fashion-mnist/6x6/1x8/seed0/epochs1");
  EXPECT_EQ(first_problem_keys(options), (std::vector<std::string>{"22aac811ba00e060", "a5ad50d4e7d07b71"}));
  options.parameters["heuristics"] = "none";  // the paper's setting: the keys from before heuristics existed
  EXPECT_EQ(first_problem_keys(options), (std::vector<std::string>{"8515f0427eba9d5d", "f096e564ec99d150"}));
  // Parameters at the value runs had before they joined the key leave it unchanged.
  options.parameters["lp_time_limit_s"] = 60.0;
  options.parameters["disjuncts"] = "separate";
  options.parameters["solver"] = "cbc";
  EXPECT_EQ(first_problem_keys(options), (std::vector<std::string>{"8515f0427eba9d5d", "f096e564ec99d150"}));
}

/// A value of the parameter that differs from `current`, of its type.
nlohmann::json another_value(const SearchParameter& p, const nlohmann::json& current) {
  switch (p.type) {
    case ParameterType::boolean: return !current.get<bool>();
    case ParameterType::integer: return current.get<long long>() == 1 ? 2 : 1;
    case ParameterType::real: return current.get<double>() * 2 + 1;
    case ParameterType::choice:
      for (const std::string& c : p.choices())
        if (c != current.get<std::string>()) return c;
      return current.get<std::string>() + "-other";  // one registered solver: an unknown name still keys apart
  }
  return nullptr;
}

TEST(RunKeys, EveryParameterThatChangesARunChangesItsKey) {
  const CampaignOptions base;
  const std::vector<std::string> keys = first_problem_keys(base);
  int recorded = 0;
  for (const SearchParameter& p : search_parameters()) {
    if (!p.is_recorded()) continue;
    ++recorded;
    // The first problem is a verification problem; mip_start records what "auto" resolved to.
    const nlohmann::json current = p.flag_value(base.search());
    CampaignOptions variant = base;
    variant.parameters[p.name] = p.name == "mip_start" ? nlohmann::json("none") : another_value(p, current);
    const std::vector<std::string> other = first_problem_keys(variant);
    for (const std::string& key : other) EXPECT_EQ(std::count(keys.begin(), keys.end(), key), 0) << p.name;
  }
  EXPECT_GE(recorded, 10);
  // Paths and process counts do not change a run.
  CampaignOptions elsewhere = base;
  elsewhere.db_path = "/elsewhere.sqlite";
  elsewhere.cache_dir = "/cache";
  elsewhere.workers = 8;
  EXPECT_EQ(first_problem_keys(elsewhere), keys);
}

}  // namespace
}  // namespace nnmip
