#pragma once
// Mean softmax cross-entropy of a batch and its gradient (backpropagation).
//   forward:  a^0 = X,  z^l = W^l a^{l-1} + b^l,  a^l = max(0, z^l) (l < L),  logits = z^L
//   loss:     (1/B) sum_s [ log sum_k exp(z^L_ks) - z^L_{y_s s} ]
//   backward: dz^L = (softmax(z^L) - onehot(y)) / B
//             dW^l = dz^l (a^{l-1})^T,  db^l = dz^l 1,
//             dz^{l-1} = ((W^l)^T dz^l) .* [z^{l-1} > 0]
#include <vector>

#include "nnmip/network/network.hpp"

namespace nnmip {

struct Gradients {
  std::vector<Matrix> weights;
  std::vector<Vector> bias;
};

/// Loss of the batch (one input per column of `inputs`); fills `gradients` when non-null.
double cross_entropy(const std::vector<Layer>& layers, const Matrix& inputs, const std::vector<int>& labels,
                     Gradients* gradients);

}  // namespace nnmip
