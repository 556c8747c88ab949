// nnmip experiment slurm | status: a campaign as a SLURM job array (one task
// per shard) plus a merge job, and where it stands (cluster_campaign.hpp).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "campaign_flags.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "nnmip/cluster/cluster_campaign.hpp"
#include "nnmip/cluster/cluster_status.hpp"
#include "nnmip/cluster/slurm_queue.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip::cli {

namespace {

namespace fs = std::filesystem;

struct SlurmFlags {
  CampaignFlags campaign;
  int shards = 0;
  std::string db_dir;
  std::string cache_dir;
  std::string nnmip;
  SlurmResources resources;
  std::optional<int> cpus_per_task;
  bool dry_run = false;
  bool submit = false;
  OutputFlags output;
};

std::string absolute(const std::string& path) { return fs::weakly_canonical(fs::absolute(path)).string(); }

/// "1-3,5": the shard numbers as sbatch's --array list.
std::string array_list(const std::vector<int>& shards) {
  std::string list;
  for (size_t i = 0; i < shards.size();) {
    size_t j = i;
    while (j + 1 < shards.size() && shards[j + 1] == shards[j] + 1) ++j;
    list += (list.empty() ? "" : ",") + std::to_string(shards[i]) +
            (j > i ? "-" + std::to_string(shards[j]) : std::string());
    i = j + 1;
  }
  return list;
}

ClusterCampaign campaign_of(const SlurmFlags& f) {
  ClusterCampaign c;
  c.study = f.campaign.study;
  c.preset = f.campaign.preset;
  c.shards = f.shards;
  c.dir = absolute(f.db_dir);
  check_batch_path(c.dir, "--db-dir");
  c.cache_dir = absolute(f.cache_dir.empty() ? (fs::path(c.dir) / "nnmip-cache").string() : f.cache_dir);
  c.nnmip = f.nnmip.empty() ? fs::read_symlink("/proc/self/exe").string() : absolute(f.nnmip);
  c.run_flags = f.campaign.run_flags();
  c.run = f.campaign.to_json();
  c.resources = f.resources;
  c.resources.cpus_per_task =
      f.cpus_per_task.value_or(f.campaign.workers * f.campaign.options().search().solver.threads);
  if (!f.resources.time.empty()) check_slurm_time(f.resources.time);
  return c;
}

ClusterCampaign read_manifest(const std::string& dir) {
  const std::string path = manifest_path(dir);
  std::ifstream in(path);
  if (!in) throw Error("no campaign in " + dir + " (" + path + " is missing): start one with `nnmip experiment slurm`");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json manifest = nlohmann::json::parse(text.str(), nullptr, false);
  if (manifest.is_discarded()) throw Error(path + " is not valid JSON; write it again with `nnmip experiment slurm`");
  return campaign_from_json(manifest, path);
}

/// A campaign folder holds one campaign: the same study, preset, shards, run
/// flags and cache (the resources, and the nnmip binary, may change).
void check_same_campaign(const ClusterCampaign& now, const ClusterCampaign& before) {
  std::string differences;
  const auto differ = [&](const std::string& what, const std::string& a, const std::string& b) {
    if (a != b) differences += (differences.empty() ? "" : ", ") + what + " " + b + " (now " + a + ")";
  };
  differ("study", now.study, before.study);
  differ("preset", now.preset, before.preset);
  differ("shards", std::to_string(now.shards), std::to_string(before.shards));
  // The run flags by what they decide (the runs they plan, and the workers), not by
  // their text: a manifest an older nnmip wrote names fewer search parameters.
  const CampaignFlags flags_now = CampaignFlags::from_json(now.run, "the run flags");
  const CampaignFlags flags_before = CampaignFlags::from_json(before.run, manifest_path(before.dir));
  if (flags_now.workers != flags_before.workers || planned_run_keys(flags_now.plan(), flags_now.options()) !=
                                                       planned_run_keys(flags_before.plan(), flags_before.options()))
    differ("run flags", now.run.dump(), before.run.dump());
  differ("cache", now.cache_dir, before.cache_dir);
  if (!differences.empty())
    throw Error(now.dir + " holds a campaign with " + differences +
                "; a campaign folder holds one campaign: use another --db-dir, or the same flags to resume");
}

/// "the largest shard: 41 runs of at most 300 s (3.4 h with 1 worker)", for choosing --time.
std::string largest_shard_line(const CampaignPlan& plan, const SlurmFlags& f) {
  long runs = 0;
  double seconds = 0.0;
  for (int shard = 1; shard <= f.shards; ++shard) {
    const CampaignPlan part = shard_of(plan, shard, f.shards);
    double s = 0.0;
    for (const ProblemSpec& p : part.problems)
      s += static_cast<double>(p.runs.size()) *
           (p.study == Study::verification ? part.verification.time_limit_s : part.maximization.time_limit_s);
    if (s > seconds) seconds = s, runs = part.run_count();
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "the largest shard has %ld runs with %.2f h of solver time limits (%.2f h with %d worker%s), "
                "plus training",
                runs, seconds / 3600.0, seconds / 3600.0 / f.campaign.workers, f.campaign.workers,
                f.campaign.workers == 1 ? "" : "s");
  return line;
}

void write_campaign_files(const ClusterCampaign& c) {
  for (const std::string& folder : {c.dir, (fs::path(c.dir) / "slurm").string(), logs_dir(c.dir)}) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw Error("cannot create the campaign folder " + folder + ": " + error.message());
  }
  write_file_atomically(manifest_path(c.dir), to_json(c).dump(2) + "\n");
  write_file_atomically(array_script_path(c.dir), array_script(c));
  write_file_atomically(merge_script_path(c.dir), merge_script(c));
}

