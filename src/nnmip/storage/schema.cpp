#include "nnmip/storage/schema.hpp"

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/storage/sqlite.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

/// The columns that are not search parameters.
const std::vector<RunColumn> kFixedColumns = {
    {"run_key", "TEXT PRIMARY KEY"},   // the digest (campaign_runner.cpp)
    {"study", "TEXT NOT NULL"},        // 'verification' | 'maximization'
    {"preset", "TEXT NOT NULL"},       //
    {"problem_key", "TEXT NOT NULL"},  // the instance: dense and surrogate runs of one problem share it
    // network
    {"dataset", "TEXT"},                 // 'mnist' | 'fashion-mnist' (verification)
    {"input_size", "INTEGER NOT NULL"},  // n0 (784 = 28x28, 324 = 18x18, 100 / 1000 / 10000)
    {"depth", "INTEGER NOT NULL"},       // hidden layers
    {"width", "INTEGER NOT NULL"},       //
    {"net_seed", "INTEGER NOT NULL"},    // training (or initialisation) seed
    {"train_epochs", "INTEGER"},         // verification networks
    {"test_accuracy", "REAL"},           // of the dense network
    // instance (verification)
    {"instance_seed", "INTEGER"},
    {"image", "INTEGER"},
    {"epsilon", "REAL"},
    {"true_class", "INTEGER"},
    {"target_class", "INTEGER"},
    // surrogate (rate 0 and variant 'dense' for the direct solve)
    {"variant", "TEXT NOT NULL"},  // 'dense' or '<structure>-<criterion>-<rate>-<F|NF>'
    {"prune_structure", "TEXT"},   // 'unstructured' | 'structured'
    {"prune_criterion", "TEXT"},   // 'magnitude' | 'random'
    {"prune_rate", "REAL NOT NULL"},
    {"finetuned", "INTEGER NOT NULL"},  // 0 / 1
    {"finetune_rounds", "INTEGER"},
    {"finetune_epochs", "INTEGER"},
    {"finetune_time_s", "REAL"},     // training time of the finetuning (0 without)
    {"surrogate_accuracy", "REAL"},  // test accuracy of the pruned network
    // outcome
    {"status", "TEXT NOT NULL"},              // verification: adversarial | robust | unknown;
                                              // maximization: optimal | feasible | no_solution
    {"time_to_first_adversarial_s", "REAL"},  // verification: NULL when none was found
    {"dense_margin", "REAL"},                 // verification: D's margin at the returned input
    {"best_value", "REAL"},                   // maximization: D's value at the returned input
    {"time_to_best_s", "REAL"},
    {"solver_bound", "REAL"},  // on the solved network (S for surrogate runs)
    {"solver_status", "TEXT NOT NULL"},
    {"solve_time_s", "REAL NOT NULL"},
    {"build_time_s", "REAL NOT NULL"},
    {"incumbents", "INTEGER NOT NULL"},
    {"model_columns", "INTEGER NOT NULL"},
    {"model_rows", "INTEGER NOT NULL"},
    {"model_binaries", "INTEGER NOT NULL"},
    {"model_nonzeros", "INTEGER NOT NULL"},
    {"input_json", "TEXT"},            // the returned input (adversarial input / maximizer)
    {"result_json", "TEXT NOT NULL"},  // the full result, incumbents included
    {"code_version", "TEXT NOT NULL"},
    {"finished_at", "TEXT NOT NULL"},
    {"solver_version", "TEXT", 3},  // the MILP solver library's version
};

std::string sql_literal(const nlohmann::json& value) {
  if (value.is_string()) {
    std::string quoted = "'";
    for (char c : value.get<std::string>()) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'";
  }
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  return value.dump();
}

/// The column of a recorded search parameter, typed by the value it records.
RunColumn parameter_column(const SearchParameter& p) {
  const SearchOptions defaults;
  const nlohmann::json example = p.record(defaults, true);
  const char* type = example.is_string() ? "TEXT" : example.is_number_float() ? "REAL" : "INTEGER";
  std::string declaration = std::string(type) + " NOT NULL";
  if (!p.value_before_key.is_null()) declaration += " DEFAULT " + sql_literal(p.value_before_key);
  return {p.name, declaration, p.since_schema};
}

}  // namespace

std::string RunColumn::value_for_older_rows() const {
  if (since <= 1) return "";
  const size_t at = declaration.find(" DEFAULT ");
  return at == std::string::npos ? "NULL" : declaration.substr(at + 9);
}

int schema_version() {
  int version = search_parameters_schema_version();
  for (const RunColumn& c : kFixedColumns) version = std::max(version, c.since);
  return version;
}

const std::vector<RunColumn>& run_columns() {
  static const std::vector<RunColumn> columns = [] {
    std::vector<RunColumn> all = kFixedColumns;
    for (const SearchParameter& p : search_parameters()) {
      if (!p.is_recorded()) continue;
      const RunColumn column = parameter_column(p);
      if (column.since > 1 && column.value_for_older_rows() == "NULL" &&
          column.declaration.find("NOT NULL") != std::string::npos)
        throw Error("internal: the search parameter " + p.name +
                    " came after schema version 1 and needs a value_before_key for older rows");
      all.push_back(column);
    }
    return all;
  }();
  return columns;
}

std::optional<int> recorded_schema_version(const SqliteDatabase& db) {
  Query has_meta = db.query("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  if (!has_meta.step() || has_meta.integer("n") == 0) return std::nullopt;
  Query row = db.query("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!row.step()) return std::nullopt;
  const std::string text = row.text("value");
  for (int v = 1; v <= schema_version(); ++v)
    if (text == std::to_string(v)) return v;
  throw Error(db.path() + " was written by schema version " + text + "; this nnmip reads versions 1 to " +
              std::to_string(schema_version()) + ": use the nnmip that wrote it, or a new database file");
}

std::string schema_sql() {
  std::string sql =
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
      "CREATE TABLE IF NOT EXISTS runs (";
  bool first = true;
  for (const RunColumn& c : run_columns()) {
    sql += (first ? "\n  " : ",\n  ") + c.name + " " + c.declaration;
    first = false;
  }
  return sql + "\n);\nCREATE INDEX IF NOT EXISTS runs_by_problem ON runs (study, problem_key);\n";
}

}  // namespace nnmip
