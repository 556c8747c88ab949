#pragma once
// What the verification and maximization searches share: options, the record
// of each incumbent, and the surrogate check.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nnmip/formulation/problems.hpp"
#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/solver/milp_solver.hpp"
#include "nnmip/solver/solver_registry.hpp"

namespace nnmip {

enum class DisjunctGrouping { separate, joint };
DisjunctGrouping parse_disjunct_grouping(const std::string& name);
const char* to_string(DisjunctGrouping grouping);

/// `--mip-start`: forward, none, or auto = forward for maximize, and for verify
/// only when heuristics run. Measured (bench/formulation.sh, bench/surrogate.sh):
/// x0 is never adversarial, and handing it to CBC delays the first adversarial
/// incumbent from ~0.1 s to 1-9 s on most Fashion-MNIST instances, because CBC's
/// start heuristics then have less to do; with heuristics the start is their
/// best point, not x0; for maximize the start is a real first answer.
enum class MipStartChoice { automatic, forward, none };
MipStartChoice parse_mip_start(const std::string& name);
const char* to_string(MipStartChoice choice);  // auto, forward, none
bool use_mip_start(MipStartChoice choice, bool verification, HeuristicLevel heuristics);

/// The options of a verification or maximization search. Every field a user
/// sets is a row of search_parameters.hpp (flag, JSON key, column, run key).
struct SearchOptions {
  SolverOptions solver;
  /// The MILP solver's name in solver_registry.hpp (the caller makes the solver).
  std::string solver_name = kDefaultSolver;
  BoundsOptions bounds;
  /// Network-aware primal heuristics (heuristics/heuristic_options.hpp).
  HeuristicLevel heuristics = HeuristicLevel::all;
  /// Hand the solver a first incumbent: a forward pass at the best input known
  /// before the MILP (x0 for verify or the box centre for maximize, or a
  /// better point of the heuristics). See MipStartChoice.
  MipStartChoice mip_start = MipStartChoice::automatic;
  /// A property's disjuncts (several targets, a VNN-LIB disjunction): one MILP
  /// per disjunct (separate) or one for the whole disjunction (joint); see
  /// property_search.hpp. Measured in bench/disjuncts.sh.
  DisjunctGrouping disjuncts = DisjunctGrouping::separate;
  /// A live status line through the log sink (util/log.hpp) while searching:
  /// phase, elapsed time, the best value on D, the solver's bound and nodes.
  bool show_progress = false;
  /// Write the model that is solved to these files before solving (empty: no file).
  std::string write_mps;
  std::string write_lp;
};

/// One incumbent, judged on the dense network D: every incumbent the solver
/// reported, and every heuristic point that improved the best dense value.
struct IncumbentRecord {
  double time_s = 0.0;            // since the search (bound computation included) started
  double solver_objective = 0.0;  // the solved network's (D or S) objective at the input
  double dense_objective = 0.0;   // D's objective at the incumbent's input
  bool accepted = false;          // verify: adversarial on D; maximize: improved the best dense value
  /// start, solver, gradient, lp-forward, polish; "ladder k: " in front for
  /// the k-th denser surrogate of a ladder (k >= 1).
  std::string source = "solver";
};

/// Time and effort the heuristics took (the share is what --heuristics costs).
struct HeuristicStats {
  double before_solve_s = 0.0;  // gradient, root LP and polish before the MILP
  double hook_s = 0.0;          // inside the solver's relaxation hook
  long hook_calls = 0;          // LP relaxations the solver passed to the hook
  long hook_runs = 0;           // of which the heuristics ran (the rest: throttled or repeated)
  long points_judged = 0;       // inputs evaluated on D by the heuristics
};

/// Relative tolerance (times 1 + |value|) within which two numbers about one
/// point or one optimum agree: the solver's objective and the forward pass of
/// the solved network (beyond it: a warning), a solver bound and a reached value
/// (a bound below a reached value is dropped), and an optimum claim: `optimal`
/// needs the bound within it of the best value a forward pass reached.
inline constexpr double kAgreementTolerance = 1e-6;

/// Throws nnmip::Error unless the surrogate has the dense network's layer shapes.
void check_surrogate(const Network& dense, const Network& surrogate);

/// Writes the model files requested in the options.
void write_requested_model_files(const MilpModel& model, const SearchOptions& options);

}  // namespace nnmip
