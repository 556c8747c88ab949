#pragma once
// What nnmip asks SLURM's commands: sbatch to submit, squeue for the jobs it
// still holds, sacct for finished ones (when the cluster keeps accounting; a
// cluster without it answers from squeue and the tasks' own state files).
#include <optional>
#include <string>
#include <vector>

namespace nnmip {

/// One line of squeue -r: a job, or one task of a job array.
struct QueuedJob {
  std::string job_id;        // %A: this job's (or task's) own id
  std::string array_job_id;  // %F: the array's id (= job_id for a plain job)
  std::optional<int> task;   // %K: the array task id; nullopt for a plain job
  std::string state;         // %T: PENDING, RUNNING, COMPLETING, ...
  std::string reason;        // %r: why it waits ("Dependency", "Resources", "None")
};

/// One line of sacct: a finished (or running) job or array task.
struct AccountedJob {
  std::string array_job_id;
  std::optional<int> task;
  std::string state;  // COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, ...
};

/// The squeue format nnmip asks for, and its parser (lines "%A|%F|%K|%T|%r").
extern const char* const kSqueueFormat;
std::vector<QueuedJob> parse_squeue(const std::string& text);
/// sacct -P -o JobID,State lines: "123_4|COMPLETED", "124|CANCELLED by 0".
std::vector<AccountedJob> parse_sacct(const std::string& text);
/// sbatch --parsable's answer: "123" or "123;cluster" -> "123". Throws nnmip::Error otherwise.
std::string parse_sbatch_job_id(const std::string& text);

/// The jobs named `job_name` that SLURM still holds; nullopt when squeue is
/// missing or fails (`why` says why).
std::optional<std::vector<QueuedJob>> queued_jobs(const std::string& job_name, std::string& why);
/// What accounting says of the job `array_job_id` (nullopt without accounting).
std::optional<std::vector<AccountedJob>> accounted_jobs(const std::string& array_job_id);

/// Submits `script` with sbatch and returns the job id. `array` (e.g. "2,4")
/// overrides the script's --array; `after` makes it wait for that job
/// (--dependency=afterany). Throws nnmip::Error with sbatch's message on failure.
std::string submit_batch(const std::string& script, const std::string& array, const std::string& after);

}  // namespace nnmip
