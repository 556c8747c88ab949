#pragma once
// Where a cluster campaign stands (`nnmip experiment status`): per shard, the
// runs it plans and the runs its database holds, and what its array task is
// doing - from squeue while SLURM holds the task, from sacct when the cluster
// keeps accounting, and otherwise from the state file the task writes itself.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/campaign/campaign_runner.hpp"
#include "nnmip/cluster/cluster_campaign.hpp"

namespace nnmip {

/// One submission of the campaign (DIR/slurm/jobs.json).
struct Submission {
  std::string array_job;  // the job array's id
  std::string shards;     // the tasks submitted: "1-4" or "2,4"
  std::string merge_job;  // the merge job's id
  std::string submitted_at;
};
/// The submissions recorded in `dir`, oldest first (none when there is no jobs.json).
std::vector<Submission> read_submissions(const std::string& dir);
/// Appends `submission` to DIR/slurm/jobs.json (written atomically).
void record_submission(const std::string& dir, const Submission& submission);

/// What a task wrote into its state file: "running TASK TIME" or "exit CODE TASK TIME".
struct TaskRecord {
  bool ended = false;  // "exit" (else "running")
  int exit_code = 0;
  std::string task;  // "<array job>_<shard>"
  std::string time;
};
std::optional<TaskRecord> parse_task_record(const std::string& text);

struct ShardStatus {
  int shard = 0;
  std::string db;
  long planned = 0;
  long recorded = 0;     // planned runs the shard's database holds
  double seconds = 0.0;  // the time its recorded runs took (ResultStore::run_seconds)
  std::string task;      // "pending (Dependency)", "running", "completed", "failed (exit 1)", ...
  bool active = false;   // queued or running in SLURM
};

struct CampaignStatus {
  std::vector<ShardStatus> shards;
  long planned = 0;
  long recorded = 0;                 // in the shard databases
  long merged = 0;                   // planned runs in DIR/results.sqlite
  double recorded_core_hours = 0.0;  // the time the recorded runs took, x the solver threads
  /// The remaining runs at the recorded runs' mean (nullopt before the first run).
  std::optional<double> remaining_core_hours;
  std::optional<Submission> last;  // the newest submission
  std::string merge_job;           // what the newest merge job is doing ("" when never submitted)
  bool merge_active = false;
  std::string queue_note;                      // why SLURM could not be asked ("" when it was)
  std::vector<int> incomplete_shards() const;  // shards whose database lacks planned runs
  bool active() const;                         // some job of the campaign is queued or running
};

/// The status of `campaign`, whose full (unsharded) plan is `plan` under `options`.
/// `ask_slurm` false: from the databases and state files only.
CampaignStatus campaign_status(const ClusterCampaign& campaign, const CampaignPlan& plan,
                               const CampaignOptions& options, bool ask_slurm);

}  // namespace nnmip
