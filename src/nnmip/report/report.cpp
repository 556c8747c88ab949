// The report generator: Tables 1-3 from the experiment database, written as
// markdown; the figures are in report_plots.cpp. Every number printed comes
// from rows fetched with SQL (the paper's numbers are labelled as such).
#include "nnmip/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/report/report_internal.hpp"
#include "nnmip/storage/schema.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"

namespace fs = std::filesystem;

namespace nnmip {
namespace report {

std::string criterion_short(const std::string& criterion) {
  if (criterion == "magnitude") return "MP";
  if (criterion == "random") return "RP";
  return criterion.empty() ? "?" : criterion;
}

std::string format_rate(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", rate);
  return buffer;
}

std::string format_percent(int count, int total) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", 100.0 * count / total);
  return buffer;
}

namespace {

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string input_size_label(int input_size) {
  if (input_size == 324) return "18x18 (324)";
  if (input_size == 784) return "28x28 (784)";
  return std::to_string(input_size);
}

}  // namespace

VerificationData load_verification(const Database& db) {
  VerificationData data;
  Query q = db.prepare(
      "SELECT problem_key || '|' || heuristics AS problem, variant, COALESCE(dataset, '') AS dataset, input_size, "
      "       depth, width, COALESCE(prune_structure, '') AS structure, COALESCE(prune_criterion, '') AS criterion, "
      "       prune_rate, finetuned, COALESCE(finetune_time_s, 0) AS finetune_time_s, time_limit_s, status, "
      "       time_to_first_adversarial_s, heuristics, problem_key "
      "FROM runs WHERE study = 'verification' "
      "ORDER BY problem_key, heuristics, variant = 'dense' DESC, variant, finished_at, run_key");
  std::string current;
  bool have_dense = false;
  VerificationPair dense;  // the problem's dense run, in pair form
  std::set<std::string> variants_seen;
  std::set<double> rates;
  while (q.step()) {
    const std::string problem = q.text("problem"), variant = q.text("variant");
    if (problem != current || data.problems == 0) {
      if (data.problems > 0 && !have_dense) ++data.problems_without_dense;
      current = problem;
      ++data.problems;
      have_dense = false;
      variants_seen.clear();
    }
    if (!variants_seen.insert(variant).second) {
      ++data.duplicate_runs;
      continue;
    }
    if (variant == "dense") {
      have_dense = true;
      dense = VerificationPair{};
      dense.problem_key = q.text("problem_key");
      dense.heuristics = q.text("heuristics");
      dense.dataset = q.text("dataset");
      dense.input_size = static_cast<int>(q.integer("input_size"));
      dense.depth = static_cast<int>(q.integer("depth"));
      dense.width = static_cast<int>(q.integer("width"));
      dense.dense_limit_s = q.real("time_limit_s");
      dense.dense_status = q.text("status");
      dense.dense_s = q.optional_real("time_to_first_adversarial_s");
      continue;
    }
    if (!have_dense) {
      ++data.unpaired_surrogate_runs;
      continue;
    }
    VerificationPair pair = dense;
    pair.variant = variant;
    pair.structure = q.text("structure");
    pair.criterion = q.text("criterion");
    pair.rate = q.real("prune_rate");
    pair.finetuned = q.integer("finetuned") != 0;
    pair.finetune_time_s = q.real("finetune_time_s");
    pair.surrogate_limit_s = q.real("time_limit_s");
    pair.pruned_s = q.optional_real("time_to_first_adversarial_s");
    rates.insert(pair.rate);
    data.pairs.push_back(std::move(pair));
  }
  if (data.problems > 0 && !have_dense) ++data.problems_without_dense;
  data.rates.assign(rates.begin(), rates.end());
  return data;
}

namespace {

// ---------------------------------------------------------------------------
// Maximization

struct MaximizationPair {
  std::string problem_key, heuristics;
  int input_size = 0, depth = 0, width = 0;
  double rate = 0;
  std::optional<double> dense_value, surrogate_value;  // nullopt = no solution (-infinity)

