#include "nnmip/campaign/campaign_plan.hpp"

#include <cstdio>

#include "nnmip/util/error.hpp"

namespace nnmip {

const char* to_string(Study study) { return study == Study::verification ? "verification" : "maximization"; }

std::string SurrogateSpec::variant() const {
  if (is_dense()) return "dense";
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, "%g", rate);
  return std::string(to_string(structure)) + "-" + to_string(criterion) + "-" + rate_text + "-" +
         (finetuned ? "F" : "NF");
}

std::string ProblemSpec::problem_key() const {
  char text[200];
  if (study == Study::verification)
    std::snprintf(text, sizeof text, "verification/%s/%dx%d/%dx%d/seed%llu/epochs%d", dataset.c_str(), input_side,
                  input_side, depth, width, static_cast<unsigned long long>(net_seed), train_epochs);
  else
    std::snprintf(text, sizeof text, "maximization/in%d/%dx%d/seed%llu", inputs, depth, width,
                  static_cast<unsigned long long>(net_seed));
  return text;
}

long CampaignPlan::run_count() const {
  long n = 0;
  for (const ProblemSpec& p : problems) n += static_cast<long>(p.runs.size());
  return n;
}

namespace {

const std::vector<double> kPaperRates = {0.3, 0.5, 0.8, 0.9, 0.95};

std::vector<SurrogateSpec> verification_runs(const std::vector<PruneCriterion>& criteria,
                                             const std::vector<double>& rates) {
  std::vector<SurrogateSpec> runs{SurrogateSpec{}};
  for (PruneStructure structure : {PruneStructure::unstructured, PruneStructure::structured})
    for (PruneCriterion criterion : criteria)
      for (bool finetuned : {false, true})
        for (double rate : rates) runs.push_back({structure, criterion, rate, finetuned});
  return runs;
}

std::vector<SurrogateSpec> maximization_runs(const std::vector<double>& rates) {
  std::vector<SurrogateSpec> runs{SurrogateSpec{}};
  for (double rate : rates) runs.push_back({PruneStructure::unstructured, PruneCriterion::magnitude, rate, false});
  return runs;
}

struct VerificationGrid {
  std::vector<std::string> datasets;
  std::vector<int> sides;
  std::vector<int> depths;
  std::vector<int> widths;
  int seeds = 1;
  int mnist_epochs = 5;
  int fashion_epochs = 40;
  std::vector<PruneCriterion> criteria;
  std::vector<double> rates;
};

void add_verification(CampaignPlan& plan, const VerificationGrid& g) {
  for (const std::string& dataset : g.datasets)
    for (int side : g.sides)
      for (int depth : g.depths)
        for (int width : g.widths)
          for (int seed = 0; seed < g.seeds; ++seed) {
            ProblemSpec p;
            p.study = Study::verification;
            p.dataset = dataset;
            p.input_side = side;
            p.inputs = side * side;
            p.depth = depth;
            p.width = width;
            p.outputs = 10;
            p.net_seed = static_cast<std::uint64_t>(seed);
            p.train_epochs = dataset == "mnist" ? g.mnist_epochs : g.fashion_epochs;
            p.runs = verification_runs(g.criteria, g.rates);
            plan.problems.push_back(p);
          }
}

struct MaximizationGrid {
  std::vector<int> inputs;
  std::vector<int> depths;
  std::vector<int> widths;
  int seeds = 1;
  std::vector<double> rates;
};

void add_maximization(CampaignPlan& plan, const MaximizationGrid& g) {
  for (int inputs : g.inputs)
    for (int depth : g.depths)
      for (int width : g.widths)
        for (int seed = 0; seed < g.seeds; ++seed) {
          ProblemSpec p;
          p.study = Study::maximization;
          p.inputs = inputs;
          p.depth = depth;
          p.width = width;
          p.outputs = 1;
          p.net_seed = static_cast<std::uint64_t>(seed);
          p.runs = maximization_runs(g.rates);
          plan.problems.push_back(p);
        }
}

}  // namespace

