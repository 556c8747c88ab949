#include "nnmip/cluster/cluster_status.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "nnmip/cluster/slurm_queue.hpp"
#include "nnmip/storage/result_store.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

namespace fs = std::filesystem;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// How many planned runs the database at `path` holds, and the seconds they took.
std::pair<long, double> recorded_in(const std::string& path, const std::set<std::string>& planned) {
  if (!fs::exists(path)) return {0, 0.0};
  long runs = 0;
  double seconds = 0.0;
  for (const auto& [key, s] : ResultStore(path, ResultStore::Mode::read_only).run_seconds())
    if (planned.count(key)) ++runs, seconds += s;
  return {runs, seconds};
}

/// "pending (Dependency)", "running", ...: a queued job as the status shows it.
std::string queue_text(const QueuedJob& job) {
  const std::string state = lower(job.state);
  return job.state == "PENDING" && !job.reason.empty() && job.reason != "None" ? state + " (" + job.reason + ")"
                                                                               : state;
}

/// What the shard's own state file says, when SLURM no longer knows the task.
std::string recorded_text(const std::optional<TaskRecord>& record, bool submitted) {
  if (!record) return submitted ? "did not start (see its log)" : "not submitted";
  if (!record->ended) return "stopped without an exit record (cancelled, timed out or its node failed)";
  if (record->exit_code == 0) return "completed";
  return "failed (exit " + std::to_string(record->exit_code) + ", see its log)";
}

}  // namespace

std::vector<Submission> read_submissions(const std::string& dir) {
  const std::string path = jobs_path(dir);
  if (!fs::exists(path)) return {};
  const nlohmann::json jobs = nlohmann::json::parse(read_text_file(path), nullptr, false);
  std::vector<Submission> out;
  if (jobs.is_discarded() || !jobs.contains("submissions"))
    throw Error(path + " is not nnmip's record of submitted jobs; remove it (the databases keep every result)");
  for (const nlohmann::json& s : jobs.at("submissions"))
    out.push_back(
        {s.value("array_job", ""), s.value("shards", ""), s.value("merge_job", ""), s.value("submitted_at", "")});
  return out;
}

void record_submission(const std::string& dir, const Submission& submission) {
  nlohmann::json list = nlohmann::json::array();
  for (const Submission& s : read_submissions(dir))
    list.push_back({{"array_job", s.array_job},
                    {"shards", s.shards},
                    {"merge_job", s.merge_job},
                    {"submitted_at", s.submitted_at}});
  list.push_back({{"array_job", submission.array_job},
                  {"shards", submission.shards},
                  {"merge_job", submission.merge_job},
                  {"submitted_at", submission.submitted_at}});
  write_file_atomically(jobs_path(dir), nlohmann::json{{"submissions", list}}.dump(2) + "\n");
}

std::optional<TaskRecord> parse_task_record(const std::string& text) {
  std::stringstream in(text);
  std::string kind;
  TaskRecord record;
  if (!(in >> kind)) return std::nullopt;
  if (kind == "exit") {
    record.ended = true;
    if (!(in >> record.exit_code)) return std::nullopt;
  } else if (kind != "running") {
    return std::nullopt;
  }
  if (!(in >> record.task >> record.time)) return std::nullopt;
  return record;
}

std::vector<int> CampaignStatus::incomplete_shards() const {
  std::vector<int> out;
  for (const ShardStatus& s : shards)
    if (s.recorded < s.planned) out.push_back(s.shard);
  return out;
}

bool CampaignStatus::active() const {
  return merge_active || std::any_of(shards.begin(), shards.end(), [](const ShardStatus& s) { return s.active; });
}

CampaignStatus campaign_status(const ClusterCampaign& campaign, const CampaignPlan& plan,
                               const CampaignOptions& options, bool ask_slurm) {
  CampaignStatus status;
  const std::vector<Submission> submissions = read_submissions(campaign.dir);
  if (!submissions.empty()) status.last = submissions.back();

  // What SLURM says of the newest submission's jobs, by array task (0 = the merge job).
  std::map<int, std::string> slurm_says;
  std::map<int, bool> active;
  if (ask_slurm && status.last) {
    if (const auto queued = queued_jobs(campaign.job_name(), status.queue_note)) {
      for (const QueuedJob& job : *queued) {
        if (job.array_job_id == status.last->array_job && job.task) {
          slurm_says[*job.task] = queue_text(job);
          active[*job.task] = true;
        } else if (job.job_id == status.last->merge_job) {
          status.merge_job = queue_text(job);
          status.merge_active = true;
        }
      }
    }
    if (const auto accounted = accounted_jobs(status.last->array_job + "," + status.last->merge_job))
      for (const AccountedJob& job : *accounted) {
        if (job.task && !slurm_says.count(*job.task)) slurm_says[*job.task] = lower(job.state);
        if (!job.task && job.array_job_id == status.last->merge_job && status.merge_job.empty())
          status.merge_job = lower(job.state);
      }
    if (status.merge_job.empty())
      status.merge_job = fs::exists(merged_db_path(campaign.dir)) ? "ended" : "ended without a merged database";
  }

  for (int shard = 1; shard <= campaign.shards; ++shard) {
    const std::set<std::string> planned = planned_run_keys(shard_of(plan, shard, campaign.shards), options);
    ShardStatus s;
    s.shard = shard;
    s.db = shard_db_path(campaign.dir, shard, campaign.shards);
    s.planned = static_cast<long>(planned.size());
    std::tie(s.recorded, s.seconds) = recorded_in(s.db, planned);
    s.active = active.count(shard) > 0;
    if (slurm_says.count(shard)) {
      s.task = slurm_says[shard];
    } else {
      const std::string state_file = shard_state_path(campaign.dir, shard);
      s.task = recorded_text(fs::exists(state_file) ? parse_task_record(read_text_file(state_file)) : std::nullopt,
                             status.last.has_value());
    }
    status.planned += s.planned;
    status.recorded += s.recorded;
    status.recorded_core_hours += s.seconds * options.search().solver.threads / 3600.0;
    status.shards.push_back(s);
  }
  status.merged = recorded_in(merged_db_path(campaign.dir), planned_run_keys(plan, options)).first;
  if (status.recorded > 0)
    status.remaining_core_hours = status.recorded_core_hours / static_cast<double>(status.recorded) *
                                  static_cast<double>(status.planned - status.recorded);
  return status;
}

}  // namespace nnmip
