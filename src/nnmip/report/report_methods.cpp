// Table 4 of the report: every method (heuristics setting x dense or surrogate
// variant) against the best of all methods on the same problem - the
// comparison the paper could not make, since it ran one setting. Verification
// compares the time to the first dense-adversarial input, maximization the
// best dense value.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/report/report_internal.hpp"

namespace nnmip::report {

namespace {

/// One run: its problem, its method and what it achieved (nullopt = nothing found).
struct MethodRun {
  std::string problem, method;
  std::optional<double> achieved;
};

/// Methods in a stable order: by heuristics setting (none, lp, lp+polish, all), dense first, then by name.
int setting_rank(const std::string& setting) {
  const HeuristicLevel order[] = {HeuristicLevel::none, HeuristicLevel::lp, HeuristicLevel::lp_polish,
                                  HeuristicLevel::all};
  for (int i = 0; i < 4; ++i)
    if (setting == to_string(order[i])) return i;
  return 4;
}

std::vector<MethodRun> load(const Database& db, const std::string& study, const std::string& achieved_column) {
  Query q =
      db.prepare("SELECT problem_key, heuristics, variant, " + achieved_column +
                 " AS achieved FROM runs WHERE study = ?1 ORDER BY problem_key, heuristics, variant, finished_at");
  q.bind(1, study);
  std::vector<MethodRun> runs;
  while (q.step())
    runs.push_back(
        {q.text("problem_key"), q.text("heuristics") + "\t" + q.text("variant"), q.optional_real("achieved")});
  return runs;
}

struct MethodTally {
  int problems = 0;            // problems with a run of this method
  int achieved = 0;            // runs that found an adversarial input / a solution
  int best = 0;                // ... as good as the best method (within the tolerance)
  std::vector<double> ratios;  // verification: time / best time; maximization: relative gap to the best
};

std::string percent(int count, int total) { return total == 0 ? "-" : format_percent(count, total); }

std::string median(std::vector<double> values) {
  if (values.empty()) return "-";
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double m = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", m);
  return text;
}

/// Tallies every method against the best run of each problem. `better(a, b)`: a beats b;
/// `as_good(a, best)`: a counts as the best; `ratio(a, best)`: the column of medians.
template <typename Better, typename AsGood, typename Ratio>
std::map<std::string, MethodTally> tally(const std::vector<MethodRun>& runs, Better better, AsGood as_good, Ratio ratio,
                                         int& problems_without_any) {
  std::map<std::string, std::optional<double>> best;
  for (const MethodRun& r : runs) {
    auto& b = best[r.problem];
    if (r.achieved && (!b || better(*r.achieved, *b))) b = r.achieved;
  }
  problems_without_any = 0;
  for (const auto& [problem, b] : best) problems_without_any += !b;
  std::map<std::string, MethodTally> methods;
  std::map<std::pair<std::string, std::string>, bool> seen;  // the first run of a (problem, method) counts
  for (const MethodRun& r : runs) {
    if (!seen.emplace(std::make_pair(r.problem, r.method), true).second) continue;
    MethodTally& t = methods[r.method];
    ++t.problems;
    if (!r.achieved) continue;
    ++t.achieved;
    const double b = *best[r.problem];
    if (as_good(*r.achieved, b)) ++t.best;
    t.ratios.push_back(ratio(*r.achieved, b));
  }
  return methods;
}

std::vector<std::string> ordered(const std::map<std::string, MethodTally>& methods) {
  std::vector<std::string> names;
  for (const auto& [name, t] : methods) names.push_back(name);
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const std::string sa = a.substr(0, a.find('\t')), sb = b.substr(0, b.find('\t'));
    const std::string va = a.substr(a.find('\t') + 1), vb = b.substr(b.find('\t') + 1);
    return std::make_tuple(setting_rank(sa), va != "dense", va) < std::make_tuple(setting_rank(sb), vb != "dense", vb);
  });
  return names;
}

std::string row(const std::string& method, const MethodTally& t) {
  const size_t tab = method.find('\t');
  return "| " + method.substr(0, tab) + " | " + method.substr(tab + 1) + " | " + std::to_string(t.problems) + " | " +
         percent(t.achieved, t.problems) + " | " + percent(t.best, t.problems) + " | " + median(t.ratios) + " |\n";
}

}  // namespace

std::string methods_section(const Database& db) {
  std::ostringstream md;
  const std::vector<MethodRun> verification = load(db, "verification", "time_to_first_adversarial_s");
  const std::vector<MethodRun> maximization = load(db, "maximization", "best_value");
  if (verification.empty() && maximization.empty()) return "";
  md << "## Table 4: each method against the best of all methods\n\n"
     << "A method is a heuristics setting with one variant (the dense direct solve or one surrogate). "
     << "Each problem's best is taken over every method run on it, so settings are compared on the same "
     << "problems; a method's first run of a problem counts.\n\n";
  if (!verification.empty()) {
    int without = 0;
    // Fastest: within 5% (or 0.01 s) of the problem's fastest time to a dense-adversarial input.
    const auto methods = tally(
        verification, [](double a, double b) { return a < b; },
        [](double a, double best) { return a <= best + std::max(0.01, 0.05 * best); },
        [](double a, double best) { return std::max(a, kMinPlotTime) / std::max(best, kMinPlotTime); }, without);
    md << "### Verification: time to the first dense-adversarial input\n\n"
       << "found = % of problems where the method found one within its limit; fastest = % where it was "
       << "within 5% (or 0.01 s) of the fastest method; median = median of time / fastest time where it "
       << "found one (times below 0.01 s count as 0.01 s; finetune time not counted). " << without
       << " problem(s) where no method found an adversarial input count as not found for all.\n\n"
       << "| heuristics | variant | problems | found % | fastest % | median time / fastest |\n"
       << "|---|---|---|---|---|---|\n";
    for (const std::string& name : ordered(methods)) md << row(name, methods.at(name));
    md << "\n";
  }
  if (!maximization.empty()) {
    int without = 0;
    const auto methods = tally(
        maximization, [](double a, double b) { return a > b; },
        [](double a, double best) { return std::abs(a - best) <= 1e-9 * std::max(1.0, std::abs(best)); },
        [](double a, double best) { return (best - a) / std::max(1.0, std::abs(best)); }, without);
    md << "### Maximization: best dense value\n\n"
       << "solution = % of problems where the method returned an input; best = % where its dense value "
       << "equals the best of all methods (within 1e-9, relative); median gap = median of (best - value) "
       << "/ max(1, |best|) where it returned one.\n\n"
       << "| heuristics | variant | problems | solution % | best % | median gap |\n"
       << "|---|---|---|---|---|---|\n";
    for (const std::string& name : ordered(methods)) md << row(name, methods.at(name));
    md << "\n";
  }
  return md.str();
}

}  // namespace nnmip::report
