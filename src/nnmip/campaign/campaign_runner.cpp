#include "nnmip/campaign/campaign_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/maximization.hpp"
#include "nnmip/algorithms/result_json.hpp"
#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/campaign/artifact_cache.hpp"
#include "nnmip/campaign/campaign_lock.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/storage/result_store.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/log.hpp"
#include "nnmip/util/progress.hpp"
#include "nnmip/util/version.hpp"

namespace nnmip {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const PlanSettings& settings_for(const CampaignPlan& plan, const ProblemSpec& problem) {
  return problem.study == Study::verification ? plan.verification : plan.maximization;
}

/// A run's search options: the campaign's, with the plan's time limit and
/// many_solutions (for surrogates, Algorithm 2) unless the campaign sets them.
SearchOptions search_options(const CampaignPlan& plan, const ProblemSpec& problem, const SurrogateSpec& spec,
                             const CampaignOptions& options) {
  const PlanSettings& settings = settings_for(plan, problem);
  SearchOptions search = options.search();
  if (!options.parameters.contains("time_limit_s")) search.solver.time_limit_s = settings.time_limit_s;
  if (!options.parameters.contains("many_solutions"))
    search.solver.many_solutions = !spec.is_dense() && settings.many_solutions_for_surrogates;
  return search;
}

/// Everything that determines a run's outcome, digested: the run's primary key.
/// The parameters' part is run_key_parameters (search_parameters.hpp).
std::string run_key(const CampaignPlan& plan, const ProblemSpec& problem, const SurrogateSpec& spec,
                    const CampaignOptions& options) {
  const PlanSettings& settings = settings_for(plan, problem);
  const SearchOptions search = search_options(plan, problem, spec, options);
  const std::string finetuning = "ft" + std::to_string(spec.finetuned ? settings.finetune_rounds : 0) + "x" +
                                 std::to_string(spec.finetuned ? settings.finetune_epochs : 0);
  return stable_digest(problem.problem_key() + "|" + spec.variant() + "|" + finetuning +
                       run_key_parameters(search, problem.study == Study::verification));
}

json optional_value(double v) { return v < 0 ? json(nullptr) : json(v); }

/// The columns every run shares: parameters, solver settings, model size.
json base_row(const CampaignPlan& plan, const ProblemSpec& problem, const SurrogateSpec& spec,
              const SearchOptions& search, const std::string& key, const CachedNetwork& dense,
              const CachedNetwork* surrogate, const ModelStats& model, const MilpSolver& solver) {
  const PlanSettings& settings = settings_for(plan, problem);
  json row = {{"run_key", key},
              {"study", to_string(problem.study)},
              {"preset", plan.preset},
              {"problem_key", problem.problem_key()},
              {"dataset", problem.dataset.empty() ? json(nullptr) : json(problem.dataset)},
              {"input_size", problem.inputs},
              {"depth", problem.depth},
              {"width", problem.width},
              {"net_seed", problem.net_seed},
              {"train_epochs", problem.study == Study::verification ? json(problem.train_epochs) : json(nullptr)},
              {"test_accuracy", optional_value(dense.test_accuracy)},
              {"variant", spec.variant()},
              {"prune_structure", spec.is_dense() ? json(nullptr) : json(to_string(spec.structure))},
              {"prune_criterion", spec.is_dense() ? json(nullptr) : json(to_string(spec.criterion))},
              {"prune_rate", spec.rate},
              {"finetuned", spec.finetuned ? 1 : 0},
              {"finetune_rounds", spec.finetuned ? settings.finetune_rounds : 0},
              {"finetune_epochs", spec.finetuned ? settings.finetune_epochs : 0},
              {"finetune_time_s", surrogate ? surrogate->finetune_time_s : 0.0},
              {"surrogate_accuracy", surrogate ? optional_value(surrogate->test_accuracy) : json(nullptr)},
              {"solver_version", solver.version()},
              {"model_columns", model.columns},
              {"model_rows", model.rows},
              {"model_binaries", model.binaries},
              {"model_nonzeros", model.nonzeros},
              {"code_version", std::string(kVersion) + " " + kGitRevision},
              {"finished_at", utc_now()}};
  row.update(recorded_parameters(search, problem.study == Study::verification));  // search_parameters.hpp
  return row;
}

/// One worker's share of the plan: the problems with index % workers == worker.
class Worker {
 public:
  Worker(const CampaignPlan& plan, const CampaignOptions& options, const std::set<std::string>& todo, int status_fd)
      : plan_(plan),
        options_(options),
        todo_(todo),
        status_fd_(status_fd),
        store_(options.db_path, ResultStore::Mode::read_write),
        cache_(options.cache_dir) {}

  void run(int worker, int workers) {
    for (size_t p = 0; p < plan_.problems.size(); ++p) {
      if (static_cast<int>(p % workers) != worker) continue;
      const ProblemSpec& problem = plan_.problems[p];
      bool needed = false;
      for (const SurrogateSpec& spec : problem.runs) needed |= todo_.count(run_key(plan_, problem, spec, options_)) > 0;
      if (needed) run_problem(problem);
    }
  }

