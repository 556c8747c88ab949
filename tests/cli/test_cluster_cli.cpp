// nnmip experiment slurm and status without a cluster: the dry run prints both
// batch scripts and writes nothing, the campaign folder holds one campaign,
// bad values are refused with what to do, and status counts the planned runs.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/cli_test_folder.hpp"

namespace nnmip::testing {
namespace {

namespace fs = std::filesystem;

class ClusterCli : public CliTestFolder {
 protected:
  std::string slurm(const std::string& extra) {
    return "experiment slurm --preset smoke --shards 4 --db-dir " + path("campaign") + " " + extra;
  }
};

TEST_F(ClusterCli, DryRunPrintsBothScriptsAndWritesNothing) {
  const CliRun r = run_cli(slurm("--time 1:00:00 --partition short --workers 2 --time-limit 30 --dry-run"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const std::string& line :
       {"# " + path("campaign") + "/slurm/array.sbatch\n", std::string("#SBATCH --array=1-4\n"),
        std::string("#SBATCH --time=1:00:00\n"), std::string("#SBATCH --partition=short\n"),
        std::string("#SBATCH --cpus-per-task=2\n"),  // workers x threads
        std::string("--shard \"$shard/4\""), std::string("--workers 2 --time-limit 30 --threads 1"),
        "# " + path("campaign") + "/slurm/merge.sbatch\n",
        " experiment merge \"${shards[@]}\" --into " + path("campaign") + "/results.sqlite\n"})
    EXPECT_NE(r.output.find(line), std::string::npos) << "expected '" << line << "' in:\n" << r.output;
  EXPECT_FALSE(fs::exists(path("campaign")));
}

TEST_F(ClusterCli, WritesTheCampaignAndSaysHowToSubmitIt) {
  const CliRun r = run_cli(slurm("--json " + path("out.json")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* file : {"campaign.json", "slurm/array.sbatch", "slurm/merge.sbatch"})
    EXPECT_TRUE(fs::exists(path("campaign/") + file)) << file;
  EXPECT_NE(r.output.find("sbatch --dependency=afterany:$jobid"), std::string::npos) << r.output;
  EXPECT_EQ(json("out.json")["runs"], 24);

  const CliRun status =
      run_cli("experiment status --no-slurm --db-dir " + path("campaign") + " --json " + path("s.json"));
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("not submitted yet"), std::string::npos) << status.output;
  const nlohmann::json s = json("s.json");
  EXPECT_EQ(s["planned"], 24);
  EXPECT_EQ(s["recorded"], 0);
  ASSERT_EQ(s["shards"].size(), 4u);
  EXPECT_EQ(s["shards"][0]["task"], "not submitted");
}

TEST_F(ClusterCli, ACampaignFolderHoldsOneCampaign) {
  ASSERT_EQ(run_cli(slurm("")).exit_code, 0);
  expect_error(run_cli(slurm("--heuristics none")), "holds a campaign with run flags");
  expect_error(run_cli("experiment slurm --preset smoke --shards 2 --db-dir " + path("campaign")), "shards 4 (now 2)");
  // Resources may change between submissions.
  EXPECT_EQ(run_cli(slurm("--time 30 --mem 2G")).exit_code, 0);
  // A manifest an older nnmip wrote (fewer search parameters, the preset's time limit as
  // null) holds the same campaign as the same flags now.
  nlohmann::json manifest = json("campaign/campaign.json");
  manifest["run"] = {{"study", "all"},      {"preset", "smoke"},    {"time_limit_s", nullptr},
                     {"workers", 1},        {"threads", 1},         {"solver_seed", 0},
                     {"mip_start", "auto"}, {"bounds", "interval"}, {"heuristics", "all"}};
  write("campaign/campaign.json", manifest.dump(2));
  EXPECT_EQ(run_cli(slurm("")).exit_code, 0);
  expect_error(run_cli(slurm("--node-limit 5")), "holds a campaign with run flags");
}

TEST_F(ClusterCli, RefusesValuesWithWhatToDo) {
  expect_error(run_cli(slurm("--time 2h --dry-run")), "is not a SLURM time limit");
  expect_error(run_cli("experiment slurm --preset smoke --shards 5 --dry-run --db-dir " + path("c")),
               "more than the plan's 4 problems");
  expect_error(run_cli("experiment slurm --preset smoke --shards 2 --dry-run --db-dir '" + path("a b") + "'"),
               "#SBATCH lines cannot carry");
  expect_error(run_cli("experiment status --db-dir " + path("nothing")), "no campaign in");
}

TEST_F(ClusterCli, SubmittingWithoutSlurmSaysSo) {
  // PATH without sbatch: the campaign is written, and the submission refused with the reason.
  const CliRun r = run_cli(slurm("--submit"), "PATH=" + path("empty"));
  expect_error(r, "sbatch is not installed here");
  EXPECT_TRUE(fs::exists(path("campaign/slurm/array.sbatch")));
}

}  // namespace
}  // namespace nnmip::testing
