// Verification semantics and the community's formats end to end: nnmip check
// on VNN-LIB properties (files other tools wrote, and hand-made ones with
// answers worked out by hand), untargeted verify, explicit domains, maximize
// with an objective / minimize, forward, and the exit codes of every verdict.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/training/initialization.hpp"
#include "support/cli_test_folder.hpp"
#include "support/shared_fixtures.hpp"
#include "support/tiny_networks.hpp"

namespace fs = std::filesystem;
using namespace nnmip;
using nnmip::testing::CliRun;
using nnmip::testing::matrix;
using nnmip::testing::network_of;
using nnmip::testing::vector;

namespace {

using Properties = nnmip::testing::CliTestFolder;

fs::path fixtures(const char* sub) { return nnmip::testing::shared_fixtures(sub); }
#define REQUIRE_FIXTURES(dir) NNMIP_REQUIRE_FIXTURES(dir)

const char* kHeader1In2Out = "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n";

}  // namespace

TEST_F(Properties, VnnCompFixturesAreDecidedAsTheirReadmeSays) {
  const fs::path onnx = fixtures("onnx"), vnnlib = fixtures("vnnlib");
  REQUIRE_FIXTURES(onnx);
  const std::vector<std::tuple<std::string, std::string, std::string, int>> cases = {
      {"test_nano", "test_nano", "unsat", 0},
      {"test_tiny", "test_tiny", "unsat", 0},
      {"test_small", "test_small", "unsat", 0},
      {"test_sat", "test_prop", "sat", 10},
      {"test_unsat", "test_prop", "unsat", 0}};
  for (const auto& [net, spec, answer, code] : cases) {
    const std::string result = path(net + ".result");
    const CliRun r =
        nnmip::testing::run_cli("check --net " + (onnx / (net + ".onnx")).string() + " --spec " +
                                (vnnlib / (spec + ".vnnlib")).string() + " --time-limit 60 --result " + result +
                                " --counterexample " + path(net + ".cex") + " --json " + path(net + ".json"));
    EXPECT_EQ(r.exit_code, code) << net << "\n" << r.output;
    std::ifstream in(result);
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, answer) << net;
    if (answer != "sat") continue;
    // The counterexample: inside the box, and the forward pass satisfies the property
    // (ACAS Xu property 3: Y_0 is the minimal output).
    const CliRun forward = nnmip::testing::run_cli("forward --net " + (onnx / (net + ".onnx")).string() + " --input " +
                                                   path(net + ".cex") + " --json " + path("forward.json"));
    ASSERT_EQ(forward.exit_code, 0) << forward.output;
    const nlohmann::json point = json("forward.json")["points"][0];
    const std::vector<double> x = point["input"], y = point["output"];
    const double lower[] = {-0.30353115613746867, -0.009549296585513092, 0.4933803235848431, 0.3, 0.3};
    const double upper[] = {-0.29855281193475053, 0.009549296585513092, 0.49999999998567607, 0.5, 0.5};
    for (int i = 0; i < 5; ++i) {
      EXPECT_GE(x[i], lower[i]);
      EXPECT_LE(x[i], upper[i]);
    }
    for (int j = 1; j < 5; ++j) EXPECT_LE(y[0], y[j]);
    EXPECT_EQ(json(net + ".json")["counterexample"]["output"], point["output"]);
  }
}

TEST_F(Properties, OrOfAndWithAnswersByHand) {
  // y = (relu(x), relu(-x)) on x in [-1, 1]: y_0 >= 2 is impossible; y_1 >= 0.5 and
  // y_0 <= 0 holds for x <= -0.5; with the box [0, 1] neither can hold.
  const std::string net = path("split.onnx");
  write_onnx(nnmip::testing::sign_split_network(), net);
  const std::string body = std::string(kHeader1In2Out) +
                           "(assert (or (and (>= X_0 -1) (<= X_0 1) (>= Y_0 2))\n"
                           "            (and (>= X_0 -1) (<= X_0 1) (>= Y_1 0.5) (<= Y_0 0))))\n";
  const CliRun sat = nnmip::testing::run_cli("check --net " + net + " --spec " + write("a.vnnlib", body) + " --json " +
                                             path("a.json"));
  EXPECT_EQ(sat.exit_code, 10) << sat.output;
  const nlohmann::json a = json("a.json");
  EXPECT_EQ(a["result"], "sat");
  EXPECT_LE(a["counterexample"]["input"][0].get<double>(), -0.5);
  EXPECT_EQ(a["counterexample"]["disjunct"], 1);
  for (const char* grouping : {"separate", "joint"}) {
    const std::string none = std::string(kHeader1In2Out) +
                             "(assert (>= X_0 0)) (assert (<= X_0 1e0))\n"
                             "(assert (or (>= Y_0 2) (and (>= Y_1 0.5) (<= Y_0 0))))\n";
    const CliRun unsat = nnmip::testing::run_cli("check --net " + net + " --spec " + write("b.vnnlib", none) +
                                                 " --disjuncts " + grouping + " --result " + path("b.result"));
    EXPECT_EQ(unsat.exit_code, 0) << grouping << "\n" << unsat.output;
  }
  // The property's sizes must match the network's.
  const CliRun mismatch =
      nnmip::testing::run_cli("check --net " + net + " --spec " +
                              write("c.vnnlib",
                                    "(declare-const X_0 Real)\n(declare-const Y_0 Real)\n(assert (>= X_0 0))\n"
                                    "(assert (<= X_0 1))\n(assert (>= Y_0 1))\n"));
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_NE(mismatch.output.find("for another network"), std::string::npos) << mismatch.output;
}

