#pragma once
// Internal to the ONNX reader: constant tensors (initializers, Constant nodes)
// as dense row-major arrays of doubles, and the index arithmetic of numpy-style
// broadcasting and transposition that the reader's ops share.
#include <cstdint>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
}

namespace nnmip::onnx_detail {

/// Tensor dimensions, outermost first. Symbolic (batch) dimensions are stored as 1:
/// the reader follows one sample through the graph.
using Shape = std::vector<std::int64_t>;
/// Flat row-major element indices.
using IndexMap = std::vector<long>;

/// A constant tensor, values in row-major order. Integer tensors (Reshape
/// shapes, Squeeze axes) are stored here too; int64 values up to 2^53 are exact.
struct Tensor {
  Shape shape;
  std::vector<double> values;
};

long element_count(const Shape& shape);
std::string shape_string(const Shape& shape);  // "[1, 5]"

/// Decodes an initializer or Constant value: FLOAT, DOUBLE, INT32, INT64, either
/// in raw_data (little-endian) or in the typed fields. Throws nnmip::Error naming
/// the tensor for other types, external data, a wrong element count, or NaN/Inf
/// in a floating-point tensor.
Tensor read_tensor(const onnx::TensorProto& proto);

/// The numpy broadcast of two shapes (right-aligned; a dimension of 1 stretches).
/// Throws nnmip::Error when they do not broadcast.
Shape broadcast_shape(const Shape& a, const Shape& b);

/// For each element of `out` (a broadcast of `in`), the index of the element of `in` it reads.
IndexMap broadcast_index_map(const Shape& out, const Shape& in);

/// Output shape of a transposition: out[i] = in[perm[i]]. Throws on a bad perm.
Shape transposed_shape(const Shape& in, const std::vector<std::int64_t>& perm);
/// For each element of the transposed tensor, the index of the input element it reads.
IndexMap transpose_index_map(const Shape& in, const std::vector<std::int64_t>& perm);

}  // namespace nnmip::onnx_detail
