#include "nnmip/campaign/vnncomp_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "nnmip/campaign/artifact_cache.hpp"
#include "nnmip/campaign/campaign_lock.hpp"
#include "nnmip/campaign/campaign_plan.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/log.hpp"
#include "nnmip/util/progress.hpp"
#include "nnmip/util/version.hpp"

namespace nnmip {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// How a child process ended.
struct ChildEnd {
  int exit_code = -1;  // -1 when it did not exit (a signal)
  int signal = 0;
  bool killed = false;  // by us, after kill_after_s
  double wall_s = 0.0;
};

/// Runs `args` (args[0] the executable) with stdout to `out_path` and stderr to
/// `err_path` (both may be the same file), killing it after kill_after_s.
ChildEnd run_child(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path,
                   double kill_after_s) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw Error("cannot start " + args[0] + " (fork failed)");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed batch takes its instance with it
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = err_path == out_path ? out : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) _exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    std::fprintf(stderr, "cannot run %s\n", argv[0]);  // the child's own stderr (a file), before exec
    _exit(127);
  }
  ChildEnd end;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw Error("cannot wait for " + args[0]);
    if (seconds_since(start) > kill_after_s) {
      ::kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      end.killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  end.wall_s = seconds_since(start);
  if (WIFEXITED(status)) end.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
  return end;
}

/// The last lines of a log, for an error message.
std::string log_tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string tail = trim(text.str());
  if (tail.size() > 600) tail = "..." + tail.substr(tail.size() - 600);
  std::replace(tail.begin(), tail.end(), '\n', ' ');
  return tail;
}

/// A temporary folder per instance, removed afterwards.
struct ScratchFolder {
  explicit ScratchFolder(int row)
      : path(fs::temp_directory_path() / ("nnmip-vnncomp-" + std::to_string(::getpid()) + "-" + std::to_string(row))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path path;
};

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The file to hand to check: `path`, or its inflated copy in `scratch` for .gz.
std::string prepared(const std::string& path, const fs::path& scratch) {
  if (!fs::is_regular_file(path)) throw Error("no such file: " + path);
  if (!ends_with(path, ".gz")) return path;
  const std::string name = fs::path(path).filename().string();
  const std::string target = (scratch / name.substr(0, name.size() - 3)).string();
  const std::string log = (scratch / "gzip.log").string();
  const ChildEnd end = run_child({"/bin/sh", "-c", "exec gzip -dc \"$0\"", path}, target, log, 600.0);
  if (end.exit_code != 0) throw Error("cannot decompress " + path + ": " + log_tail(log));
  return target;
}

std::optional<double> optional_number(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

std::string expected_answer(int exit_code) {
  return exit_code == 0 ? "unsat" : exit_code == 10 ? "sat" : "unknown or timeout";
}

/// Decides one instance: the row to record (result "error" with the message when anything fails).
void decide(const VnncompInstance& instance, const VnncompOptions& options, VnncompRow& row) {
  ScratchFolder scratch(instance.csv_row);
  std::string onnx, vnnlib;
  try {
    onnx = prepared(instance.onnx_path, scratch.path);
    vnnlib = prepared(instance.vnnlib_path, scratch.path);
  } catch (const Error& e) {
    row.result = "error";
    row.error = e.what();
    return;
  }
  const std::string json_path = (scratch.path / "check.json").string();
  const std::string log_path = (scratch.path / "check.log").string();
  char limit[40];
  std::snprintf(limit, sizeof limit, "%.6g", row.time_limit_s);
  const ChildEnd end = run_child({options.checker, "check", "--net", onnx, "--spec", vnnlib, "--time-limit", limit,
                                  "--disjuncts", options.disjuncts, "--json", json_path, "--quiet"},
                                 log_path, log_path, row.timeout_s + 5.0);
  row.time_s = end.wall_s;
  if (end.killed) {
    row.result = "timeout";
    row.error = "killed " + std::to_string(static_cast<int>(std::lround(end.wall_s))) + " s after its start";
    return;
  }
  if (end.exit_code != 0 && end.exit_code != 10 && end.exit_code != 20) {
    row.result = "error";
    row.error = (end.signal ? "nnmip check was killed by signal " + std::to_string(end.signal)
                            : "nnmip check exited with code " + std::to_string(end.exit_code)) +
                ": " + log_tail(log_path);
    return;
  }
  nlohmann::json j;
  try {
    std::ifstream in(json_path);
    j = nlohmann::json::parse(in);
    row.check_result = j.at("result").get<std::string>();
  } catch (const std::exception& e) {
    row.result = "error";
    row.error = "cannot read the JSON of nnmip check (" + std::string(e.what()) + "): " + log_tail(log_path);
    return;
  }
  const std::string& answer = *row.check_result;
  const bool consistent = end.exit_code == 0    ? answer == "unsat"
                          : end.exit_code == 10 ? answer == "sat"
                                                : answer == "unknown" || answer == "timeout";
  if (!consistent) {
    row.result = "error";
    row.error = "nnmip check exited with code " + std::to_string(end.exit_code) + " (" +
                expected_answer(end.exit_code) + ") but answered " + answer;
    return;
  }
  row.result_json = j.dump();
  row.time_to_sat_s = optional_number(j, "time_to_sat_s");
  if (j.contains("counterexample") && j["counterexample"].is_object())
    row.counterexample_json =
        nlohmann::json{{"input", j["counterexample"]["input"]}, {"output", j["counterexample"]["output"]}}.dump();
  // VNN-COMP counts an answer that comes after the timeout as a timeout.
  row.result = end.wall_s > row.timeout_s && (answer == "sat" || answer == "unsat") ? "timeout" : answer;
}

std::string options_json(const VnncompOptions& options) {
  return nlohmann::json{
      {"disjuncts", options.disjuncts},
      {"time_limit_cap", options.time_limit_cap ? nlohmann::json(*options.time_limit_cap) : nlohmann::json(nullptr)},
      {"time_limit", "T - (2 + 0.05 T), at least T / 2"}}
      .dump();
}

}  // namespace

std::vector<VnncompInstance> read_instances_csv(const std::string& csv_path) {
  std::ifstream in(csv_path);
  if (!in) throw Error("cannot read the instances file " + csv_path);
  const fs::path folder = fs::path(csv_path).parent_path();
  std::vector<VnncompInstance> instances;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty()) continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');) fields.push_back(trim(field));
    const std::string where = csv_path + ":" + std::to_string(number) + ": ";
    if (fields.size() != 3 || fields[0].empty() || fields[1].empty())
      throw Error(where + "expected onnx,vnnlib,timeout (VNN-COMP's instances.csv), got '" + trim(line) + "'");
    VnncompInstance instance;
    instance.csv_row = number;
    instance.onnx = fields[0];
    instance.vnnlib = fields[1];
    char* rest = nullptr;
    instance.timeout_s = std::strtod(fields[2].c_str(), &rest);
    if (fields[2].empty() || *rest != '\0' || !std::isfinite(instance.timeout_s) || instance.timeout_s <= 0)
      throw Error(where + "the timeout '" + fields[2] + "' is not a positive number of seconds");
    instance.onnx_path = (folder / instance.onnx).lexically_normal().string();
    instance.vnnlib_path = (folder / instance.vnnlib).lexically_normal().string();
    instances.push_back(instance);
  }
  if (instances.empty()) throw Error(csv_path + " lists no instances (expected lines onnx,vnnlib,timeout)");
  return instances;
}

