// read_onnx: walks the graph once in node order (ONNX requires topological
// order), propagating constants and affine data tensors (affine_tensor.hpp);
// each Relu closes one layer. Shape computations that hold the batch size N are
// evaluated on the side (onnx_shape_values.hpp); each data tensor's batch axis is
// tracked for the Shape ops that read it. A trailing Softmax passes its input through.
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "nnmip/formats/affine_tensor.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/formats/onnx_limits.hpp"
#include "nnmip/formats/onnx_shape_values.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

using namespace onnx_detail;

const char* const kSupportedOps =
    "nnmip reads fully connected ReLU networks: Gemm, MatMul, Add, Sub, Mul, Div, Relu, Flatten, "
    "Reshape, Squeeze, Unsqueeze, Transpose, Identity, Dropout, Cast, Constant, a trailing Softmax / LogSoftmax, "
    "and Shape, Gather, Slice, Concat, ConstantOfShape on shapes";

// How many elements (doubles, indices) reading a file may allocate in all: at
// least kMinReadElements (256 MB; any network up to 4096 x 4096 layers reads
// whatever its file size), else kReadElementsPerByte per byte of the file. A
// float32 weight takes 4 bytes, so that is 16 values per stored weight: room for
// the products of composed layers and the few copies the reader makes, while a
// 113-byte file cannot ask for gigabytes.
constexpr long kMinReadElements = 1L << 25;
constexpr long kReadElementsPerByte = 16;

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(std::string("cannot open the file: ") + std::strerror(errno));
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

onnx::ModelProto parse_model(const std::string& data) {
  if (data.empty()) throw Error("the file is empty, not an ONNX model");
  onnx::ModelProto model;
  if (!model.ParseFromString(data))
    throw Error("not a valid ONNX model: the protobuf does not parse (truncated file, or not ONNX?)");
  if (!model.has_graph() || model.graph().node_size() == 0)
    throw Error("not an ONNX model, or an empty one: the file holds no graph nodes");
  return model;
}

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::int64_t int_attribute(const onnx::NodeProto& node, const std::string& name, std::int64_t fallback) {
  const auto* a = find_attribute(node, name);
  return a ? a->i() : fallback;
}

double float_attribute(const onnx::NodeProto& node, const std::string& name, double fallback) {
  const auto* a = find_attribute(node, name);
  return a ? a->f() : fallback;
}

