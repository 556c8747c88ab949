#pragma once
// The report generator: reads an experiment database (schema.hpp) and writes
// the analogues of the paper's Tables 1-3 and Figures 1-3.
//
//   out_dir/report.md         tables, definitions ("How to read"), links to the plots
//   out_dir/csv/*.csv         the data of every plot panel (header row + one row per point)
//   out_dir/plots/*.gp        one gnuplot script per figure (run from out_dir)
//   out_dir/plots/*.png,svg   rendered when gnuplot is installed
//
// Every number in report.md comes from SQL queries of the database (the
// paper's numbers, printed beside ours, are labelled as such).
#include <string>
#include <vector>

namespace nnmip {

struct ReportSummary {
  int verification_problems = 0;      // distinct problem_key with study 'verification'
  int maximization_problems = 0;      // distinct problem_key with study 'maximization'
  std::vector<std::string> files;     // every file written (paths under out_dir)
  std::vector<std::string> warnings;  // e.g. gnuplot missing or failing: plots not rendered
};

/// Writes the report of the database at `db_path` into `out_dir` (created if
/// needed). The database is opened read-only. Throws nnmip::Error when the
/// file is missing, is not an SQLite database, or has another schema version.
/// A missing or failing gnuplot does not throw: the CSVs and scripts are still
/// written and the problem is noted in report.md and in `warnings`.
/// `heuristics` (none, lp, lp+polish, all; empty = every setting) keeps only
/// the runs of that heuristics setting; without it, dense and surrogate runs
/// are paired within each setting.
/// Runs of several code versions are refused (nnmip::Error listing them) unless
/// `allow_mixed_versions`: results of different code are not one experiment.
ReportSummary write_report(const std::string& db_path, const std::string& out_dir, const std::string& heuristics = "",
                           bool allow_mixed_versions = false);

}  // namespace nnmip