 private:
  const DatasetSplit& dataset(const ProblemSpec& problem) {
    const std::string key = problem.dataset + "/" + std::to_string(problem.input_side);
    auto it = datasets_.find(key);
    if (it == datasets_.end()) {
      DatasetOptions options;
      options.name = parse_dataset_name(problem.dataset);
      options.input_side = problem.input_side;
      it = datasets_.emplace(key, load_dataset(options)).first;
    }
    return it->second;
  }

  /// One line to the parent's progress display (a pipe: no file to leave behind).
  void status(const std::string& text) {
    const std::string line = text.substr(0, 200) + "\n";  // at most PIPE_BUF: written whole
    [[maybe_unused]] const ssize_t written = ::write(status_fd_, line.data(), line.size());
  }

  void run_problem(const ProblemSpec& problem) {
    const DatasetSplit* data = problem.study == Study::verification ? &dataset(problem) : nullptr;
    status((problem.study == Study::verification ? "training " : "initialising ") + problem.problem_key());
    const CachedNetwork dense = cache_.dense(problem, data);
    VerificationProblem instance;
    int image = -1;
    if (problem.study == Study::verification) {
      const InstanceDraw draw = draw_instance(problem.net_seed, data->train.count());
      image = draw.image;
      instance.center = data->train.images.col(draw.image).cast<double>();
      instance.epsilon = draw.epsilon;
      std::tie(instance.true_class, instance.target_class) = top_two_classes(dense.network.forward(instance.center));
      // The paper's pixel domain [0,1] (protocol.md).
      instance.domain = Box{Vector::Zero(instance.center.size()), Vector::Ones(instance.center.size())};
    }
    const MaximizationProblem box{Box{Vector::Zero(problem.inputs), Vector::Ones(problem.inputs)},
                                  unit_objective(problem.outputs, 0)};
    auto solver = make_solver(options_.search().solver_name);
    for (const SurrogateSpec& spec : problem.runs) {
      const std::string key = run_key(plan_, problem, spec, options_);
      if (!todo_.count(key)) continue;
      std::optional<CachedNetwork> surrogate;
      if (!spec.is_dense()) {
        status("pruning " + problem.problem_key() + " " + spec.variant());
        surrogate = cache_.surrogate(problem, dense, spec, settings_for(plan_, problem), data);
      }
      status("solving " + problem.problem_key() + " " + spec.variant());
      const SearchOptions search = search_options(plan_, problem, spec, options_);
      const Network* solved = surrogate ? &surrogate->network : nullptr;
      json row;
      if (problem.study == Study::verification) {
        const VerificationResult r = verify(dense.network, instance, search, *solver, solved);
        row = base_row(plan_, problem, spec, search, key, dense, surrogate ? &*surrogate : nullptr, r.model, *solver);
        row.update(json{{"instance_seed", problem.net_seed},
                        {"image", image},
                        {"epsilon", instance.epsilon},
                        {"true_class", instance.true_class},
                        {"target_class", instance.target_class},
                        {"status", to_string(r.status)},
                        {"time_to_first_adversarial_s",
                         r.time_to_first_adversarial_s ? json(*r.time_to_first_adversarial_s) : json(nullptr)},
                        {"dense_margin", r.dense_margin},
                        {"solver_bound", r.solver_bound ? json(*r.solver_bound) : json(nullptr)},
                        {"solver_status", to_string(r.solver_status)},
                        {"solve_time_s", r.solve_time_s},
                        {"build_time_s", r.build_time_s},
                        {"incumbents", r.incumbents.size()},
                        {"input_json", r.status == VerificationStatus::adversarial ? json(vector_json(r.input).dump())
                                                                                   : json(nullptr)},
                        {"result_json", to_json(r, instance).dump()}});
      } else {
        const MaximizationResult r = maximize(dense.network, box, search, *solver, solved);
        row = base_row(plan_, problem, spec, search, key, dense, surrogate ? &*surrogate : nullptr, r.model, *solver);
        row.update(json{{"status", to_string(r.status)},
                        {"best_value", r.best_value ? json(*r.best_value) : json(nullptr)},
                        {"time_to_best_s", r.time_to_best_s ? json(*r.time_to_best_s) : json(nullptr)},
                        {"solver_bound", r.bound ? json(*r.bound) : json(nullptr)},
                        {"solver_status", to_string(r.solver_status)},
                        {"solve_time_s", r.solve_time_s},
                        {"build_time_s", r.build_time_s},
                        {"incumbents", r.incumbents.size()},
                        {"input_json", r.best_value ? json(vector_json(r.input).dump()) : json(nullptr)},
                        {"result_json", to_json(r).dump()}});
      }
      store_.insert(row);
    }
  }

