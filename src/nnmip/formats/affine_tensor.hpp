#pragma once
// Internal to the ONNX reader: the symbolic values it propagates through a graph.
//
// The reader cuts the graph at every Relu. Between two cuts everything is affine
// in z, the input of the current segment (the network input or the last Relu
// output), so a data tensor is held as
//     element e (row-major) = linear.row(e) * z + offset(e).
// Affine ops (MatMul, Gemm, Add, Sub, Mul/Div by constants, reshapes, transposes)
// transform (linear, offset); at a Relu, (linear, offset) becomes one nnmip Layer.
// Consecutive affine ops therefore compose exactly, with no extra layers.
#include <variant>

#include "nnmip/formats/onnx_tensor.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip::onnx_detail {

struct AffineTensor {
  Shape shape;
  Matrix linear;          // element_count(shape) x inputs; left empty when `identity`
  Vector offset;          // element_count(shape)
  bool identity = false;  // linear = I (a segment input, before any op): saves big products
  long inputs = 0;        // size of z
  int segment = 0;        // which Relu-delimited segment z belongs to

  /// z itself: the tensor of shape `shape` with linear = I and offset = 0.
  static AffineTensor input(const Shape& shape, int segment);
  /// `linear`, materializing the identity when needed.
  Matrix dense_linear() const;
};

/// A tensor during import: a constant, or data (affine in the segment input).
using Value = std::variant<Tensor, AffineTensor>;

inline bool is_data(const Value& v) { return std::holds_alternative<AffineTensor>(v); }
const Shape& shape_of(const Value& v);

/// Same elements in the same row-major order, new shape (Reshape, Flatten, Squeeze, ...).
Value reshaped(Value v, const Shape& shape);
/// Transpose: out[i0..] = in[...] with out axis i = in axis perm[i].
Value transposed(const Value& v, const std::vector<std::int64_t>& perm);
/// numpy matmul (1-D operands promoted and the added axis dropped, batch axes
/// broadcast). At most one operand may be data: the product stays affine.
Value matmul(const Value& a, const Value& b);

enum class ElementOp { Add, Sub, Mul, Div };
/// Broadcasting a (op) b. With data, the other operand must be constant, and
/// for Div the data must be the numerator: only then is the result affine.
Value elementwise(ElementOp op, Value a, Value b);

}  // namespace nnmip::onnx_detail
