#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "nnmip/pruning/finetuning.hpp"
#include "nnmip/pruning/pruning.hpp"
#include "nnmip/training/initialization.hpp"
#include "nnmip/training/trainer.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/random.hpp"
#include "support/synthetic_data.hpp"

using namespace nnmip;
using nnmip::testing::synthetic_dataset;

namespace {

const double kRates[] = {0.3, 0.5, 0.8, 0.9, 0.95};

// Python's round (half to even), which PyTorch's pruning amount uses.
long py_round(double x) { return static_cast<long>(std::nearbyint(x)); }

// Odd layer sizes so that halves occur; Xavier draws are never exactly zero.
Network random_network(std::uint64_t seed = 1) {
  Network network = init_xavier_uniform({16, 7, 9, 10}, seed);
  for (const Layer& layer : network.layers()) {
    EXPECT_EQ(layer.nonzeros(), layer.weights.size());
  }
  return network;
}

long zeros(const Layer& layer) { return static_cast<long>(layer.weights.size()) - layer.nonzeros(); }

PruneOptions options_for(double rate, PruneCriterion criterion, PruneStructure structure,
                         PruneScope scope = PruneScope::layer, std::uint64_t seed = 0) {
  PruneOptions options;
  options.rate = rate;
  options.criterion = criterion;
  options.structure = structure;
  options.scope = scope;
  options.seed = seed;
  return options;
}

// Hidden neurons of layer l (0-based weight layer) whose incoming row and outgoing column
// are both all zero.
int removed_neurons(const Network& network, int l) {
  int count = 0;
  for (int i = 0; i < network.layer(l).outputs(); ++i)
    if (network.layer(l).weights.row(i).isZero(0.0) && network.layer(l + 1).weights.col(i).isZero(0.0)) ++count;
  return count;
}

}  // namespace

TEST(PruneOptions, ParseAndPrintNames) {
  for (PruneCriterion c : {PruneCriterion::magnitude, PruneCriterion::random})
    EXPECT_EQ(parse_prune_criterion(to_string(c)), c);
  for (PruneStructure s : {PruneStructure::unstructured, PruneStructure::structured})
    EXPECT_EQ(parse_prune_structure(to_string(s)), s);
  for (PruneScope s : {PruneScope::layer, PruneScope::global}) EXPECT_EQ(parse_prune_scope(to_string(s)), s);
  EXPECT_STREQ(to_string(PruneCriterion::magnitude), "magnitude");
  EXPECT_STREQ(to_string(PruneStructure::structured), "structured");
  EXPECT_STREQ(to_string(PruneScope::global), "global");
  EXPECT_THROW(parse_prune_criterion("l1"), Error);
  EXPECT_THROW(parse_prune_structure("neurons"), Error);
  EXPECT_THROW(parse_prune_scope("all"), Error);
}

TEST(PruneOptions, RateOutsideUnitIntervalThrows) {
  const Network network = random_network();
  for (double rate : {1.0, 1.2, -0.1, std::numeric_limits<double>::quiet_NaN()}) {
    PruneOptions options;
    options.rate = rate;
    EXPECT_THROW(check_prune_options(options), Error) << rate;
    EXPECT_THROW(prune(network, options), Error) << rate;
    EXPECT_THROW(prune_network(network, options, {}, nullptr, false), Error) << rate;
  }
  PruneOptions options;
  options.rate = 1.2;
  try {
    prune(network, options);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "the pruning rate must be in [0, 1) (got 1.2)");
  }
}

TEST(PruneTarget, RoundsHalfToEvenLikePython) {
  EXPECT_EQ(cumulative_prune_target(63, 0.5, 1, 1), 32);   // 31.5 -> 32
  EXPECT_EQ(cumulative_prune_target(45, 0.5, 1, 1), 22);   // 22.5 -> 22
  EXPECT_EQ(cumulative_prune_target(90, 0.95, 1, 1), 86);  // 85.5 -> 86
  EXPECT_EQ(cumulative_prune_target(100, 0.3, 3, 3), 30);
  EXPECT_EQ(cumulative_prune_target(100, 0.5, 0, 5), 0);
  // 1 - 0.5^(1/2) = 0.2929 of 100 -> 29.
  EXPECT_EQ(cumulative_prune_target(100, 0.5, 1, 2), 29);
}

