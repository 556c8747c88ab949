// The two batch scripts of a cluster campaign, run by bash with a stand-in for
// nnmip that records its arguments: task I must run shard I of N into its own
// database with the campaign's flags and record how it ended; the merge job
// must merge exactly this campaign's shard databases and write the report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nnmip/cluster/cluster_campaign.hpp"
#include "nnmip/cluster/cluster_status.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class BatchScripts : public ::testing::Test {
 protected:
  void SetUp() override {
    campaign.study = "verification";
    campaign.preset = "smoke";
    campaign.shards = 4;
    campaign.dir = (folder.path() / "campaign").string();
    campaign.cache_dir = (folder.path() / "shared cache's").string();  // a space and a quote
    campaign.nnmip = (folder.path() / "fake-nnmip").string();
    campaign.run_flags = {"--time-limit", "60", "--heuristics", "none"};
    fs::create_directories(fs::path(campaign.dir) / "slurm");
    // The stand-in: one argument per line into calls.txt, then the exit code in $FAKE_EXIT.
    std::ofstream(campaign.nnmip) << "#!/bin/bash\nprintf '%s\\n' \"$@\" >>" << (folder.path() / "calls.txt").string()
                                  << "\necho --- >>" << (folder.path() / "calls.txt").string()
                                  << "\nexit \"${FAKE_EXIT:-0}\"\n";
    fs::permissions(campaign.nnmip, fs::perms::owner_all);
  }

  /// Runs `script` with bash and the environment `env`; returns its exit code.
  int run(const std::string& script, const std::string& env) {
    const std::string path = (folder.path() / "job.sh").string();
    std::ofstream(path) << script;
    const int status = std::system((env + " bash " + path + " >" + (folder.path() / "out.txt").string() + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string calls() { return read(folder.path() / "calls.txt"); }

  testing::TempDir folder{"nnmip_batch_scripts"};
  ClusterCampaign campaign;
};

TEST_F(BatchScripts, ArrayTaskRunsItsShardWithTheCampaignsFlagsAndRecordsItsEnd) {
  EXPECT_EQ(run(array_script(campaign), "SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_JOB_ID=77"), 0) << read(folder.path() / "out.txt");
  EXPECT_EQ(calls(), "experiment\nrun\n--study\nverification\n--preset\nsmoke\n--shard\n3/4\n--db\n" + campaign.dir +
                         "/shard-3-of-4.sqlite\n--cache-dir\n" + campaign.cache_dir +
                         "\n--time-limit\n60\n--heuristics\nnone\n---\n");
  const std::optional<TaskRecord> record = parse_task_record(read(shard_state_path(campaign.dir, 3)));
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->ended);
  EXPECT_EQ(record->exit_code, 0);
  EXPECT_EQ(record->task, "77_3");
}

TEST_F(BatchScripts, ArrayTaskPassesOnAFailureAndRecordsIt) {
  EXPECT_EQ(run(array_script(campaign), "FAKE_EXIT=5 SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_JOB_ID=9"), 5);
  const std::optional<TaskRecord> record = parse_task_record(read(shard_state_path(campaign.dir, 2)));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->exit_code, 5);
}

TEST_F(BatchScripts, ArrayScriptRefusesToRunOutsideAnArray) {
  EXPECT_NE(run(array_script(campaign), "env -u SLURM_ARRAY_TASK_ID"), 0);
  EXPECT_NE(read(folder.path() / "out.txt").find("job array"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder.path() / "calls.txt"));
}

