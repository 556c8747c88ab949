// The CBC adapter: MilpSolver on top of COIN-OR CBC 2.10 (CbcMain0/CbcMain1,
// i.e. CBC's standard strategy as the `cbc` binary runs it).
//
// Conventions
// - CBC minimizes. For Sense::maximize the objective is negated when loaded;
//   objective and bound are converted back, and objective_offset added back.
// - CBC preprocessing is OFF so that the incumbents the event handler reads
//   are indexed like the model's columns.
// - Time limit: "-sec" with "-timeMode elapsed" (wall clock, not CPU time).
//
// Findings (tests/solver/test_solver.cpp and throw-away probes; CBC 2.10.8, 2 cores)
// - Incumbents: `heuristicSolution` and `solution` events fire for each new
//   incumbent, often several times for the same one (deduplicated here).
//   model_->bestSolution() holds the new incumbent during the event.
// - Sub-MIPs run by CBC's heuristics (RINS, RENS, proximity, ...) get a clone
//   of the handler and fire the same events on a model with OTHER columns
//   (model_->parentModel() != nullptr): reading bestSolution() there gave
//   NaN/garbage vectors. Those events are ignored.
// - Stop: returning `stop` from the incumbent event alone did end the searches
//   we measured (latency up to 0.23 s), and so did returning it from the next
//   `node` event alone (about 0.02 s). Both are done, plus setting CBC's time
//   limit to 0 so that a root cut loop or a long heuristic also ends: measured
//   latency from the stop request to the end of the solve 0.000-0.012 s with 1
//   thread, 0.001-0.07 s with 2 threads (100-item knapsacks that CBC cannot
//   solve within 20 s). No incumbent reaches the callback after a stop.
// - MIP start: CBC does NOT report it through an event on the model we can read
//   (it fires on a temporary model whose bestSolution() is still null), but it
//   does accept it (it is the incumbent from the first node on). So a start that
//   is feasible (max_violation <= 1e-6) is reported to the callback by this
//   adapter before CBC runs, at elapsed ~0; if the callback stops right there,
//   CBC is not run at all.
// - Pure LPs (no integer columns) fire no incumbent event; the final solution
//   is then reported after the solve.
// - Threads: this CBC is built with threads. CBC's "-threads 1" runs the
//   thread machinery with one worker and was 3-4x slower than the serial code
//   ("-threads 0") on 60-item knapsacks, so threads = 1 passes 0. threads = n > 1
//   passes 100 + n (n threads, repeatable search: same node counts run to
//   run). Two threads worked with the callback (events come from several
//   threads; the shared state is locked, incumbents were feasible, the stop
//   worked, latency <= 0.07 s), so threads are not clamped; but on this 2-core
//   machine 2 threads solved those knapsacks 2-4x SLOWER than the serial code.
// - Silence: "-log 0" first on the command line, noPrinting_ in
//   CbcSolverUsefulData and log level 0 on every message handler keep stdout
//   and stderr empty. The pivotAndFix / randomizedRounding / naiveHeuristics
//   heuristics print regardless and are never switched on here.
// - Concurrency: CbcMain1 keeps some global state; do not run two solves in
//   parallel threads of one process.
// - Relaxation hook: a CbcHeuristic subclass (RelaxationHeuristic) added with
//   CbcModel::addHeuristic before CbcMain0/CbcMain1 is run by the standard
//   strategy with -preprocess off, with -threads 0 and with 2 threads, and
//   even with "-heuristicsOnOff off" (tests/solver/test_solver.cpp). CBC runs
//   a CLONE: state is shared through the CallbackState pointer. It is called
//   at the root after the root cut loop (not after the very first LP: on
//   784-input 4x256 networks the first call came 14-19 s into the solve, so
//   the search core solves the root LP itself before CBC starts) and then at
//   some branch-and-bound nodes (29 and 43 calls in 10 and 20 s on 18x18 networks).
//   model_->solver()->getColSolution() is the LP solution of that node
//   (fractional binaries, the model's own column indices); the call must
//   check isProvenOptimal(). Returning 1 with a better objective (CBC's
//   minimize form) makes the vector the incumbent: the `heuristicSolution`
//   event then fires with it, so the incumbent callback sees it like any
//   other. A candidate that fails our own feasibility check is never handed
//   over. Sub-MIPs of CBC's heuristics (parentModel() != nullptr) are skipped.
// - Bounds: CBC prunes every node that cannot beat the incumbent by its
//   "cutoff increment" (default 1e-5, absolute) and stops within its allowable
//   gaps (1e-10 absolute, 0 relative), so getBestPossibleObjValue() can lie up
//   to their sum below the true optimum: a random network's maximum was
//   0.1323906 where CBC "proved" 0.1323878 (tests/reliability). nnmip sets the
//   increment to kCutoffIncrement and reports bestPossible weakened by the
//   increment and the gaps CBC actually used.
// - Dual tolerance: CLP accepts reduced costs up to 1e-7 as optimal; on a box
//   of width 2.8e4 that let a node LP stop 8e-6 below the true maximum, and
//   CBC "proved" it, and 1e-9 still let boxes of width 2e5 stop 8e-5 below it
//   (tests/reliability, NNMIP_SWEEP_SCALE=8). nnmip sets it to kDualTolerance.
// - Magnitudes: CLP's tolerances are absolute, so its values carry errors that
//   grow with the magnitudes in the model. On a box x in [-5.4e4, -3.8e4] with
//   weights of 1e-3 .. 0.2, CBC proved a maximum 1.04e-6 below a forward pass
//   (relative to the largest column bound, 2e-11). The reported bound is also
//   weakened by kMagnitudeAccuracy * max(1, largest finite column bound) * sum |c_j|.
#include <CbcConfig.h>

