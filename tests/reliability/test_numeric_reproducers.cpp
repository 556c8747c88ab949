// The tester's numeric reproducers (tests/fixtures/reliability/{crash,false-proof,
// magnitude}, see its README): each once gave a SIGSEGV/SIGABRT inside CLP, a
// false `optimal`, a bound below a reachable value or `no_solution` on a
// feasible box. Every command must now end with either
//   - exit 1 and a clear error that says what to rescale (or what is wrong), or
//   - exit 0 with an answer no forward pass contradicts: the value is the
//     network's output at the returned input, and (networks with <= 3 inputs)
//     the bound and an `optimal` value reach the brute force's best value;
// never a signal, never exit 3.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "nnmip/formats/onnx_io.hpp"
#include "support/brute_force.hpp"
#include "support/run_cli.hpp"

namespace fs = std::filesystem;
using namespace nnmip;
using namespace nnmip::testing;

namespace {

const fs::path kFixtures = fs::path(NNMIP_TEST_FIXTURES_DIR) / "reliability";

struct Reproducer {
  std::string command;  // verify | maximize
  std::string net;      // relative to kFixtures
  std::string box;      // maximize: lo:hi ("" = the default 0:1)
  int output = 0;
  std::string extra;  // further flags
};

/// What the tester listed, plus every output of every w3_* network on +-10.
std::vector<Reproducer> reproducers() {
  std::vector<Reproducer> list = {
      {"maximize", "crash/segv_1-1-1.onnx", "", 0, ""},
      {"maximize", "crash/segv_1-1-1-1.onnx", "", 0, ""},
      {"maximize", "crash/segv_3-1-1-2.onnx", "", 0, ""},
      {"maximize", "crash/abrt_1-1-1_b1e100.onnx", "", 0, ""},
      {"verify", "crash/r3.onnx", "", 0, "--input " + (kFixtures / "crash/x1e308.json").string() + " --epsilon 0.1"},
      {"maximize", "crash/r3.onnx", "-1e15:1e15", 0, ""},
      {"maximize", "crash/t8.onnx", "-10:10", 0, ""},
      {"maximize", "false-proof/w3_net14.onnx", "0:255", 1, ""},
      {"maximize", "false-proof/negligible_weight_wide_box.onnx", "0:1e12", 0, ""},
  };
  for (const auto& entry : fs::directory_iterator(kFixtures / "false-proof")) {
    const std::string name = "false-proof/" + entry.path().filename().string();
    const Network network = read_onnx(entry.path().string());
    const bool w3 = name.find("w3_") != std::string::npos;
    for (int k = 0; k < network.output_size(); ++k) list.push_back({"maximize", name, w3 ? "-10:10" : "", k, ""});
  }
  for (const auto& entry : fs::directory_iterator(kFixtures / "magnitude"))
    list.push_back({"maximize", "magnitude/" + entry.path().filename().string(), "", 0, ""});
  return list;
}

Box parse_box(const std::string& text, int inputs) {
  const double lo = text.empty() ? 0.0 : std::stod(text.substr(0, text.find(':')));
  const double hi = text.empty() ? 1.0 : std::stod(text.substr(text.find(':') + 1));
  return {Vector::Constant(inputs, lo), Vector::Constant(inputs, hi)};
}

}  // namespace

TEST(NumericReproducers, EndWithAClearErrorOrAnUncontradictedAnswer) {
  const fs::path json = fs::temp_directory_path() / ("nnmip_reproducer_" + std::to_string(::getpid()) + ".json");
  int refused = 0, answered = 0;
  for (const Reproducer& r : reproducers()) {
    const std::string what = r.command + " " + r.net + " box " + r.box + " output " + std::to_string(r.output);
    std::string args = r.command + " --net " + (kFixtures / r.net).string() + " --time-limit 30 -q --json " +
                       json.string() + " " + r.extra;
    if (r.command == "maximize")
      args += " --output " + std::to_string(r.output) + (r.box.empty() ? "" : " --box=" + r.box);
    fs::remove(json);
    const CliRun run = run_cli(args, memory_cap_prefix());
    ASSERT_NE(run.exit_code, -1) << what << ": killed by a signal\n" << run.output;
    if (run.exit_code == 1) {
      ++refused;
      const bool clear = run.output.find("rescale") != std::string::npos ||
                         run.output.find("outside the input domain") != std::string::npos;
      EXPECT_TRUE(clear) << what << ": " << run.output;
      continue;
    }
    ASSERT_EQ(run.exit_code, 0) << what << ": " << run.output;
    ++answered;
    std::ifstream in(json);
    const nlohmann::json result = nlohmann::json::parse(in);
    ASSERT_EQ(r.command, "maximize") << what;
    const Network network = read_onnx((kFixtures / r.net).string());
    ASSERT_TRUE(result["best_value"].is_number()) << what << ": " << result.dump();
    const std::vector<double> input = result["input"];
    const Vector x = Eigen::Map<const Vector>(input.data(), static_cast<Eigen::Index>(input.size()));
    const double value = result["best_value"];
    EXPECT_EQ(value, network.forward(x)(r.output)) << what;
    if (network.input_size() > 3) continue;
    Vector c = Vector::Zero(network.output_size());
    c(r.output) = 1.0;
    const double reachable = reachable_value(network, parse_box(r.box, network.input_size()), c);
    if (result["bound"].is_number())
      EXPECT_GE(result["bound"].get<double>(), reachable - tolerance(reachable))
          << what << ": bound below a forward pass";
    if (result["status"] == "optimal") EXPECT_GE(value, reachable - tolerance(reachable)) << what << ": false optimum";
  }
  fs::remove(json);
  std::printf("%d reproducers refused with a clear error, %d answered\n", refused, answered);
  EXPECT_GT(answered, 3);
}