TEST_F(BatchScripts, DirectivesAskForTheArrayAndOnlyTheResourcesGiven) {
  std::string script = array_script(campaign);
  EXPECT_NE(script.find("\n#SBATCH --array=1-4\n"), std::string::npos);
  EXPECT_NE(script.find("\n#SBATCH --job-name=" + campaign.job_name() + "\n"), std::string::npos);
  EXPECT_NE(script.find("\n#SBATCH --output=" + campaign.dir + "/logs/shard-%a-of-4.log\n"), std::string::npos);
  EXPECT_NE(script.find("\n#SBATCH --cpus-per-task=1\n"), std::string::npos);
  for (const char* absent : {"#SBATCH --partition", "#SBATCH --time", "#SBATCH --mem"})
    EXPECT_EQ(script.find(absent), std::string::npos) << absent;
  campaign.resources = {"long", "1-12:00:00", 8, "16G"};
  script = array_script(campaign);
  for (const char* present : {"\n#SBATCH --partition=long\n", "\n#SBATCH --time=1-12:00:00\n",
                              "\n#SBATCH --cpus-per-task=8\n", "\n#SBATCH --mem=16G\n"})
    EXPECT_NE(script.find(present), std::string::npos) << present;
  // The merge job runs in the same partition, on one CPU.
  EXPECT_NE(merge_script(campaign).find("\n#SBATCH --partition=long\n"), std::string::npos);
  EXPECT_NE(merge_script(campaign).find("\n#SBATCH --cpus-per-task=1\n"), std::string::npos);
}

TEST_F(BatchScripts, MergeJobMergesThisCampaignsShardsAndWritesTheReport) {
  for (const char* name : {"shard-1-of-4.sqlite", "shard-3-of-4.sqlite", "shard-1-of-2.sqlite"})
    std::ofstream(fs::path(campaign.dir) / name) << "";
  EXPECT_EQ(run(merge_script(campaign), ""), 0) << read(folder.path() / "out.txt");
  EXPECT_EQ(calls(), "experiment\nmerge\n" + campaign.dir + "/shard-1-of-4.sqlite\n" + campaign.dir +
                         "/shard-3-of-4.sqlite\n--into\n" + campaign.dir + "/results.sqlite\n---\nexperiment\nreport\n--db\n" +
                         campaign.dir + "/results.sqlite\n--out\n" + campaign.dir + "/report\n---\n");
}

TEST_F(BatchScripts, MergeJobWithoutShardDatabasesFailsSayingSo) {
  EXPECT_EQ(run(merge_script(campaign), ""), 1);
  EXPECT_NE(read(folder.path() / "out.txt").find("no shard database"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder.path() / "calls.txt"));
}

TEST(SlurmTime, AcceptsSlurmsFormatsOnly) {
  for (const char* ok : {"30", "1:30", "2:00:00", "1-0", "1-2:30", "1-02:00:00"}) EXPECT_NO_THROW(check_slurm_time(ok)) << ok;
  for (const char* bad : {"", "2h", "1:2:3:4", "-1", "1-", "1.5", "1-2-3"}) EXPECT_THROW(check_slurm_time(bad), Error) << bad;
}

TEST(BatchPath, RefusesWhatAnSbatchLineCannotCarry) {
  EXPECT_NO_THROW(check_batch_path("/scratch/user/nnmip-run_1", "--db-dir"));
  for (const char* bad : {"/a b", "/a'b", "/a\"b", "/a%b", "/a\\b", "/a\tb"}) EXPECT_THROW(check_batch_path(bad, "--db-dir"), Error) << bad;
}

TEST(Manifest, RoundTripsAndNamesTheFileWhenIncomplete) {
  ClusterCampaign c;
  c.study = "all";
  c.preset = "paper";
  c.shards = 40;
  c.dir = "/scratch/c";
  c.cache_dir = "/scratch/cache";
  c.nnmip = "/opt/nnmip";
  c.run_flags = {"--workers", "2"};
  c.run = {{"workers", 2}};
  c.resources = {"p", "10:00:00", 2, "8G"};
  const ClusterCampaign back = campaign_from_json(to_json(c), "campaign.json");
  EXPECT_EQ(to_json(back), to_json(c));
  nlohmann::json broken = to_json(c);
  broken.erase("shards");
  try {
    campaign_from_json(broken, "/scratch/c/campaign.json");
    FAIL() << "an incomplete manifest was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/scratch/c/campaign.json"), std::string::npos) << e.what();
  }
}

TEST(JobName, DependsOnTheCampaignFolder) {
  ClusterCampaign a, b;
  a.preset = b.preset = "small";
  a.dir = "/x/one";
  b.dir = "/x/two";
  EXPECT_NE(a.job_name(), b.job_name());
  EXPECT_EQ(a.job_name().rfind("nnmip-small-", 0), 0u);
}

}  // namespace
}  // namespace nnmip
