#include "nnmip/algorithms/search_core.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "nnmip/bounds/symbolic_bounds.hpp"
#include "nnmip/heuristics/activation_region.hpp"
#include "nnmip/heuristics/gradient_ascent.hpp"
#include "nnmip/util/progress.hpp"

namespace nnmip {

namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point after(double seconds) {
  return Clock::now() +
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds)));
}

bool same_input(const Vector& a, const Vector& b) {
  return a.size() == b.size() && (a - b).cwiseAbs().maxCoeff() <= 1e-9;
}

/// Candidates handed to the solver that are remembered (to recognise them when
/// the solver reports them back as incumbents).
constexpr size_t kHandedMemory = 16;

}  // namespace

Search::Search(const Network& dense, const InputDomain& domain, SearchGoal goal, const SearchOptions& options)
    : dense_(dense),
      domain_(domain),
      goal_(std::move(goal)),
      options_(options),
      mip_start_(use_mip_start(options.mip_start, goal_.goal_at.has_value(), options.heuristics)),
      start_(Clock::now()) {}

double Search::elapsed_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

bool Search::judge(const Vector& raw, const std::string& source, double solver_objective, bool always_record) {
  const Vector x = project_into(domain_, raw);
  if (!domain_.contains(x, 1e-9)) return false;
  const double value = goal_.output_weights.dot(dense_.forward(x));
  if (!std::isfinite(value)) return false;
  const double t = elapsed_s();
  const bool improved = !best_ || value > best_->value;
  const bool reached = goal_.goal_at && value >= *goal_.goal_at;
  if (improved) best_ = Point{x, value, t};
  if (improved && options_.show_progress) show_progress(StatusKind::update);
  if (reached && !time_to_goal_) time_to_goal_ = t;
  if (std::isnan(solver_objective)) solver_objective = value;  // the solved network is D
  if (always_record || improved)
    incumbents_.push_back({t, solver_objective, value, goal_.goal_at ? reached : improved, source});
  return reached;
}

bool Search::judge_heuristic(const Vector& x, const std::string& source) {
  ++stats_.points_judged;
  // NaN: judge() fills in D's value when D is the solved network (one forward pass).
  const double solver_objective = solved_ && solved_ != &dense_
                                      ? goal_.output_weights.dot(solved_->forward(project_into(domain_, x)))
                                      : std::numeric_limits<double>::quiet_NaN();
  return judge(x, prefix_ + source, solver_objective, false);
}

std::vector<Vector> Search::improve_from(const Vector& x, Clock::time_point deadline, bool climb) {
  std::vector<Vector> points;
  Vector from = x;
  if (climb && uses_gradient(options_.heuristics)) {
    GradientAscentOptions ascent;
    ascent.starts = {x};
    ascent.steps = kGradientSteps / 3;
    ascent.goal_at = goal_.goal_at;
    ascent.deadline = deadline;
    if (const auto climbed = gradient_ascent(dense_, domain_, goal_.output_weights, ascent)) {
      points.push_back(climbed->x);
      if (judge_heuristic(climbed->x, "gradient")) return points;
      from = climbed->x;
    }
  }
  if (uses_polish(options_.heuristics) && Clock::now() < deadline) {
    const PolishResult polished = polish_in_region(dense_, domain_, goal_.output_weights, from, deadline);
    points.push_back(polished.x);
    judge_heuristic(polished.x, "polish");
  }
  return points;
}

void Search::run_before_solve(const NetworkModel& built, const Vector& start_input) {
  const auto begin = Clock::now();
  const double limit = options_.solver.time_limit_s;
  const HeuristicLevel level = options_.heuristics;
  // The heuristics' share (gradient, then polish); the root LP has its own.
  const double budget = std::min(remaining_s(), std::max(kPreSolveMinimum_s, kPreSolveShare * limit));
  auto finish = [&] { stats_.before_solve_s += seconds_since(begin); };

  if ((mip_start_ || level != HeuristicLevel::none) && judge_heuristic(start_input, "start")) return finish();
  if (uses_gradient(level)) {
    GradientAscentOptions ascent;
    ascent.starts = {start_input};
    if (best_) ascent.starts.push_back(best_->x);
    ascent.random_starts = kGradientRestarts;
    ascent.steps = kGradientSteps;
    ascent.seed = static_cast<std::uint64_t>(options_.solver.random_seed) * 7919u + gradient_runs_++;
    ascent.goal_at = goal_.goal_at;
    ascent.deadline = after(budget / 2);
    if (const auto climbed = gradient_ascent(dense_, domain_, goal_.output_weights, ascent)) {
      if (judge_heuristic(climbed->x, "gradient")) return finish();
      improve_from(climbed->x, after(budget / 2), false);
      if (goal_reached()) return finish();
    }
  }
  const double spent = seconds_since(begin);
  if (uses_lp(level)) {
    const double lp_limit = std::min(remaining_s(), std::max(kPreSolveMinimum_s, kRootLpShare * limit));
    if (const std::optional<LpSolution> root = solve_lp(built.model, lp_limit)) {
      const Vector x = project_into(domain_, built.input_of(root->values));
      last_lp_input_ = x;
      if (judge_heuristic(x, "lp-forward")) return finish();
      improve_from(x, after(std::min(remaining_s(), std::max(budget / 2, budget - spent))), true);
    }
  }
  finish();
}

