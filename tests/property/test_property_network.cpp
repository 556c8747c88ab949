// compile_property: the compiled network computes S(N(x)) (property.hpp) at
// every point of the box, and its pass-through neurons are stably active.
#include <gtest/gtest.h>

#include "nnmip/property/property_network.hpp"
#include "nnmip/util/error.hpp"
#include "support/tiny_networks.hpp"

namespace nnmip {
namespace {

using testing::random_point;

OutputConstraint random_constraint(Rng& rng, int outputs) {
  OutputConstraint c;
  c.coefficients.resize(outputs);
  for (int j = 0; j < outputs; ++j) c.coefficients(j) = rng.uniform(-2.0, 2.0);
  c.rhs = rng.uniform(-1.0, 1.0);
  c.text = "random";
  return c;
}

std::vector<Conjunction> random_disjuncts(Rng& rng, int outputs, int disjuncts, int max_constraints) {
  std::vector<Conjunction> result(disjuncts);
  for (Conjunction& d : result) {
    const int k = 1 + static_cast<int>(rng.below(max_constraints));
    for (int i = 0; i < k; ++i) d.constraints.push_back(random_constraint(rng, outputs));
  }
  return result;
}

TEST(CompileProperty, ComputesTheSatisfactionEverywhereInTheBox) {
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    Rng rng(seed);
    const int depth = static_cast<int>(rng.below(3));  // 0: a single affine layer
    const Network network = init_pytorch_default(make_architecture(3, depth, 5, 4), seed);
    const Box box{Vector::Constant(3, -2.0), Vector::Constant(3, 1.5)};
    const std::vector<Conjunction> disjuncts = random_disjuncts(rng, 4, 1 + static_cast<int>(rng.below(6)), 5);
    const Network compiled = compile_property(network, disjuncts, box);
    ASSERT_EQ(compiled.output_size(), 1);
    for (int k = 0; k < 200; ++k) {
      const Vector x = random_point(rng, box.lower, box.upper);
      const double expected = satisfaction(disjuncts, network.forward(x));
      EXPECT_NEAR(compiled.forward(x)(0), expected, 1e-9 * (1.0 + std::abs(expected))) << "seed " << seed;
    }
  }
}

TEST(CompileProperty, OneConstraintAddsNoLayerAndTreesAddOnePerLevel) {
  const Network network = init_pytorch_default(make_architecture(2, 1, 3, 3), 7);
  const Box box{Vector::Constant(2, 0.0), Vector::Constant(2, 1.0)};
  Rng rng(1);
  EXPECT_EQ(compile_property(network, random_disjuncts(rng, 3, 1, 1), box).num_layers(), network.num_layers());
  // 3 disjuncts of 1 constraint: max over 3 values, 2 levels.
  std::vector<Conjunction> three(3);
  for (Conjunction& d : three) d.constraints.push_back(random_constraint(rng, 3));
  EXPECT_EQ(compile_property(network, three, box).num_layers(), network.num_layers() + 2);
  // One conjunction of 4 constraints: min over 4 values, 2 levels.
  std::vector<Conjunction> four(1);
  for (int i = 0; i < 4; ++i) four[0].constraints.push_back(random_constraint(rng, 3));
  EXPECT_EQ(compile_property(network, four, box).num_layers(), network.num_layers() + 2);
}

TEST(CompileProperty, PassThroughNeuronsAreStablyActiveOverTheBox) {
  // Every pass-through neuron relu(u - o) has an interval lower bound > 0, so
  // the MILP needs binaries only for the pair neurons: at most (K - 1) + (J - 1).
  Rng rng(3);
  const Network network = init_pytorch_default(make_architecture(3, 2, 6, 5), 3);
  const Box box{Vector::Constant(3, -1.0), Vector::Constant(3, 1.0)};
  const std::vector<Conjunction> disjuncts = random_disjuncts(rng, 5, 5, 3);
  int pairs = 0;
  for (const Conjunction& d : disjuncts) pairs += static_cast<int>(d.constraints.size()) - 1;
  pairs += static_cast<int>(disjuncts.size()) - 1;
  const Network compiled = compile_property(network, disjuncts, box);
  const ActivationBounds bounds = interval_bounds(compiled, box);
  int possibly_unstable = 0;
  for (int l = network.num_layers() - 1; l < compiled.num_layers() - 1; ++l)
    for (int i = 0; i < compiled.layer(l).outputs(); ++i) possibly_unstable += bounds.lower[l](i) < 0.0 ? 1 : 0;
  EXPECT_LE(possibly_unstable, pairs);
}

TEST(CompileProperty, RefusesShapesThatDoNotMatch) {
  const Network network = init_pytorch_default(make_architecture(2, 1, 3, 3), 7);
  const Box box{Vector::Constant(2, 0.0), Vector::Constant(2, 1.0)};
  Conjunction bad;
  bad.constraints.push_back(OutputConstraint{Vector::Ones(2), 0.0, "y_0 + y_1 <= 0"});
  EXPECT_THROW(compile_property(network, {bad}, box), Error);
  EXPECT_THROW(compile_property(network, {}, box), Error);
  EXPECT_THROW(compile_property(network, {Conjunction{}}, box), Error);
  const Box wrong{Vector::Constant(3, 0.0), Vector::Constant(3, 1.0)};
  Conjunction good;
  good.constraints.push_back(OutputConstraint{Vector::Ones(3), 0.0, "sum <= 0"});
  EXPECT_THROW(compile_property(network, {good}, wrong), Error);
}

}  // namespace
}  // namespace nnmip
