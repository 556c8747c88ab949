#pragma once
// The one SQLite layer of nnmip: a connection and its queries, with columns
// read by name. Every file that reads or writes an experiment database goes
// through it; only sqlite.cpp and database_file.cpp include SQLite's header.
// Errors are nnmip::Error naming the file, the statement and SQLite's message.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnmip/storage/database_file.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace nnmip {

class Query;

class SqliteDatabase {
 public:
  /// Opens (and checks) the file: open_database (database_file.hpp).
  SqliteDatabase(const std::string& path, DatabaseAccess access);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs one or more statements without results. A read-only file or folder
  /// gets an error that says so.
  void execute(const std::string& sql) const;
  /// INSERT OR IGNORE INTO table: one row given as column name -> value (Query::bind).
  void insert_or_ignore(const std::string& table, const nlohmann::json& row) const;
  /// Prepares one statement.
  Query query(const std::string& sql) const;
  /// The names of the columns of `table` (PRAGMA table_info), in order; `schema` "main" or an attached one.
  std::vector<std::string> columns_of(const std::string& table, const std::string& schema = "main") const;
  const std::string& path() const { return path_; }

 private:
  friend class Query;
  std::string path_;
  sqlite3* db_ = nullptr;
};

/// A prepared statement: bind parameters (1-based, like SQLite), step through
/// the rows, read columns by their names (give expressions a name with AS).
class Query {
 public:
  ~Query();
  Query(Query&& other) noexcept;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;

  Query& bind(int index, const std::string& text);
  Query& bind(int index, double value);
  Query& bind(int index, long long value);
  Query& bind_null(int index);
  /// null, booleans (0 / 1), integers, reals and strings as such; anything else as its JSON text.
  Query& bind(int index, const nlohmann::json& value);
  /// The next row; false after the last. Throws nnmip::Error when the statement fails.
  bool step();
  /// Runs a statement that returns no rows.
  void run();

  bool is_null(std::string_view column) const;
  long long integer(std::string_view column) const;
  double real(std::string_view column) const;
  std::optional<double> optional_real(std::string_view column) const;
  std::string text(std::string_view column) const;  // "" for NULL
  std::optional<std::string> optional_text(std::string_view column) const;

 private:
  friend class SqliteDatabase;
  Query(const SqliteDatabase& db, sqlite3_stmt* stmt);
  int index_of(std::string_view column) const;
  [[noreturn]] void fail(const std::string& what) const;
  const SqliteDatabase* db_;
  sqlite3_stmt* stmt_;
  std::map<std::string, int, std::less<>> columns_;
};

}  // namespace nnmip
