#pragma once
// Verification search: is there an input in the ball (cut to the domain)
// where a target class reaches the true class's score? Decided as a property
// (property_search.hpp) with one disjunct y_j - y_{j'} <= 0 per target class j':
// one target (the paper's eq. 7) or every other class (untargeted robustness).
// Directly on the network, or through a sparse surrogate S (Algorithm 1): the
// solver works on the MILP of S, every incumbent's input is judged by a forward
// pass of D, and the first input where D's margin max_{j'} y_{j'} - y_j >= 0
// stops the search and is returned.
//
// What is proven:
//   misclassified: x0 itself already has a target class at or above the true
//                class (no search);
//   adversarial: an input in the ball and the domain with D's margin >= 0 (re-checked);
//   robust:      only when every target's MILP was D's own (a direct solve, or a
//                ladder ending with D) and proved max margin < 0;
//   unknown:     everything else - in particular every surrogate run that found no
//                dense-adversarial input, since a proof about S is no proof about D.
#include <optional>
#include <string>
#include <vector>

#include "nnmip/algorithms/property_search.hpp"

namespace nnmip {

enum class VerificationStatus { adversarial, robust, unknown, misclassified };
const char* to_string(VerificationStatus status);

/// What was established about one target class.
struct TargetOutcome {
  int target = 0;
  PropertyVerdict verdict = PropertyVerdict::unknown;  // sat: reaches the true class; unsat: cannot
  std::optional<double> bound;                         // trusted upper bound of y_{j'} - y_j (the solved network's)
  double time_s = 0.0;
  bool searched = false;  // false: the time ran out (or an earlier target was adversarial) first
};

struct VerificationResult {
  VerificationStatus status = VerificationStatus::unknown;
  std::vector<int> targets;               // the classes j' asked about
  std::optional<int> adversarial_class;   // the j' that reached j at `input`
  std::vector<TargetOutcome> per_target;  // in the order the search took them
  bool used_surrogate = false;
  std::optional<double> time_to_first_adversarial_s;  // since the search (bound computation included) started
  double solve_time_s = 0.0;                          // the search after the bounds: heuristics and MILPs
  double build_time_s = 0.0;                          // bounds + model building
  SolveStatus solver_status = SolveStatus::time_limit;
  /// On the SOLVED network's margin (S's for a surrogate run), over all targets;
  /// nullopt when some target's solver gave none or it failed the checks of trusted_bound.
  std::optional<double> solver_bound;
  std::optional<double> solver_best;  // the solved network's best margin the solvers found
  /// The symbolic upper bound of the solved network's margin, over all targets;
  /// < 0 is a proof without a MILP (robust when that network is D).
  std::optional<double> symbolic_bound;
  Vector input;               // the adversarial input, or the best incumbent, or x0
  Vector output;              // D(input), the dense network's outputs there
  double dense_margin = 0.0;  // D's max_{j'} y_{j'} - y_j at `input`
  double distance = 0.0;      // ||input - x0|| in the problem's norm
  std::vector<IncumbentRecord> incumbents;
  HeuristicStats heuristics;
  int ladder_steps = 0;  // MILPs solved (1 per target without a ladder)
  ModelStats model;      // of the first MILP
  std::vector<std::string> warnings;
};

/// y_j - y_{j'} <= 0 for every target j' of the problem: "j' reaches j's score".
std::vector<Conjunction> reach_disjuncts(const Network& network, const VerificationProblem& problem);

/// The question as a property (VNN-LIB's form): the ball cut to the domain as the
/// input box, and the reach disjuncts. Only for the L-infinity norm (an L1 ball is
/// not a box); throws nnmip::Error otherwise.
Property verification_property(const Network& network, const VerificationProblem& problem);

/// Solves VNN(D) directly when surrogate is null, else runs Algorithm 1 with S;
/// `ladder` lists the denser networks to continue with (nullptr = D), see run_ladder.
VerificationResult verify(const Network& dense, const VerificationProblem& problem, const SearchOptions& options,
                          MilpSolver& solver, const Network* surrogate = nullptr,
                          const std::vector<const Network*>& ladder = {});

}  // namespace nnmip
