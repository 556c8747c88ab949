// Campaigns end to end with the smoke preset: run -> report, resume after
// SIGKILL, shards + merge, and the errors for bad input.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "nnmip/campaign/campaign_plan.hpp"
#include "nnmip/storage/result_store.hpp"
#include "nnmip/storage/schema.hpp"
#include "support/older_schema.hpp"
#include "support/run_cli.hpp"

namespace fs = std::filesystem;
using namespace nnmip;

namespace {

using Outcome = nnmip::testing::CliRun;

Outcome run(const std::string& arguments) { return nnmip::testing::run_cli(arguments); }

std::set<std::string> keys_of(const std::string& db) {
  return ResultStore(db, ResultStore::Mode::read_only).run_keys();
}

/// Per run key, its outcome: status, and with `values` the time to the first
/// adversarial input and the best value as recorded (to the last bit). Outcomes
/// of two separate campaigns are not compared: time limits make them machine-dependent.
std::map<std::string, std::string> outcomes_of(const std::string& db, bool values) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "SELECT run_key, status, quote(time_to_first_adversarial_s), quote(best_value) FROM runs",
                     -1, &stmt, nullptr);
  std::map<std::string, std::string> outcomes;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string outcome = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
    if (values)
      outcome += std::string(" ") + reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2)) + " " +
                 reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
    outcomes[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] = outcome;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return outcomes;
}

/// One integer from an SQL query.
long query(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr);
  long value = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return value;
}

bool have_fashion_mnist() { return fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"); }

class Campaign : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("nnmip_campaign_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override {
    if (!have_fashion_mnist()) GTEST_SKIP() << "Fashion-MNIST (Debian package dataset-fashion-mnist) not installed";
  }
  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  /// The smoke campaign command, sharing one network cache across the tests.
  static std::string smoke(const std::string& db, const std::string& extra = "", int workers = 2) {
    return "experiment run --study all --preset smoke --workers " + std::to_string(workers) + " --quiet --db " + db +
           " --cache-dir " + path("cache") + " " + extra;
  }
  /// The uninterrupted reference run (made once).
  static const std::string& reference() {
    static const std::string db = [] {
      const std::string file = path("reference.sqlite");
      const Outcome r = run(smoke(file));
      EXPECT_EQ(r.exit_code, 0) << r.output;
      return file;
    }();
    return db;
  }
  static fs::path dir_;
};

fs::path Campaign::dir_;

}  // namespace

TEST_F(Campaign, SmokeRunRecordsEveryRunOnce) {
  const std::string& db = reference();
  const long planned = make_plan("all", "smoke", std::nullopt).run_count();
  EXPECT_EQ(static_cast<long>(keys_of(db).size()), planned);
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs"), planned);
  // Every adversarial run recorded its input; every status is one the study allows.
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE status='adversarial' AND input_json IS NULL"), 0);
  EXPECT_EQ(query(db,
                  "SELECT count(*) FROM runs WHERE study='verification' AND status NOT IN "
                  "('adversarial','robust','unknown')"),
            0);
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE variant<>'dense' AND status='robust'"), 0);
  // Running again records nothing new.
  const Outcome again = run(smoke(db, "--json " + path("again.json")));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  std::ifstream in(path("again.json"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"recorded\": 0"), std::string::npos) << text.str();
}