TEST_F(Properties, NnetAndItsOnnxTwinGiveTheSameAnswers) {
  // fc_2-2-3: with s = x_0 + x_1, y = (2 relu(s) - relu(-s), -s, s). On [-1, 1]^2,
  // max y_0 = 4 (s = 2): y_0 >= 3.9 is sat, y_0 >= 4.1 unsat.
  const fs::path nnet = fixtures("nnet"), onnx = fixtures("onnx");
  REQUIRE_FIXTURES(nnet);
  const std::string header =
      "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n"
      "(declare-const Y_2 Real)\n(assert (<= X_0 1)) (assert (>= X_0 -1)) (assert (<= X_1 1)) (assert (>= X_1 -1))\n";
  const std::string reachable = write("r.vnnlib", header + "(assert (>= Y_0 3.9))\n");
  const std::string unreachable = write("u.vnnlib", header + "(assert (>= Y_0 4.1))\n");
  for (const fs::path& net : {nnet / "fc_2-2-3.nnet", onnx / "fc_2-2-3.onnx"}) {
    EXPECT_EQ(nnmip::testing::run_cli("check --net " + net.string() + " --spec " + reachable).exit_code, 10) << net;
    EXPECT_EQ(nnmip::testing::run_cli("check --net " + net.string() + " --spec " + unreachable).exit_code, 0) << net;
  }
  // forward from stdin: the README's outputs at (0.5, 2).
  const CliRun forward =
      nnmip::testing::run_cli("forward --net " + (nnet / "fc_2-2-3.nnet").string() + " --input -", "echo '[0.5, 2]' |");
  EXPECT_EQ(forward.exit_code, 0) << forward.output;
  EXPECT_NE(forward.output.find("y = 5 -2.5 2.5"), std::string::npos) << forward.output;
}

TEST_F(Properties, MaximizeMinimizeAndObjectivesWithKnownAnswers) {
  const fs::path onnx = fixtures("onnx"), nnet = fixtures("nnet");
  REQUIRE_FIXTURES(onnx);
  // test_small: y = 24 max(x + 1.5, 0) + 18.5: on [-0.9, 0.9] max 76.1 at 0.9, min 32.9 at -0.9 (fixtures README).
  for (const fs::path& net : {onnx / "test_small.onnx", nnet / "small_nnet.nnet"}) {
    for (const bool minimize : {false, true}) {
      const CliRun r = nnmip::testing::run_cli("maximize --net " + net.string() + " --domain -0.9:0.9 " +
                                               (minimize ? "--minimize " : "") + "--json " + path("m.json"));
      ASSERT_EQ(r.exit_code, 0) << r.output;
      const nlohmann::json j = json("m.json");
      EXPECT_EQ(j["status"], "optimal") << net;
      EXPECT_NEAR(j["best_value"].get<double>(), minimize ? 32.9 : 76.1, 1e-9) << net;
      EXPECT_NEAR(j["input"][0].get<double>(), minimize ? -0.9 : 0.9, 1e-9);
      if (minimize) {
        EXPECT_LE(j["bound"].get<double>(), 32.9 + 1e-6);  // a lower bound
      }
    }
  }
  // fc_2-2-3 on [-1, 1]^2: y_1 - y_0 = -2s for s < 0 and -3s for s >= 0: max 4, min -6.
  const std::string fc = (onnx / "fc_2-2-3.onnx").string();
  for (const std::string objective : {"'y1 - y0'", "'[-1, 1, 0]'"}) {
    ASSERT_EQ(nnmip::testing::run_cli("maximize --net " + fc + " --domain -1:1 --objective " + objective + " --json " +
                                      path("o.json"))
                  .exit_code,
              0);
    EXPECT_NEAR(json("o.json")["best_value"].get<double>(), 4.0, 1e-9) << objective;
  }
  ASSERT_EQ(nnmip::testing::run_cli("maximize --net " + fc + " --domain -1:1 --objective 'y1 - y0' --minimize --json " +
                                    path("o.json"))
                .exit_code,
            0);
  EXPECT_NEAR(json("o.json")["best_value"].get<double>(), -6.0, 1e-9);
  const CliRun bad = nnmip::testing::run_cli("maximize --net " + fc + " --objective 'y1 - y7'");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("out of range"), std::string::npos) << bad.output;
}

