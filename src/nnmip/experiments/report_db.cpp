// Read-only access to the experiment database for the report generator.
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "nnmip/experiments/database_file.hpp"
#include "nnmip/experiments/report_internal.hpp"
#include "nnmip/experiments/schema.hpp"
#include "nnmip/heuristics/heuristic_options.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip::report {

Database::Database(const std::string& path, const std::string& heuristics) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error("no database at " + path + ": pass the SQLite file written by the experiment campaign");
  if (std::filesystem::is_directory(path, ec))
    throw Error("no database at " + path + ": it is a directory; pass the SQLite file");
  // Read-only (immutable on a read-only medium), checked intact; a campaign may be writing concurrently.
  db_ = open_database(path, DatabaseAccess::read_only);

  // The first read tells whether this is an SQLite file at all.
  sqlite3_stmt* probe = nullptr;
  const int prc = sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &probe, nullptr);
  if (prc != SQLITE_OK) {
    const int code = sqlite3_errcode(db_);
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(probe);
    sqlite3_close(db_);
    db_ = nullptr;
    if (code == SQLITE_NOTADB)
      throw Error(path + " is not an SQLite database (" + message +
                  "); pass the .sqlite file written by the experiment campaign");
    throw Error(path + " is not an nnmip experiment database: cannot read its meta table (" + message +
                "); pass the .sqlite file written by the experiment campaign");
  }
  std::optional<std::string> version;
  if (sqlite3_step(probe) == SQLITE_ROW) {
    const unsigned char* value = sqlite3_column_text(probe, 0);
    version = value ? reinterpret_cast<const char*>(value) : "";
  }
  sqlite3_finalize(probe);
  bool readable = false;
  for (int v = 1; v <= schema_version(); ++v) readable |= version && *version == std::to_string(v);
  if (!version || !readable) {
    sqlite3_close(db_);
    db_ = nullptr;
  }
  if (!version)
    throw Error(path +
                " has no schema_version in its meta table: not an nnmip experiment "
                "database; pass the .sqlite file written by the experiment campaign");
  if (!readable)
    throw Error(path + " was written by schema version " + *version + "; this nnmip reads versions 1 to " +
                std::to_string(schema_version()) +
                ": use the nnmip build that wrote it, or re-run the campaign into a new database");
  version_ = std::atoi(version->c_str());

  // The report reads `runs`; a temporary view of that name shadows the table
  // (SQLite resolves unqualified names in temp first) to supply the columns an
  // older version lacks, with the values its runs had (schema.hpp), and to keep
  // only one heuristics setting.
  std::set<std::string> present;
  {
    Statement info = prepare("PRAGMA main.table_info(runs)");
    while (info.step()) present.insert(info.text(1));
  }
  std::string supplied;
  for (const RunColumn& column : run_columns())
    if (!present.count(column.name) && column.since > 1)
      supplied += ", " + column.value_for_older_rows() + " AS " + column.name;
  if (!supplied.empty() || !heuristics.empty()) {
    std::string view = "CREATE TEMP VIEW runs AS SELECT * FROM (SELECT *" + supplied + " FROM main.runs)";
    if (!heuristics.empty())
      view += " WHERE heuristics = '" + std::string(to_string(parse_heuristic_level(heuristics))) + "'";
    char* message = nullptr;
    if (sqlite3_exec(db_, view.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string why = message ? message : "unknown error";
      sqlite3_free(message);
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error("cannot read the database " + path + ": " + why);
    }
  }
}

Database::~Database() { sqlite3_close(db_); }

Statement Database::prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail("cannot prepare the query '" + std::string(sql) + "'");
  return Statement(*this, stmt);
}

void Database::fail(const std::string& what) const {
  throw Error("reading the database " + path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "closed") +
              "; check that the file was written by this nnmip version (schema version " +
              std::to_string(schema_version()) + ")");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, const std::string& value) {
  if (sqlite3_bind_text(stmt_, index, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("cannot bind parameter " + std::to_string(index));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("query '" + std::string(sqlite3_sql(stmt_)) + "' failed");
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
long long Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}
std::string Statement::text(int column) const {
  const unsigned char* value = sqlite3_column_text(stmt_, column);
  return value ? reinterpret_cast<const char*>(value) : "";
}

}  // namespace nnmip::report
