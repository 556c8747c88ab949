// write_onnx: one Gemm (Y = X W^T + b, transB = 1) per layer, Relu between them,
// float64 tensors so that nothing is rounded.
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <bit>
#include <cstring>

#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/atomic_file.hpp"
#include "nnmip/util/error.hpp"
#include "nnmip/util/version.hpp"

namespace nnmip {

namespace {

constexpr int kOpset = 13;
constexpr int kIrVersion = 7;  // the IR version that goes with opset 13

// A float64 tensor in raw_data (little-endian), values in row-major order.
void fill_double_tensor(onnx::TensorProto& tensor, const std::string& name, const std::vector<std::int64_t>& dims,
                        const std::vector<double>& values) {
  tensor.set_name(name);
  tensor.set_data_type(onnx::TensorProto_DataType_DOUBLE);
  for (std::int64_t d : dims) tensor.add_dims(d);
  std::string raw(values.size() * sizeof(double), '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    unsigned char bytes[sizeof(double)];
    std::memcpy(bytes, &values[i], sizeof(double));
    if constexpr (std::endian::native == std::endian::big)
      for (std::size_t b = 0; b < sizeof(double) / 2; ++b) std::swap(bytes[b], bytes[sizeof(double) - 1 - b]);
    std::memcpy(raw.data() + i * sizeof(double), bytes, sizeof(double));
  }
  tensor.set_raw_data(raw);
}

// A float64 tensor value of shape [N, size], N symbolic (the batch).
void describe_batch_tensor(onnx::ValueInfoProto& info, const std::string& name, int size) {
  info.set_name(name);
  auto* type = info.mutable_type()->mutable_tensor_type();
  type->set_elem_type(onnx::TensorProto_DataType_DOUBLE);
  type->mutable_shape()->add_dim()->set_dim_param("N");
  type->mutable_shape()->add_dim()->set_dim_value(size);
}

onnx::ModelProto build_model(const Network& network, const std::string& note) {
  onnx::ModelProto model;
  model.set_ir_version(kIrVersion);
  model.set_producer_name("nnmip");
  model.set_producer_version(kVersion);
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  if (!note.empty()) {
    model.set_doc_string(note);
    auto* prop = model.add_metadata_props();
    prop->set_key("note");
    prop->set_value(note);
  }

  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name("nnmip_network");
  describe_batch_tensor(*graph.add_input(), "input", network.input_size());
  std::string h = "input";
  for (int l = 0; l < network.num_layers(); ++l) {
    const Layer& layer = network.layer(l);
    const std::string prefix = "layer" + std::to_string(l + 1);
    // Row-major weights: rows are output neurons, as Gemm with transB = 1 expects.
    std::vector<double> weights(layer.weights.size());
    for (int r = 0; r < layer.outputs(); ++r)
      for (int c = 0; c < layer.inputs(); ++c) weights[static_cast<std::size_t>(r) * layer.inputs() + c] = layer.weights(r, c);
    fill_double_tensor(*graph.add_initializer(), prefix + ".weight", {layer.outputs(), layer.inputs()}, weights);
    fill_double_tensor(*graph.add_initializer(), prefix + ".bias", {layer.outputs()},
                       std::vector<double>(layer.bias.data(), layer.bias.data() + layer.bias.size()));

    const bool last = l + 1 == network.num_layers();
    auto* gemm = graph.add_node();
    gemm->set_name(prefix + ".gemm");
    gemm->set_op_type("Gemm");
    gemm->add_input(h);
    gemm->add_input(prefix + ".weight");
    gemm->add_input(prefix + ".bias");
    gemm->add_output(last ? "output" : prefix + ".gemm");
    auto* trans_b = gemm->add_attribute();
    trans_b->set_name("transB");
    trans_b->set_type(onnx::AttributeProto_AttributeType_INT);
    trans_b->set_i(1);
    if (last) break;
    auto* relu = graph.add_node();
    relu->set_name(prefix + ".relu");
    relu->set_op_type("Relu");
    relu->add_input(prefix + ".gemm");
    relu->add_output(prefix + ".relu");
    h = prefix + ".relu";
  }
  describe_batch_tensor(*graph.add_output(), "output", network.output_size());
  return model;
}

}  // namespace

void write_onnx(const Network& network, const std::string& path, const std::string& producer_note) {
  if (network.num_layers() == 0) throw Error("cannot write an empty network to '" + path + "'");
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