TEST_F(Properties, RobustMeansNoOtherClassCanWin) {
  // Regression: the default used to prove one target only (the second class at x0).
  // y = (1, 0.5, 2x) around x0 = 0, L-infinity eps 0.6: class 1 can never reach
  // class 0, class 2 reaches it for x >= 0.5.
  const std::string net = path("three.onnx");
  write_onnx(network_of({{matrix(3, 1, {0, 0, 2}), vector({1, 0.5, 0})}}), net);
  const std::string input = write("x0.json", "[0]");
  const std::string base = "verify --net " + net + " --input " + input + " --epsilon 0.6 --norm linf ";
  const CliRun second = nnmip::testing::run_cli(base + "--target auto --json " + path("auto.json"));
  EXPECT_EQ(second.exit_code, 0) << second.output;  // robust against class 1 only
  EXPECT_EQ(json("auto.json")["target_class"], 1);
  const CliRun all = nnmip::testing::run_cli(base + "--json " + path("all.json"));
  EXPECT_EQ(all.exit_code, 10) << all.output;
  const nlohmann::json j = json("all.json");
  EXPECT_EQ(j["status"], "adversarial");
  EXPECT_EQ(j["adversarial_class"], 2);
  EXPECT_GE(j["input"][0].get<double>(), 0.5);
  EXPECT_LE(j["input"][0].get<double>(), 0.6);
  // Smaller ball: no class can reach class 0; every target proven.
  const CliRun small = nnmip::testing::run_cli("verify --net " + net + " --input " + input +
                                               " --epsilon 0.4 --norm linf --json " + path("small.json"));
  EXPECT_EQ(small.exit_code, 0) << small.output;
  const nlohmann::json per_target = json("small.json")["per_target"];
  EXPECT_EQ(per_target.size(), 2u);
  for (const auto& t : per_target) EXPECT_EQ(t["verdict"], "unsat");
  // An input the network already gives another class than the label: reported as such.
  const CliRun wrong = nnmip::testing::run_cli(base + "--label 2 --json " + path("wrong.json"));
  EXPECT_EQ(wrong.exit_code, 10) << wrong.output;
  EXPECT_EQ(json("wrong.json")["status"], "misclassified");
}

TEST_F(Properties, TheDomainIsNeverSilentlyClamped) {
  // Regression: around (0.5, 2) with eps 1e-9 the pixel box [0, 1] was applied
  // silently and the answer came from a point at distance 1.0.
  const std::string net = path("net.onnx");
  write_onnx(network_of({{matrix(2, 2, {1, 0, 0, 1}), vector({0, 0})}, {matrix(2, 2, {1, 0, 0, 1}), vector({0, 0})}}),
             net);
  const std::string input = write("x.json", "[0.5, 2]");
  const std::string base = "verify --net " + net + " --input " + input + " --epsilon 1e-9 --norm linf ";
  const CliRun clamp = nnmip::testing::run_cli(base + "--domain 0:1");
  EXPECT_EQ(clamp.exit_code, 1) << clamp.output;
  EXPECT_NE(clamp.output.find("input 1 of the point to verify around is 2"), std::string::npos) << clamp.output;
  // No domain: the ball alone. y = (0.5, 2): class 1 wins and nothing within 1e-9 changes that.
  const CliRun ball = nnmip::testing::run_cli(base + "--json " + path("ball.json"));
  EXPECT_EQ(ball.exit_code, 0) << ball.output;
  const nlohmann::json j = json("ball.json");
  EXPECT_EQ(j["true_class"], 1);
  EXPECT_LE(j["distance"].get<double>(), 1e-9);
  EXPECT_EQ(j["domain"], nullptr);
  // A per-input box file works, and one that leaves the centre out is refused naming the input.
  const CliRun box =
      nnmip::testing::run_cli(base + "--domain " + write("box.json", R"({"lower": [0, 0], "upper": [1, 3]})"));
  EXPECT_EQ(box.exit_code, 0) << box.output;
  const CliRun outside =
      nnmip::testing::run_cli(base + "--domain " + write("out.json", R"({"lower": [0.6, 0], "upper": [1, 3]})"));
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_NE(outside.output.find("input 0 of the point"), std::string::npos) << outside.output;
}

