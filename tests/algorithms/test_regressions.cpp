// Instance tests with known verdicts on trained networks.
#include <gtest/gtest.h>

#include <filesystem>

#include "nnmip/algorithms/instances.hpp"
#include "nnmip/algorithms/verification.hpp"
#include "nnmip/solver/solver_registry.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/training/trainer.hpp"

using namespace nnmip;

// Fashion-MNIST 18x18 2x32 (5 epochs, seed 0), instance seed 0 has adversarial
// inputs (dense margin 4.28 found without a MIP start). Before the encoding
// dropped negligible weights (~1e-99, left by weight decay), CBC "proved" this
// instance robust with the x0 start. It must never be called robust.
TEST(Regression, TrainedNetworkWithNegligibleWeightsIsNeverFalselyRobust) {
  if (!std::filesystem::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "Fashion-MNIST (Debian package dataset-fashion-mnist) not installed";
  DatasetOptions data_options;
  data_options.input_side = 18;
  const DatasetSplit data = load_dataset(data_options);
  Network network = init_xavier_uniform(make_architecture(324, 2, 32, 10), 0);
  TrainingOptions training;
  training.epochs = 5;
  training.seed = 0;
  train(network, data.train, training);
  const InstanceDraw draw = draw_instance(0, data.train.count());
  VerificationProblem problem;
  problem.center = data.train.images.col(draw.image).cast<double>();
  problem.epsilon = draw.epsilon;
  std::tie(problem.true_class, problem.target_class) = top_two_classes(network.forward(problem.center));
  problem.domain = Box{Vector::Zero(problem.center.size()), Vector::Ones(problem.center.size())};  // pixels
  auto solver = make_cbc_solver();
  for (MipStartChoice start : {MipStartChoice::forward, MipStartChoice::none}) {
    SearchOptions options;
    options.solver.time_limit_s = 30;
    options.mip_start = start;
    const VerificationResult result = verify(network, problem, options, *solver);
    EXPECT_NE(result.status, VerificationStatus::robust) << "MIP start " << to_string(start);
    if (result.status == VerificationStatus::adversarial) {
      EXPECT_GE(result.dense_margin, 0.0);
    }
  }
}