/// Submits the shards that lack runs and the merge job; nullopt when there is nothing to do.
std::optional<Submission> submit(const ClusterCampaign& c, const CampaignFlags& flags) {
  const CampaignStatus status = campaign_status(c, flags.plan(), flags.options(), true);
  if (!status.queue_note.empty()) throw Error("cannot ask SLURM about the campaign's jobs: " + status.queue_note);
  if (status.active())
    throw Error("jobs of this campaign are still queued or running (array " + status.last->array_job + ", merge job " +
                status.last->merge_job + "); wait for them, or cancel them with `scancel " + status.last->array_job +
                " " + status.last->merge_job + "`, then submit again");
  const std::vector<int> shards = status.incomplete_shards();
  if (shards.empty() && status.merged == status.planned) return std::nullopt;
  Submission s;
  if (!shards.empty()) {
    s.shards = array_list(shards);
    s.array_job = submit_batch(array_script_path(c.dir), s.shards, "");
  }
  s.merge_job = submit_batch(merge_script_path(c.dir), "", s.array_job);
  s.submitted_at = utc_now();
  record_submission(c.dir, s);
  return s;
}

void run_slurm(const SlurmFlags& f) {
  const CampaignPlan plan = f.campaign.plan();
  if (f.shards > static_cast<int>(plan.problems.size()))
    throw Error("--shards " + std::to_string(f.shards) + " is more than the plan's " +
                std::to_string(plan.problems.size()) + " problems (a shard holds whole problems): use at most " +
                std::to_string(plan.problems.size()));
  const ClusterCampaign c = campaign_of(f);
  nlohmann::json result = {{"dir", c.dir},
                           {"shards", c.shards},
                           {"runs", plan.run_count()},
                           {"job_name", c.job_name()},
                           {"array_script", array_script(c)},
                           {"merge_script", merge_script(c)}};
  if (f.dry_run) {
    if (!f.output.quiet && f.output.json_path != "-") {
      std::printf("# %s\n%s\n# %s\n%s", array_script_path(c.dir).c_str(), array_script(c).c_str(),
                  merge_script_path(c.dir).c_str(), merge_script(c).c_str());
    }
    result["dry_run"] = true;
    write_json(f.output, "experiment slurm", result);
    return;
  }
  if (fs::exists(manifest_path(c.dir))) check_same_campaign(c, read_manifest(c.dir));
  write_campaign_files(c);
  say(f.output, "campaign " + c.study + " / " + c.preset + ": " + std::to_string(plan.run_count()) + " runs in " +
                    std::to_string(c.shards) + " shards; scripts in " + (fs::path(c.dir) / "slurm").string());
  if (c.resources.time.empty())
    say(f.output, "no --time given (the partition's default applies): " + largest_shard_line(plan, f));
  result["dry_run"] = false;
  if (!f.submit) {
    say(f.output, "submit with: " + std::string("jobid=$(sbatch --parsable ") + array_script_path(c.dir) +
                      ") && sbatch --dependency=afterany:$jobid " + merge_script_path(c.dir) +
                      "   (or run this command again with --submit)");
  } else if (const std::optional<Submission> s = submit(c, f.campaign)) {
    say(f.output, (s->array_job.empty() ? "every shard is complete; "
                                        : "submitted job array " + s->array_job + " (shards " + s->shards + ") and ") +
                      "merge job " + s->merge_job + "; follow them with `nnmip experiment status --db-dir " + c.dir +
                      "`");
    result["submitted"] = {{"array_job", s->array_job}, {"shards", s->shards}, {"merge_job", s->merge_job}};
  } else {
    say(f.output, "nothing to submit: all " + std::to_string(plan.run_count()) + " runs are recorded and merged into " +
                      merged_db_path(c.dir));
    result["submitted"] = nullptr;
  }
  write_json(f.output, "experiment slurm", result);
}

struct StatusFlags {
  std::string db_dir;
  bool ask_slurm = true;
  OutputFlags output;
};