#include <CbcEventHandler.hpp>
#include <CbcHeuristic.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <OsiClpSolverInterface.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "nnmip/solver/coin_model.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip {
namespace {

using Clock = std::chrono::steady_clock;

/// CBC's cutoff increment: far below the relative 1e-6 at which nnmip calls a value optimal.
constexpr double kCutoffIncrement = 1e-9;
/// CLP's dual feasibility tolerance (its default is 1e-7; see the notes above).
constexpr double kDualTolerance = 1e-10;

/// Accuracy of CLP's values relative to the largest magnitude in the model (see above).
constexpr double kMagnitudeAccuracy = 1e-9;

/// kMagnitudeAccuracy * max(1, largest finite column bound) * sum_j |c_j|: how far a
/// value CBC computes may lie from the exact one.
double magnitude_slack(const MilpModel& model) {
  double magnitude = 1.0, objective_norm = 0.0;
  for (const Column& c : model.columns()) {
    if (std::isfinite(c.lower)) magnitude = std::max(magnitude, std::abs(c.lower));
    if (std::isfinite(c.upper)) magnitude = std::max(magnitude, std::abs(c.upper));
    objective_norm += std::abs(c.objective);
  }
  return kMagnitudeAccuracy * magnitude * objective_norm;
}

/// Largest row/bound/integrality violation for a MIP start to count as feasible.
constexpr double kStartTolerance = 1e-6;

bool same_point(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t j = 0; j < a.size(); ++j)
    if (std::abs(a[j] - b[j]) > 1e-9) return false;
  return true;
}

/// An objective value of CBC's (minimization form) in the model's own sense.
double from_coin_objective(double value, const MilpModel& model) {
  if (std::abs(value) >= 1e30) value = value > 0 ? kInfinity : -kInfinity;
  return coin::sense_sign(model.sense) * value + model.objective_offset;
}

/// State shared by the event handler and all its clones (CbcMain1 clones the
/// handler it is given, and threads clone again).
struct CallbackState {
  const MilpModel* model = nullptr;
  const IncumbentCallback* on_incumbent = nullptr;
  const RelaxationHook* on_relaxation = nullptr;
  const ProgressCallback* on_progress = nullptr;
  SolveProgress last_progress;  // what the last event said
  double last_progress_s = -1e9;
  long relaxations_seen = 0;
  Clock::time_point start;
  std::mutex mutex;
  std::vector<double> last_reported;
  bool has_reported = false;
  bool stop_requested = false;
  std::exception_ptr error;  // exception thrown by the callback, rethrown after the solve

