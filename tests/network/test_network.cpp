// The network model: forward passes by hand, sparsity counts, and validation.
#include <gtest/gtest.h>

#include "nnmip/util/error.hpp"
#include "support/tiny_networks.hpp"

using namespace nnmip;
using namespace nnmip::testing;

TEST(Network, ForwardPassByHand) {
  // h = relu([1 -2; 0 3] x + [0.5; -1]),  y = [2 1] h - 1
  const Network network =
      network_of({{matrix(2, 2, {1, -2, 0, 3}), vector({0.5, -1})}, {matrix(1, 2, {2, 1}), vector({-1})}});
  // x = (1, 1): g = (-0.5, 2) -> h = (0, 2) -> y = 2 - 1 = 1
  EXPECT_DOUBLE_EQ(network.forward(vector({1, 1}))(0), 1.0);
  // x = (2, 0): g = (2.5, -1) -> h = (2.5, 0) -> y = 5 - 1 = 4
  EXPECT_DOUBLE_EQ(network.forward(vector({2, 0}))(0), 4.0);
  const auto g = network.pre_activations(vector({1, 1}));
  EXPECT_DOUBLE_EQ(g[0](0), -0.5);
  EXPECT_DOUBLE_EQ(g[1](0), 1.0);
  Matrix batch(2, 2);
  batch << 1, 2, 1, 0;
  const Matrix y = network.forward_batch(batch);
  EXPECT_DOUBLE_EQ(y(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(y(0, 1), 4.0);
}

TEST(Network, SparsityCountsZerosAndDeadNeurons) {
  const Network network =
      network_of({{matrix(3, 2, {0, 0, 1, 0, 2, 3}), vector({1, 0, 0})}, {matrix(1, 3, {0, 1, 1}), vector({0})}});
  const auto layers = network.sparsity();
  EXPECT_EQ(layers[0].weights, 6);
  EXPECT_EQ(layers[0].nonzero_weights, 3);
  EXPECT_EQ(layers[0].dead_neurons, 1);
  EXPECT_EQ(layers[0].nonzero_bias, 1);
  EXPECT_DOUBLE_EQ(layers[0].sparsity(), 0.5);
  EXPECT_EQ(network.nonzero_weight_count(), 5);
  EXPECT_EQ(network.parameter_count(), 6 + 3 + 3 + 1);
  EXPECT_EQ(network.sparse_weights(0).nonZeros(), 3);
}

TEST(Network, RejectsInvalidLayers) {
  EXPECT_THROW(Network(std::vector<Layer>{}), Error);
  // Shapes that do not chain: layer 2 takes 3 inputs, layer 1 gives 2.
  try {
    network_of({{Matrix::Ones(2, 2), Vector::Zero(2)}, {Matrix::Ones(1, 3), Vector::Zero(1)}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("do not chain"), std::string::npos);
  }
  EXPECT_THROW(network_of({{Matrix::Ones(2, 2), Vector::Zero(3)}}), Error);
  Matrix nan = Matrix::Ones(2, 2);
  nan(0, 1) = std::nan("");
  EXPECT_THROW(network_of({{nan, Vector::Zero(2)}}), Error);
  Network ok = network_of({{Matrix::Ones(2, 2), Vector::Zero(2)}});
  EXPECT_THROW(ok.set_weights(0, Matrix::Ones(3, 2)), Error);
  EXPECT_THROW(check_input(ok, Vector::Ones(3), "x"), Error);
}
