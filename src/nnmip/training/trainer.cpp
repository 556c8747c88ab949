#include "nnmip/training/trainer.hpp"

#include <chrono>
#include <cmath>
#include <numeric>
#include <string>

#include "nnmip/training/backprop.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/progress.hpp"
#include "nnmip/util/random.hpp"

namespace nnmip {

namespace {

/// Adam state of one parameter tensor: m and v, the first and second moment estimates.
///   m = b1 m + (1 - b1) g,  v = b2 v + (1 - b2) g^2,
///   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
struct AdamMoments {
  Matrix m, v;
  explicit AdamMoments(const Matrix& shape) : m(Matrix::Zero(shape.rows(), shape.cols())), v(m) {}
  void step(Matrix& parameter, const Matrix& gradient, double lr, double correction1, double correction2) {
    constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;
    m = kBeta1 * m + (1.0 - kBeta1) * gradient;
    v = kBeta2 * v + (1.0 - kBeta2) * gradient.cwiseProduct(gradient);
    parameter.array() -= lr * (m.array() / correction1) / ((v.array() / correction2).sqrt() + kEpsilon);
  }
};

}  // namespace

WeightMask nonzero_mask(const Network& network) {
  WeightMask mask;
  for (const Layer& layer : network.layers()) mask.push_back((layer.weights.array() != 0.0).cast<double>().matrix());
  return mask;
}

void check_network_fits(const Network& network, const Dataset& data) {
  const int pixels = static_cast<int>(data.images.rows());
  if (network.input_size() != pixels)
    throw Error("the network takes " + std::to_string(network.input_size()) + " inputs but the dataset's images have " +
                std::to_string(pixels) + " pixels (" + std::to_string(data.side) + "x" + std::to_string(data.side) +
                "): use the image side the network was trained with");
  if (network.output_size() != 10)
    throw Error("the network has " + std::to_string(network.output_size()) + " outputs but the dataset has 10 classes");
}

TrainingReport train(Network& network, const Dataset& data, const TrainingOptions& options,
                     const std::optional<WeightMask>& mask, const std::function<void(const EpochReport&)>& on_epoch) {
  if (options.epochs < 0) throw Error("epochs must be >= 0 (got " + std::to_string(options.epochs) + ")");
  if (options.batch_size < 1) throw Error("the batch size must be >= 1");
  if (data.count() == 0) throw Error("the training set is empty");
  check_network_fits(network, data);

  std::vector<Layer> layers = network.layers();
  const int depth = static_cast<int>(layers.size());
  if (mask && static_cast<int>(mask->size()) != depth) throw Error("the weight mask has the wrong number of layers");
  std::vector<AdamMoments> weight_moments, bias_moments;
  for (const Layer& layer : layers) {
    weight_moments.emplace_back(layer.weights);
    bias_moments.emplace_back(Matrix(layer.bias));
  }

  Rng rng(options.seed);
  std::vector<int> order(data.count());
  std::iota(order.begin(), order.end(), 0);
  TrainingReport report;
  const auto start = std::chrono::steady_clock::now();
  long step = 0;
  Gradients gradients;
  Matrix batch;
  std::vector<int> labels;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto epoch_start = std::chrono::steady_clock::now();
    rng.shuffle(order);
    double loss_sum = 0.0;
    int batches = 0;
    for (int first = 0; first < data.count(); first += options.batch_size) {
      const int size = std::min(options.batch_size, data.count() - first);
      batch.resize(data.images.rows(), size);
      labels.resize(size);
      for (int s = 0; s < size; ++s) {
        batch.col(s) = data.images.col(order[first + s]).cast<double>();
        labels[s] = data.labels[order[first + s]];
      }
      loss_sum += cross_entropy(layers, batch, labels, &gradients);
      ++batches;
      ++step;
      const double correction1 = 1.0 - std::pow(0.9, static_cast<double>(step));
      const double correction2 = 1.0 - std::pow(0.999, static_cast<double>(step));
      for (int l = 0; l < depth; ++l) {
        Matrix& w = layers[l].weights;
        Matrix g = gradients.weights[l] + options.weight_decay * w;
        if (mask) g.array() *= (*mask)[l].array();
        weight_moments[l].step(w, g, options.learning_rate, correction1, correction2);
        if (mask) w.array() *= (*mask)[l].array();  // pruned weights stay exactly zero
        Matrix b = layers[l].bias;
        Matrix gb = gradients.bias[l] + options.weight_decay * layers[l].bias;
        bias_moments[l].step(b, gb, options.learning_rate, correction1, correction2);
        layers[l].bias = b.col(0);
      }
    }
    EpochReport epoch_report{epoch, options.epochs, loss_sum / batches, seconds_since(epoch_start)};
    report.epochs.push_back(epoch_report);
    if (on_epoch) on_epoch(epoch_report);
  }
  report.seconds = seconds_since(start);
  NetworkInterface interface = network.interface();  // training changes the weights, not the file's interface
  network = Network(std::move(layers));
  network.set_interface(std::move(interface));
  return report;
}

double accuracy(const Network& network, const Dataset& data) {
  check_network_fits(network, data);
  if (data.count() == 0) return 0.0;
  long correct = 0;
  constexpr int kChunk = 1000;
  for (int first = 0; first < data.count(); first += kChunk) {
    const int size = std::min(kChunk, data.count() - first);
    const Matrix outputs = network.forward_batch(data.images.middleCols(first, size).cast<double>());
    for (int s = 0; s < size; ++s) {
      Eigen::Index best;
      outputs.col(s).maxCoeff(&best);
      if (best == data.labels[first + s]) ++correct;
    }
  }
  return static_cast<double>(correct) / data.count();
}

}  // namespace nnmip
