#pragma once
// A fully connected feed-forward ReLU network (protocol.md "Networks"):
//   h^0 = x,  g^l = W^l h^{l-1} + b^l,  h^l = max(0, g^l) for hidden layers l < L,
//   y = g^L (the last layer is affine, no activation).
// Weights are doubles; a pruned weight is an exact zero. Each layer keeps a
// row-major sparse copy of its weights so that forward passes and the MILP
// builder touch only the nonzeros.
#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nnmip {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

/// One affine layer: weights has one row per output neuron and one column per input.
struct Layer {
  Matrix weights;
  Vector bias;

  int inputs() const { return static_cast<int>(weights.cols()); }
  int outputs() const { return static_cast<int>(weights.rows()); }
  long nonzeros() const;
};

/// Nonzero counts of one layer, as `nnmip info` shows them.
struct LayerSparsity {
  int inputs = 0;
  int outputs = 0;
  long weights = 0;          // inputs * outputs
  long nonzero_weights = 0;  // weights that are not exactly zero
  long nonzero_bias = 0;
  int dead_neurons = 0;  // output neurons with no nonzero incoming weight
  double sparsity() const { return weights == 0 ? 0.0 : 1.0 - static_cast<double>(nonzero_weights) / weights; }
};

/// What the file a network came from said beyond its layers, kept so that a
/// network written back (pruned, exported) looks like the one the user gave.
/// Nothing here changes the function the layers compute, except input_range
/// (see below), which the optimizations respect.
struct NetworkInterface {
  std::string input_name = "input";
  std::string output_name = "output";
  /// Declared shapes; -1 marks a symbolic (batch) dimension. Empty: [N, n] / [N, m].
  std::vector<std::int64_t> input_shape;
  std::vector<std::int64_t> output_shape;
  /// The file stored float32 tensors (written back as float32 unless float64 is asked for).
  bool float32 = false;
  /// A trailing Softmax was dropped: it is monotone, so argmax and the sign of every
  /// output difference are the same with or without it; values are pre-softmax logits.
  bool dropped_softmax = false;
  /// .nnet: the network clips its inputs to [lower, upper] before evaluating
  /// the layers. Optimizations intersect their input domain with this range,
  /// which for a box or a ball centred inside the range gives the same answer
  /// as the clipping network.
  std::optional<Vector> input_range_lower;
  std::optional<Vector> input_range_upper;
};

class Network {
 public:
  Network() = default;
  /// Validates the layers (shapes chain, biases match, all values finite) and
  /// throws nnmip::Error naming the offending layer otherwise.
  explicit Network(std::vector<Layer> layers);

  int input_size() const;
  int output_size() const;
  int num_layers() const { return static_cast<int>(layers_.size()); }
  int num_hidden_layers() const { return num_layers() - 1; }
  const Layer& layer(int l) const { return layers_.at(l); }
  const std::vector<Layer>& layers() const { return layers_; }
  const SparseMatrix& sparse_weights(int l) const { return sparse_.at(l); }

  /// Replaces the weights of layer l (same shape) and refreshes its sparse copy.
  void set_weights(int l, const Matrix& weights);

  /// y = NN(x) for one input.
  Vector forward(const Vector& x) const;
  /// Forward pass of a batch: one input per column, one output per column.
  Matrix forward_batch(const Matrix& inputs) const;
  /// The pre-activations g^1..g^L of every layer at x (the last one is y).
  std::vector<Vector> pre_activations(const Vector& x) const;

  const NetworkInterface& interface() const { return interface_; }
  void set_interface(NetworkInterface interface) { interface_ = std::move(interface); }

  std::vector<LayerSparsity> sparsity() const;
  long parameter_count() const;
  long nonzero_weight_count() const;

 private:
  void refresh_sparse(int l);
  std::vector<Layer> layers_;
  std::vector<SparseMatrix> sparse_;
  NetworkInterface interface_;
};

/// Throws nnmip::Error when x has the wrong size or non-finite entries.
void check_input(const Network& network, const Vector& x, const char* what);

}  // namespace nnmip
