// Every command's --json against docs/json.md: schema_version 1, every key the
// command writes (at any depth) is documented there, and `output` is the dense
// network's outputs at `input` (hand-computed networks).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "nnmip/formats/onnx_io.hpp"
#include "support/cli_test_folder.hpp"
#include "support/tiny_networks.hpp"

namespace {

using namespace nnmip;
using nnmip::testing::matrix;
using nnmip::testing::network_of;
using nnmip::testing::vector;

/// Every `name` written in backticks in docs/json.md (dotted names give each part).
std::set<std::string> documented_keys() {
  std::ifstream in(std::string(NNMIP_DOCS_DIR) + "/json.md");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> keys;
  const std::string all = text.str();
  const std::string doc = all.substr(0, all.find("\n## Changes"));  // old names are not documented keys
  static const std::regex name(R"(`([a-z_][a-z0-9_.]*)(\[\])?`)");
  for (std::sregex_iterator it(doc.begin(), doc.end(), name), end; it != end; ++it) {
    std::stringstream parts((*it)[1].str());
    for (std::string part; std::getline(parts, part, '.');) keys.insert(part);
  }
  return keys;
}

void expect_documented(const nlohmann::json& j, const std::set<std::string>& keys, const std::string& where) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      EXPECT_TRUE(keys.count(key)) << where << "." << key << " is not in docs/json.md";
      expect_documented(value, keys, where + "." + key);
    }
  } else if (j.is_array()) {
    for (const nlohmann::json& item : j) expect_documented(item, keys, where + "[]");
  }
}

class JsonSchema : public nnmip::testing::CliTestFolder {
 protected:
  /// Runs `arguments --json FILE`, expects the exit code, checks the common keys and
  /// the documentation, and returns the JSON.
  nlohmann::json run_json(const std::string& arguments, int exit_code, const std::string& command) {
    const std::string file = path("out.json");
    const nnmip::testing::CliRun r = nnmip::testing::run_cli(arguments + " --json " + file);
    EXPECT_EQ(r.exit_code, exit_code) << r.output;
    const nlohmann::json j = json("out.json");
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["command"], command);
    EXPECT_TRUE(j["run"].contains("git_revision"));
    EXPECT_EQ(j["run"]["interrupted"], false);
    expect_documented(j, documented_keys(), command);
    return j;
  }
};

}  // namespace

TEST_F(JsonSchema, DocumentationListsEveryKeyOfEveryJsonCommand) {
  // The documentation is read at all: a few keys it must name.
  const std::set<std::string> keys = documented_keys();
  for (const char* key : {"schema_version", "status", "output", "counterexample", "hidden_layers", "git_revision"})
    EXPECT_TRUE(keys.count(key)) << key;
  EXPECT_FALSE(keys.count("layers_sparsity"));
}

TEST_F(JsonSchema, NetworkCommands) {
  const std::string net = path("r.onnx");
  nlohmann::json j = run_json("random-net --inputs 3 --layers 2 --width 4 --seed 0 --out " + net, 0, "random-net");
  EXPECT_EQ(j["hidden_layers"], 2);
  j = run_json("info --net " + net, 0, "info");
  EXPECT_EQ(j["hidden_layers"], 2);
  EXPECT_EQ(j["layers"].size(), 3u);
  j = run_json("forward --net " + net + " --input " + write("x.json", "[0.5, -1, 2]"), 0, "forward");
  EXPECT_EQ(j["points"][0]["output"].size(), 1u);
}

TEST_F(JsonSchema, VerifyWritesTheOutputsAtItsInput) {
  // y = (1, 0.5, 2x) around x0 = 0 with eps 0.6: class 2 reaches class 0 for x >= 0.5.
  const std::string net = path("three.onnx");
  write_onnx(network_of({{matrix(3, 1, {0, 0, 2}), vector({1, 0.5, 0})}}), net);
  const nlohmann::json j = run_json(
      "verify --net " + net + " --input " + write("x0.json", "[0]") + " --epsilon 0.6 --norm linf", 10, "verify");
  ASSERT_EQ(j["status"], "adversarial");
  const double x = j["input"][0];
  EXPECT_GE(x, 0.5);
  EXPECT_EQ(j["output"][0].get<double>(), 1.0);
  EXPECT_EQ(j["output"][1].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["output"][2].get<double>(), 2 * x);
  EXPECT_DOUBLE_EQ(j["dense_margin"].get<double>(), 2 * x - 1.0);
}

