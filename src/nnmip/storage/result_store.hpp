#pragma once
// The experiment database (schema.hpp) behind a small API: open or create it
// (never clobbering a file that is not ours), record runs, list what is done,
// merge shards. Every write is one transaction, so a killed process loses at
// most the run it was recording.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "nnmip/storage/sqlite.hpp"

namespace nnmip {

class ResultStore {
 public:
  enum class Mode { read_only, read_write };
  /// Opens `path`; read_write creates the file and schema when absent, and adds
  /// the columns an older version lacks (schema.hpp). Throws
  /// nnmip::Error for a file that is not an nnmip database, another schema
  /// version, or a path that cannot be written.
  ResultStore(const std::string& path, Mode mode);
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  std::set<std::string> run_keys() const;
  /// Per run key, the time the run took: its solve, its model build and the finetuning of its surrogate.
  std::map<std::string, double> run_seconds() const;
  long run_count() const;
  /// Inserts a run (ignored when its key is already there). `row` holds every
  /// column of `runs` by name.
  void insert(const nlohmann::json& row);
  /// Copies every run of another database in (INSERT OR IGNORE).
  void merge_from(const std::string& other_path);

  /// The connection, for tables of their own beside `runs` (vnncomp_store.hpp).
  const SqliteDatabase& database() const { return db_; }
  const std::string& path() const { return db_.path(); }

 private:
  void add_missing_columns();
  bool existed_;
  SqliteDatabase db_;
};

}  // namespace nnmip