double vnncomp_time_limit(double timeout_s) { return std::max(0.5 * timeout_s, timeout_s - (2.0 + 0.05 * timeout_s)); }

VnncompBatchSummary run_vnncomp_batch(const VnncompOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  check_shard(options.shard_index, options.shard_count);
  const std::vector<VnncompInstance> instances =
      shard_items(read_instances_csv(options.instances_csv), options.shard_index, options.shard_count);
  CampaignLock lock(options.db_path, !options.show_progress);
  VnncompStore store(options.db_path, ResultStore::Mode::read_write);
  const std::string benchmark = fs::path(options.instances_csv).parent_path().lexically_normal().string();
  const std::string option_text = options_json(options);

  std::vector<VnncompRow> planned;
  for (const VnncompInstance& instance : instances) {
    VnncompRow row;
    row.benchmark = benchmark.empty() ? "." : benchmark;
    row.csv_row = instance.csv_row;
    row.onnx = instance.onnx;
    row.vnnlib = instance.vnnlib;
    row.timeout_s = options.time_limit_cap ? std::min(instance.timeout_s, *options.time_limit_cap) : instance.timeout_s;
    row.time_limit_s = vnncomp_time_limit(row.timeout_s);
    row.options = option_text;
    row.code_version = std::string(kVersion) + " " + kGitRevision;
    char timeout[40];
    std::snprintf(timeout, sizeof timeout, "%.17g", row.timeout_s);
    row.run_key = stable_digest("vnncomp|" + fs::weakly_canonical(instance.onnx_path).string() + "|" +
                                fs::weakly_canonical(instance.vnnlib_path).string() + "|" + timeout + "|disjuncts " +
                                options.disjuncts + "|limit T-(2+0.05T)");
    planned.push_back(row);
  }

  VnncompBatchSummary summary;
  summary.instances = static_cast<long>(planned.size());
  const std::set<std::string> done = store.keys();
  for (const VnncompRow& row : planned) summary.already_done += done.count(row.run_key) ? 1 : 0;
  if (options.show_progress && summary.already_done > 0)
    log_info(std::to_string(summary.already_done) + " of " + std::to_string(summary.instances) +
             " instances already recorded in " + options.db_path);
  const std::string total = std::to_string(planned.size());
  for (size_t k = 0; k < planned.size(); ++k) {
    VnncompRow row = planned[k];
    if (done.count(row.run_key)) continue;
    const std::string label = "instance " + std::to_string(k + 1) + "/" + total + ": ";
    char limits[120];
    std::snprintf(limits, sizeof limits, " (timeout %g s, time limit %.6g s)", row.timeout_s, row.time_limit_s);
    if (options.show_progress) log_status(label + row.onnx + ", " + row.vnnlib + limits, StatusKind::step);
    decide(instances[k], options, row);
    store.record(row);
    ++summary.recorded;
    char took[40];
    std::snprintf(took, sizeof took, " in %.2f s", row.time_s);
    if (options.show_progress)
      log_status(label + row.result + took + (row.error ? " (" + *row.error + ")" : ""), StatusKind::done);
  }
  std::set<std::string> mine;
  for (const VnncompRow& row : planned) mine.insert(row.run_key);
  for (VnncompRow& row : store.rows())
    if (mine.count(row.run_key)) summary.rows.push_back(std::move(row));
  summary.elapsed_s = seconds_since(start);
  return summary;
}

}  // namespace nnmip