TEST_F(JsonSchema, MaximizeWritesTheOutputsAtItsInput) {
  // y = (relu(x), relu(-x)): y_1 is largest, 1, at x = -1 on [-1, 1].
  const std::string net = path("split.onnx");
  write_onnx(nnmip::testing::sign_split_network(), net);
  const nlohmann::json j = run_json("maximize --net " + net + " --box -1:1 --output 1 --time-limit 30", 0, "maximize");
  EXPECT_EQ(j["status"], "optimal");
  EXPECT_EQ(j["best_value"].get<double>(), 1.0);
  EXPECT_EQ(j["input"][0].get<double>(), -1.0);
  EXPECT_EQ(j["output"], nlohmann::json({0.0, 1.0}));
}

TEST_F(JsonSchema, CheckWritesItsCounterexample) {
  // The same network: y_1 >= 0.5 and y_0 <= 0 hold for x <= -0.5.
  const std::string net = path("split.onnx");
  write_onnx(nnmip::testing::sign_split_network(), net);
  const std::string spec = write("a.vnnlib",
                                 "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
                                 "(assert (>= X_0 -1)) (assert (<= X_0 1))\n"
                                 "(assert (>= Y_1 0.5)) (assert (<= Y_0 0))\n");
  const nlohmann::json j = run_json("check --net " + net + " --spec " + spec, 10, "check");
  EXPECT_EQ(j["result"], "sat");
  const double x = j["counterexample"]["input"][0];
  EXPECT_LE(x, -0.5);
  EXPECT_EQ(j["counterexample"]["output"], nlohmann::json({0.0, -x}));
}

TEST_F(JsonSchema, TrainPruneAndEval) {
  const std::string net = path("t.onnx"), pruned = path("p.onnx");
  const std::string data = " --dataset fashion-mnist --input-size 6";
  nlohmann::json j = run_json("train" + data + " --layers 1 --width 8 --epochs 1 --out " + net, 0, "train");
  EXPECT_EQ(j["out"], net);
  j = run_json("prune --net " + net + " --rate 0.5 --out " + pruned, 0, "prune");
  EXPECT_EQ(j["prune"]["rate"], 0.5);
  j = run_json("eval --net " + pruned + data, 0, "eval");
  EXPECT_GE(j["test_accuracy"].get<double>(), 0.0);
  EXPECT_LE(j["test_accuracy"].get<double>(), 1.0);
}

TEST_F(JsonSchema, ExperimentCommands) {
  const std::string db = path("a.sqlite"), merged = path("b.sqlite");
  nlohmann::json j = run_json("experiment run --preset smoke --study maximization --db " + db, 0, "experiment run");
  const long planned = j["planned"];
  EXPECT_EQ(j["recorded"], planned);
  EXPECT_EQ(j["search_parameters"]["bounds"], "interval");  // the campaigns' default
  j = run_json("experiment merge " + db + " --into " + merged, 0, "experiment merge");
  EXPECT_EQ(j["runs"], planned);
  j = run_json("experiment report --db " + merged + " --out " + path("report"), 0, "experiment report");
  EXPECT_EQ(j["maximization_problems"], 2);
  j = run_json("experiment slurm --preset smoke --shards 2 --db-dir " + path("campaign"), 0, "experiment slurm");
  EXPECT_EQ(j["shards"], 2);
  j = run_json("experiment status --no-slurm --db-dir " + path("campaign"), 0, "experiment status");
  EXPECT_EQ(j["recorded"], 0);
  // One VNN-COMP instance: the sign-split network, where y_1 >= 0.5 and y_0 <= 0 hold for x <= -0.5.
  write_onnx(nnmip::testing::sign_split_network(), path("split.onnx"));
  write("a.vnnlib",
        "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
        "(assert (>= X_0 -1)) (assert (<= X_0 1))\n(assert (>= Y_1 0.5)) (assert (<= Y_0 0))\n");
  const std::string csv = write("instances.csv", "split.onnx,a.vnnlib,10\n");
  j = run_json("experiment vnncomp --instances " + csv + " --db " + path("v.sqlite"), 0, "experiment vnncomp");
  EXPECT_EQ(j["counts"]["sat"], 1);
  j = run_json("experiment vnncomp-report --db " + path("v.sqlite"), 0, "experiment vnncomp-report");
  EXPECT_EQ(j["instances"], 1);
}
