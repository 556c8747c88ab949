// write_onnx: the network as the graph
//     input (the interface's shape, e.g. [N, 1, 28, 28])
//       -> Flatten            when the input is not already [batch, n]
//       -> Gemm -> Relu -> ... -> Gemm     (Y = X W^T + b, transB = 1)
//       -> Reshape            when the declared output shape is not [batch, m]
//       -> output
// with float32 tensors when the interface says the source stored float32, else
// float64 so that nothing is rounded.
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/version.hpp"

namespace nnmip {

namespace {

constexpr int kOpset = 13;
constexpr int kIrVersion = 7;           // the IR version that goes with opset 13
constexpr std::int64_t kSymbolic = -1;  // a symbolic (batch) dimension in an interface shape

using Dims = std::vector<std::int64_t>;

// `values` as little-endian T in one string (ONNX raw_data).
template <typename T>
std::string raw_bytes(const std::vector<double>& values) {
  std::string raw(values.size() * sizeof(T), '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    const T value = static_cast<T>(values[i]);
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
      for (std::size_t b = 0; b < sizeof(T) / 2; ++b) std::swap(bytes[b], bytes[sizeof(T) - 1 - b]);
    std::memcpy(raw.data() + i * sizeof(T), bytes, sizeof(T));
  }
  return raw;
}

// A float32 or float64 tensor in raw_data, values in row-major order.
void fill_tensor(onnx::TensorProto& tensor, const std::string& name, const Dims& dims,
                 const std::vector<double>& values, bool float32) {
  tensor.set_name(name);
  tensor.set_data_type(float32 ? onnx::TensorProto_DataType_FLOAT : onnx::TensorProto_DataType_DOUBLE);
  for (std::int64_t d : dims) tensor.add_dims(d);
  tensor.set_raw_data(float32 ? raw_bytes<float>(values) : raw_bytes<double>(values));
}

void fill_int64_tensor(onnx::TensorProto& tensor, const std::string& name, const Dims& values) {
  tensor.set_name(name);
  tensor.set_data_type(onnx::TensorProto_DataType_INT64);
  tensor.add_dims(static_cast<std::int64_t>(values.size()));
  for (std::int64_t v : values) tensor.add_int64_data(v);
}

// A tensor value of the given shape, kSymbolic dimensions named "N" (the batch).
void describe_tensor(onnx::ValueInfoProto& info, const std::string& name, const Dims& dims, bool float32) {
  info.set_name(name);
  auto* type = info.mutable_type()->mutable_tensor_type();
  type->set_elem_type(float32 ? onnx::TensorProto_DataType_FLOAT : onnx::TensorProto_DataType_DOUBLE);
  for (std::int64_t d : dims) {
    if (d == kSymbolic)
      type->mutable_shape()->add_dim()->set_dim_param("N");
    else
      type->mutable_shape()->add_dim()->set_dim_value(d);
  }
}

onnx::NodeProto& add_node(onnx::GraphProto& graph, const std::string& op, const std::string& name,
                          const std::vector<std::string>& inputs, const std::string& output) {
  auto* node = graph.add_node();
  node->set_name(name);
  node->set_op_type(op);
  for (const auto& in : inputs) node->add_input(in);
  node->add_output(output);
  return *node;
}

void set_int_attribute(onnx::NodeProto& node, const std::string& name, std::int64_t value) {
  auto* a = node.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto_AttributeType_INT);
  a->set_i(value);
}

// Product of known dimensions; -1 when one is symbolic or not positive.
std::int64_t known_count(Dims::const_iterator first, Dims::const_iterator last) {
  std::int64_t count = 1;
  for (auto it = first; it != last; ++it) {
    if (*it <= 0 || count > (std::int64_t{1} << 40)) return -1;
    count *= *it;
  }
  return count;
}

// How the interface's input shape becomes the [batch, n] rows the first Gemm takes:
// [N or 1, d1, ...] with d1 * ... = n is flattened at axis 1 (not at all when it is
// already 2-D); a shape of known dimensions with n elements ([n], [1, 1, 1, n]) at
// axis 0, into [1, n]. Any other shape does not describe this network's n inputs,
// and the default [N, n] is written.
struct InputLayout {
  Dims dims;
  int flatten_axis = -1;           // -1: no Flatten
  std::int64_t batch = kSymbolic;  // the leading dimension of every Gemm output
};

InputLayout input_layout(const Dims& declared, std::int64_t n) {
  const bool batch_first = declared.size() >= 2 && (declared[0] == kSymbolic || declared[0] == 1) &&
                           known_count(declared.begin() + 1, declared.end()) == n;
  if (batch_first) return {declared, declared.size() == 2 ? -1 : 1, declared[0]};
  if (!declared.empty() && known_count(declared.begin(), declared.end()) == n) return {declared, 0, 1};
  return {{kSymbolic, n}, -1, kSymbolic};
}

// The declared output shape when a Reshape of the [batch, m] Gemm output reaches it
// (one symbolic dimension exactly when the batch is symbolic, m elements per
// sample), else [batch, m]. Returns the dims, and whether a Reshape is needed.
std::pair<Dims, bool> output_layout(const Dims& declared, std::int64_t batch, std::int64_t m) {
  const Dims plain = {batch, m};
  if (declared.empty() || declared == plain) return {plain, false};
  const auto symbolic = std::count(declared.begin(), declared.end(), kSymbolic);
  Dims known;
  for (std::int64_t d : declared)
    if (d != kSymbolic) known.push_back(d);
  const bool reachable = symbolic == (batch == kSymbolic ? 1 : 0) && known_count(known.begin(), known.end()) == m;
  return reachable ? std::pair{declared, true} : std::pair{plain, false};
}

void set_notes(onnx::ModelProto& model, const NetworkInterface& interface, const std::string& note) {
  std::string doc = note;
  if (interface.dropped_softmax) {
    const std::string logits =
        "outputs logits: the trailing Softmax of the source network was dropped "
        "(same argmax and output order; apply softmax for probabilities)";
    doc += (doc.empty() ? "" : ". ") + std::string("The network ") + logits;
    auto* prop = model.add_metadata_props();
    prop->set_key("outputs");
    prop->set_value(logits);
  }
  if (!note.empty()) {
    auto* prop = model.add_metadata_props();
    prop->set_key("note");
    prop->set_value(note);
  }
  if (!doc.empty()) model.set_doc_string(doc);
}

// Row-major weights: rows are output neurons, as Gemm with transB = 1 expects.
std::vector<double> row_major(const Matrix& weights) {
  std::vector<double> values(weights.size());
  for (long r = 0; r < weights.rows(); ++r)
    for (long c = 0; c < weights.cols(); ++c) values[r * weights.cols() + c] = weights(r, c);
  return values;
}

// Gemm -> Relu -> ... -> Gemm from `h`; returns the name of the last Gemm's output.
std::string add_layers(onnx::GraphProto& graph, const Network& network, std::string h, const std::string& output,
                       bool float32) {
  for (int l = 0; l < network.num_layers(); ++l) {
    const Layer& layer = network.layer(l);
    const std::string prefix = "layer" + std::to_string(l + 1);
    fill_tensor(*graph.add_initializer(), prefix + ".weight", {layer.outputs(), layer.inputs()},
                row_major(layer.weights), float32);
    fill_tensor(*graph.add_initializer(), prefix + ".bias", {layer.outputs()},
                std::vector<double>(layer.bias.data(), layer.bias.data() + layer.bias.size()), float32);
    const bool last = l + 1 == network.num_layers();
    const std::string gemm = last ? output : prefix + ".gemm";
    set_int_attribute(add_node(graph, "Gemm", prefix + ".gemm", {h, prefix + ".weight", prefix + ".bias"}, gemm),
                      "transB", 1);
    if (last) return gemm;
    add_node(graph, "Relu", prefix + ".relu", {gemm}, prefix + ".relu");
    h = prefix + ".relu";
  }
  return h;
}

onnx::ModelProto build_model(const Network& network, const std::string& note) {
  const NetworkInterface& interface = network.interface();
  onnx::ModelProto model;
  model.set_ir_version(kIrVersion);
  model.set_producer_name("nnmip");
  model.set_producer_version(kVersion);
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  set_notes(model, interface, note);

  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name("nnmip_network");
  const bool float32 = interface.float32;
  const InputLayout in = input_layout(interface.input_shape, network.input_size());
  const auto [out_dims, reshape_output] = output_layout(interface.output_shape, in.batch, network.output_size());
  describe_tensor(*graph.add_input(), interface.input_name, in.dims, float32);

  std::string rows = interface.input_name;
  if (in.flatten_axis >= 0) {
    set_int_attribute(add_node(graph, "Flatten", "flatten", {rows}, "flatten"), "axis", in.flatten_axis);
    rows = "flatten";
  }
  const std::string logits =
      add_layers(graph, network, rows, reshape_output ? "logits" : interface.output_name, float32);
  if (reshape_output) {
    Dims target = out_dims;
    std::replace(target.begin(), target.end(), kSymbolic, std::int64_t{-1});  // Reshape infers the batch
    fill_int64_tensor(*graph.add_initializer(), "output_shape", target);
    add_node(graph, "Reshape", "reshape_output", {logits, "output_shape"}, interface.output_name);
  }
  describe_tensor(*graph.add_output(), interface.output_name, out_dims, float32);
  return model;
}

}  // namespace

