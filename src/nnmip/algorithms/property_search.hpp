#pragma once
// Deciding a property (property/property.hpp) with the search core: each case
// is an input domain with a disjunction of output conjunctions, and
//   sat   <=>  some case has an x in its domain with S(N(x)) >= 0.
// The property is compiled into the network (property/property_network.hpp),
// so one search maximizes S(N(x)) over the case's domain, its goal is
// S >= 0, and everything the search core does (bounds, quick symbolic proof,
// heuristics, MIP start, surrogate ladder) applies unchanged.
//
// Disjuncts are searched jointly (one MILP for the whole disjunction of a
// case) or separately (one MILP per disjunct, sharing nothing but the clock,
// most promising first: by S at the case's start point). The search stops at
// the first counterexample. Time: each MILP gets what is left of the time
// limit divided by the MILPs still to run, so time a quick MILP leaves flows
// to the next; a MILP that ran out of time runs again (from scratch) with its
// share of what is left after the round, when that share is at least
// kRetryGrowth times its last one (measured in bench/disjuncts.sh: without the
// retry, a target that timed out after 3.3 s of 30 s left the rest unused).
//
// What is proven:
//   sat:    an input of some case's domain whose forward pass through the dense
//           network satisfies one of the case's disjuncts, re-checked on N's own
//           outputs (not the compiled network's) after the search;
//   unsat:  every MILP ran on the dense network's own model (not only on a
//           surrogate) and proved max S < 0 (or the symbolic bound did);
//   unknown: anything else.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/search.hpp"
#include "nnmip/property/property.hpp"

namespace nnmip {

enum class PropertyVerdict { sat, unsat, unknown };

/// A timed-out MILP is retried only with at least this many times its last budget.
inline constexpr double kRetryGrowth = 2.0;
const char* to_string(PropertyVerdict verdict);

/// One case, with the domain the MILP models (a box, or a ball cut to a box).
struct PropertyCaseDomain {
  InputDomain domain;
  std::vector<Conjunction> disjuncts;
  Vector start;  // where the heuristics start (e.g. the ball's centre); empty: the box centre
};

/// What one MILP (a disjunct, or a case's whole disjunction) established.
struct PropertyPartOutcome {
  int case_index = 0;
  std::vector<int> disjuncts;  // indices into the case's disjuncts
  PropertyVerdict verdict = PropertyVerdict::unknown;
  double start_s = 0.0;  // when it started, since decide_property began
  double time_s = 0.0;
  SolveStatus solver_status = SolveStatus::time_limit;
  std::optional<double> bound;           // trusted upper bound of S over the domain (the solved network's)
  std::optional<double> best;            // best S a forward pass of D reached
  std::optional<double> solver_best;     // the solver's best S (the solved network's)
  std::optional<double> symbolic_bound;  // the quick proof's bound
  int ladder_steps = 0;
  ModelStats model;
};

struct PropertyResult {
  PropertyVerdict verdict = PropertyVerdict::unknown;
  /// sat: the counterexample, N's outputs there, and which case / disjunct it satisfies.
  std::optional<Vector> counterexample;
  Vector output;
  int case_index = -1;
  int disjunct = -1;
  std::optional<double> time_to_sat_s;
  /// The best S seen (the counterexample's when sat) and its input.
  std::optional<double> best_satisfaction;
  Vector best_input;
  /// One per MILP of the plan, in plan order (a retried one: its last run); after a
  /// counterexample, the MILPs that never ran are left out.
  std::vector<PropertyPartOutcome> parts;
  std::vector<IncumbentRecord> incumbents;  // times since decide_property began
  HeuristicStats heuristics;
  double build_time_s = 0.0;
  double total_time_s = 0.0;
  std::vector<std::string> warnings;
};

/// Decides the property on `dense`; with a surrogate, Algorithm 1's scheme per
/// MILP (solve the surrogate's, judge on D; a ladder continues with denser
/// networks, nullptr = D). Throws nnmip::Error for shapes that do not match.
PropertyResult decide_property(const Network& dense, const std::vector<PropertyCaseDomain>& cases,
                               const SearchOptions& options, MilpSolver& solver, const Network* surrogate = nullptr,
                               const std::vector<const Network*>& ladder = {});

}  // namespace nnmip