bool Search::handed_to_solver(const Vector& x) const {
  return std::any_of(handed_.begin(), handed_.end(), [&](const Vector& h) { return same_input(h, x); });
}

RelaxationReply Search::on_relaxation(const std::vector<double>& lp_values, double) {
  ++stats_.hook_calls;
  if (goal_reached()) return {std::nullopt, CallbackAction::stop};
  if (stats_.hook_runs > 0 && stats_.hook_s > kHookShare * elapsed_s()) return {};
  const Vector x = project_into(domain_, built_->input_of(lp_values));
  if (last_lp_input_ && same_input(*last_lp_input_, x)) return {};
  last_lp_input_ = x;
  ++stats_.hook_runs;
  const auto begin = Clock::now();
  const auto deadline = after(std::max(kHookMinimum_s, kHookShare * elapsed_s() - stats_.hook_s));

  std::vector<Vector> points = {x};
  if (!judge_heuristic(x, "lp-forward")) {
    const std::vector<Vector> improved = improve_from(x, deadline, true);
    points.insert(points.end(), improved.begin(), improved.end());
  }
  // The candidate: the point the solver values most (its objective is the solved network's).
  const Vector* candidate = nullptr;
  double candidate_value = -kInfinity;
  for (const Vector& p : points) {
    const double v = goal_.output_weights.dot(solved_->forward(p));
    if (v > candidate_value) {
      candidate_value = v;
      candidate = &p;
    }
  }
  RelaxationReply reply;
  if (candidate) {
    const Vector chosen = project_into(domain_, *candidate);
    reply.candidate = built_->point_at(*solved_, chosen);
    handed_.push_back(chosen);
    if (handed_.size() > kHandedMemory) handed_.erase(handed_.begin());
  }
  if (goal_reached()) reply.action = CallbackAction::stop;
  stats_.hook_s += seconds_since(begin);
  return reply;
}

CallbackAction Search::on_incumbent(const std::vector<double>& values, double objective, double solver_elapsed_s) {
  if (goal_reached()) return CallbackAction::stop;
  const Vector x = project_into(domain_, built_->input_of(values));
  const double solved_value = goal_.output_weights.dot(solved_->forward(x));
  if (std::abs(solved_value - objective) > kAgreementTolerance * (1.0 + std::abs(objective)))
    warnings_.push_back("at " + std::to_string(solver_offset_s_ + solver_elapsed_s) + " s the solver's objective " +
                        std::to_string(objective) + " differs from the forward pass " + std::to_string(solved_value));
  if (handed_to_solver(x)) return CallbackAction::keep_going;  // judged when it was proposed
  return judge(x, prefix_ + "solver", objective, true) ? CallbackAction::stop : CallbackAction::keep_going;
}

SolveResult Search::solve(MilpSolver& solver, const Network& solved, const NetworkModel& built,
                          const Vector& start_input, const std::string& source_prefix) {
  solved_ = &solved;
  built_ = &built;
  prefix_ = source_prefix;
  handed_.clear();
  last_lp_input_.reset();
  const std::string milp_phase = &solved == &dense_ ? "MILP" : "MILP of the surrogate";
  phase_ = "heuristics";
  milp_progress_.reset();
  if (options_.show_progress) show_progress(StatusKind::step);

  SolveResult result;
  result.bound = built.model.sense == Sense::maximize ? kInfinity : -kInfinity;
  if (goal_.goal_at) {
    symbolic_bound_ =
        symbolic_objective_upper_bound(solved, domain_.box, domain_.l1, built.bounds, goal_.output_weights);
    if (*symbolic_bound_ < *goal_.goal_at) {
      // The solved network cannot reach the goal: no MILP. A surrogate's proof
      // says nothing about D, which the heuristics search directly (measured on
      // `small`: 95%-pruned surrogates proved unable at once, and skipped the
      // heuristics that found D's adversarial input in ms in every other run).
      if (&solved != &dense_ && !goal_reached()) run_before_solve(built, start_input);
      if (goal_reached()) {
        result.status = SolveStatus::stopped_by_callback;
        return result;
      }
      result.status = SolveStatus::optimal;
      result.bound = *symbolic_bound_;
      return result;
    }
  }
  if (!goal_reached()) run_before_solve(built, start_input);
  if (goal_reached()) {
    result.status = SolveStatus::stopped_by_callback;
    return result;
  }
  if (remaining_s() <= 0.0) return result;

  SolverOptions solver_options = options_.solver;
  solver_options.time_limit_s = remaining_s();
  std::optional<std::vector<double>> start;
  if (mip_start_ && best_) {
    start = built.point_at(solved, best_->x);
    handed_.push_back(best_->x);
  }
  solver_offset_s_ = elapsed_s();
  if (options_.show_progress) {
    phase_ = milp_phase;
    show_progress(StatusKind::step);
    solver_options.on_progress = [this](const SolveProgress& p) {
      milp_progress_ = p;
      show_progress(StatusKind::update);
    };
  }
  const IncumbentCallback incumbent = [this](const std::vector<double>& values, double objective, double t) {
    return on_incumbent(values, objective, t);
  };
  RelaxationHook hook;
  if (uses_lp(options_.heuristics))
    hook = [this](const std::vector<double>& lp_values, double t) { return on_relaxation(lp_values, t); };
  result = solver.solve(built.model, solver_options, incumbent, start, hook);
  solved_ = nullptr;
  built_ = nullptr;
  return result;
}

