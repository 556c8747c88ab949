// ONNX reader and writer: round trips, the checker, files from other exporters
// (fixtures), graphs in the styles of PyTorch / Keras / MATLAB built here, and
// the errors for bad files.
#include <gtest/gtest.h>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/pruning/pruning.hpp"
#include "nnmip/util/error.hpp"
#include "support/run_cli.hpp"

namespace fs = std::filesystem;
using nnmip::Error;
using nnmip::Layer;
using nnmip::Matrix;
using nnmip::Network;
using nnmip::NetworkInterface;
using nnmip::Vector;

namespace {

// A fresh directory per test, removed afterwards.
class OnnxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("nnmip_test_onnx_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string save(const onnx::ModelProto& model, const std::string& name) const {
    std::ofstream file(path(name), std::ios::binary);
    model.SerializeToOstream(&file);
    return path(name);
  }

  fs::path dir_;
};

Network random_network(const std::vector<int>& sizes, unsigned seed, double zero_fraction) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> value(-1.0, 1.0), unit(0.0, 1.0);
  std::vector<Layer> layers;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
    Layer layer{Matrix(sizes[l + 1], sizes[l]), Vector(sizes[l + 1])};
    for (long i = 0; i < layer.weights.size(); ++i)
      layer.weights.data()[i] = unit(rng) < zero_fraction ? 0.0 : value(rng);
    for (long i = 0; i < layer.bias.size(); ++i) layer.bias(i) = value(rng);
    layers.push_back(layer);
  }
  return Network(layers);
}

// --- building small graphs with the protobuf API -------------------------------

// float32 tensor, in raw_data (little-endian) or float_data.
onnx::TensorProto float_tensor(const std::string& name, const std::vector<std::int64_t>& dims,
                               const std::vector<float>& values, bool raw) {
  onnx::TensorProto t;
  t.set_name(name);
  t.set_data_type(onnx::TensorProto_DataType_FLOAT);
  for (auto d : dims) t.add_dims(d);
  if (raw) {
    std::string bytes(values.size() * 4, '\0');
    std::memcpy(bytes.data(), values.data(), bytes.size());  // the test hosts are little-endian
    t.set_raw_data(bytes);
  } else {
    for (float v : values) t.add_float_data(v);
  }
  return t;
}

onnx::TensorProto int64_tensor(const std::string& name, const std::vector<std::int64_t>& values) {
  onnx::TensorProto t;
  t.set_name(name);
  t.set_data_type(onnx::TensorProto_DataType_INT64);
  t.add_dims(static_cast<std::int64_t>(values.size()));
  for (auto v : values) t.add_int64_data(v);
  return t;
}

// dims: -1 is the symbolic batch dimension "N".
void describe(onnx::ValueInfoProto* info, const std::string& name, const std::vector<std::int64_t>& dims) {
  info->set_name(name);
  auto* type = info->mutable_type()->mutable_tensor_type();
  type->set_elem_type(onnx::TensorProto_DataType_FLOAT);
  for (auto d : dims) {
    if (d < 0)
      type->mutable_shape()->add_dim()->set_dim_param("N");
    else
      type->mutable_shape()->add_dim()->set_dim_value(d);
  }
}

struct ModelBuilder {
  onnx::ModelProto model;
  onnx::GraphProto& graph;

  explicit ModelBuilder(int opset) : graph(*model.mutable_graph()) {
    model.set_ir_version(7);
    model.set_producer_name("nnmip-test");
    model.add_opset_import()->set_version(opset);
    graph.set_name("test");
  }
  onnx::NodeProto* node(const std::string& op, const std::vector<std::string>& inputs, const std::string& output,
                        const std::string& name = "") {
    auto* n = graph.add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? output : name);
    for (const auto& in : inputs) n->add_input(in);
    n->add_output(output);
    return n;
  }
  void initializer(const onnx::TensorProto& t) { *graph.add_initializer() = t; }
  void input(const std::string& name, const std::vector<std::int64_t>& dims) {
    describe(graph.add_input(), name, dims);
  }
  void output(const std::string& name, const std::vector<std::int64_t>& dims) {
    describe(graph.add_output(), name, dims);
  }
};

void int_attribute(onnx::NodeProto* node, const std::string& name, std::int64_t value) {
  auto* a = node->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto_AttributeType_INT);
  a->set_i(value);
}

// Expects f() to throw nnmip::Error whose message contains every one of `parts`.
template <typename F>
void expect_error(F f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "no nnmip::Error thrown";
  } catch (const Error& e) {
    for (const auto& part : parts)
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
          << "message lacks \"" << part << "\": " << e.what();
  }
}

// --- write / read ------------------------------------------------------------

