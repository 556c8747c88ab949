#pragma once
// The experiment database: one SQLite file, one row per run.
//
// A "run" is one MILP search: a dense direct solve, or a surrogate solve
// (Algorithm 1 for verification, Algorithm 2 for maximization). Its key is a
// digest of every parameter, so re-running a campaign skips finished runs and
// merging shards never duplicates one.
#include <iterator>
#include <string_view>

namespace nnmip {

inline constexpr int kSchemaVersion = 3;
// Version 2 added runs.heuristics (none | lp | lp+polish | all), version 3
// runs.solver and runs.solver_version (the MILP solver and its library's
// version), each as last columns, with the defaults older runs had ('none',
// 'cbc'). Older databases are migrated when a campaign opens them
// (kMigrations), read as such by the report (report_db.cpp), and merged by
// column name. (No SQL comment on the last column's line: SQLite's DROP
// COLUMN, used by the tests to make older files, fails on one.)

inline constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  run_key        TEXT PRIMARY KEY,  -- digest of all parameters below
  study          TEXT NOT NULL,     -- 'verification' | 'maximization'
  preset         TEXT NOT NULL,
  problem_key    TEXT NOT NULL,     -- the instance: dense and surrogate runs of one problem share it
  -- network
  dataset        TEXT,              -- 'mnist' | 'fashion-mnist' (verification)
  input_size     INTEGER NOT NULL,  -- n0 (784 = 28x28, 324 = 18x18, 100 / 1000 / 10000)
  depth          INTEGER NOT NULL,  -- hidden layers
  width          INTEGER NOT NULL,
  net_seed       INTEGER NOT NULL,  -- training (or initialisation) seed
  train_epochs   INTEGER,           -- verification networks
  test_accuracy  REAL,              -- of the dense network
  -- instance (verification)
  instance_seed  INTEGER,
  image          INTEGER,
  epsilon        REAL,
  true_class     INTEGER,
  target_class   INTEGER,
  -- surrogate (rate 0 and variant 'dense' for the direct solve)
  variant        TEXT NOT NULL,     -- 'dense' or '<structure>-<criterion>-<rate>-<F|NF>'
  prune_structure TEXT,             -- 'unstructured' | 'structured'
  prune_criterion TEXT,             -- 'magnitude' | 'random'
  prune_rate     REAL NOT NULL,
  finetuned      INTEGER NOT NULL,  -- 0 / 1
  finetune_rounds INTEGER,
  finetune_epochs INTEGER,
  finetune_time_s REAL,             -- training time of the finetuning (0 without)
  surrogate_accuracy REAL,          -- test accuracy of the pruned network
  -- solver
  time_limit_s   REAL NOT NULL,
  threads        INTEGER NOT NULL,
  solver_seed    INTEGER NOT NULL,
  mip_start      INTEGER NOT NULL,  -- 0 / 1
  many_solutions INTEGER NOT NULL,  -- 0 / 1
  bounds         TEXT NOT NULL,
  -- outcome
  status         TEXT NOT NULL,     -- verification: adversarial | robust | unknown;
                                    -- maximization: optimal | feasible | no_solution
  time_to_first_adversarial_s REAL, -- verification: NULL when none was found
  dense_margin   REAL,              -- verification: D's margin at the returned input
  best_value     REAL,              -- maximization: D's value at the returned input
  time_to_best_s REAL,
  solver_bound   REAL,              -- on the solved network (S for surrogate runs)
  solver_status  TEXT NOT NULL,
  solve_time_s   REAL NOT NULL,
  build_time_s   REAL NOT NULL,
  incumbents     INTEGER NOT NULL,
  model_columns  INTEGER NOT NULL,
  model_rows     INTEGER NOT NULL,
  model_binaries INTEGER NOT NULL,
  model_nonzeros INTEGER NOT NULL,
  input_json     TEXT,              -- the returned input (adversarial input / maximizer)
  result_json    TEXT NOT NULL,     -- the full result, incumbents included
  code_version   TEXT NOT NULL,
  finished_at    TEXT NOT NULL,
  heuristics     TEXT NOT NULL DEFAULT 'none',
  solver         TEXT NOT NULL DEFAULT 'cbc',
  solver_version TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_problem ON runs (study, problem_key);
)sql";

/// kMigrations[v - 1] turns a version v database into version v + 1 (run in a write transaction).
inline constexpr std::string_view kMigrations[] = {
    R"sql(
ALTER TABLE runs ADD COLUMN heuristics TEXT NOT NULL DEFAULT 'none';
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql",
    R"sql(
ALTER TABLE runs ADD COLUMN solver TEXT NOT NULL DEFAULT 'cbc';
ALTER TABLE runs ADD COLUMN solver_version TEXT;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)sql"};
static_assert(std::size(kMigrations) == kSchemaVersion - 1, "one migration per schema version");

}  // namespace nnmip
