#include "nnmip/network/network.hpp"

#include <string>

#include "nnmip/util/error.hpp"

namespace nnmip {

long Layer::nonzeros() const { return static_cast<long>((weights.array() != 0.0).count()); }

Network::Network(std::vector<Layer> layers) : layers_(std::move(layers)) {
  if (layers_.empty()) throw Error("network has no layers");
  for (int l = 0; l < num_layers(); ++l) {
    const Layer& layer = layers_[l];
    const std::string where = "layer " + std::to_string(l + 1) + " of " + std::to_string(num_layers());
    if (layer.weights.rows() == 0 || layer.weights.cols() == 0) throw Error(where + " has an empty weight matrix");
    if (layer.bias.size() != layer.weights.rows())
      throw Error(where + ": bias has " + std::to_string(layer.bias.size()) + " entries but the weight matrix has " +
                  std::to_string(layer.weights.rows()) + " rows");
    if (l > 0 && layer.inputs() != layers_[l - 1].outputs())
      throw Error(where + " takes " + std::to_string(layer.inputs()) + " inputs but the previous layer has " +
                  std::to_string(layers_[l - 1].outputs()) + " outputs: layer shapes do not chain");
    if (!layer.weights.allFinite() || !layer.bias.allFinite()) throw Error(where + " holds NaN or infinite parameters");
  }
  sparse_.resize(layers_.size());
  for (int l = 0; l < num_layers(); ++l) refresh_sparse(l);
}

int Network::input_size() const { return layers_.empty() ? 0 : layers_.front().inputs(); }
int Network::output_size() const { return layers_.empty() ? 0 : layers_.back().outputs(); }

void Network::refresh_sparse(int l) { sparse_[l] = layers_[l].weights.sparseView(1.0, 0.0); }

void Network::set_weights(int l, const Matrix& weights) {
  Layer& layer = layers_.at(l);
  if (weights.rows() != layer.weights.rows() || weights.cols() != layer.weights.cols())
    throw Error("set_weights: shape mismatch in layer " + std::to_string(l + 1));
  if (!weights.allFinite()) throw Error("set_weights: NaN or infinite weight in layer " + std::to_string(l + 1));
  layer.weights = weights;
  refresh_sparse(l);
}

std::vector<Vector> Network::pre_activations(const Vector& x) const {
  std::vector<Vector> g;
  g.reserve(layers_.size());
  Vector h = x;
  for (int l = 0; l < num_layers(); ++l) {
    g.push_back(sparse_[l] * h + layers_[l].bias);
    if (l + 1 < num_layers()) h = g.back().cwiseMax(0.0);
  }
  return g;
}

Vector Network::forward(const Vector& x) const {
  Vector h = x;
  for (int l = 0; l < num_layers(); ++l) {
    Vector g = sparse_[l] * h + layers_[l].bias;
    h = (l + 1 < num_layers()) ? Vector(g.cwiseMax(0.0)) : g;
  }
  return h;
}

Matrix Network::forward_batch(const Matrix& inputs) const {
  Matrix h = inputs;
  for (int l = 0; l < num_layers(); ++l) {
    Matrix g = layers_[l].weights * h;
    g.colwise() += layers_[l].bias;
    h = (l + 1 < num_layers()) ? Matrix(g.cwiseMax(0.0)) : g;
  }
  return h;
}

std::vector<LayerSparsity> Network::sparsity() const {
  std::vector<LayerSparsity> out;
  for (const Layer& layer : layers_) {
    LayerSparsity s;
    s.inputs = layer.inputs();
    s.outputs = layer.outputs();
    s.weights = static_cast<long>(layer.weights.size());
    s.nonzero_weights = layer.nonzeros();
    s.nonzero_bias = static_cast<long>((layer.bias.array() != 0.0).count());
    for (int i = 0; i < layer.outputs(); ++i)
      if ((layer.weights.row(i).array() != 0.0).count() == 0) ++s.dead_neurons;
    out.push_back(s);
  }
  return out;
}

long Network::parameter_count() const {
  long n = 0;
  for (const Layer& layer : layers_) n += layer.weights.size() + layer.bias.size();
  return n;
}

long Network::nonzero_weight_count() const {
  long n = 0;
  for (const Layer& layer : layers_) n += layer.nonzeros();
  return n;
}

void check_input(const Network& network, const Vector& x, const char* what) {
  if (x.size() != network.input_size())
    throw Error(std::string(what) + " has " + std::to_string(x.size()) + " entries but the network takes " +
                std::to_string(network.input_size()) + " inputs");
  if (!x.allFinite()) throw Error(std::string(what) + " holds NaN or infinite values");
}

}  // namespace nnmip
