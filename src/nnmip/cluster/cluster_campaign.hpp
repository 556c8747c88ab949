#pragma once
// A campaign on a SLURM cluster: one job array whose task I runs shard I of N
// (`experiment run --shard I/N`) into its own database, and a merge job that
// runs after all tasks (--dependency=afterany) and merges the shards and writes
// the report. Everything lives in one campaign folder on the cluster's shared
// file system:
//
//   DIR/campaign.json         what was asked (study, preset, shards, run flags, cache, resources)
//   DIR/shard-I-of-N.sqlite   shard I's runs
//   DIR/results.sqlite        the shards merged; DIR/report/ its report
//   DIR/slurm/array.sbatch    the job array;  DIR/slurm/merge.sbatch  the merge job
//   DIR/slurm/jobs.json       the submitted job ids, newest last
//   DIR/slurm/shard-I.state   the task's own record: "running JOB TIME", then "exit CODE JOB TIME"
//   DIR/logs/                 the tasks' and the merge job's output
//
// Submitting again resumes: a shard's `experiment run` skips the runs its
// database holds, so a failed, cancelled or timed-out task only solves what it
// had not recorded.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace nnmip {

/// What SLURM is asked for each array task.
struct SlurmResources {
  std::string partition;  // empty: the cluster's default partition
  std::string time;       // per task, in SLURM's format (check_slurm_time); empty: the partition's default
  int cpus_per_task = 1;
  std::string mem;  // per task, e.g. "4G"; empty: the cluster's default
};

struct ClusterCampaign {
  std::string study;
  std::string preset;
  int shards = 1;
  std::string dir;                     // the campaign folder (absolute)
  std::string cache_dir;               // the network cache shared by the tasks (absolute)
  std::string nnmip;                   // the executable the jobs run (absolute)
  std::vector<std::string> run_flags;  // further `experiment run` flags: "--time-limit", "60", ...
  nlohmann::json run;                  // the same flags as named values, for `experiment status`
  SlurmResources resources;

  /// "nnmip-<preset>-<digest of dir>": squeue finds the campaign's jobs by it.
  std::string job_name() const;
};

/// The files of the campaign folder `dir` (see above).
std::string shard_db_path(const std::string& dir, int shard, int shards);
std::string merged_db_path(const std::string& dir);
std::string report_dir(const std::string& dir);
std::string manifest_path(const std::string& dir);
std::string array_script_path(const std::string& dir);
std::string merge_script_path(const std::string& dir);
std::string jobs_path(const std::string& dir);
std::string shard_state_path(const std::string& dir, int shard);
std::string logs_dir(const std::string& dir);

/// The job array's batch script: task I runs shard I of the campaign.
std::string array_script(const ClusterCampaign& campaign);
/// The merge job's batch script: merges every shard database and writes the report.
std::string merge_script(const ClusterCampaign& campaign);

/// Throws nnmip::Error unless `text` is one of SLURM's --time formats: M, M:S,
/// H:M:S, D-H, D-H:M or D-H:M:S.
void check_slurm_time(const std::string& text);
/// Throws nnmip::Error when `path` cannot be written into an #SBATCH line
/// (SLURM does not unquote them): whitespace, quotes, '%' or a backslash.
void check_batch_path(const std::string& path, const std::string& what);

nlohmann::json to_json(const ClusterCampaign& campaign);
/// Throws nnmip::Error naming `source` when the manifest lacks a field.
ClusterCampaign campaign_from_json(const nlohmann::json& manifest, const std::string& source);

}  // namespace nnmip
