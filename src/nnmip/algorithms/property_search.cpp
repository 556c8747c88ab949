#include "nnmip/algorithms/property_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "nnmip/algorithms/search_core.hpp"
#include "nnmip/property/property_network.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/interrupt.hpp"

namespace nnmip {

const char* to_string(PropertyVerdict verdict) {
  switch (verdict) {
    case PropertyVerdict::sat: return "sat";
    case PropertyVerdict::unsat: return "unsat";
    case PropertyVerdict::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

/// The input a case's search starts from: its given start, else the box centre.
Vector start_of(const PropertyCaseDomain& c) {
  return c.start.size() > 0 ? c.start : Vector((c.domain.box.lower + c.domain.box.upper) / 2.0);
}

/// A MILP to run: a case and the disjuncts it covers.
struct PlannedPart {
  int case_index = 0;
  std::vector<int> disjuncts;
};

/// Joint: one part per case. Separate: one per disjunct, within a case the
/// disjuncts with the largest S at the start point first.
std::vector<PlannedPart> plan_parts(const Network& dense, const std::vector<PropertyCaseDomain>& cases,
                                    DisjunctGrouping grouping) {
  std::vector<PlannedPart> parts;
  for (int c = 0; c < static_cast<int>(cases.size()); ++c) {
    const std::vector<Conjunction>& disjuncts = cases[c].disjuncts;
    std::vector<int> order(disjuncts.size());
    for (size_t j = 0; j < order.size(); ++j) order[j] = static_cast<int>(j);
    if (grouping == DisjunctGrouping::joint) {
      parts.push_back({c, order});
      continue;
    }
    const Vector y = dense.forward(project_into(cases[c].domain, start_of(cases[c])));
    std::vector<double> promise(disjuncts.size());
    for (size_t j = 0; j < disjuncts.size(); ++j) promise[j] = satisfaction(disjuncts[j], y);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return promise[a] > promise[b]; });
    for (int j : order) parts.push_back({c, {j}});
  }
  return parts;
}

void check_cases(const Network& dense, const std::vector<PropertyCaseDomain>& cases) {
  if (cases.empty()) throw Error("the property has no case to decide");
  for (const PropertyCaseDomain& c : cases) {
    if (c.disjuncts.empty()) throw Error("a case of the property has no disjunct");
    if (c.domain.box.lower.size() != dense.input_size())
      throw Error("the property's input box has " + std::to_string(c.domain.box.lower.size()) +
                  " entries but the network takes " + std::to_string(dense.input_size()) + " inputs");
    for (int k = 0; k < dense.input_size(); ++k)
      if (!std::isfinite(c.domain.box.lower(k)) || !std::isfinite(c.domain.box.upper(k)) ||
          c.domain.box.lower(k) > c.domain.box.upper(k))
        throw Error("input " + std::to_string(k) + " of the property's domain is [" +
                    std::to_string(c.domain.box.lower(k)) + ", " + std::to_string(c.domain.box.upper(k)) +
                    "]: give finite bounds with lower <= upper");
  }
}

void add(HeuristicStats& total, const HeuristicStats& part) {
  total.before_solve_s += part.before_solve_s;
  total.hook_s += part.hook_s;
  total.hook_calls += part.hook_calls;
  total.hook_runs += part.hook_runs;
  total.points_judged += part.points_judged;
}

std::vector<Conjunction> select(const std::vector<Conjunction>& disjuncts, const std::vector<int>& indices) {
  std::vector<Conjunction> chosen;
  for (int j : indices) chosen.push_back(disjuncts[j]);
  return chosen;
}

}  // namespace

namespace {

/// One MILP of the plan (with its heuristics and ladder) within `budget_s`:
/// its outcome, and what it adds to the result (records, a counterexample).
class PartRunner {
 public:
  PartRunner(const Network& dense, const std::vector<PropertyCaseDomain>& cases, const SearchOptions& options,
             MilpSolver& solver, const Network* surrogate, const std::vector<const Network*>& ladder,
             Clock::time_point begin, PropertyResult& result)
      : dense_(dense),
        cases_(cases),
        options_(options),
        solver_(solver),
        surrogate_(surrogate),
        ladder_(ladder),
        begin_(begin),
        result_(result) {}

