#include "nnmip/storage/result_store.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "nnmip/storage/schema.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

bool has_tables(const SqliteDatabase& db) {
  Query count = db.query("SELECT count(*) AS n FROM sqlite_master WHERE type='table'");
  return count.step() && count.integer("n") > 0;
}

/// Checks that `path` can be opened in `mode`, before SQLite creates anything.
std::string checked_path(const std::string& path, ResultStore::Mode mode) {
  namespace fs = std::filesystem;
  const bool exists = fs::exists(path);
  if (!exists && mode == ResultStore::Mode::read_only) throw Error("no database at " + path);
  if (!exists) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent))
      throw Error("cannot create the database " + path + ": the folder " + parent.string() + " does not exist");
  }
  return path;
}

}  // namespace

ResultStore::ResultStore(const std::string& path, Mode mode)
    : existed_(std::filesystem::exists(checked_path(path, mode))),
      db_(path, mode == Mode::read_only ? DatabaseAccess::read_only : DatabaseAccess::read_write) {
  const std::optional<int> version = recorded_schema_version(db_);
  if (!version && existed_ && has_tables(db_))
    throw Error(path +
                " is an SQLite database but not one nnmip wrote (no schema_version): choose another database file");
  if (mode == Mode::read_write) {
    db_.execute("PRAGMA journal_mode=WAL");
    db_.execute("BEGIN IMMEDIATE");
    try {
      // Inside the transaction: another process may be creating or migrating it meanwhile.
      db_.execute(schema_sql());
      add_missing_columns();
      db_.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '0')");
      db_.execute("UPDATE meta SET value = '" + std::to_string(schema_version()) + "' WHERE key = 'schema_version'");
      db_.execute("COMMIT");
    } catch (...) {
      try {
        db_.execute("ROLLBACK");
      } catch (const Error&) {
      }
      throw;
    }
  }
}

void ResultStore::add_missing_columns() {
  const std::vector<std::string> names = db_.columns_of("runs");
  const std::set<std::string> present(names.begin(), names.end());
  for (const RunColumn& column : run_columns()) {
    if (present.count(column.name)) continue;
    if (column.since <= 1)
      throw Error(path() + " has no column " + column.name +
                  " in its runs table: it was not written by nnmip; choose another database file");
    db_.execute("ALTER TABLE runs ADD COLUMN " + column.name + " " + column.declaration);
  }
}

std::set<std::string> ResultStore::run_keys() const {
  std::set<std::string> keys;
  Query select = db_.query("SELECT run_key FROM runs");
  while (select.step()) keys.insert(select.text("run_key"));
  return keys;
}

std::map<std::string, double> ResultStore::run_seconds() const {
  std::map<std::string, double> seconds;
  Query select =
      db_.query("SELECT run_key, solve_time_s + build_time_s + COALESCE(finetune_time_s, 0) AS seconds FROM runs");
  while (select.step()) seconds[select.text("run_key")] = select.real("seconds");
  return seconds;
}

long ResultStore::run_count() const {
  Query count = db_.query("SELECT count(*) AS n FROM runs");
  count.step();
  return static_cast<long>(count.integer("n"));
}

void ResultStore::insert(const nlohmann::json& row) {
  try {
    db_.insert_or_ignore("runs", row);
  } catch (const Error& e) {
    throw Error("cannot record a run: " + std::string(e.what()));
  }
}

void ResultStore::merge_from(const std::string& other_path) {
  { ResultStore check(other_path, Mode::read_only); }  // a schema version this nnmip reads, or a clear error
  Query attach = db_.query("ATTACH DATABASE ? AS other");
  attach.bind(1, database_uri(other_path));
  try {
    attach.run();
  } catch (const Error& e) {
    throw Error("cannot read " + other_path + ": " + e.what());
  }
  try {
    // By column name: columns an older version lacks take their defaults (schema.hpp).
    std::string columns;
    for (const std::string& name : db_.columns_of("runs", "other")) columns += (columns.empty() ? "" : ", ") + name;
    db_.execute("BEGIN IMMEDIATE");
    db_.execute("INSERT OR IGNORE INTO runs (" + columns + ") SELECT " + columns + " FROM other.runs");
    db_.execute("COMMIT");
  } catch (...) {
    for (const char* undo : {"ROLLBACK", "DETACH DATABASE other"}) {
      try {
        db_.execute(undo);
      } catch (const Error&) {
      }
    }
    throw;
  }
  db_.execute("DETACH DATABASE other");
}

}  // namespace nnmip
