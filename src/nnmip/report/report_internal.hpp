#pragma once
// Internals of the report generator (report*.cpp): the database read-only,
// the rows the report is computed from, and the plot writer. Not part of the
// public API.
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnmip/storage/sqlite.hpp"

namespace nnmip::report {

/// An experiment database opened read-only for the report: the constructor
/// checks that the file exists, is an SQLite database and has a schema version
/// this build reads, and reads an older version as the current one (schema.hpp).
class Database {
 public:
  /// Opens read-only; `heuristics` (when not empty) keeps only the runs of that setting.
  explicit Database(const std::string& path, const std::string& heuristics = "");

  /// A query on `runs` and the rest; columns are read by name (Query).
  Query prepare(const std::string& sql) const { return db_.query(sql); }
  const std::string& path() const { return db_.path(); }
  /// The schema version the file was written with.
  int version() const { return version_; }

 private:
  SqliteDatabase db_;
  int version_ = 0;
};

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
inline constexpr double kMinPlotTime = 0.01;  // log axes: times are clamped to at least this

/// A surrogate verification run with the dense run of its problem.
struct VerificationPair {
  std::string problem_key, heuristics, variant, dataset, structure, criterion, dense_status;
  int input_size = 0, depth = 0, width = 0;
  double rate = 0;
  bool finetuned = false;
  double finetune_time_s = 0;
  double dense_limit_s = 0, surrogate_limit_s = 0;
  std::optional<double> dense_s;   // time to the first adversarial input; nullopt = timeout / robust
  std::optional<double> pruned_s;  // same for the surrogate run (finetune time not included)

  double dense_time() const { return dense_s ? *dense_s : kInfinity; }
  double pruned_time(bool with_finetune) const {
    return pruned_s ? *pruned_s + (with_finetune ? finetune_time_s : 0.0) : kInfinity;
  }
  /// Surrogate faster: a timeout counts as +infinity, ties are not faster.
  bool faster(bool with_finetune) const { return pruned_time(with_finetune) < dense_time(); }
  bool slower(bool with_finetune) const { return pruned_time(with_finetune) > dense_time(); }
};

struct VerificationData {
  std::vector<VerificationPair> pairs;  // ordered by problem_key, variant
  std::vector<double> rates;            // distinct surrogate rates, ascending
  int problems = 0;                     // distinct problem_key
  int problems_without_dense = 0;
  int unpaired_surrogate_runs = 0;  // surrogate runs of problems without a dense run
  int duplicate_runs = 0;           // further rows of an already seen (problem_key, variant)
};

/// Loads the verification runs with SQL and pairs each surrogate run with its dense run.
VerificationData load_verification(const Database& db);

/// Short criterion name: magnitude -> MP, random -> RP (others unchanged).
std::string criterion_short(const std::string& criterion);
/// A rate as printed and used in file names: 0.5, 0.95.
std::string format_rate(double rate);
/// One decimal: 33.3.
std::string format_percent(int count, int total);

struct PlotOutput {
  std::vector<std::string> files;     // relative to out_dir
  std::vector<std::string> warnings;  // gnuplot missing / failed
  std::string markdown;               // the "Figures" section of report.md
};

/// Table 4: every method (heuristics setting x variant) against the best method of each problem.
std::string methods_section(const Database& db);

/// Writes the CSVs and gnuplot scripts of Figures 1-3, runs gnuplot when present.
PlotOutput write_plots(const VerificationData& data, const std::filesystem::path& out_dir);

}  // namespace nnmip::report