TEST(Unstructured, EveryLayerLosesExactlyRoundRateTimesItsWeights) {
  const Network network = random_network();
  for (PruneCriterion criterion : {PruneCriterion::magnitude, PruneCriterion::random}) {
    for (double rate : kRates) {
      const Network pruned =
          prune(network, options_for(rate, criterion, PruneStructure::unstructured, PruneScope::layer, 3));
      for (int l = 0; l < network.num_layers(); ++l) {
        const long n = network.layer(l).weights.size();
        EXPECT_EQ(pruned.layer(l).nonzeros(), n - py_round(rate * n))
            << to_string(criterion) << " rate " << rate << " layer " << l;
        EXPECT_EQ(pruned.layer(l).bias, network.layer(l).bias);
        // Kept weights are untouched.
        const Matrix& w = pruned.layer(l).weights;
        for (int k = 0; k < w.size(); ++k)
          if (w.data()[k] != 0.0) {
            EXPECT_EQ(w.data()[k], network.layer(l).weights.data()[k]);
          }
      }
      const auto report = pruned.sparsity();
      EXPECT_EQ(report.back().nonzero_weights, 90 - py_round(rate * 90));
    }
  }
  // Spot values: layer 1 has 7 x 9 = 63 weights, layer 0 112, layer 2 90.
  const Network half = prune(network, options_for(0.5, PruneCriterion::magnitude, PruneStructure::unstructured));
  EXPECT_EQ(zeros(half.layer(0)), 56);
  EXPECT_EQ(zeros(half.layer(1)), 32);
  EXPECT_EQ(zeros(half.layer(2)), 45);
}

TEST(Unstructured, MagnitudeRemovesTheSmallestWeightsOfEachLayer) {
  const Network network = random_network(4);
  for (double rate : kRates) {
    const Network pruned = prune(network, options_for(rate, PruneCriterion::magnitude, PruneStructure::unstructured));
    for (int l = 0; l < network.num_layers(); ++l) {
      double largest_removed = 0.0, smallest_kept = std::numeric_limits<double>::infinity();
      const Matrix& before = network.layer(l).weights;
      const Matrix& after = pruned.layer(l).weights;
      for (int k = 0; k < before.size(); ++k) {
        if (after.data()[k] == 0.0)
          largest_removed = std::max(largest_removed, std::abs(before.data()[k]));
        else
          smallest_kept = std::min(smallest_kept, std::abs(before.data()[k]));
      }
      EXPECT_LE(largest_removed, smallest_kept) << "rate " << rate << " layer " << l;
    }
  }
}

TEST(Unstructured, ExistingZerosCountAsRemoved) {
  Network network = random_network(5);
  Matrix w = network.layer(0).weights;
  for (int j = 0; j < 10; ++j) w(0, j) = 0.0;  // 10 of 112 already zero
  network.set_weights(0, w);
  for (PruneCriterion criterion : {PruneCriterion::magnitude, PruneCriterion::random}) {
    const Network pruned = prune(network, options_for(0.5, criterion, PruneStructure::unstructured));
    EXPECT_EQ(zeros(pruned.layer(0)), 56) << to_string(criterion);
    for (int j = 0; j < 10; ++j) EXPECT_EQ(pruned.layer(0).weights(0, j), 0.0);
  }
  // A layer already sparser than the target is left alone.
  const Network light = prune(network, options_for(0.05, PruneCriterion::random, PruneStructure::unstructured));
  EXPECT_EQ(light.layer(0).weights, network.layer(0).weights);
  EXPECT_EQ(zeros(light.layer(1)), py_round(0.05 * 63));
}

TEST(Unstructured, GlobalScopeRanksAcrossLayers) {
  Network network = random_network(6);
  // Layer 1 (63 weights) gets tiny weights: global magnitude pruning takes them first.
  network.set_weights(1, network.layer(1).weights * 1e-3);
  const long total = 112 + 63 + 90;
  const Network a =
      prune(network, options_for(0.2, PruneCriterion::magnitude, PruneStructure::unstructured, PruneScope::global));
  const long target_a = py_round(0.2 * total);  // 53 < 63
  EXPECT_EQ(zeros(a.layer(0)) + zeros(a.layer(1)) + zeros(a.layer(2)), target_a);
  EXPECT_EQ(zeros(a.layer(1)), target_a);
  EXPECT_EQ(zeros(a.layer(0)), 0);
  EXPECT_EQ(zeros(a.layer(2)), 0);
  const Network b =
      prune(network, options_for(0.5, PruneCriterion::magnitude, PruneStructure::unstructured, PruneScope::global));
  EXPECT_EQ(zeros(b.layer(1)), 63);  // all of the small layer
  EXPECT_EQ(zeros(b.layer(0)) + zeros(b.layer(2)), py_round(0.5 * total) - 63);
  // Every removed |w| <= every kept |w| over the whole network.
  double largest_removed = 0.0, smallest_kept = std::numeric_limits<double>::infinity();
  for (int l = 0; l < 3; ++l)
    for (int k = 0; k < network.layer(l).weights.size(); ++k) {
      const double v = std::abs(network.layer(l).weights.data()[k]);
      if (b.layer(l).weights.data()[k] == 0.0)
        largest_removed = std::max(largest_removed, v);
      else
        smallest_kept = std::min(smallest_kept, v);
    }
  EXPECT_LE(largest_removed, smallest_kept);
  // Random global: exact total, not per layer.
  const Network c =
      prune(network, options_for(0.5, PruneCriterion::random, PruneStructure::unstructured, PruneScope::global, 9));
  EXPECT_EQ(zeros(c.layer(0)) + zeros(c.layer(1)) + zeros(c.layer(2)), py_round(0.5 * total));
}