TEST_F(OnnxTest, RoundTripKeepsWeightsZerosAndOutputs) {
  const Network original = random_network({7, 12, 9, 4}, 1, 0.3);
  write_onnx(original, path("net.onnx"), "round trip test");
  const Network back = nnmip::read_onnx(path("net.onnx"));
  ASSERT_EQ(back.num_layers(), original.num_layers());
  for (int l = 0; l < original.num_layers(); ++l) {
    EXPECT_EQ(back.layer(l).weights, original.layer(l).weights) << "layer " << l;
    EXPECT_EQ(back.layer(l).bias, original.layer(l).bias) << "layer " << l;
    EXPECT_EQ(back.layer(l).nonzeros(), original.layer(l).nonzeros());
  }
  std::mt19937 rng(2);
  std::normal_distribution<double> normal;
  for (int k = 0; k < 20; ++k) {
    Vector x(7);
    for (auto& v : x) v = normal(rng);
    EXPECT_LT((back.forward(x) - original.forward(x)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST_F(OnnxTest, CheckerAcceptsTheWrittenModel) {
  const Network network = random_network({3, 5, 2}, 3, 0.0);
  write_onnx(network, path("net.onnx"), "a note");
  onnx::ModelProto model;
  std::ifstream file(path("net.onnx"), std::ios::binary);
  ASSERT_TRUE(model.ParseFromIstream(&file));
  EXPECT_NO_THROW(onnx::checker::check_model(model));
  EXPECT_NO_THROW(onnx::checker::check_model(path("net.onnx")));
  EXPECT_EQ(model.producer_name(), "nnmip");
  ASSERT_EQ(model.opset_import_size(), 1);
  EXPECT_GE(model.opset_import(0).version(), 11);
  ASSERT_EQ(model.metadata_props_size(), 1);
  EXPECT_EQ(model.metadata_props(0).value(), "a note");
  EXPECT_EQ(model.graph().input(0).name(), "input");
  EXPECT_EQ(model.graph().output(0).name(), "output");
  EXPECT_EQ(model.graph().node_size(), 3);  // Gemm, Relu, Gemm
}

TEST_F(OnnxTest, WriteToAnUnwritablePathFails) {
  expect_error(
      [&] {
        write_onnx(random_network({2, 2}, 4, 0.0), path("no/such/dir/net.onnx"));
      },
      {"cannot write", "no/such/dir/net.onnx"});
}

// --- fixtures written by other tools ------------------------------------------

struct FixtureCase {
  std::string file;
  std::vector<double> input, output;
};

TEST(OnnxFixtures, ImportedNetworksGiveTheReferenceOutputs) {
  const fs::path dir = fs::path(NNMIP_FIXTURES_DIR) / "onnx";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir << " (they exist only in the shared checkout)";
  const std::vector<FixtureCase> cases = {
      {"test_nano.onnx", {-1.0}, {0.0}},
      {"test_nano.onnx", {0.5}, {0.25}},
      {"test_nano.onnx", {2.0}, {1.0}},
      {"test_tiny.onnx", {-1.0}, {0.0}},
      {"test_tiny.onnx", {0.5}, {0.5}},
      {"test_tiny.onnx", {2.0}, {2.0}},
      {"test_small.onnx", {-0.9}, {32.9}},
      {"test_small.onnx", {0.0}, {54.5}},
      {"test_small.onnx", {0.9}, {76.1}},
      {"fc_2-2-3.onnx", {0, 0}, {0, 0, 0}},
      {"fc_2-2-3.onnx", {1, -1}, {0, 0, 0}},
      {"fc_2-2-3.onnx", {0.5, 2}, {5, -2.5, 2.5}},
      {"test_sat.onnx", {0, 0, 0, 0, 0}, {-0.020174, -0.019097, -0.019255, -0.018775, -0.018774}},
      {"test_sat.onnx", {0.6, 0.1, -0.2, 0.45, -0.45}, {-0.020127, -0.019362, -0.019554, -0.019448, -0.019477}},
      {"test_unsat.onnx", {0, 0, 0, 0, 0}, {-0.020072, -0.018932, -0.018919, -0.018676, -0.018605}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const Network network = nnmip::read_onnx((dir / c.file).string());
    const Vector y = network.forward(Eigen::Map<const Vector>(c.input.data(), c.input.size()));
    ASSERT_EQ(y.size(), static_cast<long>(c.output.size()));
    for (long i = 0; i < y.size(); ++i) EXPECT_NEAR(y(i), c.output[i], 5e-7) << "output " << i;
  }
}

TEST(OnnxFixtures, LayerStructure) {
  const fs::path dir = fs::path(NNMIP_FIXTURES_DIR) / "onnx";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir << " (they exist only in the shared checkout)";
  // test_nano ends in a Relu: an identity output layer is appended.
  const Network nano = nnmip::read_onnx((dir / "test_nano.onnx").string());
  ASSERT_EQ(nano.num_layers(), 2);
  EXPECT_EQ(nano.layer(1).weights, Matrix::Identity(1, 1));
  // ACAS Xu shape: 5 inputs, six hidden layers of 50, 5 outputs.
  const Network sat = nnmip::read_onnx((dir / "test_sat.onnx").string());
  EXPECT_EQ(sat.num_layers(), 7);
  EXPECT_EQ(sat.input_size(), 5);
  EXPECT_EQ(sat.layer(3).outputs(), 50);
  EXPECT_EQ(sat.output_size(), 5);
  const Network fc = nnmip::read_onnx((dir / "fc_2-2-3.onnx").string());
  EXPECT_EQ(fc.num_layers(), 2);
  EXPECT_EQ(fc.layer(0).outputs(), 2);
  EXPECT_EQ(fc.output_size(), 3);
}

// --- exporter styles ------------------------------------------------------------

// y = W2 relu(W1 x + b1) + b2, computed by hand for the tests below.
Vector forward_by_hand(const Matrix& w1, const Vector& b1, const Matrix& w2, const Vector& b2, const Vector& x) {
  return w2 * (w1 * x + b1).cwiseMax(0.0) + b2;
}

TEST_F(OnnxTest, PyTorchStyleFlattenGemmRelu) {
  // input [1, 1, 2, 2] -> Flatten -> Gemm(transB=1) -> Relu -> Gemm(transB=0, no C).
  const std::vector<float> w1 = {0.5f, -1.0f, 0.25f,  2.0f,  // row-major [3, 4] (outputs x inputs)
                                 1.5f, 0.0f,  -0.75f, 1.0f, -2.0f, 0.5f, 0.5f, -0.5f};
  const std::vector<float> b1 = {0.1f, -0.2f, 0.3f};
  const std::vector<float> w2 = {1.0f, -0.5f, 0.0f, 2.0f, 0.25f, -1.0f};  // [3, 2] (inputs x outputs)
  ModelBuilder m(13);
  m.input("x", {1, 1, 2, 2});
  m.initializer(float_tensor("fc1.weight", {3, 4}, w1, true));
  m.initializer(float_tensor("fc1.bias", {3}, b1, true));
  m.initializer(float_tensor("fc2.weight", {3, 2}, w2, true));
  int_attribute(m.node("Flatten", {"x"}, "flat"), "axis", 1);
  int_attribute(m.node("Gemm", {"flat", "fc1.weight", "fc1.bias"}, "g1", "/fc1/Gemm"), "transB", 1);
  m.node("Relu", {"g1"}, "h1");
  m.node("Gemm", {"h1", "fc2.weight"}, "y");
  m.output("y", {1, 2});
  const Network network = nnmip::read_onnx(save(m.model, "torch.onnx"));
  ASSERT_EQ(network.num_layers(), 2);

  const Matrix W1 = Eigen::Map<const Eigen::Matrix<float, 3, 4, Eigen::RowMajor>>(w1.data()).cast<double>();
  const Vector B1 = Eigen::Map<const Eigen::Vector3f>(b1.data()).cast<double>();
  const Matrix W2 = Eigen::Map<const Eigen::Matrix<float, 3, 2, Eigen::RowMajor>>(w2.data()).cast<double>().transpose();
  const Vector x = (Vector(4) << 0.3, -1.2, 2.0, 0.7).finished();
  EXPECT_LT((network.forward(x) - forward_by_hand(W1, B1, W2, Vector::Zero(2), x)).cwiseAbs().maxCoeff(), 1e-12);
}

TEST_F(OnnxTest, KerasStyleMatMulAddWithSymbolicBatch) {
  // x [N, 2] -> MatMul(x, W1 [2, 3]) -> Add(b1, .) -> Relu -> MatMul(., W2 [3, 1]) -> Add(., b2)
  ModelBuilder m(9);
  m.input("dense_input", {-1, 2});
  m.initializer(float_tensor("W1", {2, 3}, {1, -1, 0.5f, 2, 0, -3}, false));
  m.initializer(float_tensor("b1", {3}, {0.5f, 1, -1}, false));
  m.initializer(float_tensor("W2", {3, 1}, {1, 2, -1}, false));
  m.initializer(float_tensor("b2", {1}, {0.25f}, false));
  m.node("MatMul", {"dense_input", "W1"}, "m1");
  m.node("Add", {"b1", "m1"}, "a1");  // bias as the first operand
  m.node("Relu", {"a1"}, "r1");
  m.node("MatMul", {"r1", "W2"}, "m2");
  m.node("Add", {"m2", "b2"}, "out");
  m.output("out", {-1, 1});
  const Network network = nnmip::read_onnx(save(m.model, "keras.onnx"));
  const Matrix W1 = (Matrix(3, 2) << 1, 2, -1, 0, 0.5, -3).finished();  // transposed: outputs x inputs
  const Vector B1 = (Vector(3) << 0.5, 1, -1).finished();
  const Matrix W2 = (Matrix(1, 3) << 1, 2, -1).finished();
  const Vector B2 = (Vector(1) << 0.25).finished();
  for (const Vector& x : {Vector((Vector(2) << 1.0, 0.5).finished()), Vector((Vector(2) << -2.0, 0.75).finished())})
    EXPECT_LT((network.forward(x) - forward_by_hand(W1, B1, W2, B2, x)).cwiseAbs().maxCoeff(), 1e-12);
}

TEST_F(OnnxTest, MatlabStyleSubIsFoldedIntoTheBias) {
  // input [1, 1, 1, 2] -> Sub(input, c) -> Flatten -> MatMul -> Add -> Relu -> MatMul -> Add:
  // W (x - c) + b = W x + (b - W c).
  ModelBuilder m(8);
  m.input("input", {1, 1, 1, 2});
  m.initializer(float_tensor("avg", {1, 1, 1, 2}, {0.5f, -1}, true));
  m.initializer(float_tensor("W1", {2, 2}, {1, 2, 3, 4}, true));
  m.initializer(float_tensor("b1", {2}, {0.25f, -0.5f}, true));
  m.initializer(float_tensor("W2", {2, 1}, {1, -1}, true));
  m.initializer(float_tensor("b2", {1}, {0}, true));
  m.node("Sub", {"input", "avg"}, "sub");
  int_attribute(m.node("Flatten", {"sub"}, "flat"), "axis", 1);
  m.node("MatMul", {"flat", "W1"}, "m1");
  m.node("Add", {"m1", "b1"}, "a1");
  m.node("Relu", {"a1"}, "r1");
  m.node("MatMul", {"r1", "W2"}, "m2");
  m.node("Add", {"m2", "b2"}, "y");
  m.output("y", {1, 1});
  const Network network = nnmip::read_onnx(save(m.model, "matlab.onnx"));
  const Matrix W1 = (Matrix(2, 2) << 1, 3, 2, 4).finished();
  const Vector c = (Vector(2) << 0.5, -1).finished();
  const Vector expected_b1 = (Vector(2) << 0.25, -0.5).finished() - W1 * c;
  EXPECT_EQ(network.layer(0).weights, W1);
  EXPECT_LT((network.layer(0).bias - expected_b1).cwiseAbs().maxCoeff(), 1e-12);
  const Vector x = (Vector(2) << 2.0, 1.0).finished();
  const Vector h = (W1 * (x - c) + (Vector(2) << 0.25, -0.5).finished()).cwiseMax(0.0);
  EXPECT_NEAR(network.forward(x)(0), h(0) - h(1), 1e-12);
}

TEST_F(OnnxTest, ConsecutiveAffineOpsComposeAndTrailingReluGetsIdentityLayer) {
  // 1-D input [2]; W x with W first (outputs x inputs), Constant node bias, a second
  // affine op with no Relu between, Reshape/Unsqueeze/Squeeze/Identity pass-throughs,
  // and a Relu at the very end.
  ModelBuilder m(13);
  m.input("x", {2});
  m.initializer(float_tensor("A", {3, 2}, {1, 0, 0, 1, 1, 1}, false));
  m.initializer(float_tensor("B", {2, 3}, {1, -1, 0, 0, 2, 1}, false));
  m.initializer(int64_tensor("axes", {0}));
  m.initializer(int64_tensor("shape", {-1}));
  auto* constant = m.node("Constant", {}, "bias");
  auto* value = constant->add_attribute();
  value->set_name("value");
  value->set_type(onnx::AttributeProto_AttributeType_TENSOR);
  *value->mutable_t() = float_tensor("", {3}, {1, 2, 3}, true);
  m.node("MatMul", {"A", "x"}, "ax");        // [3]
  m.node("Add", {"ax", "bias"}, "g");        // A x + c
  m.node("Unsqueeze", {"g", "axes"}, "g2");  // [1, 3]
  m.node("Identity", {"g2"}, "g3");
  m.node("Squeeze", {"g3", "axes"}, "g4");  // [3]
  m.node("MatMul", {"B", "g4"}, "bg");      // B (A x + c): [2], composed, no Relu between
  m.node("Reshape", {"bg", "shape"}, "bg2");
  m.node("Relu", {"bg2"}, "y");
  m.output("y", {2});
  const Network network = nnmip::read_onnx(save(m.model, "chain.onnx"));
  ASSERT_EQ(network.num_layers(), 2);
  const Matrix A = (Matrix(3, 2) << 1, 0, 0, 1, 1, 1).finished();
  const Matrix B = (Matrix(2, 3) << 1, -1, 0, 0, 2, 1).finished();
  EXPECT_EQ(network.layer(0).weights, B * A);
  EXPECT_EQ(network.layer(0).bias, B * Vector((Vector(3) << 1, 2, 3).finished()));
  EXPECT_EQ(network.layer(1).weights, Matrix::Identity(2, 2));
  EXPECT_EQ(network.layer(1).bias, Vector::Zero(2));
  const Vector x = (Vector(2) << -3.0, 0.5).finished();
  EXPECT_EQ(network.forward(x), (B * (A * x + Vector((Vector(3) << 1, 2, 3).finished()))).cwiseMax(0.0));
}

// --- bad files ----------------------------------------------------------------

TEST_F(OnnxTest, MissingFile) {
  expect_error([&] { nnmip::read_onnx(path("absent.onnx")); }, {"absent.onnx", "cannot open"});
}

TEST_F(OnnxTest, TruncatedFile) {
  write_onnx(random_network({20, 30, 10}, 5, 0.0), path("good.onnx"));
  std::ifstream in(path("good.onnx"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(path("cut.onnx"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  expect_error([&] { nnmip::read_onnx(path("cut.onnx")); }, {"cut.onnx", "truncated"});
}

TEST_F(OnnxTest, NotAnOnnxFile) {
  std::ofstream(path("text.onnx")) << "this is not a protobuf\n";
  expect_error([&] { nnmip::read_onnx(path("text.onnx")); }, {"text.onnx", "not"});
}

TEST_F(OnnxTest, UnsupportedOpNamesTheNode) {
  ModelBuilder m(13);
  m.input("x", {1, 1, 4, 4});
  m.initializer(float_tensor("k", {1, 1, 3, 3}, std::vector<float>(9, 1.0f), true));
  m.node("Relu", {"x"}, "r");
  m.node("Conv", {"r", "k"}, "y", "conv1");
  m.output("y", {1, 1, 2, 2});
  expect_error([&] { nnmip::read_onnx(save(m.model, "conv.onnx")); },
               {"conv.onnx", "node 1 'conv1'", "unsupported op Conv", "Gemm"});
}

TEST_F(OnnxTest, NonFiniteWeights) {
  for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    ModelBuilder m(13);
    m.input("x", {1, 2});
    m.initializer(float_tensor("W", {2, 2}, {1, bad, 0, 1}, true));
    m.node("MatMul", {"x", "W"}, "y");
    m.output("y", {1, 2});
    expect_error([&] { nnmip::read_onnx(save(m.model, "nan.onnx")); }, {"nan.onnx", "'W'", "NaN or infinite"});
  }
}

TEST_F(OnnxTest, ShapesThatDoNotChain) {
  ModelBuilder m(13);
  m.input("x", {1, 3});
  m.initializer(float_tensor("W1", {3, 4}, std::vector<float>(12, 1.0f), true));
  m.initializer(float_tensor("W2", {5, 2}, std::vector<float>(10, 1.0f), true));
  m.node("MatMul", {"x", "W1"}, "h", "fc1");
  m.node("Relu", {"h"}, "r");
  m.node("MatMul", {"r", "W2"}, "y", "fc2");
  m.output("y", {1, 2});
  expect_error([&] { nnmip::read_onnx(save(m.model, "chain.onnx")); }, {"chain.onnx", "node 2 'fc2'", "do not chain"});
}

TEST_F(OnnxTest, MissingInitializer) {
  ModelBuilder m(13);
  m.input("x", {1, 3});
  m.node("MatMul", {"x", "W_missing"}, "y", "fc1");
  m.output("y", {1, 2});
  expect_error([&] { nnmip::read_onnx(save(m.model, "missing.onnx")); }, {"missing.onnx", "'W_missing' is missing"});
}

TEST_F(OnnxTest, SkipConnectionIsRejected) {
  ModelBuilder m(13);
  m.input("x", {1, 2});
  m.initializer(float_tensor("W", {2, 2}, {1, 0, 0, 1}, true));
  m.node("MatMul", {"x", "W"}, "h");
  m.node("Relu", {"h"}, "r");
  m.node("Add", {"r", "h"}, "y", "residual");
  m.output("y", {1, 2});
  expect_error([&] { nnmip::read_onnx(save(m.model, "skip.onnx")); }, {"'residual'", "single chain"});
}

// --- the shapes people export: view-flatten, Softmax, interfaces -------------------

onnx::TensorProto int64_scalar(std::int64_t value) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto_DataType_INT64);
  t.add_int64_data(value);
  return t;
}

// A Constant node holding `value` (PyTorch writes its shape constants this way).
void constant_node(ModelBuilder& m, const std::string& output, const onnx::TensorProto& value) {
  auto* a = m.node("Constant", {}, output)->add_attribute();
  a->set_name("value");
  a->set_type(onnx::AttributeProto_AttributeType_TENSOR);
  *a->mutable_t() = value;
}

// PyTorch's x.view(x.size(0), -1) at opset 13:
//   Shape(x) -> Gather(., 0) -> Unsqueeze(., [0]) -> Concat(., [-1]) -> Reshape(x, .).
void add_view_flatten(ModelBuilder& m, const std::string& x, const std::string& rows) {
  m.node("Shape", {x}, "x_shape");
  constant_node(m, "zero", int64_scalar(0));
  m.node("Gather", {"x_shape", "zero"}, "batch");
  constant_node(m, "axes0", int64_tensor("", {0}));
  m.node("Unsqueeze", {"batch", "axes0"}, "batch_1d");
  constant_node(m, "minus_one", int64_tensor("", {-1}));
  int_attribute(m.node("Concat", {"batch_1d", "minus_one"}, "target"), "axis", 0);
  m.node("Reshape", {x, "target"}, rows, "/Reshape");
}

// Gemm(transB=1) -> Relu -> Gemm(transB=1) on 4 features, 3 hidden neurons, 2 outputs:
//   W1 = [0.5 -1 0.25 2; 1.5 0 -0.75 1; -2 0.5 0.5 -0.5], b1 = (0.1, -0.2, 0.3),
//   W2 = [1 -0.5 0; 2 0.25 -1], b2 = (0.5, -0.25).
void add_mlp(ModelBuilder& m, const std::string& rows, const std::string& output) {
  m.initializer(
      float_tensor("fc1.weight", {3, 4}, {0.5f, -1, 0.25f, 2, 1.5f, 0, -0.75f, 1, -2, 0.5f, 0.5f, -0.5f}, true));
  m.initializer(float_tensor("fc1.bias", {3}, {0.1f, -0.2f, 0.3f}, true));
  m.initializer(float_tensor("fc2.weight", {2, 3}, {1, -0.5f, 0, 2, 0.25f, -1}, true));
  m.initializer(float_tensor("fc2.bias", {2}, {0.5f, -0.25f}, true));
  int_attribute(m.node("Gemm", {rows, "fc1.weight", "fc1.bias"}, "g1", "/fc1/Gemm"), "transB", 1);
  m.node("Relu", {"g1"}, "h1");
  int_attribute(m.node("Gemm", {"h1", "fc2.weight", "fc2.bias"}, output, "/fc2/Gemm"), "transB", 1);
}

// add_mlp's outputs, by hand:
//   x = (0.3, -1.2, 2, 0.7):  W1 x + b1 = (3.35, -0.55, -0.25), h = (3.35, 0, 0), y = (3.85, 6.45)
//   x = (1, 0, -1, 0.5):      W1 x + b1 = (1.35, 2.55, -2.45), h = (1.35, 2.55, 0), y = (0.575, 3.0875)
void expect_mlp_outputs(const Network& network) {
  ASSERT_EQ(network.num_layers(), 2);
  const Vector y1 = network.forward((Vector(4) << 0.3, -1.2, 2.0, 0.7).finished());
  const Vector y2 = network.forward((Vector(4) << 1.0, 0.0, -1.0, 0.5).finished());
  EXPECT_NEAR(y1(0), 3.85, 1e-6);
  EXPECT_NEAR(y1(1), 6.45, 1e-6);
  EXPECT_NEAR(y2(0), 0.575, 1e-6);
  EXPECT_NEAR(y2(1), 3.0875, 1e-6);
}

onnx::ModelProto load(const std::string& path) {
  onnx::ModelProto model;
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(model.ParseFromIstream(&file)) << path;
  return model;
}

// Declared dims of a graph input or output, -1 for a symbolic one.
std::vector<std::int64_t> dims_of(const onnx::ValueInfoProto& info) {
  std::vector<std::int64_t> dims;
  for (const auto& d : info.type().tensor_type().shape().dim()) dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
  return dims;
}

// x [N, 1, 2, 2] -> view flatten -> MLP, optionally ending in a Softmax over the classes.
onnx::ModelProto image_classifier(const std::string& input, const std::string& output,
                                  const std::string& softmax = "") {
  ModelBuilder m(13);
  m.input(input, {-1, 1, 2, 2});
  add_view_flatten(m, input, "rows");
  add_mlp(m, "rows", softmax.empty() ? output : "logits");
  if (!softmax.empty()) int_attribute(m.node(softmax, {"logits"}, output, "/Softmax"), "axis", 1);
  m.output(output, {-1, 2});
  return m.model;
}

TEST_F(OnnxTest, PyTorchViewFlattenThroughShapeGatherConcat) {
  const Network network = nnmip::read_onnx(save(image_classifier("image", "scores"), "view.onnx"));
  expect_mlp_outputs(network);
  const NetworkInterface& interface = network.interface();
  EXPECT_EQ(interface.input_name, "image");
  EXPECT_EQ(interface.output_name, "scores");
  EXPECT_EQ(interface.input_shape, (std::vector<std::int64_t>{-1, 1, 2, 2}));
  EXPECT_EQ(interface.output_shape, (std::vector<std::int64_t>{-1, 2}));
  EXPECT_TRUE(interface.float32);
  EXPECT_FALSE(interface.dropped_softmax);
}

TEST_F(OnnxTest, ShapeSliceFlattenWithSymbolicAndFixedBatch) {
  // Shape(x) -> Slice(0:1) -> Concat(., [-1]) -> Reshape: the batch taken by a slice
  // (symbolic), and the same graph on a fixed batch of 1 (all constants).
  for (const std::int64_t batch : {std::int64_t{-1}, std::int64_t{1}}) {
    SCOPED_TRACE(batch);
    ModelBuilder m(13);
    m.input("x", {batch, 1, 2, 2});
    m.initializer(int64_tensor("starts", {0}));
    m.initializer(int64_tensor("ends", {1}));
    m.initializer(int64_tensor("minus_one", {-1}));
    m.node("Shape", {"x"}, "x_shape");
    m.node("Slice", {"x_shape", "starts", "ends"}, "batch");
    int_attribute(m.node("Concat", {"batch", "minus_one"}, "target"), "axis", 0);
    m.node("Reshape", {"x", "target"}, "rows");
    add_mlp(m, "rows", "y");
    m.output("y", {batch, 2});
    const Network network = nnmip::read_onnx(save(m.model, "slice.onnx"));
    expect_mlp_outputs(network);
    EXPECT_EQ(network.interface().input_shape, (std::vector<std::int64_t>{batch, 1, 2, 2}));
  }
}

TEST_F(OnnxTest, ArithmeticOnTheBatchSizeIsRefused) {
  // x.view(2 * x.size(0), -1) would mix samples: the batch size is not computed with.
  ModelBuilder m(13);
  m.input("x", {-1, 1, 2, 2});
  m.initializer(int64_tensor("two", {2}));
  m.node("Shape", {"x"}, "x_shape");
  constant_node(m, "zero", int64_tensor("", {0}));
  m.node("Gather", {"x_shape", "zero"}, "batch");
  m.node("Mul", {"batch", "two"}, "doubled", "double_batch");
  m.output("doubled", {1});
  expect_error([&] { nnmip::read_onnx(save(m.model, "mul.onnx")); },
               {"mul.onnx", "node 3 'double_batch'", "batch size N", "'batch'"});
}

TEST_F(OnnxTest, TrailingSoftmaxIsDroppedAndFlagged) {
  for (const std::string op : {"Softmax", "LogSoftmax"}) {
    SCOPED_TRACE(op);
    const Network network = nnmip::read_onnx(save(image_classifier("x", "probs", op), "softmax.onnx"));
    expect_mlp_outputs(network);  // the logits
    EXPECT_TRUE(network.interface().dropped_softmax);
    EXPECT_EQ(network.interface().output_name, "probs");
  }
}

TEST_F(OnnxTest, SoftmaxInsideTheNetworkIsRefused) {
  ModelBuilder m(13);
  m.input("x", {-1, 4});
  add_mlp(m, "x", "logits");
  m.node("Softmax", {"logits"}, "probs", "inner_softmax");
  m.initializer(float_tensor("W3", {2, 1}, {1, -1}, true));
  m.node("MatMul", {"probs", "W3"}, "y", "after");
  m.output("y", {-1, 1});
  expect_error([&] { nnmip::read_onnx(save(m.model, "inner.onnx")); },
               {"inner.onnx", "'inner_softmax'", "'after'", "only as the last op"});
}

TEST_F(OnnxTest, SoftmaxOverTheBatchAxisIsRefused) {
  ModelBuilder m(13);
  m.input("x", {-1, 4});
  add_mlp(m, "x", "logits");
  int_attribute(m.node("Softmax", {"logits"}, "probs", "batch_softmax"), "axis", 0);
  m.output("probs", {-1, 2});
  expect_error([&] { nnmip::read_onnx(save(m.model, "axis.onnx")); }, {"'batch_softmax'", "all outputs of a sample"});
}

TEST_F(OnnxTest, PrunedFloat32NetworkKeepsItsInterface) {
  const Network dense = nnmip::read_onnx(save(image_classifier("image", "scores"), "dense.onnx"));
  nnmip::PruneOptions options;
  options.rate = 0.5;
  const Network pruned = nnmip::prune(dense, options);
  write_onnx(pruned, path("pruned.onnx"));

  const onnx::ModelProto model = load(path("pruned.onnx"));
  EXPECT_NO_THROW(onnx::checker::check_model(model));
  const auto& input = model.graph().input(0);
  EXPECT_EQ(input.name(), "image");
  EXPECT_EQ(input.type().tensor_type().elem_type(), onnx::TensorProto_DataType_FLOAT);
  EXPECT_EQ(dims_of(input), (std::vector<std::int64_t>{-1, 1, 2, 2}));
  EXPECT_EQ(model.graph().output(0).name(), "scores");
  EXPECT_EQ(dims_of(model.graph().output(0)), (std::vector<std::int64_t>{-1, 2}));
  EXPECT_EQ(model.graph().node(0).op_type(), "Flatten");
  for (const auto& tensor : model.graph().initializer())
    EXPECT_EQ(tensor.data_type(), onnx::TensorProto_DataType_FLOAT) << tensor.name();

  // The pruned weights are float32 values: float32 keeps them exactly.
  const Network back = nnmip::read_onnx(path("pruned.onnx"));
  for (int l = 0; l < pruned.num_layers(); ++l) {
    EXPECT_EQ(back.layer(l).weights, pruned.layer(l).weights);
    EXPECT_EQ(back.layer(l).bias, pruned.layer(l).bias);
  }
  EXPECT_EQ(back.interface().input_shape, dense.interface().input_shape);
  EXPECT_TRUE(back.interface().float32);
}

TEST_F(OnnxTest, PruneCommandKeepsFloat32UnlessFloat64IsAsked) {
  const std::string net = save(image_classifier("image", "probs", "Softmax"), "dense.onnx");
  const auto elem_types = [](const onnx::ModelProto& model) {
    std::set<int> types = {model.graph().input(0).type().tensor_type().elem_type()};
    for (const auto& tensor : model.graph().initializer()) types.insert(tensor.data_type());
    return types;
  };
  const auto kept = nnmip::testing::run_cli("prune --net " + net + " --rate 0.5 --out " + path("f32.onnx"));
  ASSERT_EQ(kept.exit_code, 0) << kept.output;
  EXPECT_NE(kept.output.find("Softmax"), std::string::npos) << kept.output;        // the note
  EXPECT_EQ(kept.output.find("not bit-exact"), std::string::npos) << kept.output;  // pruning only zeroes float32 values
  const onnx::ModelProto f32 = load(path("f32.onnx"));
  EXPECT_EQ(elem_types(f32), std::set<int>{onnx::TensorProto_DataType_FLOAT});
  EXPECT_NE(f32.doc_string().find("logits"), std::string::npos) << f32.doc_string();
  EXPECT_EQ(f32.graph().output(0).name(), "probs");

  const auto wide = nnmip::testing::run_cli("prune --net " + net + " --rate 0.5 --float64 --out " + path("f64.onnx"));
  ASSERT_EQ(wide.exit_code, 0) << wide.output;
  const onnx::ModelProto f64 = load(path("f64.onnx"));
  EXPECT_EQ(elem_types(f64), std::set<int>{onnx::TensorProto_DataType_DOUBLE});
  EXPECT_EQ(f64.graph().input(0).name(), "image");
  EXPECT_EQ(dims_of(f64.graph().input(0)), (std::vector<std::int64_t>{-1, 1, 2, 2}));
}

TEST_F(OnnxTest, ImageInputRoundTripKeepsShapeAndFunction) {
  Network network = random_network({784, 16, 10}, 6, 0.2);
  NetworkInterface interface;
  interface.input_name = "pixels";
  interface.input_shape = {-1, 1, 28, 28};
  network.set_interface(interface);
  write_onnx(network, path("image.onnx"));
  const onnx::ModelProto model = load(path("image.onnx"));
  EXPECT_EQ(dims_of(model.graph().input(0)), interface.input_shape);
  EXPECT_EQ(model.graph().node(0).op_type(), "Flatten");
  EXPECT_EQ(model.graph().initializer(0).data_type(), onnx::TensorProto_DataType_DOUBLE);

  const Network back = nnmip::read_onnx(path("image.onnx"));
  EXPECT_EQ(back.interface().input_name, "pixels");
  EXPECT_EQ(back.interface().input_shape, interface.input_shape);
  EXPECT_EQ(back.interface().output_shape, (std::vector<std::int64_t>{-1, 10}));
  EXPECT_FALSE(back.interface().float32);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> pixel(0.0, 1.0);
  Vector x(784);
  for (auto& v : x) v = pixel(rng);
  EXPECT_EQ(back.forward(x), network.forward(x));
}

TEST_F(OnnxTest, OneDimensionalInterfaceIsWrittenBack) {
  // nnet2onnx style: input [5], output [3] (no batch axis): Flatten at axis 0, Reshape at the end.
  Network network = random_network({5, 4, 3}, 8, 0.0);
  NetworkInterface interface;
  interface.input_shape = {5};
  interface.output_shape = {3};
  network.set_interface(interface);
  write_onnx(network, path("flat.onnx"));
  EXPECT_NO_THROW(onnx::checker::check_model(path("flat.onnx")));
  const Network back = nnmip::read_onnx(path("flat.onnx"));
  EXPECT_EQ(back.interface().input_shape, interface.input_shape);
  EXPECT_EQ(back.interface().output_shape, interface.output_shape);
  const Vector x = Vector::LinSpaced(5, -1.0, 1.0);
  EXPECT_EQ(back.forward(x), network.forward(x));
}

TEST_F(OnnxTest, Float32WritingRoundsAndSaysHowMuch) {
  Network network = random_network({3, 2}, 9, 0.0);
  Matrix weights = network.layer(0).weights;
  weights(0, 0) = 0.1;  // not a float32 value
  network.set_weights(0, weights);
  EXPECT_GT(nnmip::float32_rounding_change(network), 1e-9);
  EXPECT_LT(nnmip::float32_rounding_change(network), 1e-7);
  NetworkInterface interface;
  interface.float32 = true;
  network.set_interface(interface);
  write_onnx(network, path("f32.onnx"));
  const Network back = nnmip::read_onnx(path("f32.onnx"));
  EXPECT_EQ(back.layer(0).weights(0, 0), static_cast<double>(0.1f));
  EXPECT_EQ(nnmip::float32_rounding_change(back), 0.0);

  weights(0, 0) = 1e39;  // beyond float32
  network.set_weights(0, weights);
  expect_error([&] { write_onnx(network, path("huge.onnx")); }, {"huge.onnx", "float32 range", "float64"});
}

TEST(OnnxFixtures, WrittenBackWithTheirInterface) {
  const fs::path dir = fs::path(NNMIP_FIXTURES_DIR) / "onnx";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir << " (they exist only in the shared checkout)";
  const fs::path out = fs::temp_directory_path() / ("nnmip_test_onnx_fixture_" + std::to_string(::getpid()) + ".onnx");
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".onnx") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Network original = nnmip::read_onnx(entry.path().string());
    write_onnx(original, out.string());
    const Network back = nnmip::read_onnx(out.string());
    EXPECT_EQ(back.interface().input_name, original.interface().input_name);
    EXPECT_EQ(back.interface().input_shape, original.interface().input_shape);
    EXPECT_EQ(back.interface().output_name, original.interface().output_name);
    EXPECT_EQ(back.interface().float32, original.interface().float32);
    const Vector x = Vector::LinSpaced(original.input_size(), -0.5, 0.5);
    EXPECT_EQ(back.forward(x), original.forward(x));  // float32 weights stay float32 values
  }
  fs::remove(out);
}

}  // namespace
