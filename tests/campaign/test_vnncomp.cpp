// VNN-COMP instances end to end: `nnmip experiment vnncomp` on an instances.csv
// (the fixtures' test benchmark, and hand-made networks and properties with
// answers worked out by hand), its resumption and its errors; and the
// competition scripts scripts/vnncomp/{prepare,run}_instance.sh.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "nnmip/formats/onnx_io.hpp"
#include "support/cli_test_folder.hpp"
#include "support/shared_fixtures.hpp"
#include "support/tiny_networks.hpp"

namespace fs = std::filesystem;
using namespace nnmip;
using nnmip::testing::CliRun;
using nnmip::testing::matrix;
using nnmip::testing::network_of;
using nnmip::testing::run_cli;
using nnmip::testing::vector;

namespace {

const fs::path kScripts = fs::path(NNMIP_TEST_FIXTURES_DIR) / ".." / ".." / "scripts" / "vnncomp";

class Vnncomp : public nnmip::testing::CliTestFolder {
 protected:
  /// experiment vnncomp on `csv` into `db`, its JSON to `json_name`.
  CliRun batch(const std::string& csv, const std::string& db, const std::string& json_name,
               const std::string& more = "") const {
    return run_cli("experiment vnncomp --instances " + csv + " --db " + db + " --json " + path(json_name) + more);
  }
  /// result per "onnx,vnnlib" of a batch's JSON.
  static std::map<std::string, std::string> results(const nlohmann::json& j) {
    std::map<std::string, std::string> r;
    for (const nlohmann::json& row : j["rows"])
      r[row["onnx"].get<std::string>() + "," + row["vnnlib"].get<std::string>()] = row["result"];
    return r;
  }
  /// Hand-made instances: y = (relu(x), relu(-x)) on x in [-1, 1]; y_1 >= 0.5 holds
  /// for x <= -0.5 (sat), y_0 >= 2 never (unsat).
  void write_hand_made() const {
    fs::create_directories(dir_ / "nets");
    write_onnx(nnmip::testing::sign_split_network(), path("nets/split.onnx"));
    const std::string header =
        "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
        "(assert (>= X_0 -1))\n(assert (<= X_0 1))\n";
    write("specs/sat.vnnlib", header + "(assert (>= Y_1 0.5))\n");
    write("specs/unsat.vnnlib", header + "(assert (>= Y_0 2))\n");
    write("nets/garbage.onnx", "this is not an ONNX file\n");
  }
  /// run_instance.sh ...: the results file's text.
  std::string run_instance(const std::string& onnx, const std::string& vnnlib, const std::string& timeout,
                           const std::string& result_name) const {
    const std::string env = std::string("NNMIP=") + NNMIP_CLI_PATH + " ";
    const std::string script = (kScripts / "run_instance.sh").string();
    const int code = std::system((env + script + " v1 test " + onnx + " " + vnnlib + " " + path(result_name) + " " +
                                  timeout + " > " + path(result_name + ".log") + " 2>&1")
                                     .c_str());
    EXPECT_EQ(code, 0) << result_name;
    std::ifstream in(path(result_name));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(Vnncomp, FixturesGiveTheirReadmeAnswersAndAResumedBatchSolvesNothing) {
  const fs::path onnx = nnmip::testing::shared_fixtures("onnx"), vnnlib = nnmip::testing::shared_fixtures("vnnlib");
  NNMIP_REQUIRE_FIXTURES(onnx);
  fs::create_directories(dir_ / "bench" / "onnx");
  fs::create_directories(dir_ / "bench" / "vnnlib");
  for (const char* net : {"test_nano", "test_tiny", "test_small", "test_sat", "test_unsat"})
    fs::copy_file(onnx / (std::string(net) + ".onnx"), dir_ / "bench" / "onnx" / (std::string(net) + ".onnx"));
  for (const char* spec : {"test_nano", "test_tiny", "test_small", "test_prop"})
    fs::copy_file(vnnlib / (std::string(spec) + ".vnnlib"),
                  dir_ / "bench" / "vnnlib" / (std::string(spec) + ".vnnlib"));
  ASSERT_EQ(
      std::system(
          ("gzip -c " + (onnx / "test_sat.onnx").string() + " > " + path("bench/onnx/test_zipped.onnx.gz")).c_str()),
      0);
  const std::string csv = write("bench/instances.csv",
                                "onnx/test_nano.onnx,vnnlib/test_nano.vnnlib,60\n"
                                "onnx/test_tiny.onnx,vnnlib/test_tiny.vnnlib,60\n"
                                "onnx/test_small.onnx, vnnlib/test_small.vnnlib, 60.0\n"
                                "onnx/test_sat.onnx,vnnlib/test_prop.vnnlib,60\n"
                                "onnx/test_unsat.onnx,vnnlib/test_prop.vnnlib,60\n"
                                "onnx/test_zipped.onnx.gz,vnnlib/test_prop.vnnlib,60\n");
  const std::string db = path("vnn.sqlite");
  const CliRun first = batch(csv, db, "1.json");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("instance 6/6: sat"), std::string::npos) << first.output;
  const nlohmann::json one = json("1.json");
  EXPECT_EQ(one["recorded"], 6);
  EXPECT_EQ(results(one),
            (std::map<std::string, std::string>{{"onnx/test_nano.onnx,vnnlib/test_nano.vnnlib", "unsat"},
                                                {"onnx/test_tiny.onnx,vnnlib/test_tiny.vnnlib", "unsat"},
                                                {"onnx/test_small.onnx,vnnlib/test_small.vnnlib", "unsat"},
                                                {"onnx/test_sat.onnx,vnnlib/test_prop.vnnlib", "sat"},
                                                {"onnx/test_unsat.onnx,vnnlib/test_prop.vnnlib", "unsat"},
                                                {"onnx/test_zipped.onnx.gz,vnnlib/test_prop.vnnlib", "sat"}}));
  EXPECT_EQ(one["counts"]["sat"], 2);
  EXPECT_EQ(one["counts"]["unsat"], 4);
  for (const nlohmann::json& row : one["rows"]) {
    EXPECT_EQ(row["timeout_s"], 60.0);
    EXPECT_LT(row["time_limit_s"].get<double>(), 60.0);
    EXPECT_EQ(row["time_to_sat_s"].is_number(), row["result"] == "sat");
  }
  // The same command again: everything is recorded, nothing is solved.
  const CliRun second = batch(csv, db, "2.json");
  ASSERT_EQ(second.exit_code, 0) << second.output;
  const nlohmann::json two = json("2.json");
  EXPECT_EQ(two["recorded"], 0);
  EXPECT_EQ(two["already_done"], 6);
  EXPECT_EQ(results(two), results(one));
  EXPECT_EQ(second.output.find("instance 1/6"), std::string::npos) << second.output;
  // The report, and the campaign report on the same database (no campaign runs in it).
  const CliRun report = run_cli("experiment vnncomp-report --db " + db);
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_NE(report.output.find("6 instances: 2 sat, 4 unsat, 0 unknown, 0 timeout, 0 error"), std::string::npos)
      << report.output;
  const CliRun campaign = run_cli("experiment report --db " + db + " --out " + path("report"));
  EXPECT_EQ(campaign.exit_code, 0) << campaign.output;
}

TEST_F(Vnncomp, HandMadeInstancesAndErrorsThatDoNotStopTheBatch) {
  write_hand_made();
  const std::string csv = write("instances.csv",
                                "nets/missing.onnx,specs/sat.vnnlib,10\n"
                                "nets/split.onnx,specs/sat.vnnlib,10\n"
                                "\n"
                                "nets/split.onnx,specs/unsat.vnnlib,10\n"
                                "nets/garbage.onnx,specs/unsat.vnnlib,10\n");
  const std::string db = path("vnn.sqlite");
  const CliRun r = batch(csv, db, "r.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const nlohmann::json j = json("r.json");
  ASSERT_EQ(j["rows"].size(), 4u);
  EXPECT_EQ(results(j), (std::map<std::string, std::string>{{"nets/missing.onnx,specs/sat.vnnlib", "error"},
                                                            {"nets/split.onnx,specs/sat.vnnlib", "sat"},
                                                            {"nets/split.onnx,specs/unsat.vnnlib", "unsat"},
                                                            {"nets/garbage.onnx,specs/unsat.vnnlib", "error"}}));
  for (const nlohmann::json& row : j["rows"]) {
    if (row["onnx"] == "nets/missing.onnx") {
      EXPECT_NE(row["error"].get<std::string>().find("no such file"), std::string::npos) << row;
      EXPECT_EQ(row["row"], 1);
    }
    if (row["onnx"] == "nets/garbage.onnx") {
      EXPECT_NE(row["error"].get<std::string>().find("garbage.onnx"), std::string::npos) << row;
      EXPECT_EQ(row["row"], 5);  // the line of the CSV (line 3 is empty)
    }
  }
  EXPECT_EQ(j["counts"]["error"], 2);
  // The counterexample is recorded: x <= -0.5 and y = N(x).
  const CliRun sql =
      nnmip::testing::run_cli("experiment vnncomp-report --db " + db + " --json " + path("report.json") + " --quiet");
  EXPECT_EQ(sql.exit_code, 0) << sql.output;
  EXPECT_EQ(json("report.json")["counts"]["sat"], 1);

  // Shards split the lines: 1/2 takes instances 1 and 3 (of 4), 2/2 the others.
  const CliRun shard = batch(csv, path("s.sqlite"), "s.json", " --shard 2/2 --time-limit-cap 5");
  ASSERT_EQ(shard.exit_code, 0) << shard.output;
  EXPECT_EQ(results(json("s.json")),
            (std::map<std::string, std::string>{{"nets/split.onnx,specs/sat.vnnlib", "sat"},
                                                {"nets/garbage.onnx,specs/unsat.vnnlib", "error"}}));
  EXPECT_EQ(json("s.json")["rows"][0]["timeout_s"], 5.0);

  // A line that is not onnx,vnnlib,timeout stops the batch before anything runs, naming the line.
  const CliRun bad =
      run_cli("experiment vnncomp --instances " +
              write("bad.csv", "nets/split.onnx,specs/sat.vnnlib,10\nnets/split.onnx,specs/sat.vnnlib\n") + " --db " +
              path("bad.sqlite"));
  expect_error(bad, "bad.csv:2: expected onnx,vnnlib,timeout");
  const CliRun zero =
      run_cli("experiment vnncomp --instances " + write("zero.csv", "nets/split.onnx,specs/sat.vnnlib,0\n") + " --db " +
              path("bad.sqlite"));
  expect_error(zero, "zero.csv:1: the timeout '0' is not a positive number");
}

TEST_F(Vnncomp, RunInstanceWritesVnnCompResultFiles) {
  write_hand_made();
  EXPECT_EQ(std::system((std::string("NNMIP=") + NNMIP_CLI_PATH + " " + (kScripts / "prepare_instance.sh").string() +
                         " v1 test " + path("nets/split.onnx") + " " + path("specs/sat.vnnlib") + " > /dev/null")
                            .c_str()),
            0);
  const std::string sat = run_instance(path("nets/split.onnx"), path("specs/sat.vnnlib"), "10", "sat.txt");
  ASSERT_EQ(sat.rfind("sat\n((X_0 ", 0), 0u) << sat;
  const double x = std::stod(sat.substr(sat.find("(X_0 ") + 5));
  EXPECT_LE(x, -0.5);
  EXPECT_NE(sat.find("(Y_1 "), std::string::npos) << sat;
  EXPECT_EQ(sat.substr(sat.size() - 3), "))\n") << sat;
  EXPECT_EQ(run_instance(path("nets/split.onnx"), path("specs/unsat.vnnlib"), "10.0", "unsat.txt"), "unsat\n");
  // Gzipped files are decompressed first.
  ASSERT_EQ(std::system(("gzip -k " + path("nets/split.onnx") + " && gzip -k " + path("specs/unsat.vnnlib")).c_str()),
            0);
  EXPECT_EQ(run_instance(path("nets/split.onnx.gz"), path("specs/unsat.vnnlib.gz"), "10", "gz.txt"), "unsat\n");
  // Errors are results, never a crash: an unreadable network, a missing file, a bad timeout.
  EXPECT_EQ(run_instance(path("nets/garbage.onnx"), path("specs/sat.vnnlib"), "10", "garbage.txt"), "error\n");
  EXPECT_EQ(run_instance(path("nets/none.onnx"), path("specs/sat.vnnlib"), "10", "none.txt"), "error\n");
  EXPECT_EQ(run_instance(path("nets/split.onnx"), path("specs/sat.vnnlib"), "soon", "soon.txt"), "error\n");
  // Only the results file is left in the folder (no temporary file).
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  // The wrong interface version is refused.
  EXPECT_NE(std::system(((kScripts / "run_instance.sh").string() + " v2 test a b c 1 > /dev/null 2>&1").c_str()), 0);

  const fs::path onnx = nnmip::testing::shared_fixtures("onnx"), vnnlib = nnmip::testing::shared_fixtures("vnnlib");
  if (onnx.empty()) return;  // the fixtures below exist only in the shared checkout
  EXPECT_EQ(run_instance((onnx / "test_sat.onnx").string(), (vnnlib / "test_prop.vnnlib").string(), "60", "s.txt")
                .rfind("sat\n((X_0 ", 0),
            0u);
  EXPECT_EQ(run_instance((onnx / "test_unsat.onnx").string(), (vnnlib / "test_prop.vnnlib").string(), "60", "u.txt"),
            "unsat\n");
}

}  // namespace