double float32_rounding_change(const Network& network) {
  double largest = 0.0;
  const auto note = [&](double value) {
    if (value == 0.0) return;
    const double rounded = static_cast<float>(value);
    largest = std::max(largest, std::isfinite(rounded) ? std::abs(rounded - value) / std::abs(value)
                                                       : std::numeric_limits<double>::infinity());
  };
  for (const Layer& layer : network.layers()) {
    for (long i = 0; i < layer.weights.size(); ++i) note(layer.weights.data()[i]);
    for (long i = 0; i < layer.bias.size(); ++i) note(layer.bias(i));
  }
  return largest;
}

void write_onnx(const Network& network, const std::string& path, const std::string& producer_note) {
  if (network.num_layers() == 0) throw Error("cannot write an empty network to '" + path + "'");
  if (network.interface().float32 && std::isinf(float32_rounding_change(network)))
    throw Error("cannot write '" + path +
                "' with float32 tensors: a weight or bias exceeds the float32 range "
                "(3.4e38); write float64 tensors instead");
  const onnx::ModelProto model = build_model(network, producer_note);
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception& e) {
    throw Error("internal error: the ONNX model for '" + path + "' fails the ONNX checker: " + e.what());
  }
  std::string bytes;
  if (!model.SerializeToString(&bytes))
    throw Error("internal error: cannot serialize the ONNX model for '" + path + "'");
  write_file_atomically(path, bytes);
}

}  // namespace nnmip
