#pragma once
// VNN-COMP instances (onnx, vnnlib, timeout) decided by `nnmip check`, one row
// per instance in the table vnncomp_runs of an experiment database (beside the
// campaigns' runs, which it leaves alone), and the summary of such rows.
//
// Schema version: the table is created on demand (CREATE TABLE IF NOT EXISTS)
// when a batch opens the database, so the schema version does not change: a database
// without the table is read as having no VNN-COMP rows, `experiment report` and
// `merge` never look at it, and `runs` is unchanged. (`merge` does not copy
// vnncomp_runs; `experiment vnncomp-report` reads several databases instead.)
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "nnmip/storage/result_store.hpp"

namespace nnmip {

inline constexpr std::string_view kVnncompSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS vnncomp_runs (
  run_key        TEXT PRIMARY KEY,  -- digest of onnx + vnnlib (resolved paths), timeout (capped), disjuncts
  benchmark      TEXT NOT NULL,     -- the folder of the instances.csv (paths below are relative to it)
  csv_row        INTEGER NOT NULL,  -- 1-based line of the instance in its instances.csv
  onnx           TEXT NOT NULL,     -- as written in instances.csv
  vnnlib         TEXT NOT NULL,
  timeout_s      REAL NOT NULL,     -- the instance's timeout (instances.csv), capped by --time-limit-cap
  time_limit_s   REAL NOT NULL,     -- the --time-limit given to nnmip check (timeout minus a safety margin)
  options        TEXT NOT NULL,     -- JSON: the check options of the batch
  result         TEXT NOT NULL,     -- sat | unsat | unknown | timeout | error (as VNN-COMP would count it)
  check_result   TEXT,              -- what nnmip check answered (NULL when it gave no answer)
  time_s         REAL NOT NULL,     -- wall time of the check process (start to exit)
  time_to_sat_s  REAL,              -- sat: when the counterexample was found (check's clock)
  counterexample_json TEXT,         -- sat: {"input": [...], "output": [...]}
  error          TEXT,              -- error: the message
  result_json    TEXT,              -- check's whole JSON output
  code_version   TEXT NOT NULL,
  finished_at    TEXT NOT NULL
);
)sql";

struct VnncompRow {
  std::string run_key;
  std::string benchmark;
  int csv_row = 0;
  std::string onnx;
  std::string vnnlib;
  double timeout_s = 0.0;
  double time_limit_s = 0.0;
  std::string options = "{}";
  std::string result;
  std::optional<std::string> check_result;
  double time_s = 0.0;
  std::optional<double> time_to_sat_s;
  std::optional<std::string> counterexample_json;
  std::optional<std::string> error;
  std::optional<std::string> result_json;
  std::string code_version;
  std::string finished_at;  // set by the database when recorded
};

class VnncompStore {
 public:
  /// Opens an experiment database (result_store.hpp); read_write creates it and the table.
  VnncompStore(const std::string& path, ResultStore::Mode mode);
  std::set<std::string> keys() const;
  /// Records one instance in one transaction (ignored when its key is there).
  void record(const VnncompRow& row);
  /// Every row, in the order of benchmark, csv_row.
  std::vector<VnncompRow> rows() const;
  const std::string& path() const { return store_.path(); }

 private:
  bool has_table() const;
  ResultStore store_;
};

struct VnncompSummary {
  long instances = 0;
  std::map<std::string, long> counts;  // sat, unsat, unknown, timeout, error (always present)
  double total_time_s = 0.0;
  double median_time_s = 0.0;
  double solved_time_s = 0.0;  // total over sat and unsat
};
VnncompSummary summarize(const std::vector<VnncompRow>& rows);

/// "N instances: a sat, b unsat, ...; time total X s, median Y s".
std::string summary_line(const VnncompSummary& summary);
/// A Markdown table, one line per row.
std::string instance_table(const std::vector<VnncompRow>& rows);

}  // namespace nnmip