  static bool equal(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }
  bool tie() const {
    if (!dense_value && !surrogate_value) return true;
    return dense_value && surrogate_value && equal(*surrogate_value, *dense_value);
  }
  bool better() const {
    if (!surrogate_value || tie()) return false;
    return !dense_value || *surrogate_value > *dense_value;
  }
};

struct MaximizationData {
  std::vector<MaximizationPair> pairs;
  std::vector<double> rates;
  int problems = 0, problems_without_dense = 0, unpaired_surrogate_runs = 0;
  int other_variants = 0;  // surrogate runs that are not unstructured magnitude pruning without finetuning
  int duplicate_runs = 0;
};

MaximizationData load_maximization(const report::Database& db) {
  MaximizationData data;
  Query q = db.prepare(
      "SELECT problem_key || '|' || heuristics AS problem, variant, input_size, depth, width, prune_rate, "
      "       best_value, COALESCE(prune_structure, '') AS structure, COALESCE(prune_criterion, '') AS criterion, "
      "       finetuned, heuristics, problem_key "
      "FROM runs WHERE study = 'maximization' "
      "ORDER BY problem_key, heuristics, variant = 'dense' DESC, variant, finished_at, run_key");
  std::string current;
  bool have_dense = false;
  MaximizationPair dense;
  std::set<std::string> variants_seen;
  std::set<double> rates_seen;
  std::set<double> rates;
  while (q.step()) {
    const std::string problem = q.text("problem"), variant = q.text("variant");
    if (problem != current || data.problems == 0) {
      if (data.problems > 0 && !have_dense) ++data.problems_without_dense;
      current = problem;
      ++data.problems;
      have_dense = false;
      variants_seen.clear();
      rates_seen.clear();
    }
    if (!variants_seen.insert(variant).second) {
      ++data.duplicate_runs;
      continue;
    }
    if (variant == "dense") {
      have_dense = true;
      dense = MaximizationPair{};
      dense.problem_key = q.text("problem_key");
      dense.heuristics = q.text("heuristics");
      dense.input_size = static_cast<int>(q.integer("input_size"));
      dense.depth = static_cast<int>(q.integer("depth"));
      dense.width = static_cast<int>(q.integer("width"));
      dense.dense_value = q.optional_real("best_value");
      continue;
    }
    const std::string structure = q.text("structure"), criterion = q.text("criterion");
    const bool finetuned = q.integer("finetuned") != 0;
    if ((structure != "" && structure != "unstructured") || (criterion != "" && criterion != "magnitude") ||
        finetuned) {
      ++data.other_variants;
      continue;
    }
    if (!have_dense) {
      ++data.unpaired_surrogate_runs;
      continue;
    }
    const double rate = q.real("prune_rate");
    if (!rates_seen.insert(rate).second) {
      ++data.duplicate_runs;
      continue;
    }
    MaximizationPair pair = dense;
    pair.rate = rate;
    pair.surrogate_value = q.optional_real("best_value");
    rates.insert(rate);
    data.pairs.push_back(std::move(pair));
  }
  if (data.problems > 0 && !have_dense) ++data.problems_without_dense;
  data.rates.assign(rates.begin(), rates.end());
  return data;
}

// ---------------------------------------------------------------------------
// Tables

struct Tally {
  int n = 0, hits = 0, ties = 0, surrogate_timeouts = 0, dense_timeouts = 0;
};

enum class CellStyle { kFull, kCount, kTies };

std::string cell(const Tally& t, CellStyle style) {
  if (t.n == 0) return "-";
  std::string text = format_percent(t.hits, t.n) + " (n=" + std::to_string(t.n);
  if (style == CellStyle::kFull)
    text += ", TO S:" + std::to_string(t.surrogate_timeouts) + " D:" + std::to_string(t.dense_timeouts);
  if (style == CellStyle::kTies) text += ", ties " + std::to_string(t.ties);
  return text + ")";
}

using PairFilter = std::function<bool(const VerificationPair&)>;

Tally tally_verification(const std::vector<VerificationPair>& pairs, double rate, const PairFilter& keep,
                         bool with_finetune) {
  Tally t;
  for (const auto& p : pairs) {
    if (p.rate != rate || !keep(p)) continue;
    ++t.n;
    if (p.faster(with_finetune)) ++t.hits;
    if (!p.slower(with_finetune) && !p.faster(with_finetune)) ++t.ties;
    if (!p.pruned_s) ++t.surrogate_timeouts;
    if (!p.dense_s) ++t.dense_timeouts;
  }
  return t;
}

/// "| a | b |" + rate columns + extra, then the separator row.
std::string table_head(const std::vector<std::string>& leading, const std::vector<double>& rates,
                       const std::string& trailing = "") {
  std::vector<std::string> columns = leading;
  for (double r : rates) columns.push_back(format_rate(r));
  if (!trailing.empty()) columns.push_back(trailing);
  std::ostringstream head, rule;
  head << "|";
  rule << "|";
  for (const auto& c : columns) {
    head << " " << c << " |";
    rule << "---|";
  }
  head << "\n" << rule.str() << "\n";
  return head.str();
}

/// The heuristics settings present, in the order none, lp, lp+polish, all.
template <typename Pair>
std::vector<std::string> settings_of(const std::vector<Pair>& pairs) {
  std::set<std::string> present;
  for (const auto& p : pairs) present.insert(p.heuristics);
  std::vector<std::string> ordered;
  for (HeuristicLevel level :
       {HeuristicLevel::none, HeuristicLevel::lp, HeuristicLevel::lp_polish, HeuristicLevel::all})
    if (present.erase(to_string(level))) ordered.push_back(to_string(level));
  ordered.insert(ordered.end(), present.begin(), present.end());
  return ordered;
}

const char* kPaperRates = "0.3 / 0.5 / 0.8 / 0.9 / 0.95";
const std::map<std::pair<std::string, bool>, std::string> kPaperTable1 = {
    {{"unstructured", false}, "67.5 71.3 89.4 92.5 83.8"},
    {{"unstructured", true}, "65.6 70.6 90.0 96.3 93.8"},
    {{"structured", false}, "75.0 78.8 70.6 72.5 65.0"},
    {{"structured", true}, "59.4 57.5 56.3 49.4 46.3"},
};

std::string verification_section(const VerificationData& data, const PlotOutput& plots) {
  std::ostringstream md;
  md << "## Verification (Section 4 of the paper)\n\n";
  if (data.problems == 0) {
    md << "No runs.\n\n";
    return md.str();
  }
  if (data.pairs.empty()) {
    md << "No surrogate run has a dense run to compare with: no tables.\n\n";
    return md.str();
  }
  const auto& rates = data.rates;
  const auto& pairs = data.pairs;
  const std::vector<std::string> structures = {"unstructured", "structured"};
  // Every table has one block of rows per heuristics setting: `none` is the paper's.
  const std::vector<std::string> settings = settings_of(pairs);

  md << "### Table 1: % of problems where the surrogate finds a dense adversarial input first\n\n"
     << "Criteria MP and RP aggregated (each problem counts once per criterion), both datasets. "
     << "Finetune time is NOT counted (as in the paper); Table 1c counts it. "
     << "Cell: % faster (n = problem/variant pairs, TO S = surrogate timeouts, D = dense timeouts). "
     << "Paper: Gurobi, 300 s, rates " << kPaperRates << ".\n\n";
  md << table_head({"heuristics", "structure", "finetuning"}, rates, std::string("paper (") + kPaperRates + ")");
  for (const auto& h : settings)
    for (const auto& s : structures)
      for (bool f : {false, true}) {
        md << "| " << h << " | " << s << " | " << (f ? "F" : "NF") << " |";
        for (double r : rates)
          md << " "
             << cell(tally_verification(
                         pairs, r,
                         [&](const VerificationPair& p) {
                           return p.heuristics == h && p.structure == s && p.finetuned == f &&
                                  (p.criterion == "magnitude" || p.criterion == "random");
                         },
                         false),
                     CellStyle::kFull)
             << " |";
        md << " " << kPaperTable1.at({s, f}) << " |\n";
      }
  md << "\n";

  md << "### Table 1b: Table 1 split by pruning criterion\n\n"
     << "MP = magnitude pruning, RP = random pruning. Finetune time not counted.\n\n";
  md << table_head({"heuristics", "structure", "criterion", "finetuning"}, rates);
  for (const auto& h : settings)
    for (const auto& s : structures)
      for (const std::string c : {"magnitude", "random"})
        for (bool f : {false, true}) {
          md << "| " << h << " | " << s << " | " << criterion_short(c) << " | " << (f ? "F" : "NF") << " |";
          for (double r : rates)
            md << " "
               << cell(tally_verification(
                           pairs, r,
                           [&](const VerificationPair& p) {
                             return p.heuristics == h && p.structure == s && p.criterion == c && p.finetuned == f;
                           },
                           false),
                       CellStyle::kFull)
               << " |";
          md << "\n";
        }
  md << "\n";

  md << "### Table 1c: finetuned surrogates, counting finetune time\n\n"
     << "As Table 1's F rows, but the pruned runtime includes the finetuning time "
     << "(finetune_time_s + time to the first adversarial input). The paper gives no such table.\n\n";
  md << table_head({"heuristics", "structure", "finetuning"}, rates);
  for (const auto& h : settings)
    for (const auto& s : structures) {
      md << "| " << h << " | " << s << " | F + finetune time |";
      for (double r : rates)
        md << " "
           << cell(tally_verification(
                       pairs, r,
                       [&](const VerificationPair& p) {
                         return p.heuristics == h && p.structure == s && p.finetuned &&
                                (p.criterion == "magnitude" || p.criterion == "random");
                       },
                       true),
                   CellStyle::kFull)
           << " |";
      md << "\n";
    }
  md << "\n";

  md << "### Table 2: % faster by input size, depth and width\n\n"
     << "Cell: % of surrogate runs faster than the dense run over ALL surrogate variants of that "
     << "rate in the group (unstructured and structured, MP and RP, NF and F; finetune time not "
     << "counted), n = problem/variant pairs.\n\n";
  md << table_head({"heuristics", "split", "value"}, rates);
  std::set<int> inputs, depths, widths;
  for (const auto& p : pairs) {
    inputs.insert(p.input_size);
    depths.insert(p.depth);
    widths.insert(p.width);
  }
  for (const auto& h : settings) {
    auto row = [&](const std::string& split, const std::string& value, const PairFilter& keep) {
      md << "| " << h << " | " << split << " | " << value << " |";
      for (double r : rates)
        md << " "
           << cell(tally_verification(
                       pairs, r, [&](const VerificationPair& p) { return p.heuristics == h && keep(p); }, false),
                   CellStyle::kCount)
           << " |";
      md << "\n";
    };
    row("all", "all", [](const VerificationPair&) { return true; });
    for (int v : inputs)
      row("input size", input_size_label(v), [v](const VerificationPair& p) { return p.input_size == v; });
    for (int v : depths) row("depth", std::to_string(v), [v](const VerificationPair& p) { return p.depth == v; });
    for (int v : widths) row("width", std::to_string(v), [v](const VerificationPair& p) { return p.width == v; });
  }
  md << "\n";

  md << plots.markdown;
  return md.str();
}

std::string maximization_section(const MaximizationData& data) {
  std::ostringstream md;
  md << "## Function maximization (Section 5 of the paper)\n\n";
  if (data.problems == 0) {
    md << "No runs.\n\n";
    return md.str();
  }
  md << "### Table 3: % of networks where Algorithm 2's best dense value beats the direct solve\n\n"
     << "Surrogates: unstructured magnitude pruning without finetuning. Cell: % of problems where "
     << "the surrogate run's best_value (the dense network's value at Algorithm 2's best input) is "
     << "greater than the dense run's best_value; no solution = -infinity; values within 1e-9 "
     << "(relative) and two runs without solution are ties (not better). n = problems with both "
     << "runs.\n\n";
  if (data.pairs.empty()) {
    md << "No surrogate run has a dense run to compare with.\n\n";
    return md.str();
  }
  md << table_head({"heuristics", "split", "value"}, data.rates);
  std::set<int> inputs, depths, widths;
  for (const auto& p : data.pairs) {
    inputs.insert(p.input_size);
    depths.insert(p.depth);
    widths.insert(p.width);
  }
  for (const auto& h : settings_of(data.pairs)) {
    auto row = [&](const std::string& split, const std::string& value,
                   const std::function<bool(const MaximizationPair&)>& keep) {
      md << "| " << h << " | " << split << " | " << value << " |";
      for (double r : data.rates) {
        Tally t;
        for (const auto& p : data.pairs) {
          if (p.rate != r || p.heuristics != h || !keep(p)) continue;
          ++t.n;
          if (p.better()) ++t.hits;
          if (p.tie()) ++t.ties;
        }
        md << " " << cell(t, CellStyle::kTies) << " |";
      }
      md << "\n";
    };
    row("all", "all", [](const MaximizationPair&) { return true; });
    for (int v : inputs)
      row("input size", std::to_string(v), [v](const MaximizationPair& p) { return p.input_size == v; });
    for (int v : depths) row("depth", std::to_string(v), [v](const MaximizationPair& p) { return p.depth == v; });
    for (int v : widths) row("width", std::to_string(v), [v](const MaximizationPair& p) { return p.width == v; });
  }
  md << "\n"
     << "Paper (Gurobi, 600 s, 5 seeds per configuration): best cell 82.2% (depth 5, rate 0.95); "
     << "input size 10,000 at rate 0.95: 78.3%; width 200 at rate 0.95: 80.0%; small networks "
     << "(input 100, depth 2, width 50) mostly below 50%.\n\n";
  if (data.other_variants > 0)
    md << "Ignored: " << data.other_variants
       << " maximization surrogate runs that are not unstructured magnitude pruning without finetuning.\n\n";
  return md.str();
}

// ---------------------------------------------------------------------------
// Header

std::string header_section(const Database& db, const VerificationData& v, const MaximizationData& m) {
  std::ostringstream md;
  md << "# nnmip experiment report\n\n## Database\n\n";
  long long runs = 0;
  {
    Query q = db.prepare("SELECT COUNT(*) AS runs, MIN(finished_at) AS first, MAX(finished_at) AS last FROM runs");
    q.step();
    runs = q.integer("runs");
    md << "- File: `" << db.path() << "` (schema version " << db.version() << ")\n"
       << "- Runs: " << runs;
    if (runs > 0) md << " (finished " << q.text("first") << " to " << q.text("last") << ")";
    md << "\n";
  }
  {
    std::map<std::string, std::string> studies;
    Query q = db.prepare(
        "SELECT study, COUNT(*) AS runs, COUNT(DISTINCT problem_key) AS problems, SUM(variant = 'dense') AS dense "
        "FROM runs GROUP BY study ORDER BY study");
    while (q.step())
      studies[q.text("study")] = std::to_string(q.integer("runs")) + " runs, " + std::to_string(q.integer("problems")) +
                                 " problems, " + std::to_string(q.integer("dense")) + " dense runs";
    std::vector<std::string> items;
    for (const std::string s : {"verification", "maximization"}) {
      items.push_back(s + ": " + (studies.count(s) ? studies[s] : "no runs"));
      studies.erase(s);
    }
    for (const auto& [s, text] : studies) items.push_back(s + " (unknown study, ignored): " + text);
    md << "- Studies:";
    for (size_t i = 0; i < items.size(); ++i) md << (i ? "; " : " ") << items[i];
    md << "\n";
  }
  // `sql` selects `study` (or ''), `value` and `n`.
  auto grouped_list = [&](const std::string& title, const std::string& sql, bool number,
                          const std::string& unit = "runs") {
    Query q = db.prepare(sql);
    std::vector<std::string> items;
    while (q.step()) {
      const std::string study = q.text("study");
      std::string item = (study.empty() ? "" : study + " ") +
                         (number ? format_number(q.real("value")) : q.text("value")) + " (" +
                         std::to_string(q.integer("n")) + " " + unit + ")";
      items.push_back(item);
    }
    md << title << ":";
    if (items.empty()) md << " none";
    for (size_t i = 0; i < items.size(); ++i) md << (i ? ", " : " ") << items[i];
    md << "\n";
  };
  grouped_list("- Presets",
               "SELECT study, preset AS value, COUNT(*) AS n FROM runs GROUP BY study, preset ORDER BY study, preset",
               false);
  grouped_list("- Code versions",
               "SELECT '' AS study, code_version AS value, COUNT(*) AS n FROM runs GROUP BY code_version "
               "ORDER BY code_version",
               false);
  // Every recorded search parameter (search_parameters.hpp) with the values the runs used.
  md << "- Search parameters (dense and surrogate runs are paired within one heuristics setting):\n";
  for (const SearchParameter& p : search_parameters()) {
    if (!p.is_recorded()) continue;
    const SearchOptions defaults;
    grouped_list("  - " + p.name,
                 "SELECT study, " + p.name + " AS value, COUNT(*) AS n FROM runs GROUP BY study, " + p.name +
                     " ORDER BY study, " + p.name,
                 p.record(defaults, true).is_number_float());
  }
  grouped_list("- Verification problems per dataset",
               "SELECT '' AS study, COALESCE(dataset, '(none)') AS value, COUNT(DISTINCT problem_key) AS n FROM runs "
               "WHERE study = 'verification' GROUP BY dataset ORDER BY dataset",
               false, "problems");
  {
    std::map<std::string, std::map<std::string, long long>> outcomes;
    Query q =
        db.prepare("SELECT study, status, COUNT(*) AS n FROM runs WHERE variant = 'dense' GROUP BY study, status");
    while (q.step()) outcomes[q.text("study")][q.text("status")] = q.integer("n");
    auto line = [&](const std::string& study, const std::vector<std::string>& statuses) {
      auto counts = outcomes[study];
      md << "- Dense outcomes (" << study << "):";
      for (size_t i = 0; i < statuses.size(); ++i) {
        md << (i ? " / " : " ") << statuses[i] << " " << counts[statuses[i]];
        counts.erase(statuses[i]);
      }
      for (const auto& [status, count] : counts) md << " / " << status << " " << count;
      md << "\n";
    };
    line("verification", {"adversarial", "robust", "unknown"});
    line("maximization", {"optimal", "feasible", "no_solution"});
  }
  auto note = [&](int count, const std::string& text) {
    if (count > 0) md << "- Note: " << count << " " << text << "\n";
  };
  {
    Query q = db.prepare("SELECT COUNT(*) AS n FROM runs WHERE code_version LIKE '%-dirty%'");
    q.step();
    note(static_cast<int>(q.integer("n")),
         "runs come from a build with uncommitted changes ('-dirty'): the code that produced them is not in "
         "the repository");
  }
  note(v.problems_without_dense, "verification problems have no dense run (left out of the tables)");
  note(v.unpaired_surrogate_runs, "verification surrogate runs have no dense run (left out)");
  note(v.duplicate_runs, "verification runs repeat a (problem, variant) already seen (the earliest finished is used)");
  note(m.problems_without_dense, "maximization problems have no dense run (left out of Table 3)");
  note(m.unpaired_surrogate_runs, "maximization surrogate runs have no dense run (left out)");
  note(m.duplicate_runs, "maximization runs repeat a (problem, variant/rate) already seen (the earliest is used)");
  md << "\n";
  return md.str();
}

const char* kHowToRead = R"md(## How to read

- A *verification problem* is the set of runs with study 'verification' sharing a problem_key:
  one dense run (variant 'dense') and the surrogate runs (Algorithm 1 on a pruned network).
- *Dense runtime* = time_to_first_adversarial_s of the dense run. No adversarial input within
  time_limit_s is a *timeout* (+infinity); a dense run with status 'robust' also found no
  adversarial input and counts as a timeout (the header counts 'robust' separately).
- *Pruned runtime* = time_to_first_adversarial_s of the surrogate run (timeout when NULL);
  *counting finetune time* adds finetune_time_s.
- *Surrogate faster*: pruned runtime < dense runtime, a timeout being +infinity. Ties,
  including both timing out, are NOT counted as faster. % = faster / n, where n is the number
  of (problem, surrogate variant) pairs in the cell that have both runs.
- Cells "x (n=N, TO S:a D:b)": x = % faster, a = surrogate timeouts and b = dense timeouts
  (including robust) among the N pairs. "-" = no pair in the cell.
- A *maximization problem* = runs with study 'maximization' sharing a problem_key. *Surrogate
  better*: the surrogate run's best_value (the dense network's value at Algorithm 2's best
  input) > the dense run's best_value; NULL best_value (no solution) = -infinity; both NULL
  is a tie, not better.
- Scatter plots: x = dense runtime, y = pruned runtime (seconds, log-log), dashed identity
  line; timeouts are drawn on the border at the time limit with an open triangle; times are
  clamped to at least 0.01 s. Below the line = surrogate faster. Panel titles give the % of
  points below and above the line (the rest lie on it: ties); points drawn at one position
  carry their count (xN); columns without any run in the database are left out (and named).
- *Heuristics*: every table has one block of rows per heuristics setting (`none` is the
  paper's setting); dense and surrogate runs are paired within one setting. Table 4 compares
  every method across settings on the same problems.

)md";

std::string csv_number(const std::optional<double>& value) {
  if (!value) return "";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.9g", *value);
  return buffer;
}

std::string verification_pairs_csv(const VerificationData& data) {
  std::ostringstream csv;
  csv << "problem_key,heuristics,variant,dataset,input_size,depth,width,structure,criterion,rate,finetuned,"
         "finetune_s,dense_status,dense_s,pruned_s,dense_limit_s,surrogate_limit_s,faster,"
         "faster_with_finetune\n";
  for (const auto& p : data.pairs)
    csv << p.problem_key << "," << p.heuristics << "," << p.variant << "," << p.dataset << "," << p.input_size << ","
        << p.depth << "," << p.width << "," << p.structure << "," << p.criterion << "," << format_rate(p.rate) << ","
        << p.finetuned << "," << csv_number(p.finetune_time_s) << "," << p.dense_status << "," << csv_number(p.dense_s)
        << "," << csv_number(p.pruned_s) << "," << csv_number(p.dense_limit_s) << "," << csv_number(p.surrogate_limit_s)
        << "," << p.faster(false) << "," << p.faster(true) << "\n";
  return csv.str();
}

std::string maximization_pairs_csv(const MaximizationData& data) {
  std::ostringstream csv;
  csv << "problem_key,heuristics,input_size,depth,width,rate,dense_value,surrogate_value,better,tie\n";
  for (const auto& p : data.pairs)
    csv << p.problem_key << "," << p.heuristics << "," << p.input_size << "," << p.depth << "," << p.width << ","
        << format_rate(p.rate) << "," << csv_number(p.dense_value) << "," << csv_number(p.surrogate_value) << ","
        << p.better() << "," << p.tie() << "\n";
  return csv.str();
}

}  // namespace
}  // namespace report

