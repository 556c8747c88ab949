// NNet reader and writer: files other tools wrote (fixtures, against their ONNX
// twins and known outputs), normalisation computed by hand, round trips, and
// the errors for malformed files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nnmip/formats/nnet_io.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/error.hpp"
#include "support/shared_fixtures.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_networks.hpp"

namespace fs = std::filesystem;
using nnmip::Error;
using nnmip::Matrix;
using nnmip::Network;
using nnmip::Rng;
using nnmip::Vector;
using nnmip::testing::matrix;
using nnmip::testing::network_of;
using nnmip::testing::random_point;
using nnmip::testing::TempDir;
using nnmip::testing::vector;

namespace {

class NNetTest : public ::testing::Test {
 protected:
  TempDir dir_{"nnmip_test_nnet"};
  std::string path(const std::string& name) const { return (dir_.path() / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
    return path(name);
  }
};

fs::path fixtures(const char* sub) { return nnmip::testing::shared_fixtures(sub); }
#define SKIP_WITHOUT_FIXTURES(dir) NNMIP_REQUIRE_FIXTURES(dir)

double output_of(const Network& network, double x) { return network.forward(vector({x}))(0); }

Vector clipped(const Vector& x, const Network& network) {
  return x.cwiseMax(*network.interface().input_range_lower).cwiseMin(*network.interface().input_range_upper);
}

/// max |a(x) - b(x)| / (1 + |a(x)|) over `count` random points of [lower, upper].
double largest_relative_gap(const Network& a, const Network& b, const Vector& lower, const Vector& upper, int count) {
  Rng rng(7);
  double gap = 0.0;
  for (int k = 0; k < count; ++k) {
    const Vector x = random_point(rng, lower, upper);
    const Vector ya = a.forward(x);
    gap = std::max(gap, ((ya - b.forward(x)).array().abs() / (1.0 + ya.array().abs())).maxCoeff());
  }
  return gap;
}

void expect_same_layers(const Network& a, const Network& b) {
  ASSERT_EQ(a.num_layers(), b.num_layers());
  for (int l = 0; l < a.num_layers(); ++l) {
    EXPECT_EQ(a.layer(l).weights, b.layer(l).weights) << "layer " << l;
    EXPECT_EQ(a.layer(l).bias, b.layer(l).bias) << "layer " << l;
  }
}

// --- fixtures written by other tools ------------------------------------------

TEST(NNetFixtures, Fc223GivesTheReferenceOutputs) {
  const fs::path dir = fixtures("nnet");
  SKIP_WITHOUT_FIXTURES(dir);
  const Network network = nnmip::read_nnet((dir / "fc_2-2-3.nnet").string());
  ASSERT_EQ(network.num_layers(), 2);
  EXPECT_EQ(network.input_size(), 2);
  EXPECT_EQ(network.output_size(), 3);
  EXPECT_EQ(network.forward(vector({0, 0})), vector({0, 0, 0}));
  EXPECT_EQ(network.forward(vector({1, -1})), vector({0, 0, 0}));
  EXPECT_EQ(network.forward(vector({0.5, 2})), vector({5, -2.5, 2.5}));
  // Its mins/maxes are -/+100000: the range is recorded as the file gives it.
  ASSERT_TRUE(network.interface().input_range_lower && network.interface().input_range_upper);
  EXPECT_EQ(*network.interface().input_range_lower, vector({-100000, -100000}));
  EXPECT_EQ(*network.interface().input_range_upper, vector({100000, 100000}));
}

TEST(NNetFixtures, Fc223EqualsItsOnnxTwin) {
  const fs::path nnet = fixtures("nnet"), onnx = fixtures("onnx");
  SKIP_WITHOUT_FIXTURES(nnet);
  SKIP_WITHOUT_FIXTURES(onnx);
  const Network from_nnet = nnmip::read_nnet((nnet / "fc_2-2-3.nnet").string());
  const Network from_onnx = nnmip::read_onnx((onnx / "fc_2-2-3.onnx").string());
  // Near the origin, where the ReLUs switch, and across the whole input range.
  EXPECT_LT(largest_relative_gap(from_nnet, from_onnx, vector({-3, -3}), vector({3, 3}), 2000), 1e-6);
  EXPECT_LT(largest_relative_gap(from_nnet, from_onnx, *from_nnet.interface().input_range_lower,
                                 *from_nnet.interface().input_range_upper, 2000),
            1e-6);
}

TEST(NNetFixtures, SmallNnetMatchesTestSmallOnnx) {
  const fs::path nnet = fixtures("nnet");
  SKIP_WITHOUT_FIXTURES(nnet);
  // The NeuralVerification.jl variant: its "0" normalisation lines are skipped,
  // so nothing is clipped (mins = maxes = 0 would map every input to 0).
  const Network network = nnmip::read_nnet((nnet / "small_nnet.nnet").string());
  ASSERT_EQ(network.num_layers(), 3);
  EXPECT_FALSE(network.interface().input_range_lower.has_value());
  EXPECT_FALSE(network.interface().input_range_upper.has_value());
  EXPECT_NEAR(output_of(network, -0.9), 32.9, 1e-12);
  EXPECT_NEAR(output_of(network, 0.0), 54.5, 1e-12);
  EXPECT_NEAR(output_of(network, 0.9), 76.1, 1e-12);
  const fs::path onnx = fixtures("onnx");
  SKIP_WITHOUT_FIXTURES(onnx);
  const Network twin = nnmip::read_onnx((onnx / "test_small.onnx").string());
  EXPECT_LT(largest_relative_gap(network, twin, vector({-5}), vector({5}), 1000), 1e-6);
}

TEST(NNetFixtures, SmallNnetIdByHand) {
  const fs::path nnet = fixtures("nnet");
  SKIP_WITHOUT_FIXTURES(nnet);
  // r = max(x + 1.5, 0); both second-layer neurons are 4r + 2.5 > 0; y = -3 * 2 (4r + 2.5) + 3.5 = -24r - 11.5.
  const Network network = nnmip::read_nnet((nnet / "small_nnet_id.nnet").string());
  EXPECT_NEAR(output_of(network, -2.0), -11.5, 1e-12);
  EXPECT_NEAR(output_of(network, -0.9), -25.9, 1e-12);
  EXPECT_NEAR(output_of(network, 0.0), -47.5, 1e-12);
  EXPECT_NEAR(output_of(network, 0.9), -69.1, 1e-12);
}

// --- normalisation ----------------------------------------------------------------

// mins (-1, 0), maxes (3, 4); means (1, 2 | 10), ranges (2, 4 | 5);
// W1 = [1 -1; 0.5 2], b1 = (0.5, -1); W2 = [3 2], b2 = 1.
// Lines are numbered in the comments: the error tests below replace them.
const std::vector<std::string> kNormalisedLines = {
    "// hand-made: 2 inputs, 2 hidden, 1 output",  //  1
    "2,2,1,2,",                                    //  2
    "2,2,1,",                                      //  3
    "0,",                                          //  4
    "-1,0,",                                       //  5 mins
    "3,4,",                                        //  6 maxes
    "1,2,10,",                                     //  7 means
    "2,4,5,",                                      //  8 ranges
    "1,-1,",                                       //  9
    "0.5,2,",                                      // 10
    "0.5,",                                        // 11
    "-1,",                                         // 12
    "3,2,",                                        // 13
    "1,",                                          // 14
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST_F(NNetTest, NormalisationFoldedIntoTheLayers) {
  const Network network = nnmip::read_nnet(write("normalised.nnet", joined(kNormalisedLines)));
  // x = (2, 3): x' = (0.5, 0.25), hidden (0.75, 0), y' = 3.25, y = 5 y' + 10.
  EXPECT_NEAR(network.forward(vector({2, 3}))(0), 26.25, 1e-12);
  // x = (-1, 4), a corner: x' = (-1, 0.5), hidden (0, 0), y' = 1.
  EXPECT_NEAR(network.forward(vector({-1, 4}))(0), 15.0, 1e-12);
  // x = (0, 0): x' = (-0.5, -0.5), hidden (0.5, 0), y' = 2.5.
  EXPECT_NEAR(network.forward(vector({0, 0}))(0), 22.5, 1e-12);
}

TEST_F(NNetTest, InputsOutsideTheRangeAreClippedThroughTheInterface) {
  const Network network = nnmip::read_nnet(write("normalised.nnet", joined(kNormalisedLines)));
  ASSERT_TRUE(network.interface().input_range_lower && network.interface().input_range_upper);
  EXPECT_EQ(*network.interface().input_range_lower, vector({-1, 0}));
  EXPECT_EQ(*network.interface().input_range_upper, vector({3, 4}));
  // x = (5, -2) clips to (3, 0): x' = (1, -0.5), hidden (2, 0), y' = 7, y = 45.
  const Vector x = vector({5, -2});
  EXPECT_EQ(clipped(x, network), vector({3, 0}));
  EXPECT_NEAR(network.forward(clipped(x, network))(0), 45.0, 1e-12);
  // The layers alone extend the function affinely: x' = (2, -1), hidden (3.5, 0), y' = 11.5.
  EXPECT_NEAR(network.forward(x)(0), 67.5, 1e-12);
}

TEST_F(NNetTest, SingleLayerFoldsBothNormalisations) {
  // y' = 2 x' + 1 with x' = (x - 1) / 2 and y = 4 y' + 3: y = 4 (x - 1 + 1) + 3 = 4x + 3.
  const Network network = nnmip::read_nnet(write("one.nnet", "1,1,1,1,\n1,1,\n0,\n-10,\n10,\n1,3,\n2,4,\n2,\n1,\n"));
  ASSERT_EQ(network.num_layers(), 1);
  EXPECT_NEAR(output_of(network, 5.0), 23.0, 1e-12);
  EXPECT_NEAR(output_of(network, -2.0), -5.0, 1e-12);
}

TEST_F(NNetTest, SpacesCarriageReturnsBlankLinesAndNoTrailingCommas) {
  const Network network = nnmip::read_nnet(write("loose.nnet",
                                                 "// c\r\n\r\n 1 , 2 , 1 , 2\r\n2, 1\r\n0\r\n-5, -5\r\n5,5\r\n0,0,0\r\n"
                                                 "1,1,1\r\n\r\n1.5, -2\r\n+0.25\r\n"));
  EXPECT_NEAR(network.forward(vector({2, 1}))(0), 1.25, 1e-15);
}

// --- round trips ----------------------------------------------------------------

TEST_F(NNetTest, FixturesWrittenAndReadAgainAreTheSameFunction) {
  const fs::path dir = fixtures("nnet");
  SKIP_WITHOUT_FIXTURES(dir);
  for (const char* name : {"fc_2-2-3.nnet", "small_nnet.nnet", "small_nnet_id.nnet"}) {
    SCOPED_TRACE(name);
    const Network original = nnmip::read_nnet((dir / name).string());
    nnmip::write_nnet(original, path(name));
    const Network again = nnmip::read_nnet(path(name));
    expect_same_layers(original, again);
    const Vector lower = Vector::Constant(original.input_size(), -50), upper = -lower;
    EXPECT_EQ(largest_relative_gap(original, again, lower, upper, 200), 0.0);
    // A network without a range comes back with the writer's -/+1e30 (clipping nothing).
    const Vector written_upper =
        original.interface().input_range_upper.value_or(Vector::Constant(original.input_size(), 1e30));
    EXPECT_EQ(*again.interface().input_range_upper, written_upper);
  }
}

TEST_F(NNetTest, RandomNetworkReadsBackBitIdentical) {
  const Network network = nnmip::init_pytorch_default({5, 8, 7, 3}, 42);
  nnmip::write_nnet(network, path("random.nnet"));
  const Network again = nnmip::read_nnet(path("random.nnet"));
  expect_same_layers(network, again);
  EXPECT_EQ(*again.interface().input_range_lower, Vector::Constant(5, -1e30));
}

TEST_F(NNetTest, ExtremeValuesAndTheInputRangeReadBackBitIdentical) {
  Network network =
      network_of({{matrix(2, 2, {0.1, -4.9e-324, 1e300, -2.2250738585072014e-308}), vector({1.0 / 3, -0.0})},
                  {matrix(1, 2, {123456789.123456789, 1e-300}), vector({-7e-17})}});
  nnmip::NetworkInterface interface;
  interface.input_range_lower = vector({-0.3, 1e-3});
  interface.input_range_upper = vector({0.7, 2.0 / 3});
  network.set_interface(interface);
  nnmip::write_nnet(network, path("extreme.nnet"));
  const Network again = nnmip::read_nnet(path("extreme.nnet"));
  expect_same_layers(network, again);
  EXPECT_EQ(*again.interface().input_range_lower, *interface.input_range_lower);
  EXPECT_EQ(*again.interface().input_range_upper, *interface.input_range_upper);
}

TEST_F(NNetTest, WrittenFileHasTheReluplexLayout) {
  nnmip::write_nnet(network_of({{matrix(1, 2, {1.5, -2}), vector({0.25})}}), path("layout.nnet"));
  std::ifstream file(path("layout.nnet"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);)
    if (!line.starts_with("//")) lines.push_back(line);
  const std::vector<std::string> expected = {"1,2,1,2,", "2,1,",   "0,",      "-1e+30,-1e+30,", "1e+30,1e+30,",
                                             "0,0,0,",   "1,1,1,", "1.5,-2,", "0.25,"};
  EXPECT_EQ(lines, expected);
}

TEST_F(NNetTest, WriteErrors) {
  EXPECT_THROW(nnmip::write_nnet(Network(), path("empty.nnet")), Error);
  EXPECT_THROW(nnmip::write_nnet(nnmip::init_pytorch_default({2, 2}, 0), path("no/such/dir/net.nnet")), Error);
}

// --- malformed files ----------------------------------------------------------------

/// Expects read_nnet(file) to throw nnmip::Error whose message holds "<file>:<line>:" and `fragment`.
void expect_error_at(const std::string& file, int line, const std::string& fragment) {
  try {
    nnmip::read_nnet(file);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file + ":" + std::to_string(line) + ": "), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

struct Malformed {
  int line;                 // the line replaced (0: none)
  std::string replacement;  // its new text
  int error_line;
  std::string fragment;  // part of the expected message
};

TEST_F(NNetTest, MalformedLinesAreErrorsWithTheirLineNumber) {
  const std::vector<Malformed> cases = {
      {2, "2,2,1,", 2, "found 3 values"},
      {2, "0,2,1,2,", 2, "at least 1"},
      {3, "2,2,", 3, "values are missing"},
      {3, "2,2.5,1,", 3, "not an integer"},
      {3, "3,2,1,", 2, "the header declares 2 inputs"},
      {3, "2,100000000,1,", 3, "more values than the file"},
      {3, "2,2000000000,2000000000,", 2, "header declares"},
      {6, "3,-4,", 6, "below its minimum"},
      {8, "2,0,5,", 8, "must be positive"},
      {8, "2,4,-5,", 8, "must be positive"},
      {9, "1,", 9, "values are missing"},
      {9, "1,-1,7,", 9, "remove the extra values"},
      {10, "0.5,abc,", 10, "not a number"},
      {10, "0.5,,", 10, "not a number"},
      {11, "nan,", 11, "NaN"},
      {11, "+-0.5,", 11, "not a number"},
      {12, "-1,2,", 12, "found 2"},
      {13, "inf,2,", 13, "NaN, infinite"},
      {13, "1e999,2,", 13, "NaN, infinite"},
      {13, "// a comment inside the layers", 13, "values are missing"},
  };
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Malformed& c = cases[k];
    SCOPED_TRACE("line " + std::to_string(c.line) + " = " + c.replacement);
    std::vector<std::string> lines = kNormalisedLines;
    lines[c.line - 1] = c.replacement;
    expect_error_at(write("bad" + std::to_string(k) + ".nnet", joined(lines)), c.error_line, c.fragment);
  }
}

TEST_F(NNetTest, TruncatedAndOverlongFilesAreErrors) {
  std::vector<std::string> lines = kNormalisedLines;
  lines.resize(12);
  expect_error_at(write("truncated.nnet", joined(lines)), 13, "the file ends where");
  expect_error_at(write("empty.nnet", ""), 1, "the file ends where the header line");
  expect_error_at(write("comments.nnet", "// only\n// comments\n"), 3, "the file ends");
  lines = kNormalisedLines;
  lines.push_back("");
  lines.push_back("7,");
  expect_error_at(write("overlong.nnet", joined(lines)), 16, "unexpected content after");
}

TEST_F(NNetTest, MissingFilesAndFoldersAreErrors) {
  try {
    nnmip::read_nnet(path("absent.nnet"));
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path("absent.nnet") + ": cannot open the file"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(nnmip::read_nnet(dir_.path().string()), Error);
}

TEST_F(NNetTest, EveryPrefixAndMutationIsAnErrorOrANetwork) {
  // Never a crash, an assertion or another exception: cut the file at every
  // byte, and replace bytes at random with characters a .nnet file holds.
  const std::string text = joined(kNormalisedLines);
  const auto read_or_error = [&](const std::string& content) {
    const std::string file = write("mutant.nnet", content);
    try {
      nnmip::read_nnet(file);
    } catch (const Error&) {
    }
  };
  for (std::size_t size = 0; size < text.size(); ++size) read_or_error(text.substr(0, size));
  const std::string alphabet = "0123456789,.-+e\n /nai";
  Rng rng(3);
  for (int trial = 0; trial < 500; ++trial) {
    std::string mutant = text;
    for (int k = 0; k < 3; ++k) mutant[rng.below(mutant.size())] = alphabet[rng.below(alphabet.size())];
    read_or_error(mutant);
  }
}

}  // namespace
