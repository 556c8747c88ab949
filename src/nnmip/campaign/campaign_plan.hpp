#pragma once
// The grids of the paper's two studies (protocol.md, Sections 4 and 5), as
// presets: `paper` (the full grids, for a cluster), `medium` (one 2-core
// machine for about 3 hours, at limits that decide most instances), `small` (a
// laptop subset that still covers every row and column of Tables 1-3), `smoke`
// (a tiny grid for the test suite). A plan is a list of problems, each with its runs: the
// dense direct solve and the surrogate variants.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/pruning/pruning.hpp"

namespace nnmip {

enum class Study { verification, maximization };
const char* to_string(Study study);

/// One surrogate: how it is pruned. rate 0 means the dense direct solve.
struct SurrogateSpec {
  PruneStructure structure = PruneStructure::unstructured;
  PruneCriterion criterion = PruneCriterion::magnitude;
  double rate = 0.0;
  bool finetuned = false;
  bool is_dense() const { return rate == 0.0; }
  std::string variant() const;  // "dense" or "<structure>-<criterion>-<rate>-<F|NF>"
};

/// One optimization problem and the networks it needs.
struct ProblemSpec {
  Study study = Study::verification;
  // network: verification networks are trained on `dataset`, maximization ones are random
  std::string dataset;  // "mnist" | "fashion-mnist" (verification)
  int input_side = 0;   // verification: images are side x side
  int inputs = 0;       // n0
  int depth = 0;
  int width = 0;
  int outputs = 0;
  std::uint64_t net_seed = 0;  // training / initialisation seed (and the instance seed)
  int train_epochs = 0;
  std::vector<SurrogateSpec> runs;  // the dense run first
  std::string problem_key() const;
};

struct PlanSettings {
  double time_limit_s = 0.0;
  int finetune_rounds = 5;
  int finetune_epochs = 5;
  bool many_solutions_for_surrogates = true;  // Algorithm 2 (maximization) only
};

struct CampaignPlan {
  std::string preset;
  PlanSettings verification;
  PlanSettings maximization;
  std::vector<ProblemSpec> problems;
  long run_count() const;
};

/// study: "verification" | "maximization" | "all"; preset: "smoke" | "small" | "medium" | "paper".
/// time_limit_s overrides the preset's limits when set.
CampaignPlan make_plan(const std::string& study, const std::string& preset, std::optional<double> time_limit_s);

/// Throws nnmip::Error unless 1 <= index <= count.
void check_shard(int index, int count);
/// The items of shard `index` (1-based) of `count`: item p goes to shard p % count + 1.
template <typename Item>
std::vector<Item> shard_items(const std::vector<Item>& items, int index, int count) {
  check_shard(index, count);
  std::vector<Item> shard;
  for (size_t p = 0; p < items.size(); ++p)
    if (static_cast<int>(p % static_cast<size_t>(count)) + 1 == index) shard.push_back(items[p]);
  return shard;
}
/// The plan with the problems of shard `index` of `count` (shard_items).
CampaignPlan shard_of(const CampaignPlan& plan, int index, int count);

/// "I/N" -> (I, N); throws nnmip::Error unless 1 <= I <= N.
std::pair<int, int> parse_shard(const std::string& text);

}  // namespace nnmip
