#pragma once
// The experiment database: one SQLite file, one row per run.
//
// A "run" is one MILP search: a dense direct solve, or a surrogate solve
// (Algorithm 1 for verification, Algorithm 2 for maximization). Its key is a
// digest of the problem, the surrogate and every search parameter, so
// re-running a campaign skips finished runs and merging shards never
// duplicates one.
//
// The columns of `runs`: the fixed ones below (problem, network, instance,
// surrogate, outcome), then one per recorded search parameter, made from its
// row in search_parameters.hpp (its name, typed by its value, NOT NULL, with
// the value runs had before the parameter existed as DEFAULT).
//
// History: version 2 added heuristics, version 3 solver and solver_version,
// version 4 lp_time_limit_s and disjuncts, version 5 node_limit. The version is
// the newest column's.
// An older database gains the columns it lacks when a campaign opens it (each
// column that came later has a default or allows NULL, which is what older runs
// had); the report reads an older one through a view that supplies them; merge
// copies by column name.
#include <optional>
#include <string>
#include <vector>

namespace nnmip {

class SqliteDatabase;

/// A column of `runs` with its SQL declaration and the schema version that added it.
struct RunColumn {
  std::string name;
  std::string declaration;  // "REAL NOT NULL", "TEXT NOT NULL DEFAULT 'none'"
  int since = 1;
  /// The value an older database's rows take for a column it lacks: the
  /// declaration's DEFAULT, or NULL. Empty when the column has always existed.
  std::string value_for_older_rows() const;
};

/// The schema version this build writes (and the newest it reads).
int schema_version();
/// Every column of `runs`: the fixed ones, then the search parameters'.
const std::vector<RunColumn>& run_columns();
/// The SQL that creates the tables (meta, runs) and the index, if absent.
std::string schema_sql();

/// The one schema version check: the version the file's meta table records,
/// nullopt when it records none (no meta table, or no row: a new file or not
/// nnmip's). Throws nnmip::Error naming the file for a version this build does
/// not read (newer than schema_version(), or not a version number).
std::optional<int> recorded_schema_version(const SqliteDatabase& db);

}  // namespace nnmip