  double elapsed_s() const { return std::chrono::duration<double>(Clock::now() - start).count(); }

  /// Passes an incumbent to the user's callback unless it repeats the last one.
  /// Returns true when the search should stop. Caller holds no lock.
  bool report(std::vector<double> values) {
    std::lock_guard<std::mutex> lock(mutex);
    if (stop_requested) return true;  // nothing reaches the callback after a stop
    if (has_reported && same_point(values, last_reported)) return false;
    for (double v : values)
      if (!std::isfinite(v)) return false;
    if (model->max_violation(values) > kStartTolerance) return false;  // see the CLP deadline
    last_reported = values;
    has_reported = true;
    if (on_incumbent == nullptr || !*on_incumbent) return false;
    const double objective = model->objective_value(values);
    try {
      if ((*on_incumbent)(values, objective, elapsed_s()) == CallbackAction::stop) stop_requested = true;
    } catch (...) {
      error = std::current_exception();
      stop_requested = true;
    }
    return stop_requested;
  }

  /// Passes an LP relaxation to the user's hook; returns its candidate when
  /// the hook proposes a feasible one. Caller holds no lock.
  std::optional<std::vector<double>> relax(std::vector<double> lp_values) {
    std::lock_guard<std::mutex> lock(mutex);
    if (stop_requested || on_relaxation == nullptr || !*on_relaxation) return std::nullopt;
    ++relaxations_seen;
    RelaxationReply reply;
    try {
      reply = (*on_relaxation)(lp_values, elapsed_s());
    } catch (...) {
      error = std::current_exception();
      stop_requested = true;
      return std::nullopt;
    }
    if (reply.action == CallbackAction::stop) stop_requested = true;
    if (!reply.candidate || static_cast<int>(reply.candidate->size()) != model->num_columns()) return std::nullopt;
    for (double v : *reply.candidate)
      if (!std::isfinite(v)) return std::nullopt;
    if (model->max_violation(*reply.candidate) > kStartTolerance) return std::nullopt;
    return reply.candidate;
  }

  /// Notes where the main model's search stands (from one of its events) and
  /// tells the progress callback, at most once a second.
  void progress(const CbcModel& cbc) {
    std::lock_guard<std::mutex> lock(mutex);
    if (on_progress == nullptr || !*on_progress) return;
    last_progress.nodes = cbc.getNodeCount();
    if (cbc.bestSolution() != nullptr) last_progress.incumbent = from_coin_objective(cbc.getObjValue(), *model);
    const double bound = from_coin_objective(cbc.getBestPossibleObjValue(), *model);
    if (std::isfinite(bound)) last_progress.bound = bound;
    tell_progress();
  }

  /// The progress ticker's call (ProgressTicker): what the last event said, now.
  void tick() {
    std::lock_guard<std::mutex> lock(mutex);
    if (on_progress != nullptr && *on_progress) tell_progress();
  }

  /// A stop the user asked for (Ctrl-C) ends the solve like its time limit: no proof.
  bool should_stop() {
    std::lock_guard<std::mutex> lock(mutex);
    return stop_requested || interrupt_requested();
  }

 private:
  /// A display only: an exception from the callback is dropped. Caller holds the lock.
  void tell_progress() {
    const double now = elapsed_s();
    if (now - last_progress_s < 1.0) return;
    last_progress_s = now;
    last_progress.elapsed_s = now;
    try {
      (*on_progress)(last_progress);
    } catch (...) {
    }
  }
};