  const CampaignPlan& plan_;
  const CampaignOptions& options_;
  const std::set<std::string>& todo_;
  int status_fd_;
  ResultStore store_;
  ArtifactCache cache_;
  std::map<std::string, DatasetSplit> datasets_;
};

/// The status lines of one worker, read from its pipe without blocking.
struct StatusPipe {
  int read_fd = -1;
  std::string pending, last_line;
  void poll() {
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(read_fd, buffer, sizeof buffer)) > 0) pending.append(buffer, static_cast<size_t>(n));
    for (size_t newline; (newline = pending.find('\n')) != std::string::npos; pending.erase(0, newline + 1))
      last_line = pending.substr(0, newline);
  }
};

/// What killed campaigns left in the cache folder: temporary files of dead
/// processes and the status files older versions kept there.
void remove_leftovers(const std::string& cache_dir) {
  remove_stale_temporary_files(cache_dir);
  std::error_code ec;
  for (fs::directory_iterator it(cache_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code remove_error;
    if (name.rfind("worker-", 0) == 0 && it->path().extension() == ".status") fs::remove(it->path(), remove_error);
  }
}

}  // namespace

SearchOptions CampaignOptions::search() const {
  SearchOptions search;
  apply_parameters(search, scope_defaults(kCampaignScope));
  apply_parameters(search, parameters);
  return search;
}

std::set<std::string> planned_run_keys(const CampaignPlan& plan, const CampaignOptions& options) {
  std::set<std::string> keys;
  for (const ProblemSpec& problem : plan.problems)
    for (const SurrogateSpec& spec : problem.runs) keys.insert(run_key(plan, problem, spec, options));
  return keys;
}

long count_done(const ResultStore& store, const std::set<std::string>& planned) {
  long done = 0;
  for (const std::string& key : store.run_keys()) done += planned.count(key);
  return done;
}

CampaignSummary run_campaign(const CampaignPlan& plan, const CampaignOptions& options) {
  if (options.workers < 1)
    throw Error("a campaign needs at least 1 worker process (got " + std::to_string(options.workers) + ")");
  const auto start = std::chrono::steady_clock::now();
  // Held until the campaign ends: a second process on this database waits, then finds the runs done.
  // Taken before the database is opened: two processes creating its schema at once made
  // SQLite answer "database is locked" (switching a new file to WAL does not wait).
  const CampaignLock lock(options.db_path, !options.show_progress);
  ResultStore store(options.db_path, ResultStore::Mode::read_write);
  ArtifactCache cache(options.cache_dir);  // creates the folder (and checks it) before forking
  remove_leftovers(options.cache_dir);

  const std::set<std::string> planned = planned_run_keys(plan, options);
  const std::set<std::string> existing = store.run_keys();
  std::set<std::string> todo;
  for (const std::string& key : planned)
    if (!existing.count(key)) todo.insert(key);

  CampaignSummary summary;
  summary.planned = static_cast<long>(planned.size());
  summary.already_done = summary.planned - static_cast<long>(todo.size());
  if (todo.empty()) {
    summary.elapsed_s = seconds_since(start);
    return summary;
  }

  const int workers = std::min<int>(options.workers, static_cast<int>(plan.problems.size()));
  std::vector<pid_t> children;
  std::vector<StatusPipe> statuses(static_cast<size_t>(workers));
  std::fflush(nullptr);
  for (int w = 0; w < workers; ++w) {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) throw Error("cannot start worker processes (pipe failed)");
    ::fcntl(ends[0], F_SETFL, O_NONBLOCK);
    statuses[static_cast<size_t>(w)] = {ends[0], "", "starting"};
    const pid_t pid = fork();
    if (pid < 0) throw Error("cannot start worker processes (fork failed)");
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed campaign takes its workers with it
      ::signal(SIGPIPE, SIG_IGN);        // status lines are best effort
      for (const StatusPipe& s : statuses)
        if (s.read_fd >= 0) ::close(s.read_fd);
      int code = 0;
      try {
        Worker(plan, options, todo, ends[1]).run(w, workers);
      } catch (const std::exception& e) {
        log_message(LogLevel::error, "worker " + std::to_string(w + 1) + ": " + e.what());
        code = 1;
      }
      std::fflush(nullptr);
      _exit(code);
    }
    ::close(ends[1]);
    children.push_back(pid);
  }

  Progress progress("campaign", summary.planned, options.show_progress);
  bool failed = false;
  long running = workers;
  while (running > 0) {
    for (pid_t& pid : children) {
      if (pid <= 0) continue;
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) {
        failed |= !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        pid = -1;
        --running;
      }
    }
    std::string current;
    for (StatusPipe& s : statuses) {
      s.poll();
      current += (current.empty() ? "" : " | ") + s.last_line;
    }
    progress.update(count_done(store, planned), current);
    if (running > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  for (const StatusPipe& s : statuses) ::close(s.read_fd);
  const long done = count_done(store, planned);
  progress.finish(std::to_string(done) + "/" + std::to_string(summary.planned) + " runs recorded");
  summary.recorded = done - summary.already_done;
  summary.elapsed_s = seconds_since(start);
  if (failed)
    throw Error("a worker failed (see its message above); " + std::to_string(done) + " of " +
                std::to_string(summary.planned) + " runs are recorded - run the same command again to resume");
  return summary;
}

}  // namespace nnmip
