// What SLURM's commands print, as nnmip reads it (the formats it asks for), and
// the campaign's own records: task state files and submissions.
#include <gtest/gtest.h>

#include <fstream>

#include "nnmip/cluster/cluster_status.hpp"
#include "nnmip/cluster/slurm_queue.hpp"
#include "nnmip/util/error.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

TEST(Squeue, ReadsArrayTasksAndPlainJobs) {
  const std::vector<QueuedJob> jobs = parse_squeue(
      "13|12|2|RUNNING|None\n14|12|3|PENDING|Resources\n20|20|N/A|PENDING|Dependency\n\ngarbage\n");
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