/// Calls the progress callback about once a second from a thread of its own while
/// CBC runs: CBC's root LP and cut passes send no event for tens of seconds on
/// large models (measured: none in 22 s of a 1000-input 4x100 maximization). It
/// repeats what the last event said, with the time now, under the state's lock
/// (the lock every callback into nnmip runs under).
class ProgressTicker {
 public:
  explicit ProgressTicker(std::shared_ptr<CallbackState> state) : state_(std::move(state)) {
    if (state_->on_progress == nullptr || !*state_->on_progress) return;
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {  // a display only: the solve goes on without it
    }
  }
  ~ProgressTicker() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) {
      lock.unlock();
      state_->tick();
      lock.lock();
    }
  }
  std::shared_ptr<CallbackState> state_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

/// Reports incumbents and carries out stop requests. A stop is returned from
/// the incumbent event itself, from every later `node` / `treeStatus` event,
/// and CBC's time limit is set to zero so that a root cut loop or a heuristic
/// in progress ends too (see "Stop" at the top of this file).
class IncumbentEvents : public CbcEventHandler {
 public:
  explicit IncumbentEvents(std::shared_ptr<CallbackState> state) : state_(std::move(state)) {}
  IncumbentEvents(const IncumbentEvents&) = default;
  CbcEventHandler* clone() const override { return new IncumbentEvents(*this); }

  CbcAction event(CbcEvent which) override {
    switch (which) {
      case solution:
      case heuristicSolution: return report_best() ? request_stop() : noAction;
      case node:
      case treeStatus:
        // An incumbent a heuristic's sub-MIP hands to the main model arrives
        // without an event of its own: catch it at the next node.
        if (report_best()) return request_stop();
        if (state_->should_stop()) return request_stop();
        if (model_->parentModel() == nullptr) state_->progress(*model_);
        return noAction;
      default:  // root cut passes and heuristics: no node events yet, but time to show progress
        if (model_->parentModel() == nullptr) state_->progress(*model_);
        return noAction;
    }
  }

 private:
  /// Reports the main model's incumbent when it is new; true when the search should stop.
  bool report_best() {
    // Sub-MIPs of CBC's heuristics (RINS, RENS, ...) run with a clone of this
    // handler on models with other columns: their incumbents are not ours.
    if (model_->parentModel() != nullptr) return false;
    const double* best = model_->bestSolution();
    const int n = state_->model->num_columns();
    if (best == nullptr || model_->getNumCols() != n) return false;
    // Cheap filter before comparing whole vectors: has the objective moved?
    const double objective = model_->getObjValue();
    if (objective == last_objective_) return false;
    last_objective_ = objective;
    return state_->report(std::vector<double>(best, best + n));
  }

  CbcAction request_stop() {
    model_->setMaximumSeconds(0.0);
    return stop;
  }

  std::shared_ptr<CallbackState> state_;
  double last_objective_ = std::numeric_limits<double>::quiet_NaN();
};

/// The relaxation hook as a CBC heuristic (see "Relaxation hook" at the top of
/// this file): reads the LP solution of the node CBC has just solved, asks the
/// hook for a candidate and hands it to CBC when it beats the cutoff.
class RelaxationHeuristic : public CbcHeuristic {
 public:
  explicit RelaxationHeuristic(std::shared_ptr<CallbackState> state) : state_(std::move(state)) {
    setHeuristicName("nnmip relaxation hook");
  }
  RelaxationHeuristic(const RelaxationHeuristic&) = default;
  RelaxationHeuristic& operator=(const RelaxationHeuristic&) = delete;
  CbcHeuristic* clone() const override { return new RelaxationHeuristic(*this); }
  void resetModel(CbcModel* model) override { model_ = model; }

  /// objective_value: CBC's cutoff on entry (CBC minimizes); a better candidate
  /// is written to new_solution with its objective, and 1 is returned.
  int solution(double& objective_value, double* new_solution) override {
    if (model_ == nullptr || model_->parentModel() != nullptr) return 0;  // a heuristic's sub-MIP
    state_->progress(*model_);
    const OsiSolverInterface* lp = model_->solver();
    const int n = state_->model->num_columns();
    if (lp == nullptr || lp->getNumCols() != n || !lp->isProvenOptimal()) return 0;
    const double* values = lp->getColSolution();
    const std::optional<std::vector<double>> candidate = state_->relax(std::vector<double>(values, values + n));
    if (state_->should_stop()) model_->setMaximumSeconds(0.0);
    if (!candidate) return 0;
    const MilpModel& model = *state_->model;
    const double coin_objective =
        coin::sense_sign(model.sense) * (model.objective_value(*candidate) - model.objective_offset);
    if (!(coin_objective < objective_value)) return 0;
    std::copy(candidate->begin(), candidate->end(), new_solution);
    objective_value = coin_objective;
    return 1;
  }

