// The cluster concern. The two batch scripts of a campaign, run by bash with a
// stand-in for nnmip that records its arguments: task I must run shard I of N
// into its own database with the campaign's flags and record how it ended; the
// merge job must merge exactly this campaign's shard databases and write the
// report. Then what SLURM's commands print, as nnmip reads it, and the
// campaign's own records (task state files, submissions, status).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "nnmip/cluster/cluster_campaign.hpp"
#include "nnmip/cluster/cluster_status.hpp"
#include "nnmip/cluster/slurm_queue.hpp"
#include "nnmip/util/error.hpp"
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
    const int status =
        std::system((env + " bash " + path + " >" + (folder.path() / "out.txt").string() + " 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string calls() { return read(folder.path() / "calls.txt"); }

  testing::TempDir folder{"nnmip_batch_scripts"};
  ClusterCampaign campaign;
};

TEST_F(BatchScripts, ArrayTaskRunsItsShardWithTheCampaignsFlagsAndRecordsItsEnd) {
  EXPECT_EQ(run(array_script(campaign), "SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_JOB_ID=77"), 0)
      << read(folder.path() / "out.txt");
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
                         "/shard-3-of-4.sqlite\n--into\n" + campaign.dir +
                         "/results.sqlite\n---\nexperiment\nreport\n--db\n" + campaign.dir +
                         "/results.sqlite\n--out\n" + campaign.dir + "/report\n---\n");
}

TEST_F(BatchScripts, MergeJobWithoutShardDatabasesFailsSayingSo) {
  EXPECT_EQ(run(merge_script(campaign), ""), 1);
  EXPECT_NE(read(folder.path() / "out.txt").find("no shard database"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder.path() / "calls.txt"));
}

TEST(SlurmTime, AcceptsSlurmsFormatsOnly) {
  for (const char* ok : {"30", "1:30", "2:00:00", "1-0", "1-2:30", "1-02:00:00"})
    EXPECT_NO_THROW(check_slurm_time(ok)) << ok;
  for (const char* bad : {"", "2h", "1:2:3:4", "-1", "1-", "1.5", "1-2-3"})
    EXPECT_THROW(check_slurm_time(bad), Error) << bad;
}

TEST(BatchPath, RefusesWhatAnSbatchLineCannotCarry) {
  EXPECT_NO_THROW(check_batch_path("/scratch/user/nnmip-run_1", "--db-dir"));
  for (const char* bad : {"/a b", "/a'b", "/a\"b", "/a%b", "/a\\b", "/a\tb"})
    EXPECT_THROW(check_batch_path(bad, "--db-dir"), Error) << bad;
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

// --- What SLURM's commands print, as nnmip reads it, and the campaign's own records.

TEST(Squeue, ReadsArrayTasksAndPlainJobs) {
  const std::vector<QueuedJob> jobs =
      parse_squeue("13|12|2|RUNNING|None\n14|12|3|PENDING|Resources\n20|20|N/A|PENDING|Dependency\n\ngarbage\n");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].array_job_id, "12");
  EXPECT_EQ(jobs[0].task, 2);
  EXPECT_EQ(jobs[0].state, "RUNNING");
  EXPECT_EQ(jobs[1].reason, "Resources");
  EXPECT_EQ(jobs[2].job_id, "20");
  EXPECT_FALSE(jobs[2].task);
  EXPECT_EQ(jobs[2].reason, "Dependency");
}

TEST(Sacct, ReadsTaskStatesWithoutTheirDetails) {
  const std::vector<AccountedJob> jobs = parse_sacct("12_1|COMPLETED\n12_2|CANCELLED by 0\n20|FAILED\n");
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[0].task, 1);
  EXPECT_EQ(jobs[1].state, "CANCELLED");
  EXPECT_EQ(jobs[2].array_job_id, "20");
  EXPECT_FALSE(jobs[2].task);
}

TEST(Sbatch, ReadsTheJobIdOfParsable) {
  EXPECT_EQ(parse_sbatch_job_id("4711\n"), "4711");
  EXPECT_EQ(parse_sbatch_job_id("4711;cluster2\n"), "4711");
  EXPECT_THROW(parse_sbatch_job_id("sbatch: error: Batch job submission failed\n"), Error);
  EXPECT_THROW(parse_sbatch_job_id(""), Error);
}

TEST(TaskRecord, ReadsRunningAndExit) {
  const auto running = parse_task_record("running 12_3 2026-11-29T10:00:00Z\n");
  ASSERT_TRUE(running);
  EXPECT_FALSE(running->ended);
  EXPECT_EQ(running->task, "12_3");
  const auto failed = parse_task_record("exit 137 12_3 2026-11-29T10:05:00Z\n");
  ASSERT_TRUE(failed);
  EXPECT_TRUE(failed->ended);
  EXPECT_EQ(failed->exit_code, 137);
  EXPECT_FALSE(parse_task_record(""));
  EXPECT_FALSE(parse_task_record("exit x 12_3 t"));
  EXPECT_FALSE(parse_task_record("started 12_3 t"));
}

TEST(Submissions, AreAppendedInOrder) {
  testing::TempDir dir("nnmip_submissions");
  std::filesystem::create_directories(dir.path() / "slurm");
  EXPECT_TRUE(read_submissions(dir.path().string()).empty());
  record_submission(dir.path().string(), {"12", "1-4", "13", "t1"});
  record_submission(dir.path().string(), {"", "", "20", "t2"});
  const std::vector<Submission> all = read_submissions(dir.path().string());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].shards, "1-4");
  EXPECT_EQ(all[1].merge_job, "20");
  EXPECT_EQ(all[1].array_job, "");
  std::ofstream(jobs_path(dir.path().string())) << "not json";
  EXPECT_THROW(read_submissions(dir.path().string()), Error);
}

/// The status of a smoke campaign whose shards have no database yet, from the
/// tasks' state files alone: every planned run counted once, each task's end read.
TEST(CampaignStatusFromRecords, CountsPlannedRunsAndReadsEachTasksEnd) {
  testing::TempDir dir("nnmip_campaign_status");
  ClusterCampaign c;
  c.study = "all";
  c.preset = "smoke";
  c.shards = 4;
  c.dir = dir.path().string();
  std::filesystem::create_directories(dir.path() / "slurm");
  record_submission(c.dir, {"12", "1-4", "13", "t"});
  std::ofstream(shard_state_path(c.dir, 1)) << "exit 0 12_1 t\n";
  std::ofstream(shard_state_path(c.dir, 2)) << "exit 3 12_2 t\n";
  std::ofstream(shard_state_path(c.dir, 3)) << "running 12_3 t\n";
  const CampaignPlan plan = make_plan("all", "smoke", std::nullopt);
  const CampaignStatus status = campaign_status(c, plan, CampaignOptions{}, false);
  ASSERT_EQ(status.shards.size(), 4u);
  EXPECT_EQ(status.planned, plan.run_count());
  long sum = 0;
  for (const ShardStatus& s : status.shards) sum += s.planned;
  EXPECT_EQ(sum, plan.run_count());
  EXPECT_EQ(status.recorded, 0);
  EXPECT_EQ(status.shards[0].task, "completed");
  EXPECT_EQ(status.shards[1].task.rfind("failed (exit 3", 0), 0u) << status.shards[1].task;
  EXPECT_EQ(status.shards[2].task.rfind("stopped", 0), 0u) << status.shards[2].task;
  EXPECT_EQ(status.shards[3].task.rfind("did not start", 0), 0u) << status.shards[3].task;
  EXPECT_EQ(status.incomplete_shards(), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_FALSE(status.active());
}

}  // namespace
}  // namespace nnmip