TEST(Structured, RemovesWholeHiddenNeuronsOnly) {
  const Network network = random_network(7);
  for (PruneCriterion criterion : {PruneCriterion::magnitude, PruneCriterion::random}) {
    for (double rate : kRates) {
      const Network pruned =
          prune(network, options_for(rate, criterion, PruneStructure::structured, PruneScope::layer, 2));
      const std::string what = std::string(to_string(criterion)) + " rate " + std::to_string(rate);
      EXPECT_EQ(removed_neurons(pruned, 0), py_round(rate * 7)) << what;
      EXPECT_EQ(removed_neurons(pruned, 1), py_round(rate * 9)) << what;
      // Nothing else touched: a weight is zero iff it belongs to a removed neuron.
      for (int l = 0; l < 3; ++l) {
        EXPECT_EQ(pruned.layer(l).bias, network.layer(l).bias);
        const Matrix& w = pruned.layer(l).weights;
        for (int i = 0; i < w.rows(); ++i)
          for (int j = 0; j < w.cols(); ++j) {
            const bool row_removed = l < 2 && w.row(i).isZero(0.0);
            const bool col_removed = l > 0 && w.col(j).isZero(0.0);
            if (!row_removed && !col_removed) {
              EXPECT_EQ(w(i, j), network.layer(l).weights(i, j)) << what;
            }
          }
      }
      // Output neurons are never removed: each output row keeps all columns of kept neurons.
      const int kept_last = 9 - removed_neurons(pruned, 1);
      for (int i = 0; i < 10; ++i) EXPECT_EQ(pruned.layer(2).weights.row(i).array().count(), kept_last) << what;
      // Removed rows are exactly the removed columns of the next layer.
      for (int l = 0; l < 2; ++l)
        for (int i = 0; i < pruned.layer(l).outputs(); ++i)
          EXPECT_EQ(pruned.layer(l).weights.row(i).isZero(0.0), pruned.layer(l + 1).weights.col(i).isZero(0.0));
    }
  }
}

TEST(Structured, MagnitudeRemovesSmallestIncomingL1Norms) {
  const Network network = random_network(8);
  const Network pruned = prune(network, options_for(0.5, PruneCriterion::magnitude, PruneStructure::structured));
  for (int l = 0; l < 2; ++l) {
    double largest_removed = 0.0, smallest_kept = std::numeric_limits<double>::infinity();
    for (int i = 0; i < network.layer(l).outputs(); ++i) {
      const double norm = network.layer(l).weights.row(i).cwiseAbs().sum();
      if (pruned.layer(l).weights.row(i).isZero(0.0))
        largest_removed = std::max(largest_removed, norm);
      else
        smallest_kept = std::min(smallest_kept, norm);
    }
    EXPECT_GT(largest_removed, 0.0);
    EXPECT_LE(largest_removed, smallest_kept) << "layer " << l;
  }
}

TEST(Structured, GlobalScopeRanksAllHiddenNeuronsTogether) {
  Network network = random_network(9);
  network.set_weights(1, network.layer(1).weights * 1e-3);  // hidden layer 2's incoming rows tiny
  const Network pruned =
      prune(network, options_for(0.5, PruneCriterion::magnitude, PruneStructure::structured, PruneScope::global));
  // round(0.5 * 16) = 8 neurons: all 8 removed from the second hidden layer (9 neurons).
  EXPECT_EQ(removed_neurons(pruned, 1), 8);
  EXPECT_EQ(removed_neurons(pruned, 0), 0);
  const Network more =
      prune(network, options_for(0.75, PruneCriterion::magnitude, PruneStructure::structured, PruneScope::global));
  EXPECT_EQ(removed_neurons(more, 1), 9);
  EXPECT_EQ(removed_neurons(more, 0), 12 - 9);
}