TEST_F(Campaign, HeuristicsSettingIsAParameterAndVersion1DatabasesResume) {
  // The default records heuristics 'all'; --heuristics none runs are other runs.
  const std::string& db = reference();
  const long planned = make_plan("all", "smoke", std::nullopt).run_count();
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE heuristics = 'all'"), planned);
  const std::string paper = path("paper-setting.sqlite");
  ASSERT_EQ(run(smoke(paper, "--heuristics none")).exit_code, 0);
  EXPECT_EQ(query(paper, "SELECT count(*) FROM runs WHERE heuristics = 'none'"), planned);
  std::set<std::string> all_keys = keys_of(db), none_keys = keys_of(paper);
  for (const std::string& key : none_keys) EXPECT_EQ(all_keys.count(key), 0u) << key;
  // A version 1 database (no heuristics column) is migrated and its runs, made
  // without heuristics, are recognised: nothing is solved again.
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(paper.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, nnmip::testing::downgrade_sql(1).c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  fs::copy_file(paper, path("v1-copy.sqlite"));
  const Outcome merged_v1 =
      run("experiment merge --quiet " + path("v1-copy.sqlite") + " --into " + path("from-v1.sqlite"));
  ASSERT_EQ(merged_v1.exit_code, 0) << merged_v1.output;
  EXPECT_EQ(query(path("from-v1.sqlite"), "SELECT count(*) FROM runs WHERE heuristics = 'none'"), planned);
  const Outcome again = run(smoke(paper, "--heuristics none --json " + path("v1-again.json")));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  std::ifstream in(path("v1-again.json"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"recorded\": 0"), std::string::npos) << text.str();
  EXPECT_EQ(query(paper, "SELECT count(*) FROM meta WHERE key = 'schema_version' AND value = '" +
                             std::to_string(schema_version()) + "'"),
            1);
  EXPECT_EQ(query(paper, "SELECT count(*) FROM runs WHERE solver = 'cbc' AND solver_version IS NULL"), planned);
  EXPECT_EQ(query(paper, "SELECT count(*) FROM runs WHERE heuristics = 'none'"), planned);
  // A migrated and a new database have the same columns in the same order: merged row by row.
  const Outcome merged = run("experiment merge --quiet " + paper + " " + db + " --into " + path("both.sqlite"));
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_EQ(query(path("both.sqlite"), "SELECT count(*) FROM runs WHERE heuristics = 'none'"), planned);
  EXPECT_EQ(query(path("both.sqlite"), "SELECT count(*) FROM runs WHERE heuristics = 'all'"), planned);
  // New runs record the solver's name and version.
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs WHERE solver = 'cbc' AND solver_version LIKE '2.%'"), planned);
  EXPECT_EQ(query(path("both.sqlite"),
                  "SELECT count(*) FROM runs WHERE code_version LIKE '%none%' OR "
                  "finished_at NOT LIKE '20%'"),
            0);
}

TEST_F(Campaign, ReportTablesMatchCountsFromTheDatabase) {
  const std::string& db = reference();
  const Outcome r = run("experiment report --quiet --db " + db + " --out " + path("report"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(path("report") + "/report.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string report = text.str();
  ASSERT_FALSE(report.empty());
  // For every verification variant, the % of problems where the surrogate found a dense-adversarial
  // input strictly sooner than the dense run (a timeout is infinitely late) - computed here in SQL.
  const char* faster_sql =
      "SELECT count(*) FROM runs s JOIN runs d ON s.problem_key = d.problem_key AND d.variant = 'dense' "
      "WHERE s.study = 'verification' AND s.variant = '%s' AND s.time_to_first_adversarial_s IS NOT NULL "
      "AND (d.time_to_first_adversarial_s IS NULL OR s.time_to_first_adversarial_s < d.time_to_first_adversarial_s)";
  for (const char* structure : {"unstructured", "structured"}) {
    for (const char* rate : {"0.5", "0.9"}) {
      for (const char* tuning : {"NF", "F"}) {
        const std::string variant = std::string(structure) + "-magnitude-" + rate + "-" + tuning;
        char sql[1024];
        std::snprintf(sql, sizeof sql, faster_sql, variant.c_str());
        const long faster = query(db, sql);
        const long n = query(db, "SELECT count(*) FROM runs WHERE study='verification' AND variant='" + variant + "'");
        ASSERT_EQ(n, 2);
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.1f", 100.0 * faster / n);
        // The Table 1 row of this structure and finetuning holds this percentage.
        const std::string row_start = std::string("| ") + structure + " | " + tuning + " |";
        const auto row = report.find(row_start);
        ASSERT_NE(row, std::string::npos) << "no Table 1 row '" << row_start << "' in\n" << report;
        const std::string line = report.substr(row, report.find('\n', row) - row);
        EXPECT_NE(line.find(percent), std::string::npos) << variant << ": expected " << percent << " in " << line;
      }
    }
  }
  EXPECT_TRUE(fs::exists(path("report") + "/csv"));
}

TEST_F(Campaign, ResumesAfterSigkillWithEveryRunExactlyOnce) {
  const std::string db = path("killed.sqlite");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setpgid(0, 0);
    // One worker, so that the runs are recorded one by one.
    const std::string command = "exec " + std::string(NNMIP_CLI_PATH) + " " + smoke(db, "--time-limit 3", 1);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some (not all) runs are recorded, then kill -9.
  const long planned = make_plan("all", "smoke", 3.0).run_count();
  long recorded = 0;
  for (int i = 0; i < 60000 && recorded < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (fs::exists(db)) recorded = query(db, "SELECT count(*) FROM runs");
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  recorded = query(db, "SELECT count(*) FROM runs");
  const std::map<std::string, std::string> before_kill = outcomes_of(db, true);
  EXPECT_GE(recorded, 2);
  EXPECT_LT(recorded, planned) << "the campaign finished before it was killed";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // workers die with their parent
  const Outcome resumed = run(smoke(db, "--time-limit 3"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(query(db, "SELECT count(*) FROM runs"), planned);
  EXPECT_EQ(static_cast<long>(keys_of(db).size()), planned);
  // The runs recorded before the kill are kept as they were (none solved again)...
  const std::map<std::string, std::string> after = outcomes_of(db, true);
  for (const auto& [key, outcome] : before_kill) EXPECT_EQ(after.at(key), outcome) << key;
  // ...and the runs are those of an uninterrupted campaign with the same settings. (Their
  // outcomes are not compared: time-limited solves may end otherwise on a loaded machine.)
  const std::string whole = path("whole.sqlite");
  ASSERT_EQ(run(smoke(whole, "--time-limit 3")).exit_code, 0);
  EXPECT_EQ(keys_of(db), keys_of(whole));
}

TEST_F(Campaign, ShardsMergedEqualTheWholeCampaign) {
  const std::string a = path("shard1.sqlite"), b = path("shard2.sqlite"), all = path("merged.sqlite");
  ASSERT_EQ(run(smoke(a, "--shard 1/2")).exit_code, 0);
  ASSERT_EQ(run(smoke(b, "--shard 2/2")).exit_code, 0);
  const std::set<std::string> first = keys_of(a), second = keys_of(b);
  for (const std::string& key : first) EXPECT_EQ(second.count(key), 0u) << "shards overlap";
  const Outcome merged = run("experiment merge " + a + " " + b + " --into " + all);
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  // The merged database holds the shards' rows as recorded, and the runs of one whole campaign.
  std::map<std::string, std::string> shards = outcomes_of(a, true);
  for (const auto& [key, outcome] : outcomes_of(b, true)) shards[key] = outcome;
  EXPECT_EQ(outcomes_of(all, true), shards);
  EXPECT_EQ(keys_of(all), keys_of(reference()));
  // Merging again adds nothing.
  ASSERT_EQ(run("experiment merge " + a + " --into " + all).exit_code, 0);
  EXPECT_EQ(query(all, "SELECT count(*) FROM runs"), static_cast<long>(keys_of(reference()).size()));
}

TEST(CampaignErrors, BadPresetShardAndDatabases) {
  const fs::path dir = fs::temp_directory_path() / ("nnmip_campaign_errors_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "x.sqlite").string();
  Outcome r = run("experiment run --preset huge --db " + db);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("unknown preset 'huge'"), std::string::npos) << r.output;
  r = run("experiment run --preset smoke --shard 3/2 --db " + db);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("shard 3/2: the shard must be I/N"), std::string::npos) << r.output;
  // A file that is not a database is never overwritten.
  const std::string text_file = (dir / "notes.sqlite").string();
  std::ofstream(text_file) << "my precious notes\n";
  r = run("experiment run --preset smoke --db " + text_file);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("not an SQLite database"), std::string::npos) << r.output;
  std::ifstream in(text_file);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "my precious notes");
  // A database of another schema version.
  const std::string old_db = (dir / "old.sqlite").string();
  {
    sqlite3* handle = nullptr;
    sqlite3_open(old_db.c_str(), &handle);
    sqlite3_exec(handle,
                 "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema_version','99');",
                 nullptr, nullptr, nullptr);
    sqlite3_close(handle);
  }
  r = run("experiment run --preset smoke --db " + old_db);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("schema version 99"), std::string::npos) << r.output;
  r = run("experiment report --db " + old_db + " --out " + (dir / "rep").string());
  EXPECT_NE(r.exit_code, 0);
  // A database path that cannot be written: a missing folder, and (unless root) a read-only file.
  r = run("experiment run --preset smoke --db " + (dir / "no" / "such" / "x.sqlite").string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("does not exist"), std::string::npos) << r.output;
  if (geteuid() != 0) {
    const std::string read_only = (dir / "ro.sqlite").string();
    { ResultStore create(read_only, ResultStore::Mode::read_write); }
    fs::permissions(read_only, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    r = run("experiment run --preset smoke --db " + read_only);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("read-only"), std::string::npos) << r.output;
  }
  fs::remove_all(dir);
}
