#include "nnmip/experiments/result_store.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "nnmip/experiments/database_file.hpp"
#include "nnmip/experiments/schema.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw Error(std::string("SQL error: ") + sqlite3_errmsg(db) + " in: " + sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string schema_version_of(sqlite3* db) {
  Statement has_meta(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  if (sqlite3_step(has_meta.get()) != SQLITE_ROW || sqlite3_column_int(has_meta.get(), 0) == 0) return "";
  Statement version(db, "SELECT value FROM meta WHERE key='schema_version'");
  if (sqlite3_step(version.get()) != SQLITE_ROW) return "";
  return reinterpret_cast<const char*>(sqlite3_column_text(version.get(), 0));
}

bool has_tables(sqlite3* db) {
  Statement count(db, "SELECT count(*) FROM sqlite_master WHERE type='table'");
  return sqlite3_step(count.get()) == SQLITE_ROW && sqlite3_column_int(count.get(), 0) > 0;
}

}  // namespace

ResultStore::ResultStore(const std::string& path, Mode mode) : path_(path) {
  namespace fs = std::filesystem;
  const bool exists = fs::exists(path);
  if (!exists && mode == Mode::read_only) throw Error("no database at " + path);
  if (!exists) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent))
      throw Error("cannot create the database " + path + ": the folder " + parent.string() + " does not exist");
  }
  db_ = open_database(path, mode == Mode::read_only ? DatabaseAccess::read_only : DatabaseAccess::read_write);
  try {
    std::string version;
    try {
      version = schema_version_of(db_);
    } catch (const Error&) {
      throw Error(path + " is not an SQLite database (nnmip will not overwrite it): choose another database file");
    }
    if (version.empty() && exists && has_tables(db_))
      throw Error(path +
                  " is an SQLite database but not one nnmip wrote (no schema_version): choose another database file");
    const int number = version.empty() ? 0 : std::atoi(version.c_str());
    if (!version.empty() && (number < 1 || number > schema_version() || std::to_string(number) != version))
      throw Error(path + " was written by schema version " + version + "; this nnmip reads versions 1 to " +
                  std::to_string(schema_version()) + ": use a new database file (or the nnmip that wrote it)");
    if (mode == Mode::read_write) {
      execute("PRAGMA journal_mode=WAL");
      execute("BEGIN IMMEDIATE");
      // Inside the transaction: another process may be creating or migrating it meanwhile.
      execute(schema_sql());
      add_missing_columns();
      execute("INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '0')");
      execute("UPDATE meta SET value = '" + std::to_string(schema_version()) + "' WHERE key = 'schema_version'");
      execute("COMMIT");
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ResultStore::~ResultStore() { sqlite3_close(db_); }

void ResultStore::add_missing_columns() {
  std::set<std::string> present;
  {
    Statement info(db_, "PRAGMA table_info(runs)");
    while (sqlite3_step(info.get()) == SQLITE_ROW)
      present.insert(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 1)));
  }
  for (const RunColumn& column : run_columns()) {
    if (present.count(column.name)) continue;
    if (column.since <= 1)
      throw Error(path_ + " has no column " + column.name +
                  " in its runs table: it was not written by nnmip; choose another database file");
    execute("ALTER TABLE runs ADD COLUMN " + column.name + " " + column.declaration);
  }
}

void ResultStore::execute(const std::string& sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    const int code = sqlite3_errcode(db_);
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
      throw Error("cannot write to the database " + path_ + " (" + why +
                  "): the file or its folder is read-only; choose a writable database file");
    throw Error("database " + path_ + ": " + why);
  }
}

std::set<std::string> ResultStore::run_keys() const {
  std::set<std::string> keys;
  Statement select(db_, "SELECT run_key FROM runs");
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    keys.insert(reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0)));
  return keys;
}

std::map<std::string, double> ResultStore::run_seconds() const {
  std::map<std::string, double> seconds;
  Statement select(db_, "SELECT run_key, solve_time_s + build_time_s + COALESCE(finetune_time_s, 0) FROM runs");
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    seconds[reinterpret_cast<const char*>(sqlite3_column_text(select.get(), 0))] =
        sqlite3_column_double(select.get(), 1);
  return seconds;
}

long ResultStore::run_count() const {
  Statement count(db_, "SELECT count(*) FROM runs");
  sqlite3_step(count.get());
  return sqlite3_column_int64(count.get(), 0);
}

void ResultStore::insert(const nlohmann::json& row) {
  std::string columns, placeholders;
  for (auto it = row.begin(); it != row.end(); ++it) {
    if (!columns.empty()) columns += ", ", placeholders += ", ";
    columns += it.key();
    placeholders += "?";
  }
  Statement insert(db_, "INSERT OR IGNORE INTO runs (" + columns + ") VALUES (" + placeholders + ")");
  int index = 1;
  for (auto it = row.begin(); it != row.end(); ++it, ++index) {
    const nlohmann::json& v = it.value();
    if (v.is_null())
      sqlite3_bind_null(insert.get(), index);
    else if (v.is_boolean())
      sqlite3_bind_int(insert.get(), index, v.get<bool>() ? 1 : 0);
    else if (v.is_number_integer())
      sqlite3_bind_int64(insert.get(), index, v.get<long long>());
    else if (v.is_number())
      sqlite3_bind_double(insert.get(), index, v.get<double>());
    else if (v.is_string())
      sqlite3_bind_text(insert.get(), index, v.get_ref<const std::string&>().c_str(), -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_text(insert.get(), index, v.dump().c_str(), -1, SQLITE_TRANSIENT);
  }
  if (sqlite3_step(insert.get()) != SQLITE_DONE)
    throw Error("database " + path_ + ": cannot record a run: " + sqlite3_errmsg(db_));
}

void ResultStore::merge_from(const std::string& other_path) {
  { ResultStore check(other_path, Mode::read_only); }  // a schema version this nnmip reads, or a clear error
  Statement attach(db_, "ATTACH DATABASE ? AS other");
  sqlite3_bind_text(attach.get(), 1, database_uri(other_path).c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(attach.get()) != SQLITE_DONE) throw Error("cannot read " + other_path + ": " + sqlite3_errmsg(db_));
  try {
    // By column name: columns an older version lacks take their defaults (schema.hpp).
    std::string columns;
    {
      Statement info(db_, "PRAGMA other.table_info(runs)");
      while (sqlite3_step(info.get()) == SQLITE_ROW)
        columns += (columns.empty() ? "" : ", ") +
                   std::string(reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 1)));
    }
    execute("BEGIN IMMEDIATE");
    execute("INSERT OR IGNORE INTO runs (" + columns + ") SELECT " + columns + " FROM other.runs");
    execute("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "DETACH DATABASE other", nullptr, nullptr, nullptr);
    throw;
  }
  execute("DETACH DATABASE other");
}

}  // namespace nnmip