TEST(Random, ReproducibleFromSeedAndDifferentAcrossSeeds) {
  const Network network = random_network(10);
  for (PruneStructure structure : {PruneStructure::unstructured, PruneStructure::structured}) {
    const Network a = prune(network, options_for(0.5, PruneCriterion::random, structure, PruneScope::layer, 1));
    const Network b = prune(network, options_for(0.5, PruneCriterion::random, structure, PruneScope::layer, 1));
    const Network c = prune(network, options_for(0.5, PruneCriterion::random, structure, PruneScope::layer, 2));
    const Network m = prune(network, options_for(0.5, PruneCriterion::magnitude, structure));
    bool differs = false, differs_from_magnitude = false;
    for (int l = 0; l < 3; ++l) {
      EXPECT_EQ(a.layer(l).weights, b.layer(l).weights);
      differs = differs || a.layer(l).weights != c.layer(l).weights;
      differs_from_magnitude = differs_from_magnitude || a.layer(l).weights != m.layer(l).weights;
    }
    EXPECT_TRUE(differs) << to_string(structure);
    EXPECT_TRUE(differs_from_magnitude) << to_string(structure);
  }
}

TEST(Prune, RateZeroChangesNothing) {
  const Network network = random_network(11);
  for (PruneCriterion criterion : {PruneCriterion::magnitude, PruneCriterion::random})
    for (PruneStructure structure : {PruneStructure::unstructured, PruneStructure::structured})
      for (PruneScope scope : {PruneScope::layer, PruneScope::global}) {
        const Network pruned = prune(network, options_for(0.0, criterion, structure, scope, 5));
        for (int l = 0; l < 3; ++l) {
          EXPECT_EQ(pruned.layer(l).weights, network.layer(l).weights);
          EXPECT_EQ(pruned.layer(l).bias, network.layer(l).bias);
        }
      }
}

TEST(Rounds, IterativePruningEndsAtTheExactRate) {
  const Network network = random_network(12);
  const int rounds = 5;
  for (PruneCriterion criterion : {PruneCriterion::magnitude, PruneCriterion::random}) {
    for (double rate : kRates) {
      const double p = 1.0 - std::pow(1.0 - rate, 1.0 / rounds);
      // Unstructured.
      Network current = network;
      for (int r = 1; r <= rounds; ++r) {
        const Network next = prune_round(
            current, options_for(rate, criterion, PruneStructure::unstructured, PruneScope::layer, 4), r, rounds);
        for (int l = 0; l < 3; ++l) {
          const long remaining = current.layer(l).nonzeros();
          const long pruned_now = remaining - next.layer(l).nonzeros();
          // About p of the remaining weights (the cumulative targets absorb rounding).
          EXPECT_LE(std::abs(pruned_now - p * remaining), 1.5) << "round " << r << " layer " << l;
          // Pruned weights stay pruned.
          for (int k = 0; k < current.layer(l).weights.size(); ++k)
            if (current.layer(l).weights.data()[k] == 0.0) {
              EXPECT_EQ(next.layer(l).weights.data()[k], 0.0);
            }
        }
        current = next;
      }
      for (int l = 0; l < 3; ++l) {
        const long n = network.layer(l).weights.size();
        EXPECT_EQ(zeros(current.layer(l)), py_round(rate * n)) << to_string(criterion) << " rate " << rate;
      }
      // Without training in between, iterative magnitude pruning equals one-shot.
      if (criterion == PruneCriterion::magnitude) {
        const Network one_shot = prune(network, options_for(rate, criterion, PruneStructure::unstructured));
        for (int l = 0; l < 3; ++l) EXPECT_EQ(current.layer(l).weights, one_shot.layer(l).weights);
      }
      // Structured.
      current = network;
      for (int r = 1; r <= rounds; ++r)
        current = prune_round(current, options_for(rate, criterion, PruneStructure::structured, PruneScope::layer, 4),
                              r, rounds);
      EXPECT_EQ(removed_neurons(current, 0), py_round(rate * 7));
      EXPECT_EQ(removed_neurons(current, 1), py_round(rate * 9));
    }
  }
  EXPECT_THROW(prune_round(network, PruneOptions{}, 0, 5), Error);
  EXPECT_THROW(prune_round(network, PruneOptions{}, 6, 5), Error);
}

