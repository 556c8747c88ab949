#include <gtest/gtest.h>

#include <cmath>

#include "nnmip/training/backprop.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/training/trainer.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/random.hpp"
#include "support/synthetic_data.hpp"

using namespace nnmip;
using nnmip::testing::synthetic_dataset;

namespace {}  // namespace

TEST(Backprop, GradientMatchesFiniteDifferences) {
  Network network = init_xavier_uniform({5, 4, 3, 3}, 7);
  Rng rng(3);
  Matrix inputs(5, 6);
  for (int i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.uniform(-1, 1);
  const std::vector<int> labels{0, 1, 2, 2, 1, 0};
  std::vector<Layer> layers = network.layers();
  Gradients gradients;
  cross_entropy(layers, inputs, labels, &gradients);
  const double h = 1e-6;
  for (size_t l = 0; l < layers.size(); ++l) {
    for (int i = 0; i < layers[l].weights.rows(); ++i) {
      for (int j = 0; j < layers[l].weights.cols(); ++j) {
        std::vector<Layer> plus = layers, minus = layers;
        plus[l].weights(i, j) += h;
        minus[l].weights(i, j) -= h;
        const double numeric =
            (cross_entropy(plus, inputs, labels, nullptr) - cross_entropy(minus, inputs, labels, nullptr)) / (2 * h);
        EXPECT_NEAR(gradients.weights[l](i, j), numeric, 1e-7) << "layer " << l << " w" << i << j;
      }
      std::vector<Layer> plus = layers, minus = layers;
      plus[l].bias(i) += h;
      minus[l].bias(i) -= h;
      const double numeric =
          (cross_entropy(plus, inputs, labels, nullptr) - cross_entropy(minus, inputs, labels, nullptr)) / (2 * h);
      EXPECT_NEAR(gradients.bias[l](i), numeric, 1e-7) << "layer " << l << " b" << i;
    }
  }
}

TEST(Backprop, LossOfUniformLogitsIsLogClasses) {
  // All-zero weights and biases give equal logits: loss = log(3).
  std::vector<Layer> layers{{Matrix::Zero(3, 2), Vector::Zero(3)}};
  Matrix inputs = Matrix::Ones(2, 4);
  EXPECT_NEAR(cross_entropy(layers, inputs, {0, 1, 2, 0}, nullptr), std::log(3.0), 1e-12);
}

TEST(Initialization, BoundsFollowFanInAndFanOut) {
  const Network xavier = init_xavier_uniform({100, 50, 10}, 1);
  const double a = std::sqrt(6.0 / 150.0);
  EXPECT_LE(xavier.layer(0).weights.cwiseAbs().maxCoeff(), a);
  EXPECT_GT(xavier.layer(0).weights.cwiseAbs().maxCoeff(), 0.9 * a);
  const Network torch = init_pytorch_default({100, 50, 1}, 1);
  EXPECT_LE(torch.layer(0).weights.cwiseAbs().maxCoeff(), 0.1);
  EXPECT_LE(torch.layer(0).bias.cwiseAbs().maxCoeff(), 0.1);
  EXPECT_LE(torch.layer(1).weights.cwiseAbs().maxCoeff(), 1.0 / std::sqrt(50.0));
  EXPECT_GT(torch.layer(1).weights.cwiseAbs().maxCoeff(), 0.9 / std::sqrt(50.0));
  EXPECT_EQ(torch.output_size(), 1);
  // Same seed, same network; another seed, another network.
  EXPECT_EQ(init_pytorch_default({100, 50, 1}, 1).layer(0).weights, torch.layer(0).weights);
  EXPECT_NE(init_pytorch_default({100, 50, 1}, 2).layer(0).weights, torch.layer(0).weights);
}

TEST(Trainer, LearnsSyntheticProblemDeterministically) {
  const Dataset data = synthetic_dataset(2000, 5);
  Network a = init_xavier_uniform({16, 16, 10}, 0);
  Network b = a;
  const double before = accuracy(a, data);
  TrainingOptions options;
  options.epochs = 20;
  options.seed = 11;
  train(a, data, options);
  train(b, data, options);
  EXPECT_GT(accuracy(a, data), 0.95);
  EXPECT_LT(before, 0.5);
  EXPECT_EQ(a.layer(0).weights, b.layer(0).weights);  // bit-identical for a seed
}

TEST(Trainer, MaskKeepsPrunedWeightsAtZero) {
  const Dataset data = synthetic_dataset(500, 6);
  Network network = init_xavier_uniform({16, 8, 10}, 0);
  Matrix w = network.layer(0).weights;
  for (int i = 0; i < w.rows(); ++i) w(i, i) = 0.0, w(i, 15 - i) = 0.0;
  network.set_weights(0, w);
  const long zeros_before = network.layer(0).weights.size() - network.layer(0).nonzeros();
  const WeightMask mask = nonzero_mask(network);
  TrainingOptions options;
  options.epochs = 2;
  train(network, data, options, mask);
  EXPECT_EQ(network.layer(0).weights.size() - network.layer(0).nonzeros(), zeros_before);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(network.layer(0).weights(i, i), 0.0);
}

TEST(Trainer, RejectsBadOptionsAndShapes) {
  const Dataset data = synthetic_dataset(10, 1);
  Network network = init_xavier_uniform({16, 4, 10}, 0);
  TrainingOptions options;
  options.epochs = -1;
  EXPECT_THROW(train(network, data, options), Error);
  Network wrong = init_xavier_uniform({9, 4, 10}, 0);
  try {
    accuracy(wrong, data);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("use the image side the network was trained with"), std::string::npos);
  }
}