  PropertyPartOutcome run(const PlannedPart& planned, double budget_s, const std::string& prefix) {
    const PropertyCaseDomain& part_case = cases_[planned.case_index];
    const std::vector<Conjunction> disjuncts = select(part_case.disjuncts, planned.disjuncts);
    PropertyPartOutcome outcome;
    outcome.case_index = planned.case_index;
    outcome.disjuncts = planned.disjuncts;
    outcome.start_s = seconds_between(begin_, Clock::now());
    SearchOptions part_options = options_;
    part_options.solver.time_limit_s = budget_s;

    // The property networks: S(N(x)) of this part for D, the surrogate and the ladder.
    const Box& box = part_case.domain.box;
    const Network dense_part = compile_property(dense_, disjuncts, box);
    std::optional<Network> surrogate_part;
    if (surrogate_) surrogate_part = compile_property(*surrogate_, disjuncts, box);
    std::vector<std::optional<Network>> ladder_parts;
    for (const Network* rung : ladder_)
      ladder_parts.push_back(rung ? std::optional<Network>(compile_property(*rung, disjuncts, box)) : std::nullopt);
    std::vector<const Network*> ladder_pointers;
    for (const auto& rung : ladder_parts) ladder_pointers.push_back(rung ? &*rung : nullptr);

    SearchGoal goal;
    goal.output_weights = Vector::Ones(1);
    goal.goal_at = 0.0;
    goal.name = "margin";
    Search search(dense_part, part_case.domain, goal, part_options);
    const auto build = [&](const Network& solved, const BoundsOptions& bounds) {
      NetworkModel built = build_network_model(solved, part_case.domain, bounds);
      built.model.sense = Sense::maximize;
      built.model.set_objective(built.encoding.output_columns[0], 1.0);
      return built;
    };
    const LadderOutcome run = run_ladder(search, solver_, dense_part, surrogate_part ? &*surrogate_part : nullptr,
                                         ladder_pointers, build, part_options, start_of(part_case));
    const SolveResult& solve = run.last_solve;

    outcome.time_s = search.elapsed_s();
    outcome.solver_status = solve.status;
    outcome.ladder_steps = run.steps_run;
    outcome.model = run.first_model;
    outcome.symbolic_bound = search.symbolic_bound();
    outcome.bound = trusted_bound(run, search, result_.warnings);
    if (solve.has_solution) outcome.solver_best = solve.objective;
    record(search, run, outcome.start_s, prefix);
    if (solve.status == SolveStatus::infeasible)
      result_.warnings.push_back(prefix +
                                 "the solver declared the model infeasible although its domain is not "
                                 "empty (numerical trouble): nothing is proven");
    if (search.has_point()) judge_best(search, planned, disjuncts, outcome, prefix);
    if (outcome.verdict != PropertyVerdict::sat && run.last_on_dense && solve.status == SolveStatus::optimal &&
        outcome.bound && *outcome.bound < 0.0 && (!solve.has_solution || solve.objective < 0.0))
      outcome.verdict = PropertyVerdict::unsat;
    return outcome;
  }

 private:
  void record(const Search& search, const LadderOutcome& run, double start_s, const std::string& prefix) {
    result_.build_time_s += run.build_time_s;
    add(result_.heuristics, search.heuristic_stats());
    for (IncumbentRecord record : search.incumbents()) {
      record.time_s += start_s;
      record.source = prefix + record.source;
      result_.incumbents.push_back(record);
    }
    for (const std::string& w : search.warnings()) result_.warnings.push_back(prefix + w);
  }

  /// Judges the search's best point on N's own outputs (the compiled network may
  /// round differently): the best S so far, and a counterexample when S >= 0.
  void judge_best(const Search& search, const PlannedPart& planned, const std::vector<Conjunction>& disjuncts,
                  PropertyPartOutcome& outcome, const std::string& prefix) {
    const Vector& x = search.best_input();
    const Vector y = dense_.forward(x);
    const double s = satisfaction(disjuncts, y);
    outcome.best = s;
    if (!result_.best_satisfaction || s > *result_.best_satisfaction) {
      result_.best_satisfaction = s;
      result_.best_input = x;
    }
    if (!search.goal_reached()) return;
    if (s < 0.0 || !cases_[planned.case_index].domain.contains(x, 1e-9)) {
      result_.warnings.push_back(prefix +
                                 "an input reached the goal on the compiled property network but N's own "
                                 "outputs there give S = " +
                                 std::to_string(s) + " < 0: not a counterexample");
      return;
    }
    outcome.verdict = PropertyVerdict::sat;
    result_.verdict = PropertyVerdict::sat;
    result_.counterexample = x;
    result_.output = y;
    result_.case_index = planned.case_index;
    int best_j = 0;
    for (size_t j = 1; j < disjuncts.size(); ++j)
      if (satisfaction(disjuncts[j], y) > satisfaction(disjuncts[best_j], y)) best_j = static_cast<int>(j);
    result_.disjunct = planned.disjuncts[best_j];
    result_.time_to_sat_s = outcome.start_s + *search.time_to_goal_s();
  }

