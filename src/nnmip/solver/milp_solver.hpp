#pragma once
// The solver interface: what nnmip needs from a MILP solver, and nothing more.
// Only the adapters (cbc_solver.cpp) include solver headers; another solver
// (HiGHS, SCIP, Gurobi) implements the same interface and registers itself in
// solver_registry.hpp.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/milp/model.hpp"

namespace nnmip {

/// Where a running solve stands, for a progress display: not a result (the
/// final incumbent and bound are in SolveResult, after the adapter's checks).
/// Objectives are in the model's own sense.
struct SolveProgress {
  double elapsed_s = 0.0;
  std::optional<double> incumbent;  // the best objective found so far
  std::optional<double> bound;      // the solver's current dual bound
  long nodes = 0;
};
using ProgressCallback = std::function<void(const SolveProgress&)>;

struct SolverOptions {
  double time_limit_s = 300.0;
  /// Branch-and-bound nodes per MILP solve (0: the root only); -1: no limit.
  /// Unlike the time limit, it stops every machine at the same point.
  long node_limit = -1;
  int threads = 1;
  int random_seed = 0;
  int log_level = 0;  // 0 = silent, 1 = solver summary, 2+ = full solver log
  /// Settings that make the solver report many distinct incumbents (Algorithm 2;
  /// the paper used Gurobi's PoolSearchMode). See cbc_solver.cpp for CBC's choice.
  bool many_solutions = false;
  /// When set, called about once a second while the solver runs.
  ProgressCallback on_progress;
};

/// What the incumbent callback tells the solver.
enum class CallbackAction { keep_going, stop };

/// Called for every new incumbent with the full column vector, the objective in
/// the model's own sense and the seconds since the solve started.
using IncumbentCallback =
    std::function<CallbackAction(const std::vector<double>& values, double objective, double elapsed_s)>;

/// What the relaxation hook hands back to the solver: a candidate incumbent
/// (a full column vector; the solver takes it when it is feasible and better
/// than its incumbent) and whether the search should stop.
struct RelaxationReply {
  std::optional<std::vector<double>> candidate;
  CallbackAction action = CallbackAction::keep_going;
};

/// Called with the solution of an LP relaxation the solver has just solved (at
/// the root and at branch-and-bound nodes; the full column vector, integer
/// columns fractional) and the seconds since the solve started. The solver
/// passes every candidate it takes as an incumbent to the IncumbentCallback
/// too, like any incumbent of its own. Hooks must be cheap or throttle
/// themselves: the solver calls them often.
using RelaxationHook = std::function<RelaxationReply(const std::vector<double>& lp_values, double elapsed_s)>;

/// How the solve ended. Kept apart from "did the call work" (errors throw).
enum class SolveStatus {
  optimal,              // proven optimal
  infeasible,           // proven infeasible
  time_limit,           // limit reached (solution may or may not exist)
  node_limit,           // SolverOptions::node_limit reached (likewise)
  stopped_by_callback,  // the callback asked to stop
};
const char* to_string(SolveStatus status);

struct SolveResult {
  SolveStatus status = SolveStatus::time_limit;
  bool has_solution = false;
  std::vector<double> solution;  // best incumbent, indexed like the model's columns
  double objective = 0.0;        // in the model's sense
  double bound = 0.0;            // dual bound in the model's sense (+-inf if none)
  double solve_time_s = 0.0;
  long nodes = 0;
  long relaxations_seen = 0;  // LP relaxations passed to the relaxation hook
};

class MilpSolver {
 public:
  virtual ~MilpSolver() = default;
  virtual std::string name() const = 0;
  /// The solver library's version, recorded with every result ("2.10.8").
  virtual std::string version() const = 0;
  /// Solves the model. mip_start, when given, is a full column vector the
  /// solver may use as its first incumbent; on_relaxation, when set, sees the
  /// LP relaxations and may propose incumbents.
  virtual SolveResult solve(const MilpModel& model, const SolverOptions& options, const IncumbentCallback& on_incumbent,
                            const std::optional<std::vector<double>>& mip_start,
                            const RelaxationHook& on_relaxation = {}) = 0;
};

/// Optimizes linear objectives over the LP relaxation of one model (used for
/// LP-based bound tightening). Integer columns are relaxed.
class LpRelaxation {
 public:
  virtual ~LpRelaxation() = default;
  /// max (or min) sum coefficients[k] * v[indices[k]]; returns nullopt if the LP
  /// could not be solved to optimality within time_limit_s (wall clock, this LP).
  virtual std::optional<double> optimize(const std::vector<int>& indices, const std::vector<double>& coefficients,
                                         Sense sense, double time_limit_s = kInfinity) = 0;
};

/// The optimum of a linear program: the model with its integer columns relaxed.
struct LpSolution {
  std::vector<double> values;
  double objective = 0.0;  // in the model's sense, offset included
};
/// Solves the LP relaxation of the model within a wall-clock limit; nullopt
/// when it was not solved to optimality (infeasible, unbounded, limit, numerics).
std::optional<LpSolution> solve_lp(const MilpModel& model, double time_limit_s);

/// The LP solver behind LP-based bound tightening (CLP today; clp_relaxation.cpp).
/// MILP solvers are made by name: solver_registry.hpp.
std::unique_ptr<LpRelaxation> make_lp_relaxation(const MilpModel& model);

enum class ModelFileFormat { mps, lp };
/// Writes the model as MPS or LP so another solver can read it.
void write_model_file(const MilpModel& model, const std::string& path, ModelFileFormat format);

}  // namespace nnmip