void run_status(const StatusFlags& f) {
  const ClusterCampaign c = read_manifest(absolute(f.db_dir));
  const CampaignFlags flags = CampaignFlags::from_json(c.run, manifest_path(c.dir));
  const CampaignStatus status = campaign_status(c, flags.plan(), flags.options(), f.ask_slurm);
  say(f.output, "campaign " + c.study + " / " + c.preset + " in " + std::to_string(c.shards) +
                    " shards: " + std::to_string(status.recorded) + "/" + std::to_string(status.planned) +
                    " runs recorded, " + std::to_string(status.merged) + " merged into " + merged_db_path(c.dir));
  if (status.last)
    say(f.output,
        "last submission " + status.last->submitted_at + ": array " +
            (status.last->array_job.empty() ? "-" : status.last->array_job + " (shards " + status.last->shards + ")") +
            ", merge job " + status.last->merge_job + (f.ask_slurm ? " (" + status.merge_job + ")" : ""));
  else
    say(f.output, "not submitted yet (nnmip experiment slurm --submit)");
  if (!status.queue_note.empty()) say(f.output, "SLURM not asked: " + status.queue_note);
  if (status.remaining_core_hours) {
    char line[200];
    std::snprintf(line, sizeof line, "the recorded runs took %.3f core-hours (solves, model builds, finetuning)",
                  status.recorded_core_hours);
    std::string text = line;
    if (status.recorded < status.planned) {
      std::snprintf(line, sizeof line, "; the %ld others need about %.3f more at their mean",
                    status.planned - status.recorded, *status.remaining_core_hours);
      text += line;
    }
    say(f.output, text);
  }
  say(f.output, "shard  planned  recorded  missing  task");
  nlohmann::json shards = nlohmann::json::array();
  for (const ShardStatus& s : status.shards) {
    char line[300];
    std::snprintf(line, sizeof line, "%5d  %7ld  %8ld  %7ld  %s", s.shard, s.planned, s.recorded,
                  s.planned - s.recorded, s.task.c_str());
    say(f.output, line);
    shards.push_back({{"shard", s.shard},
                      {"db", s.db},
                      {"planned", s.planned},
                      {"recorded", s.recorded},
                      {"missing", s.planned - s.recorded},
                      {"task", s.task},
                      {"active", s.active}});
  }
  nlohmann::json last = nullptr;
  if (status.last)
    last = {{"array_job", status.last->array_job},
            {"shards", status.last->shards},
            {"merge_job", status.last->merge_job},
            {"submitted_at", status.last->submitted_at}};
  write_json(f.output, "experiment status",
             {{"dir", c.dir},
              {"study", c.study},
              {"preset", c.preset},
              {"planned", status.planned},
              {"recorded", status.recorded},
              {"merged", status.merged},
              {"active", status.active()},
              {"merge_job", status.merge_job},
              {"last_submission", last},
              {"queue_note", status.queue_note},
              {"recorded_core_hours", status.recorded_core_hours},
              {"remaining_core_hours",
               status.remaining_core_hours ? nlohmann::json(*status.remaining_core_hours) : nlohmann::json(nullptr)},
              {"shards", shards}});
}

}  // namespace

void add_cluster_commands(CLI::App* experiment) {
  auto slurm = std::make_shared<SlurmFlags>();
  CLI::App* cmd = experiment->add_subcommand(
      "slurm",
      "Write (and with --submit submit) a campaign as a SLURM job array, one task per shard, and a merge "
      "job; submitting again resumes");
  slurm->campaign.add_to(cmd);
  cmd->add_option("--shards", slurm->shards, "Array tasks: the campaign's problems are split into this many shards")
      ->required()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--db-dir", slurm->db_dir,
                  "Campaign folder on the cluster's shared file system: shard databases, merged results.sqlite, "
                  "report/, scripts and logs")
      ->required();
  cmd->add_option("--cache-dir", slurm->cache_dir,
                  "Network cache shared by the tasks (default: nnmip-cache in --db-dir); tasks that need the same "
                  "network wait for the one that trains it");
  cmd->add_option("--partition", slurm->resources.partition, "SLURM partition (default: the cluster's)");
  cmd->add_option("--time", slurm->resources.time, "Time limit per array task: minutes, HH:MM:SS or D-HH:MM:SS");
  cmd->add_option("--cpus-per-task", slurm->cpus_per_task, "CPUs per task (default: workers x threads)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--mem", slurm->resources.mem, "Memory per task, e.g. 4G (default: the cluster's)");
  cmd->add_option("--nnmip", slurm->nnmip, "The nnmip executable the jobs run (default: this one)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--dry-run", slurm->dry_run, "Print the two batch scripts; write and submit nothing");
  cmd->add_flag("--submit", slurm->submit, "Submit the shards that lack runs, then the merge job (sbatch)");
  add_output_flags(cmd, slurm->output);
  cmd->callback([slurm] { run_slurm(*slurm); });

  auto status = std::make_shared<StatusFlags>();
  CLI::App* status_cmd = experiment->add_subcommand(
      "status", "Where a cluster campaign stands: per shard planned and recorded runs and what its task is doing");
  status_cmd->add_option("--db-dir", status->db_dir, "Campaign folder (written by experiment slurm)")->required();
  status_cmd->add_flag("!--no-slurm", status->ask_slurm, "Do not ask squeue/sacct: the databases and state files only");
  add_output_flags(status_cmd, status->output);
  status_cmd->callback([status] { run_status(*status); });
}

}  // namespace nnmip::cli
