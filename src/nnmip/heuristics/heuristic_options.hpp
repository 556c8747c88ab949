#pragma once
// Network-aware primal heuristics: which ones run, and how much time they get.
//
// Every input x of the domain completes to a feasible MILP point by a forward
// pass, so any way of proposing inputs is a primal heuristic for the MILP:
//   lp:      the input part of an LP relaxation (the root LP before the solver
//            starts, then the solver's node LPs through the relaxation hook),
//            projected into the domain;
//   polish:  from a proposed x, the best point of the dense network's
//            activation region at x (an LP), repeated across tight facets
//            (activation_region.hpp);
//   gradient: projected gradient ascent from x0 / the box centre, random
//            points and LP points (gradient_ascent.hpp).
// Levels: none (the paper's setting: the solver's own heuristics only),
// lp, lp+polish, all = lp + polish + gradient (the default).
#include <string>

namespace nnmip {

enum class HeuristicLevel { none, lp, lp_polish, all };
HeuristicLevel parse_heuristic_level(const std::string& name);
const char* to_string(HeuristicLevel level);

inline bool uses_lp(HeuristicLevel level) { return level != HeuristicLevel::none; }
inline bool uses_polish(HeuristicLevel level) {
  return level == HeuristicLevel::lp_polish || level == HeuristicLevel::all;
}
inline bool uses_gradient(HeuristicLevel level) { return level == HeuristicLevel::all; }

/// Time the heuristics may take: before the MILP, kPreSolveShare of the time
/// limit (at least kPreSolveMinimum_s); inside it, the relaxation hook runs only
/// while its total time is below kHookShare of the elapsed solve time, and one
/// call may use what that share allows at the time (at least kHookMinimum_s).
/// Measured (bench/heuristics.sh, robust instances where nothing can be found):
/// with a 5% hook share and 1.5 s per call the solves were 11% slower in total
/// (median 12%, max 58%), the heuristics taking 10.5% of the time; hence 2%.
inline constexpr double kPreSolveShare = 0.05;
inline constexpr double kPreSolveMinimum_s = 0.5;
inline constexpr double kHookShare = 0.02;
inline constexpr double kHookMinimum_s = 0.05;
/// The root LP before the solver may take up to kRootLpShare of the limit
/// (measured: 0.1-2 s on 784-input 4x64 networks; its input alone was
/// adversarial on 26 of 40 instances where CBC found 17 in 30 s).
inline constexpr double kRootLpShare = 0.10;
/// Region polish: at most this many LPs per polished point.
inline constexpr int kPolishRounds = 8;
/// Gradient ascent: random restarts and steps per start.
inline constexpr int kGradientRestarts = 8;
inline constexpr int kGradientSteps = 60;

}  // namespace nnmip
