// read_onnx: walks the graph once in node order (ONNX requires topological
// order), propagating constants and affine data tensors (affine_tensor.hpp);
// each Relu closes one layer.
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <new>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "nnmip/formats/affine_tensor.hpp"
#include "nnmip/formats/onnx_limits.hpp"
#include "nnmip/formats/onnx_io.hpp"
#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

using namespace onnx_detail;

const char* const kSupportedOps =
    "nnmip reads fully connected ReLU networks: Gemm, MatMul, Add, Sub, Mul, Div, Relu, Flatten, "
    "Reshape, Squeeze, Unsqueeze, Transpose, Identity, Dropout, Constant";

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

/// An integer read from a constant tensor (stored as double): must be a whole
/// number that fits the index arithmetic (|v| <= 2^62).
std::int64_t to_integer(double value, const std::string& what) {
  if (!(std::abs(value) <= 0x1p62) || value != std::trunc(value)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    throw Error(what + " holds " + text + ", not an integer in [-2^62, 2^62]");
  }
  return static_cast<std::int64_t>(value);
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

/// Walks one graph; see affine_tensor.hpp for how values are held.
class GraphImporter {
 public:
  explicit GraphImporter(const onnx::GraphProto& graph) : graph_(graph) {}

  Network run() {
    for (const auto& init : graph_.initializer()) values_[init.name()] = read_tensor(init);
    define_input();
    count_uses();
    for (int i = 0; i < graph_.node_size(); ++i) import_node(i, graph_.node(i));
    return Network(finish());
  }

 private:
  // The one graph input that is not an initializer (old exporters list the
  // initializers among the inputs too). Symbolic dimensions count as 1.
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
    Shape shape;
    for (const auto& dim : info.type().tensor_type().shape().dim()) {
      if (dim.has_dim_value() && dim.dim_value() <= 0)
        throw Error("input '" + info.name() + "' has a dimension of size " + std::to_string(dim.dim_value()));
      shape.push_back(dim.has_dim_value() ? dim.dim_value() : 1);
    }
    values_[info.name()] = AffineTensor::input(shape, segment_);
  }

  // How many nodes read each tensor, so data tensors can be freed after their last use.
  void count_uses() {
    for (const auto& node : graph_.node())
      for (const auto& name : node.input()) ++uses_[name];
    for (const auto& output : graph_.output()) ++uses_[output.name()];
  }

  void import_node(int index, const onnx::NodeProto& node) {
    // Nodes are numbered from 0, in graph order.
    const std::string label = "node " + std::to_string(index) + " '" + node.name() + "'";
    const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
    if (!default_domain || !is_supported(node.op_type()))
      throw Error(label + ": unsupported op " + (default_domain ? "" : node.domain() + ".") +
                  node.op_type() + " (" + kSupportedOps + ")");
    try {
      if (node.output_size() < 1 || node.output(0).empty()) throw Error("has no output");
      values_[node.output(0)] = evaluate(node);
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
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "Flatten", "Reshape",
        "Squeeze", "Unsqueeze", "Transpose", "Identity", "Dropout", "Constant"};
    return ops.count(op) > 0;
  }

  bool has_input(const onnx::NodeProto& node, int i) const {
    return node.input_size() > i && !node.input(i).empty();
  }

  const Value& input(const onnx::NodeProto& node, int i) const {
    if (!has_input(node, i)) throw Error("input " + std::to_string(i) + " is missing");
    const std::string& name = node.input(i);
    const auto it = values_.find(name);
    if (it == values_.end())
      throw Error("input '" + name + "' is missing: no initializer, graph input or earlier node defines it");
    if (const auto* x = std::get_if<AffineTensor>(&it->second); x && x->segment != segment_)
      throw Error("input '" + name + "' was computed before the last Relu; nnmip reads a single chain "
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
    const Tensor& t = constant_input(node, i, name);
    std::vector<std::int64_t> list;
    for (double v : t.values) list.push_back(to_integer(v, name + " ('" + node.input(i) + "')"));
    return list;
  }

  Value evaluate(const onnx::NodeProto& node) {
    const std::string& op = node.op_type();
    if (op == "Constant") return constant(node);
    if (op == "Identity" || op == "Dropout") return input(node, 0);
    if (op == "Relu") return relu(input(node, 0));
    if (op == "MatMul") return matmul(input(node, 0), input(node, 1));
    if (op == "Gemm") return gemm(node);
    if (op == "Add") return elementwise(ElementOp::Add, input(node, 0), input(node, 1));
    if (op == "Sub") return elementwise(ElementOp::Sub, input(node, 0), input(node, 1));
    if (op == "Mul") return elementwise(ElementOp::Mul, input(node, 0), input(node, 1));
    if (op == "Div") return elementwise(ElementOp::Div, input(node, 0), input(node, 1));
    if (op == "Transpose") return transpose(node);
    return reshape_like(node);
  }

  Value constant(const onnx::NodeProto& node) {
    if (const auto* a = find_attribute(node, "value")) {
      onnx::TensorProto t = a->t();
      if (t.name().empty()) t.set_name(node.output(0));
      return read_tensor(t);
    }
    if (const auto* a = find_attribute(node, "value_float")) return scalar(a->f());
    if (const auto* a = find_attribute(node, "value_int")) return scalar(static_cast<double>(a->i()));
    if (const auto* a = find_attribute(node, "value_floats"))
      return Tensor{{a->floats_size()}, {a->floats().begin(), a->floats().end()}};
    if (const auto* a = find_attribute(node, "value_ints"))
      return Tensor{{a->ints_size()}, {a->ints().begin(), a->ints().end()}};
    throw Error("only value, value_float(s) and value_int(s) constants are supported");
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

  Value transpose(const onnx::NodeProto& node) {
    const Value& v = input(node, 0);
    std::vector<std::int64_t> perm = int_list(node, "perm", kNoInput);
    if (perm.empty()) {  // default: reverse the axes
      for (std::size_t i = shape_of(v).size(); i-- > 0;) perm.push_back(static_cast<std::int64_t>(i));
    }
    return transposed(v, perm);
  }

  // Flatten, Reshape, Squeeze, Unsqueeze: same elements, new shape.
  Value reshape_like(const onnx::NodeProto& node) {
    const std::string& op = node.op_type();
    const Value& v = input(node, 0);
    const Shape& in = shape_of(v);
    const auto rank = static_cast<std::int64_t>(in.size());
    Shape out;
    if (op == "Flatten") {  // [d0..d(axis-1)] x [d(axis)..]
      const std::int64_t axis = normalize_axis(int_attribute(node, "axis", 1), rank, true);
      out = {element_count(Shape(in.begin(), in.begin() + axis)), element_count(Shape(in.begin() + axis, in.end()))};
    } else if (op == "Reshape") {
      const std::vector<std::int64_t> target = int_list(node, "shape", 1);
      const bool allow_zero = int_attribute(node, "allowzero", 0) != 0;
      long known = 1;
      int infer = -1;
      for (std::size_t i = 0; i < target.size(); ++i) {
        std::int64_t d = target[i];
        if (d == 0 && !allow_zero) {  // 0 copies the input dimension
          if (i >= in.size()) throw Error("Reshape copies dimension " + std::to_string(i) + " of a rank-" + std::to_string(rank) + " tensor");
          d = in[i];
        }
        if (d == -1) {
          if (infer >= 0) throw Error("Reshape has two -1 dimensions");
          infer = static_cast<int>(i);
        } else if (d < 0) {
          throw Error("Reshape to a negative dimension");
        } else {
          known = checked_mul(known, static_cast<long>(d), "the Reshape target " + shape_string(target));
        }
        out.push_back(d);
      }
      if (infer >= 0) {
        if (known == 0 || element_count(in) % known != 0)
          throw Error("cannot reshape " + shape_string(in) + " to " + shape_string(target));
        out[infer] = element_count(in) / known;
      }
    } else if (op == "Squeeze") {
      const std::vector<std::int64_t> axes = normalized_axes(int_list(node, "axes", 1), rank);
      for (std::int64_t i = 0; i < rank; ++i) {
        const bool listed = std::find(axes.begin(), axes.end(), i) != axes.end();
        if (listed && in[i] != 1) throw Error("cannot squeeze axis " + std::to_string(i) + " of shape " + shape_string(in));
        if (!(listed || (axes.empty() && in[i] == 1))) out.push_back(in[i]);
      }
    } else {  // Unsqueeze: insert 1s at `axes` of the output
      std::vector<std::int64_t> axes = int_list(node, "axes", 1);
      const auto out_rank = rank + static_cast<std::int64_t>(axes.size());
      axes = normalized_axes(axes, out_rank);
      for (std::int64_t i = 0, next = 0; i < out_rank; ++i)
        out.push_back(std::find(axes.begin(), axes.end(), i) != axes.end() ? 1 : in.at(next++));
    }
    return reshaped(v, out);
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
    return std::move(layers_);
  }

  const onnx::GraphProto& graph_;
  std::unordered_map<std::string, Value> values_;
  std::unordered_map<std::string, int> uses_;
  std::vector<Layer> layers_;
  int segment_ = 0;
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
    return GraphImporter(model.graph()).run();
  } catch (const Error& e) {
    throw Error("ONNX file '" + path + "': " + e.what());
  } catch (const std::bad_alloc&) {
    // The budget above bounds what the file can ask for; this is a machine with
    // less free memory than that (or a memory limit).
    throw Error("ONNX file '" + path + "': out of memory while reading the network; the network is "
                "too large for the memory available (check the sizes it declares)");
  }
}

}  // namespace nnmip
