#pragma once
// The search both algorithms run (verify = Algorithm 1, maximize = Algorithm 2,
// and their direct solves): the solver works on the MILP of the "solved"
// network (D, or a surrogate S), and every input it or a heuristic proposes is
// judged on the dense network D by a forward pass:
//   f(x) = c^T D(x)   (a property: D is the property network of
//                      property/property_network.hpp and c = e_0; maximize: c = e_k),
// keeping the best x. A goal threshold (a property: S(N(x)) >= 0, sat) ends the
// whole search at the first point that reaches it; maximize has none.
//
// One search may solve several MILPs in turn (a surrogate ladder: S at rate
// 0.9, then 0.5, then D), sharing the clock, the best point and the records.
//
// Per MILP, with the heuristics of options.heuristics (heuristic_options.hpp):
//   0. a quick proof: when the symbolic upper bound of f (over the domain, from
//      the model's activation bounds) is below the goal threshold, no point
//      can reach the goal: the MILP is "solved" (optimal, bound = that bound)
//      without running, in milliseconds. About the solved network only: a
//      surrogate's proof is never a proof about D (verify checks the rung);
//   1. before the solver (within kPreSolveShare of the limit): the start point,
//      gradient ascent from it and from random points, the root LP's input and
//      the polish of the best of them;
//   2. the MIP start: a forward pass of the solved network at the best point;
//   3. inside the solver, the relaxation hook: every node LP's input, polished
//      (and, with gradient, climbed), handed back as a candidate incumbent;
//      throttled to kHookShare of the elapsed time.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/util/interrupt.hpp"
#include "nnmip/util/log.hpp"

namespace nnmip {

struct SearchGoal {
  Vector output_weights;          // c
  std::optional<double> goal_at;  // the goal: f(x) >= goal_at
  /// How the progress line names f, and its sign in the user's terms (-1: a
  /// minimization, searched as max -f).
  std::string name = "value";
  double shown_sign = 1.0;
};

class Search {
 public:
  Search(const Network& dense, const InputDomain& domain, SearchGoal goal, const SearchOptions& options);

  /// Runs the heuristics before the MILP and then the MILP of `solved`
  /// (modelled by `built`) within what is left of the time limit. `source_prefix`
  /// marks the records of later ladder steps. Returns the solver's result (a
  /// time_limit result without a solution when the solver did not run).
  SolveResult solve(MilpSolver& solver, const Network& solved, const NetworkModel& built, const Vector& start_input,
                    const std::string& source_prefix = "");

  /// Starts the clock of the time limit (run_ladder: before the first bounds).
  void start_clock() { start_ = std::chrono::steady_clock::now(); }

  bool goal_reached() const { return time_to_goal_.has_value(); }
  bool has_point() const { return best_.has_value(); }
  const Vector& best_input() const { return best_->x; }
  double best_value() const { return best_->value; }
  std::optional<double> time_to_goal_s() const { return time_to_goal_; }
  std::optional<double> time_to_best_s() const { return best_ ? std::optional<double>(best_->time_s) : std::nullopt; }
  double elapsed_s() const;
  /// The time left; none once the user interrupted (util/interrupt.hpp).
  double remaining_s() const { return interrupt_requested() ? 0.0 : options_.solver.time_limit_s - elapsed_s(); }

