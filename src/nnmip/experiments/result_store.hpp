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

struct sqlite3;

namespace nnmip {

class ResultStore {
 public:
  enum class Mode { read_only, read_write };
  /// Opens `path`; read_write creates the file and schema when absent, and adds
  /// the columns an older version lacks (schema.hpp). Throws
  /// nnmip::Error for a file that is not an nnmip database, another schema
  /// version, or a path that cannot be written.
  ResultStore(const std::string& path, Mode mode);
  ~ResultStore();
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

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  void execute(const std::string& sql) const;
  void add_missing_columns();
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace nnmip