 private:
  std::shared_ptr<CallbackState> state_;
};

// --- options.many_solutions -------------------------------------------------
// Goal (Algorithm 2 evaluates every incumbent on another network): make CBC
// report as many distinct incumbents as it can, like Gurobi's PoolSearchMode=1,
// PoolSolutions=1000, MIPFocus=1 in the paper. CBC only reports improving
// incumbents (no solution pool), so the only lever is heuristics.
// Measured: distinct incumbents reported to the callback, summed over 3 seeds,
// 10 s each, correlated multi-constraint 0/1 knapsacks (the test generator),
// CBC 2.10.8 on 2 cores.
// (a) with "-threads 1" (CBC's thread machinery, 1 worker; 3-4x slower):
//   100 items x 10 rows                      distinct  mean final objective
//   (CBC default)                                18        1999.2
//   -nodeStrategy depth                          17        1998.6
//   -proximity on                                17        1999.2
//   -Rins often                                  18        1999.2
//   -combineSolutions both                       18        2000.1
//   -cutsOnOff off                               18        2000.3
//   -Dins on -VndVariableNeighborhoodSearch on   19        1998.9
//   -DivingSome on                               24        2000.3
//   -nodeStrategy depth -proximity on
//       -Rins often -DivingSome on               24        2000.3
//   -localTreeSearch on                   aborts (CbcCompareBase assertion)
//   -pivotAndFix / -randomizedRounding / -naiveHeuristics on:
//       print to stdout whatever -log says: unusable here
//   150 items x 10 rows
//   (CBC default)                                13        3000.9
//   -DivingSome on                               18        2998.8
//   -DivingSome both                             19        2998.9
//   -nodeStrategy depth -DivingSome on           19        2998.9
//   -DivingSome on -Dins on -Vnd on              12        2997.1
//   -DivingSome on -Rins often -proximity on     20        2999.3
// (b) with the serial code ("-threads 0", what threads = 1 now runs):
//                                          100x10  150x10  (distinct)
//   (CBC default)                               24      18
//   -DivingSome on                              25      16
//   -DivingSome on -Rins often -proximity on    26      16
//   + -nodeStrategy depth                       26      16
// Chosen: -DivingSome on -Rins often (-proximity on was dropped: CBC's
// proximity search aborted the process in a CLP assertion,
// ClpPrimalColumnSteepest.cpp:727 `reducedCost(bestSequence) < 0.0`, in its
// small branch and bound at the root of the medium campaign's 1000-4x100
// maximization through the 0.9 unstructured surrogate, every time; known
// upstream, e.g. coin-or/Clp#59). Honest summary: with the serial code the
// gain is within seed-to-seed noise (42 vs 42 in total); it only helped the
// slower threaded code. Re-measure on the function-maximization models of
// Algorithm 2 before relying on it.
const std::vector<std::string> kManySolutionsArguments = {"-DivingSome", "on", "-Rins", "often"};

class CbcSolver final : public MilpSolver {
 public:
  explicit CbcSolver(CbcOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "cbc"; }
  std::string version() const override { return CBC_VERSION; }

  SolveResult solve(const MilpModel& model, const SolverOptions& options, const IncumbentCallback& on_incumbent,
                    const std::optional<std::vector<double>>& mip_start, const RelaxationHook& on_relaxation) override;

 private:
  CbcOptions options_;
};