TEST_F(Properties, UnknownHasItsOwnExitCode) {
  // A surrogate run that finds no dense-adversarial input proves nothing: unknown (20),
  // although the dense network is robust there.
  const std::string net = path("three.onnx"), sparse = path("sparse.onnx");
  write_onnx(network_of({{matrix(3, 1, {0, 0, 2}), vector({1, 0.5, 0})}}), net);
  write_onnx(network_of({{matrix(3, 1, {0, 0, 0}), vector({1, 0.5, 0})}}), sparse);
  const CliRun r = nnmip::testing::run_cli("verify --net " + net + " --surrogate " + sparse + " --input " +
                                           write("x0.json", "[0]") + " --epsilon 0.4 --norm linf");
  EXPECT_EQ(r.exit_code, 20) << r.output;
  EXPECT_NE(r.output.find("status: unknown"), std::string::npos) << r.output;
  EXPECT_EQ(nnmip::testing::run_cli("verify --net " + net + " --no-such-flag").exit_code, 2);
}

TEST_F(Properties, VerifyAndCheckOfItsVnnlibAgree) {
  // verify --write-vnnlib writes the same question for check: the verdicts (exit codes) agree,
  // robust and adversarial both occur.
  int robust = 0, adversarial = 0;
  for (int seed = 0; seed < 8; ++seed) {
    const std::string net = path("net.onnx");
    write_onnx(init_xavier_uniform({4, 8, 3}, seed), net);
    const std::string input = write("x.json", "[0.2, 0.4, 0.6, 0.8]");
    const std::string eps = seed % 2 == 0 ? "0.01" : "0.3";
    const CliRun verify =
        nnmip::testing::run_cli("verify --net " + net + " --input " + input + " --domain 0:1 --epsilon " + eps +
                                " --norm linf --write-vnnlib " + path("p.vnnlib"));
    ASSERT_TRUE(verify.exit_code == 0 || verify.exit_code == 10) << verify.output;
    const CliRun check = nnmip::testing::run_cli("check --net " + net + " --spec " + path("p.vnnlib"));
    EXPECT_EQ(check.exit_code, verify.exit_code) << "seed " << seed << "\n" << verify.output << check.output;
    (verify.exit_code == 0 ? robust : adversarial) += 1;
  }
  EXPECT_GT(robust, 0);
  EXPECT_GT(adversarial, 0);
  // An L1 ball is no box: refused with the reason.
  const CliRun l1 = nnmip::testing::run_cli("verify --net " + path("net.onnx") + " --input " + path("x.json") +
                                            " --epsilon 0.1 --write-vnnlib " + path("q.vnnlib"));
  EXPECT_EQ(l1.exit_code, 1);
  EXPECT_NE(l1.output.find("use the L-infinity norm (linf)"), std::string::npos) << l1.output;
}

TEST_F(Properties, NnetInputRangeClipsLikeTheNetwork) {
  // examples/acas_style_2-3-3-3.nnet clips rho to [0, 60760]. A box beyond it (rho in
  // [70000, 80000]) is the network at rho = 60760, where max Y_0 = 458.256 (theta = -pi;
  // README, checked on a 401 x 401 grid): Y_0 >= 450 is sat, with a counterexample inside
  // the spec's own box whose outputs forward reproduces.
  const std::string net = std::string(NNMIP_TEST_FIXTURES_DIR) + "/../../examples/acas_style_2-3-3-3.nnet";
  const auto far = [&](const std::string& threshold) {
    return write("far" + threshold + ".vnnlib",
                 "(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n"
                 "(declare-const Y_1 Real)\n(declare-const Y_2 Real)\n"
                 "(assert (>= X_0 70000)) (assert (<= X_0 80000))\n"
                 "(assert (>= X_1 -3.141593)) (assert (<= X_1 3.141593))\n(assert (>= Y_0 " +
                     threshold + "))\n");
  };
  const std::string spec = far("450");
  const CliRun r = nnmip::testing::run_cli("check --net " + net + " --spec " + spec + " --result " + path("r.txt") +
                                           " --json " + path("c.json"));
  ASSERT_EQ(r.exit_code, 10) << r.output;
  EXPECT_NE(r.output.find("clipped the same way"), std::string::npos) << r.output;
  const nlohmann::json c = json("c.json")["counterexample"];
  EXPECT_GE(c["input"][0].get<double>(), 70000.0);
  EXPECT_LE(c["input"][0].get<double>(), 80000.0);
  ASSERT_EQ(nnmip::testing::run_cli("forward --net " + net + " --input " + path("r.txt") + " --json " + path("f.json"))
                .exit_code,
            0);
  EXPECT_EQ(json("f.json")["points"][0]["output"], c["output"]);
  EXPECT_EQ(nnmip::testing::run_cli("check --net " + net + " --spec " + far("500")).exit_code, 0);
}
