// Read-only access to the experiment database for the report generator.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/report/report_internal.hpp"
#include "nnmip/storage/schema.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::report {

namespace {

/// The path, after the checks that come before SQLite opens it.
const std::string& existing_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error("no database at " + path + ": pass the SQLite file written by the experiment campaign");
  if (std::filesystem::is_directory(path, ec))
    throw Error("no database at " + path + ": it is a directory; pass the SQLite file");
  return path;
}

}  // namespace

// Read-only (immutable on a read-only medium), checked intact; a campaign may be writing concurrently.
Database::Database(const std::string& path, const std::string& heuristics)
    : db_(existing_file(path), DatabaseAccess::read_only) {
  const std::optional<int> version = recorded_schema_version(db_);
  if (!version)
    throw Error(path +
                " is not an nnmip experiment database (no schema_version in a meta table); pass the .sqlite file "
                "written by the experiment campaign");
  version_ = *version;

  // The report reads `runs`; a temporary view of that name shadows the table
  // (SQLite resolves unqualified names in temp first) to supply the columns an
  // older version lacks, with the values its runs had (schema.hpp), and to keep
  // only one heuristics setting.
  const std::vector<std::string> names = db_.columns_of("runs");
  const std::set<std::string> present(names.begin(), names.end());
  std::string supplied;
  for (const RunColumn& column : run_columns())
    if (!present.count(column.name) && column.since > 1)
      supplied += ", " + column.value_for_older_rows() + " AS " + column.name;
  if (!supplied.empty() || !heuristics.empty()) {
    std::string view = "CREATE TEMP VIEW runs AS SELECT * FROM (SELECT *" + supplied + " FROM main.runs)";
    if (!heuristics.empty())
      view += " WHERE heuristics = '" + std::string(to_string(parse_heuristic_level(heuristics))) + "'";
    db_.execute(view);
  }
}

}  // namespace nnmip::report