/// axis in [-rank, rank) (or [-rank, rank] when `inclusive`) to [0, rank).
std::int64_t normalize_axis(std::int64_t axis, std::int64_t rank, bool inclusive = false) {
  const std::int64_t limit = inclusive ? rank + 1 : rank;
  if (axis < -limit || axis >= limit)
    throw Error("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + limit : axis;
}

/// Squeeze / Unsqueeze axes, each normalized to [0, rank); an axis listed twice
/// is an error (ONNX says so, and Unsqueeze would otherwise count it twice in
/// the output rank but insert it once).
std::vector<std::int64_t> normalized_axes(std::vector<std::int64_t> axes, std::int64_t rank) {
  for (auto& a : axes) a = normalize_axis(a, rank);
  for (std::size_t i = 0; i < axes.size(); ++i)
    if (std::find(axes.begin(), axes.begin() + i, axes[i]) != axes.begin() + i)
      throw Error("axis " + std::to_string(axes[i]) + " is listed twice in axes");
  return axes;
}

/// For int_list on ops whose list is only ever an attribute.
constexpr int kNoInput = 1 << 20;

Tensor scalar(double value) { return Tensor{{}, {value}}; }

/// The opset of the default ONNX domain the model imports (1 when it lists none).
std::int64_t default_opset(const onnx::ModelProto& model) {
  for (const auto& opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx") return opset.version();
  return 1;
}

/// Declared dimensions of a graph input or output, -1 for a symbolic one; empty when undeclared.
std::vector<std::int64_t> declared_shape(const onnx::ValueInfoProto& info) {
  std::vector<std::int64_t> dims;
  if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape()) return dims;
  for (const auto& dim : info.type().tensor_type().shape().dim())
    dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
  return dims;
}

bool is_float_type(std::int64_t type) {
  return type == onnx::TensorProto_DataType_FLOAT || type == onnx::TensorProto_DataType_DOUBLE ||
         type == onnx::TensorProto_DataType_FLOAT16 || type == onnx::TensorProto_DataType_BFLOAT16;
}

bool is_integer_type(std::int64_t type) {
  return type == onnx::TensorProto_DataType_INT64 || type == onnx::TensorProto_DataType_INT32;
}

/// Walks one graph; see affine_tensor.hpp for how values are held and
/// onnx_shape_values.hpp for the shape computations that hold the batch size N.
class GraphImporter {
 public:
  GraphImporter(const onnx::GraphProto& graph, std::int64_t opset) : graph_(graph), opset_(opset) {}

  Network run() {
    for (const auto& init : graph_.initializer()) values_[init.name()] = read_weights(init);
    define_input();
    count_uses();
    for (int i = 0; i < graph_.node_size(); ++i) import_node(i, graph_.node(i));
    Network network(finish());
    network.set_interface(interface_);
    return network;
  }

 private:
  // The one graph input that is not an initializer (old exporters list the
  // initializers among the inputs too). Symbolic dimensions count as 1; a single
  // one is the batch axis.
  void define_input() {
    std::vector<const onnx::ValueInfoProto*> inputs;
    for (const auto& input : graph_.input())
      if (!values_.count(input.name())) inputs.push_back(&input);
    if (inputs.size() != 1) {
      std::string names;
      for (const auto* in : inputs) names += (names.empty() ? "" : ", ") + in->name();
      throw Error("the graph has " + std::to_string(inputs.size()) + " data inputs (" + names +
                  "); nnmip reads networks with exactly one input");
    }
    const auto& info = *inputs.front();
    if (!info.type().has_tensor_type() || !info.type().tensor_type().has_shape())
      throw Error("input '" + info.name() + "' has no tensor shape, so its size is unknown");
    interface_.input_name = info.name();
    interface_.input_shape = declared_shape(info);
    input_is_float32_ = info.type().tensor_type().elem_type() == onnx::TensorProto_DataType_FLOAT;
    Shape shape;
    std::int64_t batch_axis = kNoBatchAxis;
    for (std::int64_t d : interface_.input_shape) {
      if (d == 0 || d < -1) throw Error("input '" + info.name() + "' has a dimension of size " + std::to_string(d));
      if (d == -1) batch_axis = batch_axis == kNoBatchAxis ? static_cast<std::int64_t>(shape.size()) : kMergedBatchAxis;
      shape.push_back(d == -1 ? 1 : d);
    }
    values_[info.name()] = AffineTensor::input(shape, segment_);
    batch_axes_[info.name()] = batch_axis;
  }

  // How many nodes read each tensor, so data tensors can be freed after their last use.
  void count_uses() {
    for (const auto& node : graph_.node())
      for (const auto& name : node.input()) ++uses_[name];
    for (const auto& output : graph_.output()) ++uses_[output.name()];
  }

  Tensor read_weights(const onnx::TensorProto& proto) {
    if (proto.data_type() == onnx::TensorProto_DataType_FLOAT) ++float32_tensors_;
    if (proto.data_type() == onnx::TensorProto_DataType_DOUBLE) ++float64_tensors_;
    return read_tensor(proto);
  }

  void import_node(int index, const onnx::NodeProto& node) {
    // Nodes are numbered from 0, in graph order.
    const std::string label = "node " + std::to_string(index) + " '" + node.name() + "'";
    const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
    if (!default_domain || !is_supported(node.op_type()))
      throw Error(label + ": unsupported op " + (default_domain ? "" : node.domain() + ".") + node.op_type() + " (" +
                  kSupportedOps + ")");
    refuse_inner_softmax(label, node);
    try {
      if (node.output_size() < 1 || node.output(0).empty()) throw Error("has no output");
      const std::string& output = node.output(0);
      if (computes_shape(node)) {
        store_shape_value(output, evaluate_shape(node));
      } else {
        Value value = evaluate(node);
        if (is_data(value)) batch_axes_[output] = output_batch_axis(node, shape_of(value));
        values_[output] = std::move(value);
      }
      if (is_softmax(node)) softmax_outputs_[output] = label;
    } catch (const Error& e) {
      throw Error(label + " (" + node.op_type() + "): " + e.what());
    }
    for (const auto& name : node.input()) {
      auto it = values_.find(name);
      if (--uses_[name] == 0 && it != values_.end() && is_data(it->second)) values_.erase(it);
    }
  }

  static bool is_supported(const std::string& op) {
    static const std::unordered_set<std::string> ops = {
        "Gemm",     "MatMul",    "Add",     "Sub",       "Mul",       "Div",      "Relu",
        "Flatten",  "Reshape",   "Squeeze", "Unsqueeze", "Transpose", "Identity", "Dropout",
        "Constant", "Cast",      "Shape",   "Gather",    "Slice",     "Concat",   "ConstantOfShape",
        "Softmax",  "LogSoftmax"};
    return ops.count(op) > 0;
  }

  static bool is_softmax(const onnx::NodeProto& node) {
    return node.op_type() == "Softmax" || node.op_type() == "LogSoftmax";
  }

  // A Softmax is dropped only when its output is the graph output; anything that
  // reads it would compute with probabilities, which are not piecewise linear.
  void refuse_inner_softmax(const std::string& label, const onnx::NodeProto& node) const {
    for (const auto& name : node.input())
      if (const auto it = softmax_outputs_.find(name); it != softmax_outputs_.end())
        throw Error(it->second + ": a Softmax is read by " + label + " (" + node.op_type() +
                    "); nnmip drops a Softmax (or LogSoftmax) only as the last op of the network, after the last "
                    "affine layer; export the network without it (the logits)");
  }

  bool has_input(const onnx::NodeProto& node, int i) const { return node.input_size() > i && !node.input(i).empty(); }

  const Value& input(const onnx::NodeProto& node, int i) const {
    if (!has_input(node, i)) throw Error("input " + std::to_string(i) + " is missing");
    const std::string& name = node.input(i);
    if (const auto s = symbolic_.find(name); s != symbolic_.end())
      throw Error("input '" + name + "' is the shape value " + value_string(s->second) +
                  ", which holds the batch size N; nnmip passes N only through Shape, Gather, Slice, Concat, "
                  "Unsqueeze, Squeeze, Identity, Cast and the shape input of Reshape, and does no arithmetic on it");
    const auto it = values_.find(name);
    if (it == values_.end())
      throw Error("input '" + name + "' is missing: no initializer, graph input or earlier node defines it");
    if (const auto* x = std::get_if<AffineTensor>(&it->second); x && x->segment != segment_)
      throw Error("input '" + name +
                  "' was computed before the last Relu; nnmip reads a single chain "
                  "of layers (no skip connections or branches)");
    return it->second;
  }

  const Tensor& constant_input(const onnx::NodeProto& node, int i, const std::string& what) const {
    const Value& v = input(node, i);
    if (is_data(v)) throw Error(what + " ('" + node.input(i) + "') depends on the network input; it must be constant");
    return std::get<Tensor>(v);
  }

  // Integer list from attribute `name`, else from constant input i, else empty.
  std::vector<std::int64_t> int_list(const onnx::NodeProto& node, const std::string& name, int i) const {
    if (const auto* a = find_attribute(node, name)) return {a->ints().begin(), a->ints().end()};
    if (!has_input(node, i)) return {};
    if (symbolic_.count(node.input(i))) return symbolic_.at(node.input(i)).values;  // a Reshape target [N, -1]
    const Tensor& t = constant_input(node, i, name);
    std::vector<std::int64_t> list;
    for (double v : t.values) list.push_back(to_integer(v, name + " ('" + node.input(i) + "')"));
    return list;
  }

  std::int64_t batch_axis_of(const std::string& name) const {
    const auto it = batch_axes_.find(name);
    return it == batch_axes_.end() ? kNoBatchAxis : it->second;
  }

  // --- shape computations (onnx_shape_values.hpp) ---------------------------------

  // Shape, Gather, Slice and Concat always; the reshapes, Identity
  // and Cast when they move a value that holds N.
  bool computes_shape(const onnx::NodeProto& node) const {
    static const std::unordered_set<std::string> always = {"Shape", "Gather", "Slice", "Concat"};
    static const std::unordered_set<std::string> on_values = {"Unsqueeze", "Squeeze", "Identity", "Cast"};
    return always.count(node.op_type()) ||
           (on_values.count(node.op_type()) && has_input(node, 0) && symbolic_.count(node.input(0)));
  }

  // A value that holds N stays symbolic; one without is an ordinary constant.
  void store_shape_value(const std::string& name, ShapeValue value) {
    if (value.has_batch_size())
      symbolic_[name] = std::move(value);
    else
      values_[name] = value.to_tensor();
  }

  // Input i of a shape computation: a shape value, or an integer constant.
  ShapeValue shape_input(const onnx::NodeProto& node, int i) const {
    if (has_input(node, i))
      if (const auto s = symbolic_.find(node.input(i)); s != symbolic_.end()) return s->second;
    const Value& v = input(node, i);
    if (is_data(v))
      throw Error("reads the data tensor '" + node.input(i) + "'; nnmip evaluates " + node.op_type() +
                  " only on shapes and integer constants");
    return shape_value_of_constant(std::get<Tensor>(v), "input '" + node.input(i) + "'");
  }

  ShapeValue evaluate_shape(const onnx::NodeProto& node) const {
    const std::string& op = node.op_type();
    if (op == "Shape") return shape_of_input(node);
    if (op == "Gather") {
      const ShapeValue data = shape_input(node, 0);
      normalize_axis(int_attribute(node, "axis", 0), static_cast<std::int64_t>(data.shape.size()));
      return gather(data, shape_input(node, 1));
    }
    if (op == "Slice") return slice_of_input(node);
    if (op == "Concat") {
      std::vector<ShapeValue> parts;
      for (int i = 0; i < node.input_size(); ++i) parts.push_back(shape_input(node, i));
      return concat(parts);
    }
    if (op == "Cast" && !is_integer_type(int_attribute(node, "to", 0)))
      throw Error("casts the shape value '" + node.input(0) + "' to a non-integer type");
    ShapeValue value = shape_input(node, 0);  // Identity, Cast, Squeeze, Unsqueeze
    if (op == "Squeeze" || op == "Unsqueeze") value.shape = reshape_target(node, value.shape, kNoBatchAxis).shape;
    return value;
  }

  // Shape(x): x's dimensions with N at its batch axis; opset 15's start / end pick a range.
  ShapeValue shape_of_input(const onnx::NodeProto& node) const {
    ShapeValue dims;
    if (has_input(node, 0) && symbolic_.count(node.input(0))) {
      dims = shape_of_tensor(symbolic_.at(node.input(0)).shape, kNoBatchAxis);
    } else {
      const Value& v = input(node, 0);
      dims = shape_of_tensor(shape_of(v), is_data(v) ? batch_axis_of(node.input(0)) : kNoBatchAxis);
    }
    if (find_attribute(node, "start") || find_attribute(node, "end"))
      dims = slice(dims, int_attribute(node, "start", 0), int_attribute(node, "end", INT64_MAX), 1);
    return dims;
  }

  // Slice of a 1-D shape value along axis 0: starts / ends / axes / steps as
  // attributes (opset < 10) or constant inputs 1-4.
  ShapeValue slice_of_input(const onnx::NodeProto& node) const {
    const ShapeValue data = shape_input(node, 0);
    const auto starts = int_list(node, "starts", 1), ends = int_list(node, "ends", 2);
    const auto axes = int_list(node, "axes", 3), steps = int_list(node, "steps", 4);
    const bool one_axis = starts.size() == 1 && ends.size() == 1 && axes.size() <= 1 && steps.size() <= 1;
    if (!one_axis || (!axes.empty() && normalize_axis(axes[0], 1) != 0))
      throw Error("nnmip slices 1-D shape values along axis 0 only (one start, one end)");
    for (std::int64_t v : {starts[0], ends[0], steps.empty() ? 1 : steps[0]})
      if (v == kBatchSize) throw Error("Slice positions that hold the batch size N are not evaluated");
    return slice(data, starts[0], ends[0], steps.empty() ? 1 : steps[0]);
  }

  // ConstantOfShape: a constant of known shape filled with `value` (default 0).
  Value constant_of_shape(const onnx::NodeProto& node) const {
    const ShapeValue dims = shape_input(node, 0);
    if (dims.has_batch_size())
      throw Error("the shape " + value_string(dims) +
                  " holds the batch size N; nnmip builds constants of known shape only");
    const Shape shape(dims.values.begin(), dims.values.end());
    for (std::int64_t d : shape)
      if (d < 0) throw Error("ConstantOfShape to the negative dimension in " + shape_string(shape));
    double fill = 0.0;
    if (const auto* a = find_attribute(node, "value")) {
      const Tensor value = read_tensor(a->t());
      if (value.values.size() != 1) throw Error("the value of ConstantOfShape must hold one element");
      fill = value.values[0];
    }
    charge_elements(element_count(shape), "the ConstantOfShape " + shape_string(shape));
    return Tensor{shape, std::vector<double>(element_count(shape), fill)};
  }

  // --- values: constants and data ---------------------------------------------------

  Value evaluate(const onnx::NodeProto& node) {
    const std::string& op = node.op_type();
    if (op == "Constant") return constant(node);
    if (op == "ConstantOfShape") return constant_of_shape(node);
    if (op == "Identity" || op == "Dropout") return input(node, 0);
    if (op == "Cast") return cast(node);
    if (op == "Relu") return relu(input(node, 0));
    if (op == "Softmax" || op == "LogSoftmax") return softmax(node);
    if (op == "MatMul") return matmul(input(node, 0), input(node, 1));
    if (op == "Gemm") return gemm(node);
    if (op == "Add") return elementwise(ElementOp::Add, input(node, 0), input(node, 1));
    if (op == "Sub") return elementwise(ElementOp::Sub, input(node, 0), input(node, 1));
    if (op == "Mul") return elementwise(ElementOp::Mul, input(node, 0), input(node, 1));
    if (op == "Div") return elementwise(ElementOp::Div, input(node, 0), input(node, 1));
    if (op == "Transpose") return transposed(input(node, 0), transpose_perm(node, shape_of(input(node, 0)).size()));
    const Value& v = input(node, 0);
    return reshaped(v, reshape_target(node, shape_of(v), kNoBatchAxis).shape);
  }

  Value constant(const onnx::NodeProto& node) {
    if (const auto* a = find_attribute(node, "value")) {
      onnx::TensorProto t = a->t();
      if (t.name().empty()) t.set_name(node.output(0));
      return read_weights(t);
    }
    if (const auto* a = find_attribute(node, "value_float")) return scalar(a->f());
    if (const auto* a = find_attribute(node, "value_int")) return scalar(static_cast<double>(a->i()));
    if (const auto* a = find_attribute(node, "value_floats"))
      return Tensor{{a->floats_size()}, {a->floats().begin(), a->floats().end()}};
    if (const auto* a = find_attribute(node, "value_ints"))
      return Tensor{{a->ints_size()}, {a->ints().begin(), a->ints().end()}};
    throw Error("only value, value_float(s) and value_int(s) constants are supported");
  }

  // Cast keeps data (read as doubles) unchanged when it casts to a floating-point
  // type; constants cast to an integer type are truncated toward zero.
  Value cast(const onnx::NodeProto& node) {
    const std::int64_t to = int_attribute(node, "to", 0);
    const Value& v = input(node, 0);
    const auto* t = std::get_if<Tensor>(&v);
    if (is_float_type(to)) return v;
    if (!t || !is_integer_type(to))
      throw Error("casts " + std::string(t ? "a constant" : "the data tensor") + " to " +
                  onnx::TensorProto_DataType_Name(static_cast<int>(to)) +
                  "; nnmip casts data to floating-point "
                  "types and constants to floating-point or INT32 / INT64");
    Tensor out = *t;
    for (double& value : out.values) value = std::trunc(value);
    return out;
  }

  // Relu(x) closes the current layer: x = linear z + offset becomes Layer{linear, offset},
  // and the Relu output is the input z of the next segment.
  Value relu(const Value& v) {
    if (const auto* t = std::get_if<Tensor>(&v)) {
      charge_elements(static_cast<long>(t->values.size()), "the Relu of a constant");
      Tensor out = *t;
      for (double& value : out.values) value = std::max(value, 0.0);
      return out;
    }
    const auto& x = std::get<AffineTensor>(v);
    layers_.push_back(Layer{x.dense_linear(), x.offset});
    return AffineTensor::input(x.shape, ++segment_);
  }

  // softmax(y)_i = exp(y_i) / sum_j exp(y_j) is increasing in y_i - y_j for every j,
  // so it keeps the argmax and the sign of every output difference (log-softmax
  // too). Over all outputs of a sample it can therefore be dropped when it is the
  // last op: the value passes through, and finish() flags the network. It must
  // act on every output of the sample (not on the batch axis or a part), and on
  // two or more: the softmax of one value is the constant 1.
  Value softmax(const onnx::NodeProto& node) {
    const Value& v = input(node, 0);
    if (!is_data(v)) throw Error("the Softmax of a constant is not part of a network nnmip reads");
    const Shape& in = shape_of(v);
    const auto rank = static_cast<std::int64_t>(in.size());
    const std::int64_t axis = normalize_axis(int_attribute(node, "axis", opset_ >= 13 ? -1 : 1), rank);
    // Before opset 13 the input is coerced to 2-D at `axis` and the softmax runs over [axis..].
    const long span = opset_ >= 13 ? static_cast<long>(in[axis]) : element_count(Shape(in.begin() + axis, in.end()));
    const long outputs = element_count(in);
    const std::int64_t batch = batch_axis_of(node.input(0));
    if (span != outputs || outputs < 2 || (batch >= 0 && axis <= batch))
      throw Error("the " + node.op_type() + " over axis " + std::to_string(axis) + " of " + shape_string(in) +
                  " (one sample) does not act on all of its " + std::to_string(outputs) +
                  " outputs; nnmip drops only a softmax over all outputs of a sample, which keeps their order");
    return v;
  }

  // Y = alpha op(A) op(B) + beta C, op = transpose when transA / transB.
  Value gemm(const onnx::NodeProto& node) {
    for (int i = 0; i < 2; ++i)
      if (shape_of(input(node, i)).size() != 2)
        throw Error("Gemm operand " + std::to_string(i) + " has shape " + shape_string(shape_of(input(node, i))) +
                    "; Gemm takes 2-D operands");
    const bool trans_a = int_attribute(node, "transA", 0) != 0, trans_b = int_attribute(node, "transB", 0) != 0;
    Value a_t, b_t;  // storage for the transposed operands
    const Value& a = trans_a ? (a_t = transposed(input(node, 0), {1, 0})) : input(node, 0);
    const Value& b = trans_b ? (b_t = transposed(input(node, 1), {1, 0})) : input(node, 1);
    Value y = matmul(a, b);
    const double alpha = float_attribute(node, "alpha", 1.0), beta = float_attribute(node, "beta", 1.0);
    if (alpha != 1.0) y = elementwise(ElementOp::Mul, std::move(y), scalar(alpha));
    if (has_input(node, 2)) {
      Value c = input(node, 2);
      if (beta != 1.0) c = elementwise(ElementOp::Mul, std::move(c), scalar(beta));
      y = elementwise(ElementOp::Add, std::move(y), std::move(c));
    }
    return y;
  }

  std::vector<std::int64_t> transpose_perm(const onnx::NodeProto& node, std::size_t rank) const {
    std::vector<std::int64_t> perm = int_list(node, "perm", kNoInput);
    if (perm.empty())  // default: reverse the axes
      for (std::size_t i = rank; i-- > 0;) perm.push_back(static_cast<std::int64_t>(i));
    return perm;
  }

  // Flatten, Reshape, Squeeze, Unsqueeze: same elements, new shape. Also where
  // the batch axis of a data tensor of shape `in` goes.
  ReshapeResult reshape_target(const onnx::NodeProto& node, const Shape& in, std::int64_t batch_axis) const {
    const std::string& op = node.op_type();
    const auto rank = static_cast<std::int64_t>(in.size());
    ReshapeResult out;
    if (op == "Reshape")
      return resolve_reshape(in, batch_axis, int_list(node, "shape", 1), int_attribute(node, "allowzero", 0) != 0);
    if (op == "Flatten") {  // [d0..d(axis-1)] x [d(axis)..]; the batch stays an axis when nothing merges into it
      const std::int64_t axis = normalize_axis(int_attribute(node, "axis", 1), rank, true);
      const Shape head(in.begin(), in.begin() + axis), tail(in.begin() + axis, in.end());
      out.shape = {element_count(head), element_count(tail)};
      const bool batch_alone = batch_axis >= 0 && out.shape[batch_axis < axis ? 0 : 1] == 1;
      out.batch_axis = batch_alone ? (batch_axis < axis ? 0 : 1) : batch_axis < 0 ? batch_axis : kMergedBatchAxis;
    } else if (op == "Squeeze") {
      const std::vector<std::int64_t> axes = normalized_axes(int_list(node, "axes", 1), rank);
      out.batch_axis = batch_axis;
      for (std::int64_t i = 0; i < rank; ++i) {
        const bool listed = std::find(axes.begin(), axes.end(), i) != axes.end();
        if (listed && in[i] != 1)
          throw Error("cannot squeeze axis " + std::to_string(i) + " of shape " + shape_string(in));
        const bool removed = listed || (axes.empty() && in[i] == 1);
        if (!removed) out.shape.push_back(in[i]);
        // A squeezed batch axis leaves one sample: the batch size can no longer be stated.
        if (removed && i == batch_axis) out.batch_axis = kMergedBatchAxis;
        if (removed && i < batch_axis && out.batch_axis >= 0) --out.batch_axis;
      }
    } else {  // Unsqueeze: insert 1s at `axes` of the output
      std::vector<std::int64_t> axes = int_list(node, "axes", 1);
      const auto out_rank = rank + static_cast<std::int64_t>(axes.size());
      axes = normalized_axes(axes, out_rank);
      out.batch_axis = batch_axis < 0 ? batch_axis : kMergedBatchAxis;
      for (std::int64_t i = 0, next = 0; i < out_rank; ++i) {
        const bool inserted = std::find(axes.begin(), axes.end(), i) != axes.end();
        if (!inserted && next == batch_axis) out.batch_axis = i;
        out.shape.push_back(inserted ? 1 : in.at(next++));
      }
    }
    return out;
  }

  // Where the batch axis of the data tensor `node` computes goes: it stays where
  // an op keeps the sample axes, and is merged (unknown) where an op mixes it in.
  std::int64_t output_batch_axis(const onnx::NodeProto& node, const Shape& out) const {
    int d = 0;  // the data operand
    while (d + 1 < node.input_size() && !(values_.count(node.input(d)) && is_data(values_.at(node.input(d))))) ++d;
    const std::int64_t batch = batch_axis_of(node.input(d));
    if (batch < 0) return batch;
    const Shape& in = shape_of(values_.at(node.input(d)));
    const std::string& op = node.op_type();
    if (op == "Flatten" || op == "Reshape" || op == "Squeeze" || op == "Unsqueeze")
      return reshape_target(node, in, batch).batch_axis;
    if (op == "Transpose") {
      const auto perm = transpose_perm(node, in.size());
      return std::find(perm.begin(), perm.end(), batch) - perm.begin();
    }
    if (op == "MatMul" || op == "Gemm") {  // x W keeps the row axes of x
      const bool rows_of_x = d == 0 && int_attribute(node, "transA", 0) == 0 && in.size() == out.size();
      return rows_of_x && batch + 1 < static_cast<std::int64_t>(in.size()) ? batch : kMergedBatchAxis;
    }
    if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {  // right-aligned broadcast
      const std::int64_t moved = batch + static_cast<std::int64_t>(out.size() - in.size());
      return out[moved] == 1 ? moved : kMergedBatchAxis;
    }
    return batch;  // Relu, Identity, Dropout, Cast, Softmax: same axes
  }

  // The graph output: what follows the last Relu is the linear output layer.
  std::vector<Layer> finish() {
    if (graph_.output_size() != 1)
      throw Error("the graph has " + std::to_string(graph_.output_size()) +
                  " outputs; nnmip reads networks with exactly one output");
    const std::string& name = graph_.output(0).name();
    const auto it = values_.find(name);
    if (it == values_.end()) throw Error("graph output '" + name + "' is computed by no node");
    const auto* y = std::get_if<AffineTensor>(&it->second);
    if (!y) throw Error("graph output '" + name + "' does not depend on the input");
    if (y->segment != segment_)
      throw Error("graph output '" + name + "' was computed before the last Relu; nnmip reads a single chain");
    layers_.push_back(Layer{y->dense_linear(), y->offset});
    interface_.output_name = name;
    interface_.output_shape = declared_shape(graph_.output(0));
    interface_.dropped_softmax = softmax_outputs_.count(name) > 0;
    interface_.float32 = float64_tensors_ == 0 && (float32_tensors_ > 0 || input_is_float32_);
    return std::move(layers_);
  }

  const onnx::GraphProto& graph_;
  const std::int64_t opset_;
  std::unordered_map<std::string, Value> values_;
  std::unordered_map<std::string, ShapeValue> symbolic_;          // shape values that hold N
  std::unordered_map<std::string, std::int64_t> batch_axes_;      // of data tensors
  std::unordered_map<std::string, std::string> softmax_outputs_;  // -> the Softmax node's label
  std::unordered_map<std::string, int> uses_;
  std::vector<Layer> layers_;
  int segment_ = 0;
  NetworkInterface interface_;
  int float32_tensors_ = 0, float64_tensors_ = 0;
  bool input_is_float32_ = false;
};

}  // namespace

Network read_onnx(const std::string& path) {
  try {
    const std::string data = read_file(path);
    const long limit = std::max(kMinReadElements, kReadElementsPerByte * static_cast<long>(data.size()));
    ElementBudget budget(limit, std::to_string(kReadElementsPerByte) + " per byte of its " +
                                    std::to_string(data.size()) + " bytes, at least " +
                                    std::to_string(kMinReadElements));
    const onnx::ModelProto model = parse_model(data);
    return GraphImporter(model.graph(), default_opset(model)).run();
  } catch (const Error& e) {
    throw Error("ONNX file '" + path + "': " + e.what());
  } catch (const std::bad_alloc&) {
    // The budget above bounds what the file can ask for; this is a machine with
    // less free memory than that (or a memory limit).
    throw Error("ONNX file '" + path +
                "': out of memory while reading the network; the network is "
                "too large for the memory available (check the sizes it declares)");
  }
}

}  // namespace nnmip
