// The presets' grids, counted by hand from protocol.md and the preset comments,
// and the shard rule: every problem in exactly one shard.
#include <gtest/gtest.h>

#include <set>

#include "nnmip/experiments/campaign_plan.hpp"
#include "nnmip/util/error.hpp"

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
  for (const char* bad : {"0/4", "5/4", "3", "a/b", "3/4x", "-1/4", "3/0", ""}) EXPECT_THROW(parse_shard(bad), Error) << bad;
}

}  // namespace
}  // namespace nnmip