CampaignPlan make_plan(const std::string& study, const std::string& preset, std::optional<double> time_limit_s) {
  if (study != "verification" && study != "maximization" && study != "all")
    throw Error("unknown study '" + study + "': use verification, maximization or all");
  const bool verification = study != "maximization";
  const bool maximization = study != "verification";
  const std::vector<PruneCriterion> both = {PruneCriterion::magnitude, PruneCriterion::random};
  CampaignPlan plan;
  plan.preset = preset;
  if (preset == "paper") {
    // Sections 4 and 5 exactly: 160 verification problems x (dense + 40 variants), 300 s;
    // 180 maximization networks x (dense + 5 rates), 600 s.
    plan.verification = {300.0, 5, 5, false};
    plan.maximization = {600.0, 0, 0, true};
    if (verification)
      add_verification(plan, {{"mnist", "fashion-mnist"}, {18, 28}, {2, 4}, {32, 64}, 10, 5, 40, both, kPaperRates});
    if (maximization) add_maximization(plan, {{100, 1000, 10000}, {2, 3, 4, 5}, {50, 100, 200}, 5, kPaperRates});
  } else if (preset == "small") {
    // A laptop subset covering every row and column of Tables 1-3 (see README,
    // "Reproducing the paper"): Fashion-MNIST and MNIST, both input sizes, depths
    // and widths, 1 network each; magnitude pruning (random is in `paper`), every structure,
    // finetuning and rate; 5 training epochs and finetuning of 5 rounds x 1 epoch;
    // 10 s per verification solve. Maximization: the full 3 x 4 x 3 grid, 1 seed, 5 s.
    plan.verification = {10.0, 5, 1, false};
    plan.maximization = {5.0, 0, 0, true};
    if (verification)
      add_verification(
          plan,
          {{"fashion-mnist", "mnist"}, {18, 28}, {2, 4}, {32, 64}, 1, 5, 5, {PruneCriterion::magnitude}, kPaperRates});
    if (maximization) add_maximization(plan, {{100, 1000, 10000}, {2, 3, 4, 5}, {50, 100, 200}, 1, kPaperRates});
  } else if (preset == "medium") {
    // About 3 hours of wall time on one 2-core machine (--workers 2) for the paper's
    // setting and nnmip's side by side (--heuristics none, then all), half that for one,
    // at limits where the dense solve decides most instances: 60 s per verification
    // solve, on 18x18 inputs only (CBC rarely decides 28x28 ones in minutes), and 120 s
    // per maximization solve. Both criteria, so Figure 3 has random pruning. Verification:
    // both datasets, depths 2 and 4, width 32, one network each (the paper's 5 / 40
    // training epochs), every structure, finetuning (5 rounds x 1 epoch) and rate: 4 x 41
    // runs. Maximization: inputs 100 and 1,000, depths 2 and 4, widths 50 and 100, one
    // seed: 8 x 6 runs.
    plan.verification = {60.0, 5, 1, false};
    plan.maximization = {120.0, 0, 0, true};
    if (verification)
      add_verification(plan, {{"fashion-mnist", "mnist"}, {18}, {2, 4}, {32}, 1, 5, 40, both, kPaperRates});
    if (maximization) add_maximization(plan, {{100, 1000}, {2, 4}, {50, 100}, 1, kPaperRates});
  } else if (preset == "smoke") {
    // The same pipeline on a tiny grid (the test suite runs it).
    plan.verification = {2.0, 2, 1, false};
    plan.maximization = {1.0, 0, 0, true};
    if (verification)
      add_verification(plan, {{"fashion-mnist"}, {6}, {1}, {8}, 2, 1, 1, {PruneCriterion::magnitude}, {0.5, 0.9}});
    if (maximization) add_maximization(plan, {{10}, {2}, {8}, 2, {0.5, 0.9}});
  } else {
    throw Error("unknown preset '" + preset + "': use smoke, small, medium or paper");
  }
  if (time_limit_s) {
    if (!(*time_limit_s > 0.0))
      throw Error("the time limit per solve must be positive (got " + std::to_string(*time_limit_s) + " s)");
    plan.verification.time_limit_s = *time_limit_s;
    plan.maximization.time_limit_s = *time_limit_s;
  }
  return plan;
}

void check_shard(int index, int count) {
  if (count < 1 || index < 1 || index > count)
    throw Error("shard " + std::to_string(index) + "/" + std::to_string(count) +
                ": the shard must be I/N with 1 <= I <= N");
}

CampaignPlan shard_of(const CampaignPlan& plan, int index, int count) {
  CampaignPlan shard = plan;
  shard.problems = shard_items(plan.problems, index, count);
  return shard;
}

std::pair<int, int> parse_shard(const std::string& text) {
  int index = 0, count = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &index, &count, &tail) != 2)
    throw Error("a shard must look like I/N, e.g. 1/4 (got '" + text + "')");
  if (count < 1 || index < 1 || index > count)
    throw Error("shard " + text + ": the shard must be I/N with 1 <= I <= N");
  return {index, count};
}

}  // namespace nnmip
