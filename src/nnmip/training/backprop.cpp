#include "nnmip/training/backprop.hpp"

#include <cmath>

namespace nnmip {

double cross_entropy(const std::vector<Layer>& layers, const Matrix& inputs, const std::vector<int>& labels,
                     Gradients* gradients) {
  const int depth = static_cast<int>(layers.size());
  const auto batch = static_cast<double>(inputs.cols());
  // Forward pass, keeping every layer's output a^l (a^0 = inputs).
  std::vector<Matrix> activations;
  activations.reserve(depth);
  activations.push_back(inputs);
  Matrix z;
  for (int l = 0; l < depth; ++l) {
    z.noalias() = layers[l].weights * activations.back();
    z.colwise() += layers[l].bias;
    if (l + 1 < depth) activations.push_back(z.cwiseMax(0.0));
  }
  // Stable softmax: subtract each column's max before exponentiating.
  Matrix probabilities = z;
  double loss = 0.0;
  for (Eigen::Index s = 0; s < z.cols(); ++s) {
    const double shift = z.col(s).maxCoeff();
    probabilities.col(s) = (z.col(s).array() - shift).exp();
    const double total = probabilities.col(s).sum();
    probabilities.col(s) /= total;
    loss += std::log(total) + shift - z(labels[s], s);
  }
  loss /= batch;
  if (gradients == nullptr) return loss;

  gradients->weights.resize(depth);
  gradients->bias.resize(depth);
  Matrix dz = probabilities;
  for (Eigen::Index s = 0; s < dz.cols(); ++s) dz(labels[s], s) -= 1.0;
  dz /= batch;
  for (int l = depth - 1; l >= 0; --l) {
    const Matrix& input = activations[l];
    gradients->weights[l].noalias() = dz * input.transpose();
    gradients->bias[l] = dz.rowwise().sum();
    if (l == 0) break;
    Matrix da = layers[l].weights.transpose() * dz;
    dz = (input.array() > 0.0).select(da, 0.0);
  }
  return loss;
}

}  // namespace nnmip
