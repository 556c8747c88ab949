// The runs table made from the search parameters' declaration (schema.hpp):
// every recorded parameter is a column, and a database an older nnmip wrote
// gains the columns it lacks with the values its runs had.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/storage/result_store.hpp"
#include "nnmip/storage/schema.hpp"
#include "support/older_schema.hpp"
#include "support/temp_dir.hpp"

namespace nnmip {
namespace {

/// Column name -> declared type of `runs`.
std::map<std::string, std::string> columns_of(sqlite3* db) {
  std::map<std::string, std::string> columns;
  sqlite3_stmt* info = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA table_info(runs)", -1, &info, nullptr);
  while (sqlite3_step(info) == SQLITE_ROW)
    columns[reinterpret_cast<const char*>(sqlite3_column_text(info, 1))] =
        reinterpret_cast<const char*>(sqlite3_column_text(info, 2));
  sqlite3_finalize(info);
  return columns;
}

TEST(Schema, EveryRecordedParameterIsATypedColumn) {
  std::map<std::string, std::string> declared;
  for (const RunColumn& c : run_columns()) EXPECT_TRUE(declared.emplace(c.name, c.declaration).second) << c.name;
  for (const SearchParameter& p : search_parameters()) {
    if (!p.is_recorded()) {
      EXPECT_FALSE(declared.count(p.name)) << p.name;
      continue;
    }
    ASSERT_TRUE(declared.count(p.name)) << p.name;
    EXPECT_NE(declared[p.name].find("NOT NULL"), std::string::npos) << p.name;
  }
  EXPECT_EQ(declared["time_limit_s"], "REAL NOT NULL");
  EXPECT_EQ(declared["mip_start"], "INTEGER NOT NULL");
  EXPECT_EQ(declared["heuristics"], "TEXT NOT NULL DEFAULT 'none'");
  EXPECT_EQ(declared["lp_time_limit_s"], "REAL NOT NULL DEFAULT 60.0");
  EXPECT_GE(schema_version(), 4);
}

TEST(Schema, OlderDatabasesGainTheMissingColumnsWithTheValuesTheirRunsHad) {
  nnmip::testing::TempDir dir("schema");
  const std::string path = (dir.path() / "old.sqlite").string();
  { ResultStore create(path, ResultStore::Mode::read_write); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, nnmip::testing::downgrade_sql(1).c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_FALSE(columns_of(db).count("heuristics"));
  // A run as version 1 recorded it (the NOT NULL columns only).
  std::string names, values;
  for (const RunColumn& c : run_columns()) {
    if (c.since > 1 || c.declaration.find("NOT NULL") == std::string::npos) continue;
    names += (names.empty() ? "" : ", ") + c.name;
    values += (values.empty() ? "" : ", ") + std::string(c.declaration.rfind("TEXT", 0) == 0 ? "'x'" : "1");
  }
  ASSERT_EQ(
      sqlite3_exec(db, ("INSERT INTO runs (" + names + ") VALUES (" + values + ")").c_str(), nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);

  { ResultStore migrate(path, ResultStore::Mode::read_write); }
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(columns_of(db).size(), run_columns().size());
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT heuristics, solver, solver_version IS NULL, lp_time_limit_s, disjuncts, "
                               "(SELECT value FROM meta WHERE key = 'schema_version') FROM runs",
                               -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "none");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 1)), "cbc");
  EXPECT_EQ(sqlite3_column_int(q, 2), 1);
  EXPECT_EQ(sqlite3_column_double(q, 3), 60.0);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 4)), "separate");
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 5))), std::to_string(schema_version()));
  sqlite3_finalize(q);
  sqlite3_close(db);
}

}  // namespace
}  // namespace nnmip