  const Network& dense_;
  const std::vector<PropertyCaseDomain>& cases_;
  const SearchOptions& options_;
  MilpSolver& solver_;
  const Network* surrogate_;
  const std::vector<const Network*>& ladder_;
  Clock::time_point begin_;
  PropertyResult& result_;
};

}  // namespace

PropertyResult decide_property(const Network& dense, const std::vector<PropertyCaseDomain>& cases,
                               const SearchOptions& options, MilpSolver& solver, const Network* surrogate,
                               const std::vector<const Network*>& ladder) {
  check_cases(dense, cases);
  const Clock::time_point begin = Clock::now();
  const std::vector<PlannedPart> plan = plan_parts(dense, cases, options.disjuncts);
  PropertyResult result;
  PartRunner runner(dense, cases, options, solver, surrogate, ladder, begin, result);
  std::vector<std::optional<PropertyPartOutcome>> outcomes(plan.size());
  std::vector<double> budgets(plan.size(), 0.0);
  // Rounds: every part still open runs with an equal share of the time left;
  // a part that ran out of time runs again (from scratch) in the next round
  // when its share there is kRetryGrowth times larger than before.
  std::vector<size_t> open(plan.size());
  for (size_t p = 0; p < plan.size(); ++p) open[p] = p;
  while (!open.empty() && result.verdict != PropertyVerdict::sat) {
    std::vector<size_t> retry;
    for (size_t k = 0; k < open.size() && result.verdict != PropertyVerdict::sat; ++k) {
      const size_t p = open[k];
      const double remaining =
          interrupt_requested() ? 0.0 : options.solver.time_limit_s - seconds_between(begin, Clock::now());
      const double budget = std::max(0.0, remaining) / static_cast<double>(open.size() - k);
      if (outcomes[p] && budget < kRetryGrowth * budgets[p]) continue;  // a retry that cannot gain
      if (budget <= 0.0 && outcomes.front()) continue;  // out of time (the first part always builds its model)
      budgets[p] = budget;
      outcomes[p] = runner.run(plan[p], budget, plan.size() > 1 ? "part " + std::to_string(p) + ": " : "");
      if (outcomes[p]->verdict == PropertyVerdict::unknown && outcomes[p]->solver_status == SolveStatus::time_limit)
        retry.push_back(p);
    }
    if (retry == open) {
      // Nothing was decided this round: go on only if the next shares are larger.
      const double remaining =
          interrupt_requested() ? 0.0 : options.solver.time_limit_s - seconds_between(begin, Clock::now());
      double smallest = budgets[retry.front()];
      for (size_t p : retry) smallest = std::min(smallest, budgets[p]);
      if (remaining / static_cast<double>(retry.size()) < kRetryGrowth * smallest) break;
    }
    open = retry;
  }
  bool all_unsat = true;
  for (size_t p = 0; p < plan.size(); ++p) {
    if (!outcomes[p]) {  // never ran: unknown
      PropertyPartOutcome not_run;
      not_run.case_index = plan[p].case_index;
      not_run.disjuncts = plan[p].disjuncts;
      outcomes[p] = not_run;
      if (result.verdict == PropertyVerdict::sat) continue;  // the search stopped at a counterexample
    }
    all_unsat = all_unsat && outcomes[p]->verdict == PropertyVerdict::unsat;
    result.parts.push_back(*outcomes[p]);
  }
  if (result.verdict != PropertyVerdict::sat && all_unsat) result.verdict = PropertyVerdict::unsat;
  result.total_time_s = seconds_between(begin, Clock::now());
  return result;
}

}  // namespace nnmip
