// The experiment database and cache under bad conditions: a damaged file is
// refused by run, merge and report; a database and a cache on a read-only file
// system can be read; leftovers of killed campaigns are removed; two runs on
// one database solve every run once. The maximization study of the smoke
// preset needs no dataset.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "nnmip/campaign/campaign_plan.hpp"
#include "nnmip/storage/result_store.hpp"
#include "support/cli_test_folder.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_mount.hpp"

namespace fs = std::filesystem;
using namespace nnmip;
using nnmip::testing::CliRun;
using nnmip::testing::run_cli;
using nnmip::testing::ScratchMount;

namespace {

void execute(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(handle);
}

long run_count(const std::string& db) { return ResultStore(db, ResultStore::Mode::read_only).run_count(); }

class Database : public nnmip::testing::CliTestFolder {
 protected:
  /// The smoke maximization campaign into `db`, networks cached in `cache`.
  static std::string campaign(const std::string& db, const std::string& cache, const std::string& extra = "") {
    return "experiment run --study maximization --preset smoke --quiet --db " + db + " --cache-dir " + cache + " " +
           extra;
  }
  static long planned() { return make_plan("maximization", "smoke", std::nullopt).run_count(); }
};

}  // namespace

// A page of a table that run, merge and report never read is overwritten: only
// an integrity check on open notices.
TEST_F(Database, DamagedDatabaseIsRefusedByRunMergeAndReport) {
  const std::string db = path("damaged.sqlite");
  ASSERT_EQ(run_cli(campaign(db, path("cache"))).exit_code, 0);
  execute(db,
          "CREATE TABLE notes(text TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
          "WHERE i < 3000) INSERT INTO notes SELECT printf('%0100d', i) FROM n; PRAGMA wal_checkpoint(TRUNCATE);");
  const auto size = fs::file_size(db);
  {
    std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size - 8 * 4096));  // a page of `notes`, the last table written
    const std::string garbage(4096, '\xA5');
    file.write(garbage.data(), garbage.size());
  }
  expect_error(run_cli(campaign(db, path("cache"))), "is damaged");
  expect_error(run_cli("experiment merge " + db + " --into " + path("merged.sqlite")), "is damaged");
  EXPECT_FALSE(fs::exists(path("merged.sqlite"))) << "merge created a target from a damaged input";
  expect_error(run_cli("experiment report --db " + db + " --out " + path("report")), "is damaged");
}

TEST_F(Database, WalDatabaseOnReadOnlyFileSystemCanBeReportedAndMerged) {
  ScratchMount media("nnmip_ro_db", "4m");
  if (!media.mounted()) GTEST_SKIP() << media.skip_reason();
  const std::string db = media.path("results.sqlite");
  ASSERT_EQ(run_cli(campaign(db, path("cache"))).exit_code, 0);
  ASSERT_FALSE(fs::exists(db + "-shm")) << "the campaign left its shared-memory file";
  if (!media.remount_read_only()) GTEST_SKIP() << "cannot remount the tmpfs read-only";

  const CliRun report = run_cli("experiment report --db " + db + " --out " + path("report"));
  ASSERT_EQ(report.exit_code, 0) << report.output;
  EXPECT_TRUE(fs::exists(path("report/report.md")));
  const CliRun merge = run_cli("experiment merge " + db + " --into " + path("merged.sqlite"));
  ASSERT_EQ(merge.exit_code, 0) << merge.output;
  EXPECT_EQ(run_count(path("merged.sqlite")), planned());
  expect_error(run_cli(campaign(db, path("cache"))), "read-only");
}

TEST_F(Database, CompleteReadOnlyCacheIsUsed) {
  ScratchMount media("nnmip_ro_cache", "4m");
  if (!media.mounted()) GTEST_SKIP() << media.skip_reason();
  const std::string cache = media.path("cache");
  ASSERT_EQ(run_cli(campaign(path("first.sqlite"), cache)).exit_code, 0);
  if (!media.remount_read_only()) GTEST_SKIP() << "cannot remount the tmpfs read-only";
  const CliRun again = run_cli(campaign(path("second.sqlite"), cache));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(run_count(path("second.sqlite")), planned());
}

TEST_F(Database, LeftoversOfKilledCampaignsAreRemovedAtStart) {
  const std::string cache = path("cache");
  fs::create_directories(cache);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  // A temporary file of a process that is gone (pid beyond any pid_max), one of
  // this live process, and a status file of an older nnmip.
  const std::string dead = cache + "/.x.onnx.nnmip-tmp-" + host + "-99999999-0";
  const std::string live = cache + "/.y.onnx.nnmip-tmp-" + host + "-" + std::to_string(::getpid()) + "-0";
  for (const std::string& file : {dead, live, cache + "/worker-0.status"}) std::ofstream(file) << "partial";
  ASSERT_EQ(run_cli(campaign(path("db.sqlite"), cache)).exit_code, 0);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_FALSE(fs::exists(cache + "/worker-0.status"));
  EXPECT_TRUE(fs::exists(live)) << "a file another process is writing was removed";
  for (const auto& entry : fs::directory_iterator(cache))
    EXPECT_NE(entry.path().extension(), ".status") << entry.path();
}

// Started together on one database: between them, every run is solved once
// (one records all, the other waits and finds them recorded).
TEST_F(Database, TwoRunsOnOneDatabaseSolveEachRunOnce) {
  const std::string db = path("shared.sqlite");
  CliRun first{}, second{};
  std::thread a([&] { first = run_cli(campaign(db, path("cache"), "--json " + path("a.json"))); });
  std::thread b([&] { second = run_cli(campaign(db, path("cache"), "--json " + path("b.json"))); });
  a.join();
  b.join();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  ASSERT_EQ(second.exit_code, 0) << second.output;
  const auto recorded = [&](const std::string& name) {
    std::ifstream in(path(name));
    return nlohmann::json::parse(in)["recorded"].get<long>();
  };
  EXPECT_EQ(recorded("a.json") + recorded("b.json"), planned());
  EXPECT_EQ(run_count(db), planned());
}