namespace report {
namespace {

/// Throws unless every run comes from one code version (or mixing is allowed).
void check_one_code_version(const Database& db, bool allow_mixed_versions) {
  Query q = db.prepare("SELECT code_version, COUNT(*) AS n FROM runs GROUP BY code_version ORDER BY code_version");
  std::vector<std::string> versions;
  while (q.step()) versions.push_back("'" + q.text("code_version") + "' (" + std::to_string(q.integer("n")) + " runs)");
  if (versions.size() <= 1 || allow_mixed_versions) return;
  std::string list;
  for (const std::string& v : versions) list += (list.empty() ? "" : ", ") + v;
  throw Error(db.path() + " holds runs of " + std::to_string(versions.size()) + " code versions: " + list +
              "; results of different code are not one experiment: run the campaign with one build into a new "
              "database, or allow mixed versions to report them together");
}

}  // namespace
}  // namespace report

ReportSummary write_report(const std::string& db_path, const std::string& out_dir, const std::string& heuristics,
                           bool allow_mixed_versions) {
  using namespace report;
  const Database db(db_path, heuristics);
  check_one_code_version(db, allow_mixed_versions);
  const VerificationData verification = load_verification(db);
  const MaximizationData maximization = load_maximization(db);

  const fs::path out(out_dir);
  std::error_code ec;
  fs::create_directories(out / "csv", ec);
  if (ec)
    throw Error("cannot create the report directory " + (out / "csv").string() + ": " + ec.message() +
                "; choose another report folder");
  fs::create_directories(out / "plots", ec);
  if (ec)
    throw Error("cannot create the report directory " + (out / "plots").string() + ": " + ec.message() +
                "; choose another report folder");

  ReportSummary summary;
  summary.verification_problems = verification.problems;
  summary.maximization_problems = maximization.problems;
  std::vector<std::string> relative;

  PlotOutput plots;
  if (!verification.pairs.empty()) plots = write_plots(verification, out);
  relative.insert(relative.end(), plots.files.begin(), plots.files.end());
  summary.warnings = plots.warnings;

  if (!verification.pairs.empty()) {
    write_file_atomically(out / "csv" / "verification_pairs.csv", verification_pairs_csv(verification));
    relative.push_back("csv/verification_pairs.csv");
  }
  if (!maximization.pairs.empty()) {
    write_file_atomically(out / "csv" / "maximization_pairs.csv", maximization_pairs_csv(maximization));
    relative.push_back("csv/maximization_pairs.csv");
  }

  std::ostringstream md;
  md << header_section(db, verification, maximization) << kHowToRead << verification_section(verification, plots)
     << maximization_section(maximization) << methods_section(db);
  md << "## Files\n\n";
  for (const auto& w : summary.warnings) md << "- Warning: " << w << "\n";
  md << "- Data behind the tables: `csv/verification_pairs.csv`, `csv/maximization_pairs.csv` (one row per "
        "problem/variant pair); plot data: `csv/fig*.csv`; gnuplot scripts: `plots/*.gp` (run from this "
        "directory: `gnuplot plots/<figure>.gp`).\n";
  write_file_atomically(out / "report.md", md.str());
  relative.push_back("report.md");

  for (const auto& r : relative) summary.files.push_back((out / r).string());
  return summary;
}

}  // namespace nnmip