std::vector<std::string> cbc_arguments(const SolverOptions& options, const CbcOptions& cbc) {
  std::vector<std::string> args = {"nnmip"};
  // -log must come first: CbcMain1 looks for it before printing its banner.
  args.insert(args.end(), {"-log", std::to_string(std::max(0, options.log_level))});
  args.insert(args.end(), {"-timeMode", "elapsed"});
  args.insert(args.end(), {"-sec", std::to_string(std::max(0.0, options.time_limit_s))});
  if (options.node_limit >= 0) args.insert(args.end(), {"-maxNodes", std::to_string(options.node_limit)});
  // CBC: 0 = serial code, n = n threads, 100 + n = n threads with a repeatable
  // search. One thread -> 0 (1 would run the thread machinery with one worker).
  const int threads = options.threads <= 1 ? 0 : 100 + options.threads;
  args.insert(args.end(), {"-threads", std::to_string(threads)});
  // Seed 0 means "time of day" to both CLP and CBC: map every seed to a
  // positive one (nnmip seed 0 -> CLP's default 1234567, CBC 1).
  const long positive = (static_cast<long>(options.random_seed) % 1000000000L + 1000000000L) % 1000000000L;
  args.insert(args.end(), {"-randomSeed", std::to_string(1234567L + positive)});
  args.insert(args.end(), {"-randomCbcSeed", std::to_string(1L + positive)});
  args.insert(args.end(), {"-preprocess", "off"});
  for (const auto& [flag, value] :
       {std::pair{"-increment", kCutoffIncrement}, std::pair{"-dualTolerance", kDualTolerance}}) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);  // std::to_string would print 0.000000
    args.insert(args.end(), {flag, text});
  }
  if (options.many_solutions) args.insert(args.end(), kManySolutionsArguments.begin(), kManySolutionsArguments.end());
  args.insert(args.end(), cbc.extra_arguments.begin(), cbc.extra_arguments.end());
  args.insert(args.end(), {"-solve", "-quit"});
  return args;
}

