#include "nnmip/cluster/slurm_queue.hpp"

#include <sstream>

#include "nnmip/util/command.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
  return fields;
}

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// "7" -> 7; "N/A", "" or anything else -> nullopt.
std::optional<int> task_number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(text);
}

std::string first_line(const std::string& text) { return trimmed(text.substr(0, text.find('\n'))); }

}  // namespace

const char* const kSqueueFormat = "%A|%F|%K|%T|%r";

std::vector<QueuedJob> parse_squeue(const std::string& text) {
  std::vector<QueuedJob> jobs;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> f = split(trimmed(line), '|');
    if (f.size() < 4) continue;
    jobs.push_back({f[0], f[1], task_number(f[2]), f[3], f.size() > 4 ? f[4] : ""});
  }
  return jobs;
}

std::vector<AccountedJob> parse_sacct(const std::string& text) {
  std::vector<AccountedJob> jobs;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::vector<std::string> f = split(trimmed(line), '|');
    if (f.size() < 2 || f[0].empty()) continue;
    const size_t underscore = f[0].find('_');
    AccountedJob job;
    job.array_job_id = f[0].substr(0, underscore);
    if (underscore != std::string::npos) job.task = task_number(f[0].substr(underscore + 1));
    job.state = f[1].substr(0, f[1].find(' '));  // "CANCELLED by 0" -> CANCELLED
    jobs.push_back(job);
  }
  return jobs;
}

std::string parse_sbatch_job_id(const std::string& text) {
  const std::string line = first_line(text);
  const std::string id = line.substr(0, line.find(';'));
  if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
    throw Error("sbatch answered '" + line + "' instead of a job id");
  return id;
}

std::optional<std::vector<QueuedJob>> queued_jobs(const std::string& job_name, std::string& why) {
  const CommandOutput out = run_command({"squeue", "-h", "-r", "--name=" + job_name, "-o", kSqueueFormat});
  if (!out.started) {
    why = "squeue is not installed here";
    return std::nullopt;
  }
  if (out.exit_code != 0) {
    why = "squeue failed: " + first_line(out.err);
    return std::nullopt;
  }
  return parse_squeue(out.out);
}

std::optional<std::vector<AccountedJob>> accounted_jobs(const std::string& array_job_id) {
  const CommandOutput out = run_command({"sacct", "-n", "-P", "-X", "-j", array_job_id, "-o", "JobID,State"});
  if (!out.succeeded()) return std::nullopt;  // no sacct, or accounting disabled
  return parse_sacct(out.out);
}

std::string submit_batch(const std::string& script, const std::string& array, const std::string& after) {
  std::vector<std::string> args = {"sbatch", "--parsable"};
  if (!array.empty()) args.push_back("--array=" + array);
  if (!after.empty()) args.push_back("--dependency=afterany:" + after);
  args.push_back(script);
  const CommandOutput out = run_command(args);
  if (!out.started)
    throw Error("cannot submit " + script +
                ": sbatch is not installed here (run this on a SLURM login node, "
                "or submit the script yourself)");
  if (out.exit_code != 0) throw Error("sbatch refused " + script + ": " + trimmed(out.err));
  return parse_sbatch_job_id(out.out);
}

}  // namespace nnmip
