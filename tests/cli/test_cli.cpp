// The nnmip command line end to end: results, JSON, and a clear error with a
// non-zero exit for every kind of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "nnmip/algorithms/search_parameters.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/training/initialization.hpp"
#include "support/run_cli.hpp"

namespace fs = std::filesystem;
using namespace nnmip;

namespace {

using nnmip::testing::CliRun;

CliRun run(const std::string& arguments, const std::string& environment = "") {
  return nnmip::testing::run_cli(arguments, environment);
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nnmip_cli_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  /// A small classifier on 18x18 inputs with 10 outputs.
  std::string classifier() {
    write_onnx(init_xavier_uniform({324, 8, 10}, 1), path("net.onnx"));
    return path("net.onnx");
  }
  void expect_error(const CliRun& r, const std::string& fragment) {
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find(fragment), std::string::npos) << "expected '" << fragment << "' in:\n" << r.output;
  }
  fs::path dir_;
};

bool have_fashion_mnist() { return fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"); }

}  // namespace

TEST_F(Cli, HelpAndUnknownFlags) {
  EXPECT_EQ(run("--help").exit_code, 0);
  EXPECT_EQ(run("verify --help").exit_code, 0);
  expect_error(run("info --net " + classifier() + " --no-such-flag"), "no-such-flag");
  EXPECT_NE(run("").exit_code, 0);
}