TEST(Finetuning, NeedsADataset) {
  const Network network = random_network();
  FinetuneOptions finetune;
  finetune.rounds = 2;
  try {
    prune_network(network, PruneOptions{}, finetune, nullptr, false);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "finetuning needs a dataset (its name and input size)");
  }
  finetune.rounds = -1;
  const DatasetSplit data{synthetic_dataset(20, 1), synthetic_dataset(20, 2)};
  EXPECT_THROW(prune_network(init_xavier_uniform({16, 8, 10}, 0), PruneOptions{}, finetune, &data, false), Error);
}

TEST(Finetuning, OneShotWithoutDataReportsNaN) {
  const Network network = random_network(13);
  PruneOptions options;
  options.rate = 0.8;
  const PruneResult result = prune_network(network, options, FinetuneOptions{}, nullptr, false);
  EXPECT_TRUE(std::isnan(result.report.accuracy_before));
  EXPECT_TRUE(std::isnan(result.report.accuracy_after_pruning));
  EXPECT_TRUE(std::isnan(result.report.accuracy_after_finetuning));
  EXPECT_EQ(result.report.rounds, 0);
  EXPECT_EQ(result.report.finetune_time_s, 0.0);
  const Network expected = prune(network, options);
  ASSERT_EQ(result.report.layers.size(), 3u);
  for (int l = 0; l < 3; ++l) {
    EXPECT_EQ(result.network.layer(l).weights, expected.layer(l).weights);
    EXPECT_EQ(result.report.layers[l].nonzero_weights, expected.layer(l).nonzeros());
  }
}

TEST(Finetuning, KeepsPrunedWeightsAtZeroAndRecoversAccuracy) {
  const DatasetSplit data{synthetic_dataset(3000, 21), synthetic_dataset(1000, 22)};
  Network dense = init_xavier_uniform({16, 24, 24, 10}, 3);
  TrainingOptions training;
  training.epochs = 15;
  training.seed = 1;
  train(dense, data.train, training);
  ASSERT_GT(accuracy(dense, data.test), 0.95);

  for (int variant = 0; variant < 4; ++variant) {
    const PruneStructure structure = variant < 2 ? PruneStructure::unstructured : PruneStructure::structured;
    const PruneCriterion criterion = variant % 2 == 0 ? PruneCriterion::magnitude : PruneCriterion::random;
    PruneOptions options;
    options.rate = 0.8;
    options.structure = structure;
    options.criterion = criterion;
    options.seed = 7;
    FinetuneOptions finetune;
    finetune.rounds = 3;
    finetune.epochs_per_round = 8;
    finetune.training.seed = 2;
    const PruneResult result = prune_network(dense, options, finetune, &data, false);
    const PruneReport& report = result.report;
    const std::string what = std::string(to_string(structure)) + " " + to_string(criterion);
    EXPECT_EQ(report.rounds, 3);
    EXPECT_GT(report.finetune_time_s, 0.0);
    EXPECT_NEAR(report.accuracy_before, accuracy(dense, data.test), 0.0);
    EXPECT_NEAR(report.accuracy_after_pruning, accuracy(prune(dense, options), data.test), 0.0);
    EXPECT_NEAR(report.accuracy_after_finetuning, accuracy(result.network, data.test), 0.0);
    // Finetuning held the mask: the sparsity after training is still exactly the rate.
    if (structure == PruneStructure::unstructured) {
      for (int l = 0; l < 3; ++l) {
        const long n = dense.layer(l).weights.size();
        EXPECT_EQ(result.network.layer(l).nonzeros(), n - py_round(options.rate * n)) << what;
        EXPECT_EQ(report.layers[l].nonzero_weights, result.network.layer(l).nonzeros());
      }
    } else {
      EXPECT_EQ(removed_neurons(result.network, 0), py_round(0.8 * 24));
      EXPECT_EQ(removed_neurons(result.network, 1), py_round(0.8 * 24));
    }
    // The weights changed (trained), and finetuning recovers much of the accuracy lost by
    // pruning (observed: one-shot 0.08-0.58, finetuned 0.77-1.0; random unstructured
    // pruning at 0.8 can disconnect a class pixel, hence the loose bounds).
    EXPECT_NE(result.network.layer(0).weights, prune(dense, options).layer(0).weights);
    EXPECT_LT(report.accuracy_after_pruning, report.accuracy_before - 0.2) << what;
    EXPECT_GE(report.accuracy_after_finetuning, report.accuracy_after_pruning + 0.2) << what;
    EXPECT_GT(report.accuracy_after_finetuning, 0.6) << what;

    // Same seeds, same result.
    const PruneResult again = prune_network(dense, options, finetune, &data, false);
    for (int l = 0; l < 3; ++l) EXPECT_EQ(again.network.layer(l).weights, result.network.layer(l).weights);
  }
}
