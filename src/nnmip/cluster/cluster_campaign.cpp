#include "nnmip/cluster/cluster_campaign.hpp"

#include <filesystem>
#include <regex>

#include "nnmip/campaign/artifact_cache.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

namespace fs = std::filesystem;

std::string in(const std::string& dir, const std::string& name) { return (fs::path(dir) / name).string(); }

/// `text` as one word of a POSIX shell command: as it is when that is safe,
/// else in single quotes (a quote written as '\'').
std::string quoted(const std::string& text) {
  if (!text.empty() &&
      text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=+-,") ==
          std::string::npos)
    return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The #SBATCH lines both scripts share.
std::string common_directives(const ClusterCampaign& c) {
  std::string lines = "#SBATCH --job-name=" + c.job_name() + "\n";
  if (!c.resources.partition.empty()) lines += "#SBATCH --partition=" + c.resources.partition + "\n";
  return lines + "#SBATCH --open-mode=append\n";
}

}  // namespace

std::string ClusterCampaign::job_name() const { return "nnmip-" + preset + "-" + stable_digest(dir).substr(0, 8); }

std::string shard_db_path(const std::string& dir, int shard, int shards) {
  return in(dir, "shard-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".sqlite");
}
std::string merged_db_path(const std::string& dir) { return in(dir, "results.sqlite"); }
std::string report_dir(const std::string& dir) { return in(dir, "report"); }
std::string manifest_path(const std::string& dir) { return in(dir, "campaign.json"); }
std::string array_script_path(const std::string& dir) { return in(dir, "slurm/array.sbatch"); }
std::string merge_script_path(const std::string& dir) { return in(dir, "slurm/merge.sbatch"); }
std::string jobs_path(const std::string& dir) { return in(dir, "slurm/jobs.json"); }
std::string shard_state_path(const std::string& dir, int shard) {
  return in(dir, "slurm/shard-" + std::to_string(shard) + ".state");
}
std::string logs_dir(const std::string& dir) { return in(dir, "logs"); }

std::string array_script(const ClusterCampaign& c) {
  const std::string n = std::to_string(c.shards);
  std::string s = "#!/bin/bash\n";
  s += "# nnmip campaign '" + c.study + "' / preset '" + c.preset + "' in " + n +
       " shards: array task I runs shard I into its own database.\n";
  s += "# Written by `nnmip experiment slurm`; submitting it again resumes (recorded runs are skipped).\n";
  s += common_directives(c);
  s += "#SBATCH --array=1-" + n + "\n";
  s += "#SBATCH --cpus-per-task=" + std::to_string(c.resources.cpus_per_task) + "\n";
  if (!c.resources.time.empty()) s += "#SBATCH --time=" + c.resources.time + "\n";
  if (!c.resources.mem.empty()) s += "#SBATCH --mem=" + c.resources.mem + "\n";
  s += "#SBATCH --output=" + in(logs_dir(c.dir), "shard-%a-of-" + n + ".log") + "\n";
  s += "set -u\n";
  s += "shard=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\"\n";
  s += "task=\"${SLURM_ARRAY_JOB_ID:-?}_${shard}\"\n";
  s += "# The task's state for `nnmip experiment status`, replaced atomically.\n";
  s += "record() {\n";
  s += "  local state=" + quoted(in(c.dir, "slurm")) + "/shard-\"$shard\".state\n";
  s += "  printf '%s %s %s\\n' \"$1\" \"$task\" \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" >\"$state.tmp.$$\" &&\n";
  s += "    mv -f \"$state.tmp.$$\" \"$state\"\n";
  s += "}\n";
  s += "record running\n";
  s += quoted(c.nnmip) + " experiment run --study " + quoted(c.study) + " --preset " + quoted(c.preset) +
       " --shard \"$shard/" + n + "\" \\\n";
  s +=
      "  --db " + quoted(c.dir) + "/shard-\"$shard\"-of-" + n + ".sqlite --cache-dir " + quoted(c.cache_dir) + " \\\n ";
  for (const std::string& flag : c.run_flags) s += " " + quoted(flag);
  s += "\ncode=$?\n";
  s += "record \"exit $code\"\n";
  s += "exit \"$code\"\n";
  return s;
}

std::string merge_script(const ClusterCampaign& c) {
  const std::string n = std::to_string(c.shards);
  std::string s = "#!/bin/bash\n";
  s += "# Merges the shard databases of nnmip campaign '" + c.study + "' / preset '" + c.preset +
       "' and writes its report.\n";
  s += "# Written by `nnmip experiment slurm`; submitted to run after the job array (--dependency=afterany).\n";
  s += common_directives(c);
  s += "#SBATCH --cpus-per-task=1\n";
  s += "#SBATCH --output=" + in(logs_dir(c.dir), "merge.log") + "\n";
  s += "set -euo pipefail\n";
  s += "shopt -s nullglob\n";
  s += "shards=(" + quoted(c.dir) + "/shard-*-of-" + n + ".sqlite)\n";
  s += "if ((${#shards[@]} == 0)); then\n";
  s += "  echo " + quoted("nnmip: no shard database in " + c.dir + ": no task recorded a run (see its logs folder)") +
       " >&2\n";
  s += "  exit 1\n";
  s += "fi\n";
  s += quoted(c.nnmip) + " experiment merge \"${shards[@]}\" --into " + quoted(merged_db_path(c.dir)) + "\n";
  s += quoted(c.nnmip) + " experiment report --db " + quoted(merged_db_path(c.dir)) + " --out " +
       quoted(report_dir(c.dir)) + "\n";
  return s;
}

void check_slurm_time(const std::string& text) {
  // SLURM's --time: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
  // days-hours:minutes, days-hours:minutes:seconds.
  static const std::regex formats(R"(\d+(:\d+){0,2}|\d+-\d+(:\d+){0,2})");
  if (!std::regex_match(text, formats))
    throw Error("the time limit '" + text +
                "' is not a SLURM time limit: use minutes, HH:MM:SS or D-HH:MM:SS (e.g. 2:00:00 for two hours)");
}

void check_batch_path(const std::string& path, const std::string& what) {
  if (path.find_first_of(" \t\n\r'\"%\\") != std::string::npos)
    throw Error(what + " '" + path +
                "' contains whitespace, a quote, '%' or a backslash, which #SBATCH lines cannot carry; "
                "choose a folder without them");
}

nlohmann::json to_json(const ClusterCampaign& c) {
  return {{"study", c.study},
          {"preset", c.preset},
          {"shards", c.shards},
          {"dir", c.dir},
          {"cache_dir", c.cache_dir},
          {"nnmip", c.nnmip},
          {"run_flags", c.run_flags},
          {"run", c.run},
          {"resources",
           {{"partition", c.resources.partition},
            {"time", c.resources.time},
            {"cpus_per_task", c.resources.cpus_per_task},
            {"mem", c.resources.mem}}}};
}

ClusterCampaign campaign_from_json(const nlohmann::json& m, const std::string& source) {
  try {
    ClusterCampaign c;
    c.study = m.at("study").get<std::string>();
    c.preset = m.at("preset").get<std::string>();
    c.shards = m.at("shards").get<int>();
    c.dir = m.at("dir").get<std::string>();
    c.cache_dir = m.at("cache_dir").get<std::string>();
    c.nnmip = m.at("nnmip").get<std::string>();
    c.run_flags = m.at("run_flags").get<std::vector<std::string>>();
    c.run = m.at("run");
    const nlohmann::json& r = m.at("resources");
    c.resources = {r.at("partition").get<std::string>(), r.at("time").get<std::string>(),
                   r.at("cpus_per_task").get<int>(), r.at("mem").get<std::string>()};
    if (c.shards < 1) throw Error("shards must be at least 1");
    return c;
  } catch (const std::exception& e) {
    throw Error(source + " is not a campaign manifest written by nnmip experiment slurm (" + e.what() +
                "); write it again with `nnmip experiment slurm`");
  }
}

}  // namespace nnmip
