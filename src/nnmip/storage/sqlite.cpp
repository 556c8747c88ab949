#include "nnmip/storage/sqlite.hpp"

#include <sqlite3.h>

#include "nnmip/util/error.hpp"

namespace nnmip {

SqliteDatabase::SqliteDatabase(const std::string& path, DatabaseAccess access)
    : path_(path), db_(open_database(path, access)) {}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }  // _v2: safe even with a Query left

void SqliteDatabase::execute(const std::string& sql) const {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return;
  const std::string why = message ? message : sqlite3_errmsg(db_);
  sqlite3_free(message);
  const int code = sqlite3_errcode(db_) & 0xff;
  if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    throw Error("cannot write to the database " + path_ + " (" + why +
                "): the file or its folder is read-only; choose a writable database file");
  throw Error("database " + path_ + ": " + why);
}

Query SqliteDatabase::query(const std::string& sql) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    throw Error("database " + path_ + ": " + sqlite3_errmsg(db_) + " (in: " + sql + ")");
  return Query(*this, stmt);
}

void SqliteDatabase::insert_or_ignore(const std::string& table, const nlohmann::json& row) const {
  std::string columns, placeholders;
  for (auto it = row.begin(); it != row.end(); ++it) {
    columns += (columns.empty() ? "" : ", ") + it.key();
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  Query insert = query("INSERT OR IGNORE INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")");
  int index = 1;
  for (auto it = row.begin(); it != row.end(); ++it, ++index) insert.bind(index, it.value());
  insert.run();
}

std::vector<std::string> SqliteDatabase::columns_of(const std::string& table, const std::string& schema) const {
  std::vector<std::string> names;
  Query info = query("PRAGMA " + schema + ".table_info(" + table + ")");
  while (info.step()) names.push_back(info.text("name"));
  return names;
}

Query::Query(const SqliteDatabase& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {
  for (int c = 0; c < sqlite3_column_count(stmt_); ++c) columns_.emplace(sqlite3_column_name(stmt_, c), c);
}

Query::~Query() { sqlite3_finalize(stmt_); }

Query::Query(Query&& other) noexcept : db_(other.db_), stmt_(other.stmt_), columns_(std::move(other.columns_)) {
  other.stmt_ = nullptr;
}

void Query::fail(const std::string& what) const {
  throw Error("database " + db_->path() + ": " + what + ": " + sqlite3_errmsg(db_->db_) +
              " (in: " + (stmt_ ? sqlite3_sql(stmt_) : "") + ")");
}

Query& Query::bind(int index, const std::string& text) {
  if (sqlite3_bind_text(stmt_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail("cannot bind parameter " + std::to_string(index));
  return *this;
}

Query& Query::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail("cannot bind parameter " + std::to_string(index));
  return *this;
}

Query& Query::bind(int index, long long value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("cannot bind parameter " + std::to_string(index));
  return *this;
}

Query& Query::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail("cannot bind parameter " + std::to_string(index));
  return *this;
}

Query& Query::bind(int index, const nlohmann::json& v) {
  if (v.is_null()) return bind_null(index);
  if (v.is_boolean()) return bind(index, v.get<bool>() ? 1LL : 0LL);
  if (v.is_number_integer()) return bind(index, v.get<long long>());
  if (v.is_number()) return bind(index, v.get<double>());
  if (v.is_string()) return bind(index, v.get_ref<const std::string&>());
  return bind(index, v.dump());
}

bool Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("the statement failed");
}

void Query::run() {
  if (step()) fail("the statement returned rows where none were expected");
}

int Query::index_of(std::string_view column) const {
  const auto it = columns_.find(column);
  if (it == columns_.end()) fail("the query has no column '" + std::string(column) + "'");
  return it->second;
}

bool Query::is_null(std::string_view column) const {
  return sqlite3_column_type(stmt_, index_of(column)) == SQLITE_NULL;
}
long long Query::integer(std::string_view column) const { return sqlite3_column_int64(stmt_, index_of(column)); }
double Query::real(std::string_view column) const { return sqlite3_column_double(stmt_, index_of(column)); }
std::optional<double> Query::optional_real(std::string_view column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}
std::string Query::text(std::string_view column) const {
  const unsigned char* value = sqlite3_column_text(stmt_, index_of(column));
  return value ? reinterpret_cast<const char*>(value) : "";
}
std::optional<std::string> Query::optional_text(std::string_view column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

}  // namespace nnmip