TEST_F(Cli, RandomNetInfoAndJson) {
  CliRun r = run("random-net --inputs 100 --layers 2 --width 50 --seed 0 --out " + path("r.onnx"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("info --net " + path("r.onnx") + " --json " + path("info.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(path("info.json"));
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["inputs"], 100);
  EXPECT_EQ(j["outputs"], 1);
  EXPECT_EQ(j["parameters"], 100 * 50 + 50 + 50 * 50 + 50 + 50 + 1);
  EXPECT_EQ(j["layers"].size(), 3u);
  EXPECT_TRUE(j["run"].contains("git_revision"));
}

TEST_F(Cli, BadNumbersAreRejected) {
  expect_error(run("train --dataset fashion-mnist --input-size 0 --out " + path("x.onnx")), "--input-size");
  expect_error(run("train --dataset fashion-mnist --epochs -1 --out " + path("x.onnx")), "--epochs");
  expect_error(run("prune --net " + classifier() + " --rate 1.2 --out " + path("p.onnx")),
               "'1.2' is not a fraction in [0, 1)");
  expect_error(run("prune --net " + classifier() + " --rate -0.1 --out " + path("p.onnx")),
               "'-0.1' is not a fraction in [0, 1)");
}

TEST_F(Cli, MissingAndBrokenNetworkFiles) {
  expect_error(run("info --net " + path("absent.onnx")), "absent.onnx");
  // A truncated ONNX file.
  const std::string net = classifier();
  const auto size = fs::file_size(net);
  fs::resize_file(net, size / 2);
  expect_error(run("info --net " + net), "net.onnx");
}

TEST_F(Cli, MissingDatasetSaysHowToInstall) {
  const std::string empty = path("empty");
  fs::create_directories(empty);
  expect_error(run("eval --net " + classifier() + " --dataset mnist --input-size 18", "NNMIP_DATA_DIR=" + empty),
               "fetch-data.sh");
  expect_error(run("eval --net " + classifier() + " --dataset fashion-mnist --data-dir " + empty), empty);
}

TEST_F(Cli, BadVerificationInstances) {
  if (!have_fashion_mnist()) GTEST_SKIP() << "Fashion-MNIST (Debian package dataset-fashion-mnist) not installed";
  const std::string net = classifier();
  const std::string base = "verify --net " + net + " --dataset fashion-mnist --input-size 18 --time-limit 5 ";
  expect_error(run(base + "--image 0 --epsilon 0"), "epsilon must be a positive number");
  expect_error(run(base + "--image 0 --epsilon -1"), "epsilon must be a positive number");
  expect_error(run(base + "--image 60000 --epsilon 1"), "out of range");
  expect_error(run(base + "--image 0 --epsilon 1 --target 10"), "out of range");
  expect_error(run(base + "--image 0 --epsilon 1 --target banana"), "--target");
  // The network's input size does not match the data.
  expect_error(run("verify --net " + net + " --dataset fashion-mnist --input-size 28 --image 0 --epsilon 1"),
               "input size");
  // --target equal to the true class (the image's label): find the label first.
  const CliRun auto_run = run(base + "--image 0 --epsilon 0.001 --json " + path("v.json"));
  ASSERT_TRUE(auto_run.exit_code == 0 || auto_run.exit_code == 10) << auto_run.output;
  std::ifstream in(path("v.json"));
  const auto j = nlohmann::json::parse(in);
  expect_error(run(base + "--image 0 --epsilon 1 --target " + std::to_string(j["true_class"].get<int>())),
               "equals the true class");
}

TEST_F(Cli, BadBoxAndSurrogates) {
  const std::string net = classifier();
  expect_error(run("maximize --net " + net + " --box 1:0"), "lower 1.000000 > upper 0.000000");
  expect_error(run("maximize --net " + net + " --box zero:1"), "--domain must be lo:hi");
  write_onnx(init_xavier_uniform({324, 9, 10}, 1), path("other.onnx"));
  expect_error(run("maximize --net " + net + " --surrogate " + path("other.onnx") + " --time-limit 5"),
               "differ from the dense network");
  expect_error(run("prune --net " + net + " --rate 0.5 --finetune-rounds 2 --out " + path("p.onnx")),
               "finetuning needs a dataset");
}

TEST_F(Cli, PruneWritesZerosThatInfoShows) {
  const std::string net = classifier();
  CliRun r = run("prune --net " + net + " --rate 0.75 --out " + path("p.onnx") + " --json " + path("p.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("info --net " + path("p.onnx") + " --json " + path("i.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(path("i.json"));
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["layers"][0]["nonzero_weights"], 324 * 8 / 4);
  EXPECT_EQ(j["layers"][1]["nonzero_weights"], 80 / 4);
  EXPECT_NEAR(j["sparsity"].get<double>(), 0.75, 1e-12);
}

TEST_F(Cli, MaximizeWritesModelFilesAndJson) {
  write_onnx(init_pytorch_default({3, 4, 1}, 2), path("m.onnx"));
  const CliRun r = run("maximize --net " + path("m.onnx") + " --box -1:1 --time-limit 20 --write-mps " + path("m.mps") +
                       " --write-lp " + path("m.lp") + " --json " + path("m.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_GT(fs::file_size(path("m.mps")), 0u);
  EXPECT_GT(fs::file_size(path("m.lp")), 0u);
  std::ifstream in(path("m.json"));
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["status"], "optimal");
  // The reported value is the network's output at the reported input.
  const Network network = read_onnx(path("m.onnx"));
  const std::vector<double> x = j["input"];
  EXPECT_DOUBLE_EQ(j["best_value"].get<double>(), network.forward(Eigen::Map<const Vector>(x.data(), 3))(0));
}

// One declaration per search parameter (search_parameters.hpp): each is a flag
// of exactly the commands in its scope, and each recorded one is in the JSON
// options (the database columns and the run key: test_schema.cpp, test_campaign_plan.cpp;
// experiment status reads the flags from the campaign's manifest).
TEST_F(Cli, EveryParameterIsAFlagWhereOfferedAndInTheJsonOptions) {
  const std::vector<std::pair<ParameterScope, std::string>> commands = {{kVerifyScope, "verify"},
                                                                        {kVerifyScope, "check"},
                                                                        {kMaximizeScope, "maximize"},
                                                                        {kCampaignScope, "experiment run"},
                                                                        {kCampaignScope, "experiment slurm"}};
  for (const auto& [scope, command] : commands) {
    const CliRun help = run(command + " --help");
    ASSERT_EQ(help.exit_code, 0) << help.output;
    for (const SearchParameter& p : search_parameters()) {
      if (p.flag.empty()) continue;
      const bool listed = help.output.find("\n  " + p.flag + " ") != std::string::npos ||
                          help.output.find("\n  " + p.flag + ",") != std::string::npos;
      EXPECT_EQ(listed, p.offered_in(scope)) << command << " " << p.flag;
    }
  }
  const std::string net = classifier();
  { std::ofstream(path("x.json")) << nlohmann::json(std::vector<double>(324, 0.5)).dump(); }
  const CliRun r =
      run("verify --net " + net + " --input " + path("x.json") +
          " --epsilon 0.001 --time-limit 5 --threads 1 --lp-time-limit 7 --quiet --json " + path("v.json"));
  ASSERT_LE(r.exit_code, 2) << r.output;
  std::ifstream in(path("v.json"));
  const nlohmann::json options = nlohmann::json::parse(in)["options"];
  for (const SearchParameter& p : search_parameters()) EXPECT_EQ(options.contains(p.name), p.is_recorded()) << p.name;
  EXPECT_EQ(options["lp_time_limit_s"], 7.0);
  EXPECT_EQ(options["time_limit_s"], 5.0);
  EXPECT_TRUE(options.contains("solver_version"));
}