LadderOutcome run_ladder(Search& search, MilpSolver& solver, const Network& dense, const Network* first,
                         const std::vector<const Network*>& ladder,
                         const std::function<NetworkModel(const Network&, const BoundsOptions&)>& build,
                         const SearchOptions& options, const Vector& start_input) {
  std::vector<const Network*> rungs = {first};
  rungs.insert(rungs.end(), ladder.begin(), ladder.end());
  for (const Network* rung : rungs)
    if (rung) check_surrogate(dense, *rung);
  LadderOutcome outcome;
  search.start_clock();
  for (size_t k = 0; k < rungs.size(); ++k) {
    if (k > 0 && (search.goal_reached() || search.remaining_s() <= 0.0)) break;
    const Network& solved = rungs[k] ? *rungs[k] : dense;
    BoundsOptions bounds = options.bounds;
    bounds.lp_time_limit_s = std::min(bounds.lp_time_limit_s, std::max(0.0, search.remaining_s()));
    const auto begin = Clock::now();
    const NetworkModel built = build(solved, bounds);
    outcome.build_time_s += seconds_since(begin);
    if (k == 0) {
      write_requested_model_files(built.model, options);
      outcome.first_model = built.stats;
    }
    outcome.last_solve =
        search.solve(solver, solved, built, start_input, k == 0 ? "" : "ladder " + std::to_string(k) + ": ");
    outcome.last_on_dense = rungs[k] == nullptr;
    ++outcome.steps_run;
    const SolveStatus status = outcome.last_solve.status;
    if (search.goal_reached() || (status != SolveStatus::optimal && status != SolveStatus::infeasible)) break;
  }
  if (options.show_progress) log_status("", StatusKind::done);  // the status line stays, ended
  return outcome;
}

void Search::show_progress(StatusKind kind) const {
  const auto number = [](const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return std::string(text);
  };
  std::string line =
      prefix_ + phase_ + "  " + number("%.1fs", elapsed_s()) + " of " + number("%.0fs", options_.solver.time_limit_s) +
      "  best " + goal_.name + " " +
      (best_ ? number("%.6g", goal_.shown_sign * best_->value + 0.0) + " (on the dense network)" : "none");
  if (milp_progress_) {
    if (milp_progress_->bound)
      line += "  solver bound " + number("%.6g", goal_.shown_sign * *milp_progress_->bound + 0.0) +
              (goal_.shown_sign > 0 ? "" : " (lower)");
    line += "  " + std::to_string(milp_progress_->nodes) + " nodes";
  }
  log_status(line, kind);
}

std::optional<double> trusted_bound(const LadderOutcome& run, const Search& search,
                                    std::vector<std::string>& warnings) {
  const SolveResult& solve = run.last_solve;
  if (!std::isfinite(solve.bound)) return std::nullopt;
  auto below = [&](double value) { return solve.bound < value - kAgreementTolerance * (1.0 + std::abs(value)); };
  std::optional<double> reached;
  if (solve.has_solution && below(solve.objective)) reached = solve.objective;
  if (run.last_on_dense && search.has_point() && below(search.best_value())) reached = search.best_value();
  if (!reached) return solve.bound;
  warnings.push_back("the solver's bound " + std::to_string(solve.bound) + " is below the value " +
                     std::to_string(*reached) + " that was reached: not a valid bound, dropped");
  return std::nullopt;
}

}  // namespace nnmip
