#pragma once
// A synthetic 10-class problem on 4x4 "images": class k lights up pixel k.
#include "nnmip/data/dataset.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip::testing {

inline Dataset synthetic_dataset(int count, std::uint64_t seed) {
  Rng rng(seed);
  Dataset data;
  data.side = 4;
  data.images = Eigen::MatrixXf::Zero(16, count);
  for (int s = 0; s < count; ++s) {
    const int label = static_cast<int>(rng.below(10));
    data.labels.push_back(label);
    for (int p = 0; p < 16; ++p) data.images(p, s) = static_cast<float>(0.2 * rng.uniform01());
    data.images(label, s) += 0.8f;
  }
  return data;
}

}  // namespace nnmip::testing