SolveResult CbcSolver::solve(const MilpModel& model, const SolverOptions& options,
                             const IncumbentCallback& on_incumbent, const std::optional<std::vector<double>>& mip_start,
                             const RelaxationHook& on_relaxation) {
  auto state = std::make_shared<CallbackState>();
  state->model = &model;
  state->on_incumbent = &on_incumbent;
  state->on_relaxation = &on_relaxation;
  state->on_progress = &options.on_progress;
  state->start = Clock::now();

  if (mip_start && static_cast<int>(mip_start->size()) != model.num_columns())
    throw Error("MIP start has " + std::to_string(mip_start->size()) + " values, the model " +
                std::to_string(model.num_columns()) + " columns");

  // CBC does not report a MIP start through the event handler (its incumbent
  // events fire on a temporary model whose bestSolution() is still empty), so a
  // feasible start is reported here as the first incumbent, at elapsed ~0.
  bool start_reported = false;
  if (mip_start && model.max_violation(*mip_start) <= kStartTolerance) {
    start_reported = true;
    if (state->report(*mip_start)) {
      if (state->error) std::rethrow_exception(state->error);
      SolveResult result;
      result.status = SolveStatus::stopped_by_callback;
      result.has_solution = true;
      result.solution = *mip_start;
      result.objective = model.objective_value(*mip_start);
      result.bound = model.sense == Sense::maximize ? kInfinity : -kInfinity;
      result.solve_time_s = state->elapsed_s();
      return result;
    }
  }

  OsiClpSolverInterface solver;
  coin::load_model(model, coin::ObjectiveForm::minimize, solver);

  coin::silence(solver);

  CbcModel cbc(solver);
  if (options.log_level <= 0) cbc.setLogLevel(0);
  cbc.solver()->messageHandler()->setLogLevel(options.log_level <= 0 ? 0 : 1);

  if (mip_start) {
    const std::vector<std::string> names = coin::column_names(model);
    std::vector<std::pair<std::string, double>> start;
    start.reserve(names.size());
    for (int j = 0; j < model.num_columns(); ++j) start.emplace_back(names[j], (*mip_start)[j]);
    cbc.setMIPStart(start);
  }

  IncumbentEvents events(state);
  cbc.passInEventHandler(&events);
  if (on_relaxation) {
    RelaxationHeuristic heuristic(state);
    cbc.addHeuristic(&heuristic);  // CBC keeps a clone
  }

  const std::vector<std::string> args = cbc_arguments(options, options_);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());

  CbcSolverUsefulData data;
  data.noPrinting_ = options.log_level <= 0;
  data.useSignalHandler_ = false;
  CbcMain0(cbc, data);
  if (options.log_level <= 0) cbc.setLogLevel(0);
  // CBC checks "-sec" between its phases only: single LP solves of large models
  // ran minutes past a 5 s limit (root and node LPs of the 1000- and
  // 10000-input maximization networks). A wall-clock deadline on CLP, a grace
  // period after the limit, ends them. An LP cut short can leave CBC with an
  // infeasible "incumbent", so every vector is checked against the model before
  // it is reported or returned (CallbackState::report, end of solve()).
  const double grace = std::max(1.0, 0.05 * options.time_limit_s);
  if (auto* clp = dynamic_cast<OsiClpSolverInterface*>(cbc.solver()))
    clp->getModelPtr()->setMaximumWallSeconds(std::max(0.0, options.time_limit_s + grace - state->elapsed_s()));
  {
    const ProgressTicker ticker(state);
    CbcMain1(
        static_cast<int>(argv.size()), argv.data(), cbc, [](CbcModel*, int) { return 0; }, data);
  }

  if (state->error) std::rethrow_exception(state->error);

  SolveResult result;
  result.solve_time_s = state->elapsed_s();
  result.nodes = cbc.getNodeCount();
  result.relaxations_seen = state->relaxations_seen;
  const double* best = cbc.bestSolution();
  if (best != nullptr) {
    result.has_solution = true;
    result.solution.assign(best, best + model.num_columns());
    // An LP cut short by the deadline can leave an infeasible vector: fall back
    // to the last incumbent that passed the check.
    if (model.max_violation(result.solution) > kStartTolerance) {
      result.has_solution = state->has_reported;
      result.solution = state->last_reported;
    }
    if (result.has_solution) result.objective = model.objective_value(result.solution);
  }
  // A feasible start that CBC rejected (its tolerances differ from ours) is
  // still a solution: keep whichever is better.
  if (start_reported) {
    const double start_objective = model.objective_value(*mip_start);
    const bool start_better =
        !result.has_solution ||
        (model.sense == Sense::maximize ? start_objective > result.objective : start_objective < result.objective);
    if (start_better) {
      result.has_solution = true;
      result.solution = *mip_start;
      result.objective = start_objective;
    }
  }
  // What CBC pruned without exploring could be better by the increment and the gaps,
  // and its values are only as accurate as the magnitudes allow (see above).
  const double slack = cbc.getCutoffIncrement() + cbc.getAllowableGap() +
                       cbc.getAllowableFractionGap() * std::abs(cbc.getBestPossibleObjValue()) + magnitude_slack(model);
  result.bound = from_coin_objective(cbc.getBestPossibleObjValue() - slack, model);
  // A stop request that came after CBC had already proven optimality (or
  // infeasibility) is reported as that proof.
  if (cbc.isProvenOptimal()) {
    result.status = SolveStatus::optimal;
  } else if (cbc.isProvenInfeasible()) {
    result.status = SolveStatus::infeasible;
  } else if (state->stop_requested) {
    result.status = SolveStatus::stopped_by_callback;
  } else if (cbc.isNodeLimitReached()) {
    result.status = SolveStatus::node_limit;
  } else {
    result.status = SolveStatus::time_limit;
  }
  // CBC fires no incumbent event when there is no branch and bound at all (a
  // model without integer columns): the final solution is then reported here,
  // once, so that the callback sees every solution the solve returns.
  if (result.has_solution && !state->stop_requested) {
    state->report(result.solution);
    if (state->error) std::rethrow_exception(state->error);
  }
  return result;
}

}  // namespace

std::unique_ptr<MilpSolver> make_cbc_solver(const CbcOptions& options) { return std::make_unique<CbcSolver>(options); }

}  // namespace nnmip