  const std::vector<IncumbentRecord>& incumbents() const { return incumbents_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const HeuristicStats& heuristic_stats() const { return stats_; }
  /// The symbolic upper bound of f over the domain for the last MILP's network
  /// (bounds/symbolic_bounds.hpp), when the goal has a threshold.
  std::optional<double> symbolic_bound() const { return symbolic_bound_; }

 private:
  struct Point {
    Vector x;
    double value = 0.0;
    double time_s = 0.0;
  };
  /// Judges x (projected into the domain) on D and records it when the solver
  /// reported it (always_record) or it improves the best value. solver_objective
  /// is the solved network's f at x (NaN: the solved network is D, use D's value).
  /// True when the goal is reached.
  bool judge(const Vector& x, const std::string& source, double solver_objective, bool always_record);
  /// Judges a heuristic point: the solver objective is the solved network's f.
  bool judge_heuristic(const Vector& x, const std::string& source);
  void run_before_solve(const NetworkModel& built, const Vector& start_input);
  /// Climbs from x by gradient ascent (when `climb` and the gradient heuristic
  /// is on), then polishes; judges every point and returns them.
  std::vector<Vector> improve_from(const Vector& x, std::chrono::steady_clock::time_point deadline, bool climb);
  RelaxationReply on_relaxation(const std::vector<double>& lp_values, double solver_elapsed_s);
  CallbackAction on_incumbent(const std::vector<double>& values, double objective, double solver_elapsed_s);
  bool handed_to_solver(const Vector& x) const;
  /// The live status line (options.show_progress): phase, time, best f on D and,
  /// during a MILP, the solver's bound and nodes.
  void show_progress(StatusKind kind) const;

  const Network& dense_;
  InputDomain domain_;
  SearchGoal goal_;
  SearchOptions options_;
  bool mip_start_;  // options_.mip_start resolved (a goal: verification)
  std::chrono::steady_clock::time_point start_;

  // The MILP in progress.
  const Network* solved_ = nullptr;
  const NetworkModel* built_ = nullptr;
  std::string prefix_;
  double solver_offset_s_ = 0.0;
  std::vector<Vector> handed_;  // the last candidates handed to the solver
  std::optional<Vector> last_lp_input_;
  std::string phase_;  // for the progress line
  std::optional<SolveProgress> milp_progress_;

  std::optional<Point> best_;
  std::optional<double> time_to_goal_;
  std::optional<double> symbolic_bound_;
  std::vector<IncumbentRecord> incumbents_;
  std::vector<std::string> warnings_;
  HeuristicStats stats_;
  int gradient_runs_ = 0;
};

/// A sequence of MILPs on one search: `first` is the network solved first
/// (nullptr = D itself), the ladder's networks are denser surrogates (ending
/// with nullptr = D); each must have D's layer sizes (check_surrogate). The next rung runs when a
/// MILP ended (optimal or infeasible) without reaching the goal and time is left; its MIP start is
/// the best dense point so far. Without a ladder this is one MILP. The time limit covers everything
/// from the first bound computation on: LP bound tightening gets at most what is left of it, and
/// the split is in build_time_s (bounds and models) and the search's own time.
struct LadderOutcome {
  SolveResult last_solve;      // of the last MILP that ran
  bool last_on_dense = false;  // that MILP was D's own: its proofs are about D
  int steps_run = 0;           // MILPs started
  double build_time_s = 0.0;   // all model builds
  ModelStats first_model;      // the first MILP's model
};
LadderOutcome run_ladder(Search& search, MilpSolver& solver, const Network& dense, const Network* first,
                         const std::vector<const Network*>& ladder,
                         const std::function<NetworkModel(const Network&, const BoundsOptions&)>& build,
                         const SearchOptions& options, const Vector& start_input);

/// What verify's and maximize's results share, filled from the ladder and the search.
template <typename Result>
void record_search(Result& result, const LadderOutcome& run, const Search& search) {
  result.build_time_s = run.build_time_s;
  result.model = run.first_model;
  result.ladder_steps = run.steps_run;
  result.solve_time_s = search.elapsed_s() - run.build_time_s;
  result.solver_status = run.last_solve.status;
  if (run.last_solve.has_solution) result.solver_best = run.last_solve.objective;
  result.incumbents = search.incumbents();
  result.warnings = search.warnings();
  result.heuristics = search.heuristic_stats();
}

/// The solver's dual bound when it can be trusted: finite, not below the
/// solver's own incumbent, and (when the MILP was D's own) not below the best
/// value a forward pass of D reached - all in the maximize sense. Otherwise
/// nullopt, with a warning when the bound was finite (an LP cut short by the
/// deadline leaves bounds like -1e14: never reported as a bound).
std::optional<double> trusted_bound(const LadderOutcome& run, const Search& search, std::vector<std::string>& warnings);

}  // namespace nnmip
